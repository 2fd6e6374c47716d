/**
 * pyproject.toml: PEP 621 `[project] dependencies` and `optional-dependencies`, PEP 735
 * `[dependency-groups]`, Poetry (`[tool.poetry.dependencies]`, groups, `dev-dependencies`),
 * PDM (`[tool.pdm.dev-dependencies]`) and uv (`[tool.uv] dev-dependencies`).
 */
import { parseTomlOnce } from './tomlText';
import { tomlProblem } from './formatErrors';
import { isExactVersion, normalizeName, parseRequirement, isFixedUrl, type ParsedRequirement } from './requirement';
import { keyValueOffset, locateStrings } from './tomlLocate';
import type { ManifestRequirement, ParsedManifest, ProjectFacts } from './types';

type Table = Record<string, unknown>;

const isTable = (v: unknown): v is Table => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);

function get(doc: Table, path: string): unknown {
  let cur: unknown = doc;
  for (const p of path.split('.')) {
    if (!isTable(cur)) return undefined;
    cur = cur[p];
  }
  return cur;
}

/** PEP 508 strings of an array at `table.key`. */
function pep508List(text: string, list: unknown, table: string, key: string, group: string, out: ManifestRequirement[]): void {
  if (!Array.isArray(list)) return;
  const strings = list.filter((x): x is string => typeof x === 'string');
  const at = keyValueOffset(text, table, key);
  const places = locateStrings(text, at?.valueStart ?? 0, strings);
  strings.forEach((s, i) => {
    const requirement = parseRequirement(s);
    const place = places[i];
    if (!requirement || requirement.local || !place) return;
    out.push({
      requirement,
      start: place.start + requirement.nameStart,
      end: place.start + requirement.end,
      group,
      ...(requirement.name && !/:\/\//.test(s) ? { fix: { start: place.start + requirement.specStart, end: place.start + requirement.specEnd, text: (v: string) => `==${v}` } } : {}),
    });
  });
}

/**
 * A Poetry or Pipfile dependency value: `"^1.2"`, `"1.2.3"` (Poetry: exact), `"==1.2.3"`, `"*"`,
 * or a table with `version`, `git` + `rev`, `path`, `url`.
 */
export function tableStyleRequirement(name: string, value: unknown, bareVersionIsExact: boolean): ParsedRequirement | undefined {
  const extras = isTable(value) && Array.isArray(value.extras) ? value.extras.filter((e): e is string => typeof e === 'string').map(normalizeName) : [];
  const base = { name, key: normalizeName(name), nameStart: 0, nameEnd: name.length, end: name.length, specStart: name.length, specEnd: name.length, local: false, ...(extras.length ? { extras } : {}) };
  let spec: unknown = value;
  if (isTable(value)) {
    if (typeof value.path === 'string' || value.editable === true) return { ...base, pinned: true, local: true, problem: '' };
    if (typeof value.git === 'string') {
      const ref = [value.rev, value.ref].find((r) => typeof r === 'string') as string | undefined;
      const pinned = ref !== undefined && /^[0-9a-f]{7,40}$/i.test(ref);
      return { ...base, pinned, problem: pinned ? '' : 'follows a git branch or tag instead of a commit' };
    }
    if (typeof value.url === 'string') {
      const pinned = isFixedUrl(value.url);
      return { ...base, pinned, problem: pinned ? '' : 'points at a URL that is not fixed to a hash' };
    }
    spec = value.version;
  }
  if (typeof spec !== 'string') return { ...base, pinned: false, problem: 'has no version' };
  const s = spec.trim();
  if (s === '*' || s === '') return { ...base, pinned: false, problem: `has no version (${s || '""'})` };
  const exact = /^(===?)\s*([^,*\s]+)$/.exec(s)?.[2] ?? (bareVersionIsExact && isExactVersion(s) ? s : undefined);
  return exact !== undefined ? { ...base, pinned: true, version: exact, problem: '' } : { ...base, pinned: false, problem: `allows a range (${s})` };
}

function tableDeps(text: string, deps: unknown, table: string, group: string, bareVersionIsExact: boolean, out: ManifestRequirement[], skip: (name: string) => boolean = () => false): void {
  if (!isTable(deps)) return;
  for (const [name, value] of Object.entries(deps)) {
    if (skip(name)) continue;
    const requirement = tableStyleRequirement(name, value, bareVersionIsExact);
    if (!requirement || requirement.local) continue;
    const at = keyValueOffset(text, table, name) ?? (isTable(value) ? keyValueOffset(text, `${table}.${name}`, 'version') : undefined);
    if (!at) continue;
    const lineEnd = text.indexOf('\n', at.valueStart);
    const end = (lineEnd < 0 ? text.length : lineEnd);
    const valueText = text.slice(at.valueStart, end).replace(/\s+#.*$/, '').trimEnd();
    const simple = typeof value === 'string' && /^["'][^"']*["']$/.test(valueText);
    out.push({
      requirement,
      start: at.keyStart,
      end: at.valueStart + valueText.length,
      group,
      ...(simple ? { fix: { start: at.valueStart, end: at.valueStart + valueText.length, text: (v: string) => `"${bareVersionIsExact ? v : `==${v}`}"` } } : {}),
    });
  }
}

/** The TOML document, or the manifest that says why it is not one. */
function loadToml(text: string): { doc: Table } | { invalid: ParsedManifest } {
  const r = parseTomlOnce(text);
  return 'doc' in r ? { doc: r.doc as Table } : { invalid: { requirements: [], includes: [], error: tomlProblem(text, r.error) } };
}

export function parsePyproject(text: string): ParsedManifest {
  const toml = loadToml(text);
  if ('invalid' in toml) return toml.invalid;
  const doc = toml.doc;
  const out: ManifestRequirement[] = [];
  pep508List(text, get(doc, 'project.dependencies'), 'project', 'dependencies', 'dependencies', out);
  const optional = get(doc, 'project.optional-dependencies');
  if (isTable(optional)) for (const [g, list] of Object.entries(optional)) pep508List(text, list, 'project.optional-dependencies', g, `optional-dependencies.${g}`, out);
  const groups = get(doc, 'dependency-groups');
  if (isTable(groups)) for (const [g, list] of Object.entries(groups)) pep508List(text, list, 'dependency-groups', g, `dependency-groups.${g}`, out);
  pep508List(text, get(doc, 'tool.uv.dev-dependencies'), 'tool.uv', 'dev-dependencies', 'tool.uv.dev-dependencies', out);
  const pdmDev = get(doc, 'tool.pdm.dev-dependencies');
  if (isTable(pdmDev)) for (const [g, list] of Object.entries(pdmDev)) pep508List(text, list, 'tool.pdm.dev-dependencies', g, `tool.pdm.dev-dependencies.${g}`, out);
  // Poetry: the `python` entry is the interpreter constraint, not a package.
  const notPython = (n: string) => n.toLowerCase() === 'python';
  tableDeps(text, get(doc, 'tool.poetry.dependencies'), 'tool.poetry.dependencies', 'tool.poetry.dependencies', true, out, notPython);
  tableDeps(text, get(doc, 'tool.poetry.dev-dependencies'), 'tool.poetry.dev-dependencies', 'tool.poetry.dev-dependencies', true, out, notPython);
  const poetryGroups = get(doc, 'tool.poetry.group');
  if (isTable(poetryGroups)) {
    for (const [g, t] of Object.entries(poetryGroups)) {
      if (isTable(t)) tableDeps(text, t.dependencies, `tool.poetry.group.${g}.dependencies`, `tool.poetry.group.${g}`, true, out, notPython);
    }
  }
  const name = get(doc, 'project.name') ?? get(doc, 'tool.poetry.name');
  return { requirements: out, includes: [], ...(typeof name === 'string' ? { projectName: name } : {}), project: projectFacts(doc) };
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : []);

/** Requirement names of a PEP 508 list (for lists that are declarations but not pin targets). */
function namesOf(list: unknown): string[] {
  return strings(list).map((s) => parseRequirement(s)?.key).filter((k): k is string => !!k);
}

/**
 * The workspace, dynamic-metadata and tool facts of a pyproject.toml: uv workspaces
 * (`[tool.uv.workspace]`, `[tool.uv.sources]`), hatch workspaces and environments, Poetry and
 * PDM path dependencies, and where a `dynamic` dependency list comes from.
 */
function projectFacts(doc: Table): ProjectFacts {
  const facts: { -readonly [K in keyof ProjectFacts]: ProjectFacts[K] } = {};
  const uvWs = get(doc, 'tool.uv.workspace');
  if (isTable(uvWs)) {
    facts.workspaceMembers = strings(uvWs.members);
    facts.workspaceExclude = strings(uvWs.exclude);
    facts.workspaceTool = 'uv';
  }
  const local: string[] = [];
  const uvSources = get(doc, 'tool.uv.sources');
  if (isTable(uvSources)) {
    for (const [n, v] of Object.entries(uvSources)) {
      const entries = Array.isArray(v) ? v : [v];
      if (entries.some((e) => isTable(e) && (e.workspace === true || typeof e.path === 'string'))) local.push(normalizeName(n));
    }
  }
  for (const table of ['tool.poetry.dependencies', 'tool.poetry.dev-dependencies']) {
    const deps = get(doc, table);
    if (isTable(deps)) for (const [n, v] of Object.entries(deps)) if (isTable(v) && typeof v.path === 'string') local.push(normalizeName(n));
  }
  const poetryGroups = get(doc, 'tool.poetry.group');
  if (isTable(poetryGroups)) {
    for (const g of Object.values(poetryGroups)) {
      if (isTable(g) && isTable(g.dependencies)) for (const [n, v] of Object.entries(g.dependencies)) if (isTable(v) && typeof v.path === 'string') local.push(normalizeName(n));
    }
  }
  if (local.length) facts.localNames = local;
  // hatch: environments install their own dependencies for the project's tests and scripts.
  const also: string[] = [];
  const hatchEnvs = get(doc, 'tool.hatch.envs');
  if (isTable(hatchEnvs)) {
    for (const env of Object.values(hatchEnvs)) {
      if (!isTable(env)) continue;
      also.push(...namesOf(env.dependencies), ...namesOf(env['extra-dependencies']));
      const ws = env.workspace;
      if (isTable(ws) && Array.isArray(ws.members)) {
        const members = ws.members.map((m) => (isTable(m) && typeof m.path === 'string' ? m.path : m)).filter((m): m is string => typeof m === 'string');
        facts.workspaceMembers = [...(facts.workspaceMembers ?? []), ...members];
        facts.workspaceExclude = [...(facts.workspaceExclude ?? []), ...strings(ws.exclude)];
        facts.workspaceTool ??= 'hatch';
      }
    }
  }
  if (also.length) facts.alsoDeclared = also;
  // Compiled extensions the build makes: the project's own top-level modules.
  const ext: string[] = [];
  const maturinModule = get(doc, 'tool.maturin.module-name');
  if (typeof maturinModule === 'string') ext.push(maturinModule);
  const stExt = get(doc, 'tool.setuptools.ext-modules');
  if (Array.isArray(stExt)) for (const e of stExt) if (isTable(e) && typeof e.name === 'string') ext.push(e.name);
  const topOf = (m: string) => m.split('.')[0]!;
  if (ext.length) facts.extensionModules = [...new Set(ext.map(topOf).filter((m) => m))];
  if (isTable(get(doc, 'tool.scikit-build')) || /^scikit[-_]build/i.test(String(get(doc, 'build-system.build-backend') ?? ''))) facts.cmakeBuild = true;
  if (!isTable(doc.project) && !isTable(get(doc, 'tool.poetry'))) facts.virtual = true;
  // `dynamic = ["dependencies"]`: the list is filled at build time.
  const dynamic = strings(get(doc, 'project.dynamic'));
  if (dynamic.includes('dependencies') || dynamic.includes('optional-dependencies')) {
    const files: string[] = [];
    let known = false;
    const st = get(doc, 'tool.setuptools.dynamic');
    if (isTable(st)) {
      if (isTable(st.dependencies)) {
        files.push(...strings(st.dependencies.file));
        known = true;
      }
      if (isTable(st['optional-dependencies'])) for (const v of Object.values(st['optional-dependencies'])) if (isTable(v)) files.push(...strings(v.file));
    }
    // hatch-requirements-txt: `[tool.hatch.metadata.hooks.requirements_txt] files = [...]`.
    const hooks = get(doc, 'tool.hatch.metadata.hooks');
    if (isTable(hooks)) {
      for (const [hook, cfg] of Object.entries(hooks)) {
        if (hook.replace(/-/g, '_') === 'requirements_txt' && isTable(cfg)) {
          files.push(...strings(cfg.files));
          known = known || strings(cfg.files).length > 0;
        }
      }
    }
    if (files.length) facts.dependencyFiles = files;
    if (dynamic.includes('dependencies') && !known) facts.dependenciesUnknown = true;
  }
  return facts;
}

export function parsePipfile(text: string): ParsedManifest {
  const toml = loadToml(text);
  if ('invalid' in toml) return toml.invalid;
  const doc = toml.doc;
  const out: ManifestRequirement[] = [];
  for (const section of ['packages', 'dev-packages']) tableDeps(text, doc[section], section, section, false, out);
  return { requirements: out, includes: [] };
}
