/**
 * Package installs inside shell commands: `pip install …`, `python -m pip install …`,
 * `uv pip install …`, `uv add …`, `uv tool install …`, `conda|mamba|micromamba install …`,
 * `poetry add …`, `pdm add …`, `pipx install …`, with every package argument and whether it is
 * pinned. Used for notebook magics (`%pip`, `!pip`, `%%bash`), `subprocess` calls and
 * Dockerfile `RUN` lines. Each installer's options and their arity are data
 * (catalogues/installers.ts): an option's value (`--index-strategy first-index`) is not a package.
 */
import { INSTALLER_OPTIONS, PYTHON_VALUE_OPTIONS, TOOL_GLOBAL_VALUES, type InstallerId } from '../catalogues/installers';
import { isExactVersion, normalizeName, parseCondaSpec, parseRequirement, type ParsedRequirement } from './requirement';
import type { Word } from './shellWords';

export interface InstalledPackage {
  readonly word: Word;
  readonly requirement: ParsedRequirement;
  /** `pip` requirement syntax or a conda match spec (for the fix's `==` vs `=`). */
  readonly syntax: 'pip' | 'conda';
}

export interface InstallCommand {
  readonly tool: 'pip' | 'conda';
  readonly installer: InstallerId;
  readonly words: Word[];
  readonly packages: InstalledPackage[];
  readonly upgrade: boolean;
}

const PYTHON_WORD = /^(?:.*[\\/])?(python(\d+(\.\d+)?)?|py)(\.exe)?$|^\{sys\.executable\}$|^\$\{?PYTHON\w*\}?$|^"?\{sys\.executable\}"?$/i;
const PIP_WORD = /^(?:.*[\\/])?pip(\d+(\.\d+)?)?(\.exe)?$/i;
const CONDA_WORD = /^(?:.*[\\/])?conda(\.exe)?$/i;
const MAMBA_WORD = /^(?:.*[\\/])?(mamba|micromamba)(\.exe)?$/i;
const TOOL_WORD = /^(?:.*[\\/])?(uv|poetry|pdm|pipx)(\.exe)?$/i;

/**
 * Where option `v` (a word starting with `-`) leaves the reading: how many following words it
 * consumes as its value (0 or 1), and the option names it carries (a short cluster `-qU` is
 * `-q -U`; `-qr file` ends with `-r`, which takes the next word; `-cconda-forge` carries its value).
 */
function readOption(v: string, values: ReadonlySet<string>): { consumes: number; names: string[]; value?: string } {
  if (v.startsWith('--')) {
    const eq = v.indexOf('=');
    const name = eq < 0 ? v : v.slice(0, eq);
    if (eq >= 0) return { consumes: 0, names: [name], value: v.slice(eq + 1) };
    return { consumes: values.has(name) ? 1 : 0, names: [name] };
  }
  const names: string[] = [];
  for (let k = 1; k < v.length; k++) {
    const name = `-${v[k]}`;
    names.push(name);
    if (values.has(name)) {
      const rest = v.slice(k + 1).replace(/^=/, '');
      return rest ? { consumes: 0, names, value: rest } : { consumes: 1, names };
    }
  }
  return { consumes: 0, names };
}

/** Skip options (with their values) from `i`; the index of the first word that is not one. */
function skipOptions(words: Word[], i: number, values: ReadonlySet<string>): number {
  while (i < words.length && words[i]!.value.startsWith('-') && words[i]!.value !== '-') i += 1 + readOption(words[i]!.value, values).consumes;
  return i;
}

/** The index of the command word, past `sudo`, `env X=1`, `time`…: prefixes that run the real command. */
function commandStart(words: Word[]): number {
  let i = 0;
  while (i < words.length && (/^(sudo|time|nohup|exec|env)$/.test(words[i]!.value) || /^[A-Za-z_]\w*=/.test(words[i]!.value))) i++;
  return i;
}

