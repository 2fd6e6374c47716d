/**
 * Package installs inside shell commands: `pip install …`, `python -m pip install …`,
 * `uv pip install …`, `conda|mamba|micromamba install …`, with every package argument and
 * whether it is pinned. Used for notebook magics (`%pip`, `!pip`, `%%bash`), `subprocess` calls
 * and Dockerfile `RUN` lines.
 */
import { parseCondaSpec, parseRequirement, type ParsedRequirement } from './requirement';
import type { Word } from './shellWords';

export interface InstalledPackage {
  readonly word: Word;
  readonly requirement: ParsedRequirement;
  /** `pip` requirement syntax or a conda match spec (for the fix's `==` vs `=`). */
  readonly syntax: 'pip' | 'conda';
}

export interface InstallCommand {
  readonly tool: 'pip' | 'conda';
  readonly words: Word[];
  readonly packages: InstalledPackage[];
  readonly upgrade: boolean;
}

/** pip install options that take a separate value (pip's own option table). */
const PIP_VALUE_OPTIONS = new Set([
  '-r', '--requirement', '-c', '--constraint', '-e', '--editable', '-i', '--index-url', '--extra-index-url', '-f', '--find-links',
  '-t', '--target', '--prefix', '--root', '--src', '--upgrade-strategy', '--platform', '--python-version', '--implementation', '--abi',
  '--no-binary', '--only-binary', '--progress-bar', '--trusted-host', '--cache-dir', '--log', '--proxy', '--retries', '--timeout',
  '--exists-action', '--cert', '--client-cert', '--global-option', '--install-option', '--config-settings', '-C', '--report',
  '--python', '--root-user-action', '--group', '--keyring-provider', '--index', '--default-index', '-p', '--resolution', '--prerelease',
]);
/** conda install options that take a separate value. */
const CONDA_VALUE_OPTIONS = new Set(['-c', '--channel', '-n', '--name', '-p', '--prefix', '--file', '--repodata-fn', '--solver', '--override-channels-from']);

const PYTHON_WORD = /^(?:.*[\\/])?(python(\d+(\.\d+)?)?|py)(\.exe)?$|^\{sys\.executable\}$|^\$\{?PYTHON\w*\}?$|^"?\{sys\.executable\}"?$/i;
const PIP_WORD = /^(?:.*[\\/])?pip(\d+(\.\d+)?)?(\.exe)?$/i;
const CONDA_WORD = /^(?:.*[\\/])?(conda|mamba|micromamba)(\.exe)?$/i;

function skipToSubcommand(words: Word[], i: number): number {
  // global options before the subcommand (`pip -q install`, `pip --no-cache-dir install`)
  while (i < words.length && words[i]!.value.startsWith('-')) i++;
  return i;
}

/** Where the install arguments start, if the command is an install. */
function installStart(words: Word[]): { tool: 'pip' | 'conda'; at: number } | undefined {
  let i = 0;
  // `sudo`, `env X=1`, `time`: prefixes that run the real command
  while (i < words.length && (/^(sudo|time|nohup|exec|env)$/.test(words[i]!.value) || /^[A-Za-z_]\w*=/.test(words[i]!.value))) i++;
  const w = words[i]?.value;
  if (w === undefined) return undefined;
  let tool: 'pip' | 'conda' | undefined;
  let j = i + 1;
  if (PIP_WORD.test(w)) tool = 'pip';
  else if (CONDA_WORD.test(w)) tool = 'conda';
  else if (w === 'uv' && words[i + 1]?.value === 'pip') {
    tool = 'pip';
    j = i + 2;
  } else if (PYTHON_WORD.test(w)) {
    let k = i + 1;
    while (k < words.length && words[k]!.value.startsWith('-') && words[k]!.value !== '-m') k++;
    if (words[k]?.value === '-m' && /^pip\d*$/.test(words[k + 1]?.value ?? '')) {
      tool = 'pip';
      j = k + 2;
    } else if (/^-mpip$/.test(words[k]?.value ?? '')) {
      tool = 'pip';
      j = k + 1;
    }
  }
  if (!tool) return undefined;
  j = skipToSubcommand(words, j);
  if (words[j]?.value !== 'install') return undefined;
  return { tool, at: j + 1 };
}

/** The install command a word list is, with its package arguments; undefined otherwise. */
export function installCommand(words: Word[]): InstallCommand | undefined {
  const start = installStart(words);
  if (!start) return undefined;
  const valueOptions = start.tool === 'pip' ? PIP_VALUE_OPTIONS : CONDA_VALUE_OPTIONS;
  const packages: InstalledPackage[] = [];
  let upgrade = false;
  for (let i = start.at; i < words.length; i++) {
    const w = words[i]!;
    const v = w.value;
    if (v.startsWith('-')) {
      if (v === '-U' || v === '--upgrade' || /^-[a-zA-Z]*U[a-zA-Z]*$/.test(v)) upgrade = true;
      const name = v.split('=')[0]!;
      if (!v.includes('=') && valueOptions.has(name)) i++; // its value is not a package
      continue;
    }
    // Shell redirections and variables we cannot resolve (`$PKG`, `${VERSION}`) are not judged.
    if (/^[<>]|^\d?>/.test(v) || v === '') continue;
    if (v.includes('$') || /\{[^}]*\}/.test(v)) continue;
    const requirement = start.tool === 'pip' ? parseRequirement(v) : parseCondaSpec(v);
    if (!requirement || requirement.local) continue;
    packages.push({ word: w, requirement, syntax: start.tool });
  }
  return { tool: start.tool, words, packages, upgrade };
}
