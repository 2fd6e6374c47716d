/**
 * What a project declares: the distributions named by every dependency manifest between a file
 * and the project root (requirements files with their `-r` includes, pyproject.toml, Pipfile,
 * environment.yml, setup.py, setup.cfg), the requirements files a `dynamic` dependency list is
 * read from, and the top-level modules the project itself provides.
 *
 * Workspaces (uv `[tool.uv.workspace]`, hatch `workspace.members`) are read as one project:
 * every member's package is the project's own, code outside any member (examples and tests of
 * a virtual root) runs in the workspace environment that installs every member's
 * dependencies, and a member that depends on another member gets that member's dependencies
 * installed with it (reported at most as a hint by `undeclared-import`). The workspace root's
 * lock file locks every member (`workspaceLockFor`).
 * Memoised per folder with `project.memo`.
 */
import * as path from 'node:path';
import picomatch from 'picomatch';
import { classifyFile } from '../files';
import { DECLARING_KINDS, parseManifest, type ParsedManifest } from '../manifests';
import { normalizeName } from '../manifests/requirement';
import type { ProjectContext } from '../project';
import { projectModulesOf } from '../python/projectModules';
import { foldersUp, lockFilesOf } from './versions';

export interface Declarations {
  /** Manifest files found (absolute paths). */
  readonly manifests: string[];
  /** PEP 503-normalised distribution names declared. */
  readonly names: Set<string>;
  /** Declared names with the extras they ask for (`crewai[tools]` → crewai → {tools}). */
  readonly extras: Map<string, Set<string>>;
  /** The project's own distribution names (normalised): its packages, workspace members, path sources. */
  readonly ownNames: Set<string>;
  /** Folders whose modules are the project's own besides the file's own folders (workspace members). */
  readonly ownDirs: string[];
  /** Names installed only because a workspace member this code depends on declares them: name → that member. */
  readonly viaMember: Map<string, string>;
  /** A manifest computes its dependency list at build time in a way not read here: what it declares is unknown. */
  readonly unknown: boolean;
}

type Mutable = { -readonly [K in keyof Declarations]: Declarations[K] };

function manifestsOfFolder(project: ProjectContext, dir: string): string[] {
  const out: string[] = [];
  for (const n of project.fs.readDir(dir) ?? []) {
    const p = path.join(dir, n);
    const kind = classifyFile(p);
    if (kind?.target === 'manifest' && DECLARING_KINDS.has(kind.manifestKind)) out.push(p);
    else if (n === 'requirements' && project.fs.isDirectory(p)) {
      for (const m of project.fs.readDir(p) ?? []) if (/\.(txt|in)$/i.test(m)) out.push(path.join(p, m));
    }
  }
  return out;
}

/** A manifest file parsed as its kind (memoised: workspace members are read by every file of the project). */
export function parsedManifestFile(project: ProjectContext, file: string): ParsedManifest | undefined {
  return project.memo(`deps:parsed:${file}`, () => {
    const text = project.fs.readFile(file);
    if (text === undefined) return undefined;
    const kind = classifyFile(file);
    const manifestKind = kind?.target === 'manifest' ? kind.manifestKind : 'requirements';
    const program = manifestKind === 'setup-py' ? projectModulesOf(project).programOf(file) : undefined;
    return parseManifest(manifestKind, text, program === 'unparseable' ? undefined : program);
  });
}

