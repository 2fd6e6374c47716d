/**
 * Every package install a document runs: notebook magics and shell escapes (`%pip`, `!pip`,
 * `!python -m pip`, `%conda`, `!uv pip`, `%%bash` bodies), `subprocess`/`os.system` calls in
 * Python, and Dockerfile `RUN` lines — as word lists with offsets in the unit's text.
 */
import { installCommandOf } from '../python/ipython';
import type { PythonProgram, Unit } from '../python/program';
import { field, stringValue, text as nodeText, type PyNode } from '../python/syntax';
import { installCommand, type InstallCommand } from '../manifests/installCommands';
import { shellCommands, type Word } from '../manifests/shellWords';
import { qualifiedName } from '../python/resolve';
import { derived, derivedKey } from '../derived';

export interface InstallSite {
  /** The unit the offsets are in (undefined for a Dockerfile: offsets in the file text). */
  readonly unit?: Unit;
  readonly command: InstallCommand;
}

/** Drop IPython's `%`/`!` prefix from a magic's first word (`%pip` → `pip`, `!` alone → dropped). */
function stripMagicPrefix(words: Word[]): Word[] {
  const first = words[0];
  if (!first) return words;
  const m = /^(%{1,2}|!{1,2})/.exec(first.value);
  if (!m) return words;
  const rest = first.value.slice(m[0].length);
  if (!rest) return words.slice(1);
  return [{ ...first, value: rest, start: first.start + m[0].length }, ...words.slice(1)];
}

export function installsInShellText(text: string, start: number, end: number, magicPrefix = false): InstallCommand[] {
  const out: InstallCommand[] = [];
  shellCommands(text, start, end).forEach((words, i) => {
    const cmd = installCommand(magicPrefix && i === 0 ? stripMagicPrefix(words) : words);
    if (cmd) out.push(cmd);
  });
  return out;
}

const SUBPROCESS_CALLS = new Set([
  'subprocess.run', 'subprocess.call', 'subprocess.check_call', 'subprocess.check_output', 'subprocess.Popen', 'os.system', 'os.popen',
  'asyncio.create_subprocess_exec', 'asyncio.create_subprocess_shell',
]);

/** The last part of each: what an attribute call must end in to be one of them. */
const SUBPROCESS_METHODS = new Set([...SUBPROCESS_CALLS].map((q) => q.slice(q.lastIndexOf('.') + 1)));

/** Words of a `subprocess` argument list: string literals keep their offsets; `sys.executable` (as the resolver names it) reads as `python`. */
function listWords(program: PythonProgram, list: PyNode, unit: number): Word[] | undefined {
  const words: Word[] = [];
  for (const el of list.children.filter((c) => c.named && c.type !== 'comment')) {
    const s = el.type === 'string' ? stringValue(el) : undefined;
    if (s !== undefined) {
      const at = el.start + nodeText(el).indexOf(s);
      words.push({ value: s, start: at, end: at + s.length, quoted: false });
    } else if (qualifiedName(program, el, unit) === 'sys.executable') words.push({ value: 'python', start: el.start, end: el.end, quoted: false });
    else words.push({ value: '$arg', start: el.start, end: el.end, quoted: false });
  }
  return words;
}

const INSTALL_SITES = derivedKey<readonly InstallSite[]>('installSites');

/** The program's install sites, found once per program (unpinned-install and undeclared-import, twice, read them). */
export function installSitesOfProgram(program: PythonProgram): readonly InstallSite[] {
  return derived(program, INSTALL_SITES, findInstallSites);
}

function findInstallSites(program: PythonProgram): InstallSite[] {
  const sites: InstallSite[] = [];
  program.units.forEach((unit) => {
    for (const magic of unit.magics) {
      const cmd = installCommandOf(magic);
      if (!cmd) continue;
      if (magic.kind === 'cell-magic') {
        const bodyStart = unit.text.length - (magic.body ?? '').length;
        for (const c of installsInShellText(unit.text, bodyStart, unit.text.length)) sites.push({ unit, command: c });
      } else {
        for (const c of installsInShellText(unit.text, magic.start, magic.end, true)) sites.push({ unit, command: c });
      }
    }
  });
  for (const call of program.semantics.calls) {
    // An attribute's qualified name ends in its attribute (`sp.run` → `subprocess.run`): calls of
    // other methods need no resolving. A bare name may be an alias (`from subprocess import run as r`).
    if (call.callee.type === 'attribute' && !SUBPROCESS_METHODS.has(nodeText(field(call.callee, 'attribute') ?? call.callee))) continue;
    const q = qualifiedName(program, call.callee, call.unit);
    if (!q || !SUBPROCESS_CALLS.has(q)) continue;
    const unit = program.units[call.unit];
    const arg = call.positional[0] ?? call.keywords.get('args');
    if (!unit || !arg) continue;
    if (arg.type === 'list' || arg.type === 'tuple') {
      const words = listWords(program, arg, call.unit);
      const cmd = words && installCommand(words);
      if (cmd) sites.push({ unit, command: cmd });
    } else if (arg.type === 'string') {
      const s = stringValue(arg);
      if (s === undefined) continue;
      const at = arg.start + nodeText(arg).indexOf(s);
      for (const c of installsInShellText(unit.text, at, at + s.length)) sites.push({ unit, command: c });
    }
  }
  return sites;
}
