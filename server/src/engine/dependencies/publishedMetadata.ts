/**
 * Is a manifest the published metadata of a library — requirements that others install with
 * the package, where ranges are deliberate — rather than the environment of an application?
 *
 * The criterion (docs/rules/unpinned-requirement.md, "When not to use it"): a project is a
 * published library when it
 *   1. builds a distribution: `pyproject.toml` with a `[build-system]` table, not marked as a
 *      non-package (`[tool.uv] package = false`, `[tool.poetry] package-mode = false`), or a
 *      `setup.py`/`setup.cfg`;
 *   2. carries metadata meant for a package index: trove `classifiers` or project URLs
 *      (`[project] classifiers`/`[project.urls]`, Poetry's `classifiers`/`homepage`/
 *      `repository`/`documentation`/`urls`, `setup(classifiers=…, project_urls=…)`,
 *      setup.cfg `[metadata] classifiers`/`project_urls`) — what PyPI shows and nothing else uses;
 *      for a pyproject, in it or in the setup.py/setup.cfg beside it (one distribution);
 *   3. is not deployed from its folder: no Dockerfile or Containerfile beside it that installs
 *      the project itself (`pip install .`/`-e .`, `uv sync`, `poetry install`, or `-r` of a
 *      requirements file its build reads) — a project that builds an image of itself is an
 *      application, whatever else it publishes. An image that installs only some other
 *      requirements file deploys that file, not these ranges; an image of a service its tests
 *      need, or a compose file, is no sign either.
 * Its published lists are the install requirements and extras (`[project] dependencies`,
 * `optional-dependencies`, `[tool.poetry.dependencies]`, `install_requires`, `extras_require`),
 * and the requirements files that its build reads into them (setuptools
 * `[tool.setuptools.dynamic]`, the hatch `requirements_txt` metadata hook, a `setup.py` whose
 * `install_requires` is read from the file). Development groups
 * (`[dependency-groups]`, Poetry groups, uv/PDM dev dependencies) are never published.
 */
import * as path from 'node:path';
import type { ProjectContext } from '../project';
import { parseDockerfile } from '../manifests/dockerfile';
import { setupCalls } from '../manifests/setupPy';
import { EMPTY_MANIFEST } from '../manifests/types';
import type { PythonProgram } from '../python/program';
import { projectModulesOf } from '../python/projectModules';
import { parsedManifestFile } from './projectDeclarations';
import { installsProject } from '../manifests/installCommands';
import { shellCommands } from '../manifests/shellWords';
import { foldersUp } from './versions';
import { parseTomlText, tomlDocumentOf } from './tomlFiles';

type Table = Record<string, unknown>;
const isTable = (v: unknown): v is Table => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
const table = (v: unknown): Table => (isTable(v) ? v : {});
const nonEmpty = (v: unknown): boolean => (Array.isArray(v) ? v.length > 0 : isTable(v) ? Object.keys(v).length > 0 : typeof v === 'string' && v.trim() !== '');

export interface PublishedFacts {
  /** The manifest's requirements in this group are published metadata (ranges on purpose). */
  readonly published: (group: string) => boolean;
  /** The distribution the manifest belongs to (its own name in its extras is not a dependency). */
  readonly projectName?: string;
}

// A compose file alone is no sign: libraries keep one to start the services their tests need.
const CONTAINER_FILE = /^(Dockerfile|Containerfile)(\.[\w.-]+)?$|\.(Dockerfile|Containerfile)$/i;

/** A container image built from `dir` that installs the project there (its manifest read with `files`). */
function deployedFrom(project: ProjectContext, dir: string, files: readonly string[]): boolean {
  const names = files.map((f) => path.basename(f));
  return project.memo(`deps:deployed:${dir}|${names.join(',')}`, () =>
    (project.fs.readDir(dir) ?? []).some((n) => {
      if (!CONTAINER_FILE.test(n)) return false;
      const text = project.fs.readFile(path.join(dir, n));
      if (text === undefined) return false;
      const parsed = parseDockerfile(text);
      return parsed.runs.some((run) => shellCommands(parsed.text, run.start, run.end).some((words) => installsProject(words, names)));
    }),
  );
}


const PUBLISHED_PYPROJECT_GROUP = (g: string) => g === 'dependencies' || g.startsWith('optional-dependencies.') || g === 'tool.poetry.dependencies';

/** A pyproject document read as a library: is it one, its name, and the requirements files its build reads. */
function pyprojectFacts(project: ProjectContext, dir: string, doc: Table): { library: boolean; name?: string; files: string[] } {
  const proj = table(doc.project);
  const tool = table(doc.tool);
  const poetry = table(tool.poetry);
  const builds = isTable(doc['build-system']) && table(tool.uv).package !== false && poetry['package-mode'] !== false;
  const indexMetadata = nonEmpty(proj.classifiers) || nonEmpty(proj.urls) || ['classifiers', 'homepage', 'repository', 'documentation', 'urls'].some((k) => nonEmpty(poetry[k]));
  const name = typeof proj.name === 'string' ? proj.name : typeof poetry.name === 'string' ? poetry.name : undefined;
  // Requirements files the build turns into metadata.
  const files: string[] = [];
  const add = (v: unknown) => {
    for (const f of Array.isArray(v) ? v : [v]) if (typeof f === 'string') files.push(path.resolve(dir, f));
  };
  const dynamic = table(table(tool.setuptools).dynamic);
  add(table(dynamic.dependencies).file);
  for (const extra of Object.values(table(dynamic['optional-dependencies']))) add(table(extra).file);
  const hook = table(table(table(table(tool.hatch).metadata).hooks).requirements_txt);
  add(hook.files);
  for (const extra of Object.values(table(hook['optional-dependencies']))) add(extra);
  return { library: builds && (indexMetadata || siblingIndexMetadata(project, dir)) && !deployedFrom(project, dir, files), ...(name ? { name } : {}), files };
}