/** Which installer the command runs and where its arguments start, if it is an install. */
function installStart(words: Word[]): { installer: InstallerId; at: number } | undefined {
  const i = commandStart(words);
  const w = words[i]?.value;
  if (w === undefined) return undefined;
  const sub = (at: number, name: string): number | undefined => (words[at]?.value === name ? at + 1 : undefined);
  if (PIP_WORD.test(w)) return pipInstall(words, i + 1);
  if (CONDA_WORD.test(w) || MAMBA_WORD.test(w)) {
    const tool = CONDA_WORD.test(w) ? 'conda' : 'mamba';
    const at = sub(skipOptions(words, i + 1, TOOL_GLOBAL_VALUES[tool]), 'install');
    return at === undefined ? undefined : { installer: tool, at };
  }
  if (PYTHON_WORD.test(w)) {
    // interpreter options up to `-m` (`python -u -W ignore -m pip install`)
    let k = i + 1;
    while (k < words.length && words[k]!.value.startsWith('-') && !/^-m/.test(words[k]!.value)) k += 1 + readOption(words[k]!.value, PYTHON_VALUE_OPTIONS).consumes;
    const m = words[k]?.value;
    if (m === '-m' && /^pip\d*$/.test(words[k + 1]?.value ?? '')) return pipInstall(words, k + 2);
    if (m !== undefined && /^-mpip\d*$/.test(m)) return pipInstall(words, k + 1);
    return undefined;
  }
  const tool = TOOL_WORD.exec(w)?.[1]?.toLowerCase() as 'uv' | 'poetry' | 'pdm' | 'pipx' | undefined;
  if (!tool) return undefined;
  const j = skipOptions(words, i + 1, TOOL_GLOBAL_VALUES[tool]);
  const s = words[j]?.value;
  if (tool === 'uv') {
    if (s === 'pip') {
      const at = sub(skipOptions(words, j + 1, TOOL_GLOBAL_VALUES.uv), 'install');
      return at === undefined ? undefined : { installer: 'uv-pip', at };
    }
    if (s === 'add') return { installer: 'uv-add', at: j + 1 };
    if (s === 'tool') {
      const at = sub(skipOptions(words, j + 1, TOOL_GLOBAL_VALUES.uv), 'install');
      return at === undefined ? undefined : { installer: 'uv-tool', at };
    }
    return undefined;
  }
  if (tool === 'poetry') return s === 'add' ? { installer: 'poetry-add', at: j + 1 } : undefined;
  if (tool === 'pdm') return s === 'add' ? { installer: 'pdm-add', at: j + 1 } : undefined;
  return s === 'install' ? { installer: 'pipx', at: j + 1 } : undefined;
}

function pipInstall(words: Word[], from: number): { installer: InstallerId; at: number } | undefined {
  // pip's general options may come before the subcommand (`pip -q install`, `pip --python X install`)
  const j = skipOptions(words, from, TOOL_GLOBAL_VALUES.pip);
  return words[j]?.value === 'install' ? { installer: 'pip', at: j + 1 } : undefined;
}

/**
 * Poetry's `name@constraint` (`requests@^2.31`, `requests@2.31.0` — exact —, `requests@latest`):
 * as a requirement whose version part starts at the `@`, so a pin fix writes `name==version`.
 */