/** A Python extension target a CMake build defines (`pybind11_add_module(name …)`, `nanobind_add_module`, `Python_add_library`, `add_library(name MODULE …)`). */
const CMAKE_MODULE = /\b(?:pybind11_add_module|nanobind_add_module|python3?_add_library)\s*\(\s*([A-Za-z_]\w*)|\badd_library\s*\(\s*([A-Za-z_]\w*)\s+MODULE\b/gi;

/** The extension modules the CMakeLists.txt in `dir` builds (CMake text, not Python). */
function cmakeModules(project: ProjectContext, dir: string): string[] {
  const text = project.fs.readFile(path.join(dir, 'CMakeLists.txt'));
  if (text === undefined) return [];
  return [...text.replace(/#.*$/gm, '').matchAll(CMAKE_MODULE)].map((m) => (m[1] ?? m[2])!);
}

function addName(into: Mutable, key: string, extras?: readonly string[]): void {
  into.names.add(key);
  if (extras?.length) {
    const set = into.extras.get(key) ?? new Set<string>();
    for (const e of extras) set.add(e);
    into.extras.set(key, set);
  }
}

function declareFile(project: ProjectContext, file: string, into: Mutable, seen: Set<string>): void {
  if (seen.has(file)) return;
  seen.add(file);
  const parsed = parsedManifestFile(project, file);
  if (!parsed) return;
  for (const r of parsed.requirements) if (r.requirement.key) addName(into, r.requirement.key, r.requirement.extras);
  if (parsed.projectName) into.ownNames.add(normalizeName(parsed.projectName));
  const facts = parsed.project;
  if (facts) {
    for (const n of facts.localNames ?? []) into.ownNames.add(n);
    for (const n of facts.alsoDeclared ?? []) into.names.add(n);
    for (const m of facts.extensionModules ?? []) into.ownNames.add(normalizeName(m));
    if (facts.cmakeBuild) for (const m of cmakeModules(project, path.dirname(file))) into.ownNames.add(normalizeName(m));
    for (const f of facts.dependencyFiles ?? []) {
      const target = path.resolve(path.dirname(file), f);
      if (project.fs.exists(target)) declareFile(project, target, into, seen);
      else into.unknown = true; // the list is in a file we cannot read
    }
    if (facts.dependenciesUnknown) into.unknown = true;
  }
  for (const inc of parsed.includes) declareFile(project, path.resolve(path.dirname(file), inc.path), into, seen);
}

function empty(): Mutable {
  return { manifests: [], names: new Set(), extras: new Map(), ownNames: new Set(), ownDirs: [], viaMember: new Map(), unknown: false };
}

export interface Workspace {
  /** The folder of the pyproject.toml that declares the workspace. */
  readonly root: string;
  readonly tool: string;
  /** Member folders (absolute), the root included when it is a project itself. */
  readonly members: string[];
  /** Member project name (normalised) → its folder. */
  readonly byName: Map<string, string>;
}

const SKIP_DIRS = new Set(['node_modules', '__pycache__', 'site-packages', '.git', '.venv', 'venv']);

/** Folders under `base` matching a member glob (`packages/*`, `libs/**`), matched one path segment at a time. */
function expandGlob(project: ProjectContext, base: string, segments: string[], depth = 0): string[] {
  if (!segments.length) return [base];
  const [seg, ...rest] = segments as [string, ...string[]];
  if (seg === '' || seg === '.') return expandGlob(project, base, rest, depth);
  if (seg === '**') {
    if (depth > 6) return [];
    const out = expandGlob(project, base, rest, depth);
    for (const n of project.fs.readDir(base) ?? []) {
      const p = path.join(base, n);
      if (!SKIP_DIRS.has(n) && !n.startsWith('.') && project.fs.isDirectory(p)) out.push(...expandGlob(project, p, segments, depth + 1));
    }
    return out;
  }
  if (!/[*?[\]{}!]/.test(seg)) {
    const p = path.join(base, seg);
    return project.fs.isDirectory(p) ? expandGlob(project, p, rest, depth + 1) : [];
  }
  const match = picomatch(seg, { dot: false });
  const out: string[] = [];
  for (const n of project.fs.readDir(base) ?? []) {
    const p = path.join(base, n);
    if (match(n) && !SKIP_DIRS.has(n) && project.fs.isDirectory(p)) out.push(...expandGlob(project, p, rest, depth + 1));
  }
  return out;
}

/** The workspace a folder belongs to: the nearest pyproject.toml up the tree that declares members. */
function workspaceOf(project: ProjectContext, dir: string): Workspace | undefined {
  for (const folder of foldersUp(project, dir)) {
    const ws = project.memo(`deps:workspace:${folder}`, () => workspaceAt(project, folder));
    if (ws) return ws;
  }
  return undefined;
}

function workspaceAt(project: ProjectContext, folder: string): Workspace | undefined {
  const file = path.join(folder, 'pyproject.toml');
  if (!project.fs.exists(file)) return undefined;
  const facts = parsedManifestFile(project, file)?.project;
  if (!facts?.workspaceMembers) return undefined;
  const exclude = facts.workspaceExclude?.length ? picomatch(facts.workspaceExclude.map((g) => g.replace(/^\.\//, '').replace(/\/$/, '')), { dot: true }) : undefined;
  const members = new Set<string>();
  if (!facts.virtual) members.add(folder);
  for (const glob of facts.workspaceMembers) {
    for (const d of expandGlob(project, folder, glob.replace(/\\/g, '/').replace(/\/$/, '').split('/'))) {
      const rel = path.relative(folder, d).split(path.sep).join('/');
      if (exclude?.(rel)) continue;
      if (project.fs.exists(path.join(d, 'pyproject.toml')) || project.fs.exists(path.join(d, 'setup.py'))) members.add(d);
    }
  }
  const byName = new Map<string, string>();
  for (const m of members) {
    for (const f of ['pyproject.toml', 'setup.py', 'setup.cfg']) {
      const name = project.fs.exists(path.join(m, f)) ? parsedManifestFile(project, path.join(m, f))?.projectName : undefined;
      if (name) {
        byName.set(normalizeName(name), m);
        break;
      }
    }
  }
  return { root: folder, tool: facts.workspaceTool ?? 'uv', members: [...members], byName };
}

/** The member folder `dir` is in (the deepest one), if any. */
function memberOf(ws: Workspace, dir: string): string | undefined {
  let best: string | undefined;
  for (const m of ws.members) if ((dir === m || dir.startsWith(m + path.sep)) && (!best || m.length > best.length)) best = m;
  return best;
}

/** Declarations of the manifests in `dir` and its parents up to `stop` (inclusive) or the root. */
function declaredUp(project: ProjectContext, dir: string, into: Mutable, seen: Set<string>, record: boolean): void {
  for (const folder of foldersUp(project, dir)) {
    for (const file of manifestsOfFolder(project, folder)) {
      if (record) into.manifests.push(file);
      declareFile(project, file, into, seen);
    }
  }
}

/** Declarations visible from a folder: its manifests and those of its parents up to the root, read with the workspace around them. */
export function declarationsFor(project: ProjectContext, dir: string): Declarations {
  return project.memo(`deps:declared:${dir}`, () => {
    const d = empty();
    declaredUp(project, dir, d, new Set(), true);
    const ws = workspaceOf(project, dir);
    if (!ws) return d;
    for (const [name, m] of ws.byName) {
      d.ownNames.add(name);
      d.ownDirs.push(m);
    }
    const member = memberOf(ws, dir);
    if (!member) {
      // Outside every member (a virtual root's examples and tests): the workspace environment has every member's dependencies.
      for (const m of ws.members) declaredUp(project, m, d, new Set(), false);
      return d;
    }
    // A member that depends on other members gets their dependencies installed with them; a
    // hatch workspace root's environments install every member.
    const dependsOn = ws.tool === 'hatch' && member === ws.root ? [...ws.byName.keys()] : [...d.names];
    const queue = dependsOn.filter((n) => ws.byName.has(n) && ws.byName.get(n) !== member);
    const visited = new Set<string>(queue);
    while (queue.length) {
      const dep = queue.shift()!;
      const sub = empty();
      declaredUp(project, ws.byName.get(dep)!, sub, new Set(), false);
      for (const n of sub.names) {
        if (!d.names.has(n) && !d.viaMember.has(n)) d.viaMember.set(n, dep);
        if (ws.byName.has(n) && !visited.has(n)) {
          visited.add(n);
          queue.push(n);
        }
      }
    }
    return d;
  });
}

/**
 * The lock file that locks a manifest in `dir` as a workspace member: the workspace root's
 * `uv.lock` (one lock for every member), or undefined when `dir` is not in a workspace member
 * or the root has no lock.
 */
export function workspaceLockFor(project: ProjectContext, dir: string): string | undefined {
  const ws = workspaceOf(project, dir);
  if (!ws || !ws.members.includes(path.resolve(dir))) return undefined;
  const lock = lockFilesOf(project, ws.root)[0];
  return lock ? path.relative(path.resolve(dir), path.join(ws.root, lock)).split(path.sep).join('/') : undefined;
}

/** Is `module` a module of the project itself (a `.py` file or a package folder next to the code, or under `src/`)? */
export function isOwnModule(project: ProjectContext, dir: string, module: string, extraDirs: readonly string[] = []): boolean {
  return project.memo(`deps:own:${dir}:${module}:${extraDirs.join(path.delimiter)}`, () => {
    for (const folder of [...foldersUp(project, dir), ...extraDirs]) {
      if (moduleIn(project, folder, module)) return true;
    }
    return false;
  });
}

/** Does `folder` (or its `src/`) hold `module` as a file, a package folder or a built extension? */
export function moduleIn(project: ProjectContext, folder: string, module: string): boolean {
  for (const base of [folder, path.join(folder, 'src')]) {
    if (project.fs.exists(path.join(base, `${module}.py`)) || project.fs.exists(path.join(base, `${module}.pyi`))) return true;
    const pkg = path.join(base, module);
    if (project.fs.isDirectory(pkg) && (project.fs.readDir(pkg) ?? []).some((n) => n.endsWith('.py') || project.fs.isDirectory(path.join(pkg, n)))) return true;
    // compiled extension modules built in place (`module.cpython-311-x86_64-linux-gnu.so`)
    if ((project.fs.readDir(base) ?? []).some((n) => n.startsWith(`${module}.`) && /\.(so|pyd)$/.test(n))) return true;
  }
  return false;
}

const INDEX_SKIP = new Set([...SKIP_DIRS, 'env', 'build', 'dist', '.tox', '.nox', '.mypy_cache', '.pytest_cache', '.ipynb_checkpoints']);

/**
 * Top-level module names the project has anywhere in its tree: `.py` files in folders that are
 * not packages (script folders, run from where they are) and packages whose parent is not a
 * package. A notebook or script importing one of them by its bare name is using a sibling
 * module of the project, not a distribution.
 */
export function projectModuleIndex(project: ProjectContext): Set<string> {
  return project.memo('deps:module-index', () => {
    const out = new Set<string>();
    let budget = 20_000;
    const visit = (dir: string, depth: number, parentIsPackage: boolean) => {
      const names = project.fs.readDir(dir);
      if (!names || depth > 8) return;
      const isPackage = names.includes('__init__.py');
      for (const n of names) {
        if (--budget < 0) return;
        if (n.startsWith('.') || INDEX_SKIP.has(n)) continue;
        const p = path.join(dir, n);
        if (n.endsWith('.py')) {
          if (!isPackage) out.add(n.slice(0, -3));
        } else if (!n.includes('.') && project.fs.isDirectory(p)) {
          const sub = project.fs.readDir(p) ?? [];
          if (!isPackage && sub.includes('__init__.py')) out.add(n);
          if (!sub.includes('pyvenv.cfg')) visit(p, depth + 1, isPackage || parentIsPackage);
        }
      }
    };
    visit(project.root, 0, false);
    return out;
  });
}