/**
 * Index metadata written in the folder's other build file: setuptools merges `setup.py` /
 * `setup.cfg` with `pyproject.toml` into one distribution, so `setup(classifiers=…)` beside a
 * pyproject says the folder publishes a library whichever file lists the requirements.
 */
function siblingIndexMetadata(project: ProjectContext, dir: string): boolean {
  return project.memo(`deps:sibling-index:${dir}`, () => {
    const cfg = project.fs.readFile(path.join(dir, 'setup.cfg'));
    if (cfg !== undefined && setupCfgFacts(cfg).library) return true;
    if (project.fs.readFile(path.join(dir, 'setup.py')) === undefined) return false;
    const program = projectModulesOf(project).programOf(path.join(dir, 'setup.py'));
    return program !== 'unparseable' && setupPyFacts(program).library;
  });
}

function setupPyFacts(program: PythonProgram | undefined): { library: boolean } {
  return { library: !!program && setupCalls(program).some((call) => call.keywords.has('classifiers') || call.keywords.has('project_urls')) };
}

/** A setup.py in `dir`: is it a library's, its name, and the requirements files its `install_requires` is read from. */
function setupPyReads(project: ProjectContext, dir: string): { library: boolean; name?: string; files: string[] } | undefined {
  const file = path.join(dir, 'setup.py');
  // The project's parse of the module, and the manifest reading the declarations made of it.
  const program = projectModulesOf(project).programOf(file);
  if (program === 'unparseable') return undefined;
  const parsed = parsedManifestFile(project, file) ?? EMPTY_MANIFEST;
  const files = (parsed.project?.dependencyFiles ?? []).map((f) => path.resolve(dir, f));
  return { library: setupPyFacts(program).library && !deployedFrom(project, dir, files), ...(parsed.projectName ? { name: parsed.projectName } : {}), files };
}

/** setup.cfg (configparser syntax): a `classifiers` or `project_urls` key in `[metadata]`. */
function setupCfgFacts(text: string): { library: boolean } {
  let section = '';
  for (const line of text.split(/\r?\n/)) {
    const header = /^\[([^\]]+)\]/.exec(line);
    if (header) section = header[1]!.trim();
    else if (section === 'metadata' && /^(classifiers|project_urls)\s*[=:]/.test(line)) return { library: true };
  }
  return { library: false };
}

const NOT_PUBLISHED: PublishedFacts = { published: () => false };

/** What is published in the manifest `file` (of `kind`, with `text`). */
export function publishedFacts(project: ProjectContext, file: string, kind: string, text: string, program?: PythonProgram, projectName?: string): PublishedFacts {
  const dir = path.dirname(path.resolve(file));
  const withName = (f: PublishedFacts): PublishedFacts => (projectName && !f.projectName ? { ...f, projectName } : f);
  switch (kind) {
    case 'pyproject': {
      // The text analysed (an editor's unsaved text or a test's input), not the file on disk.
      const doc = parseTomlText(text);
      if (!doc) return withName(NOT_PUBLISHED);
      const facts = pyprojectFacts(project, dir, doc);
      return { published: facts.library ? PUBLISHED_PYPROJECT_GROUP : () => false, ...(facts.name ? { projectName: facts.name } : {}) };
    }
    case 'setup-py':
    case 'setup-cfg': {
      const library = (kind === 'setup-py' ? setupPyFacts(program) : setupCfgFacts(text)).library && !deployedFrom(project, dir, []);
      return withName({ published: library ? (g) => g === 'install_requires' || g.startsWith('extras_require.') : () => false });
    }
    case 'requirements': {
      // A requirements file is published when a library's pyproject (here or above) reads it.
      const target = path.resolve(file);
      for (const d of foldersUp(project, dir)) {
        const facts = project.memo(`deps:published:${d}`, () => {
          const doc = tomlDocumentOf(project, path.join(d, 'pyproject.toml'));
          return doc ? pyprojectFacts(project, d, doc) : undefined;
        });
        if (facts?.files.includes(target)) return { published: () => facts.library, ...(facts.name ? { projectName: facts.name } : {}) };
        // …or a library's setup.py reads it into `install_requires` (`open("requirements.txt")`).
        const setup = project.memo(`deps:published-setup:${d}`, () => setupPyReads(project, d));
        if (setup?.files.includes(target)) return { published: () => setup.library, ...(setup.name ? { projectName: setup.name } : {}) };
      }
      return NOT_PUBLISHED;
    }
    default:
      return withName(NOT_PUBLISHED);
  }
}