function poetryRequirement(v: string): ParsedRequirement | undefined {
  const m = /^([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?@(?!\s)([^/:]*)$/.exec(v);
  if (!m) return parseRequirement(v);
  const name = m[1]!;
  const specStart = name.length + (m[2]?.length ?? 0);
  const spec = m[3]!.trim();
  const exact = /^={0,3}\s*(\S+)$/.exec(spec)?.[1];
  const version = exact !== undefined && isExactVersion(exact) && !/^[\^~<>!]/.test(spec) ? exact : undefined;
  return {
    name, key: normalizeName(name), nameStart: 0, nameEnd: name.length, end: v.length, specStart, specEnd: v.length, local: false,
    pinned: version !== undefined, ...(version !== undefined ? { version } : {}),
    problem: version !== undefined ? '' : spec === '' || spec === 'latest' ? 'has no version' : `allows a range (${spec})`,
  };
}

/** The install command a word list is, with its package arguments; undefined otherwise. */
export function installCommand(words: Word[]): InstallCommand | undefined {
  const start = installStart(words);
  if (!start) return undefined;
  const options = INSTALLER_OPTIONS[start.installer];
  const packages: InstalledPackage[] = [];
  const syntax = options.syntax === 'conda' ? 'conda' : 'pip';
  let upgrade = false;
  for (let i = start.at; i < words.length; i++) {
    const w = words[i]!;
    const v = w.value;
    if (v.startsWith('-') && v !== '-') {
      const opt = readOption(v, options.values);
      if (opt.names.some((n) => options.upgrade.has(n) || options.upgradePackage?.has(n))) upgrade = true;
      i += opt.consumes; // its value is not a package
      continue;
    }
    // Shell redirections and variables we cannot resolve (`$PKG`, `${VERSION}`) are not judged.
    if (/^[<>]|^\d?>/.test(v) || v === '') continue;
    if (v.includes('$') || /\{[^}]*\}/.test(v)) continue;
    const requirement = options.syntax === 'conda' ? parseCondaSpec(v) : options.syntax === 'poetry' ? poetryRequirement(v) : parseRequirement(v);
    if (!requirement || requirement.local) continue;
    packages.push({ word: w, requirement, syntax });
  }
  return { tool: syntax, installer: start.installer, words, packages, upgrade };
}

/**
 * Does the command install Python packages into an environment at all — an install of
 * packages, of a requirements file or of the project itself (`pip install -r …`, `pip install .`),
 * or a sync from the project's manifest (`uv sync`, `poetry install`, `pdm install|sync`,
 * `pipenv install|sync`, `conda env create|update`)?
 */
export function installsPythonPackages(words: Word[]): boolean {
  if (installStart(words)) return true;
  const i = commandStart(words);
  const tool = /^(?:.*[\\/])?(uv|poetry|pdm|pipenv|conda|mamba|micromamba)(\.exe)?$/i.exec(words[i]?.value ?? '')?.[1]?.toLowerCase();
  if (!tool) return false;
  const rest = words.slice(i + 1).map((w) => w.value).filter((v) => !v.startsWith('-'));
  if (tool === 'uv') return rest[0] === 'sync';
  if (tool === 'poetry') return rest[0] === 'install';
  if (tool === 'pdm' || tool === 'pipenv') return rest[0] === 'install' || rest[0] === 'sync';
  return rest[0] === 'env' && (rest[1] === 'create' || rest[1] === 'update');
}

/**
 * Does the command install the project whose manifest reads `files` (basenames of the
 * requirements files its build turns into metadata): a sync from the project's own manifest
 * (`uv sync`, `poetry install`, `pdm install|sync`, `pipenv install|sync`), an install of a local
 * path or an editable one (`pip install .`, `pip install -e /app`), or of one of those files
 * (`pip install -r requirements.txt` when the build reads `requirements.txt`)? An image that only
 * installs some other requirements file does not deploy the manifest's ranges.
 */
export function installsProject(words: Word[], files: readonly string[]): boolean {
  const start = installStart(words);
  if (!start) return installsPythonPackages(words) && !/^(?:.*[\\/])?(conda|mamba|micromamba)(\.exe)?$/i.test(words[commandStart(words)]?.value ?? '');
  const options = INSTALLER_OPTIONS[start.installer];
  const fileOf = (v: string) => v.split(/[\\/]/).pop() ?? v;
  for (let i = start.at; i < words.length; i++) {
    const v = words[i]!.value;
    if (v.startsWith('-') && v !== '-') {
      const opt = readOption(v, options.values);
      const value = opt.value ?? (opt.consumes ? words[i + 1]?.value : undefined);
      const last = opt.names[opt.names.length - 1];
      if (last === '-e' || last === '--editable') return true;
      if ((last === '-r' || last === '--requirement' || last === '--requirements') && value !== undefined && files.includes(fileOf(value))) return true;
      i += opt.consumes;
      continue;
    }
    if (parseRequirement(v)?.local) return true;
  }
  return false;
}
