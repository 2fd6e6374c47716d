/**
 * What each notebook cell reads from and writes to the notebook's shared (module-level) state,
 * from the program's bindings (python/semantics.ts), for rules that ask whether two cells
 * depend on each other (H-order: does running one before the other change what it saw?).
 *
 * - A cell *writes* a name it binds at module level (assignment, import, def, class, `global`
 *   inside one of its functions) or changes in place (`xs.append(…)`, see inPlaceChanges.ts).
 * - A cell *reads* a name when a reference in it resolves to a module-level binding of another
 *   cell, or to none (a name the kernel has from somewhere else; builtins and IPython's names
 *   excepted). A name the cell binds itself
 *   before reading it (a cell that imports all it uses) is not read from other cells.
 */
import type { MagicRecord } from '../python/ipython';
import type { PythonProgram } from '../python/program';
import { inPlaceChanges } from './inPlaceChanges';
import { isPredefinedName } from './names';

/**
 * Magics that act inside the kernel only: display and plotting setup, timing and profiling of
 * Python the cell runs itself, capture, listing names, loading an extension (an import). They
 * change no file, installed package or environment variable another cell could see, so a
 * later-run `%matplotlib inline` above says nothing about the order of the cells below.
 */
const KERNEL_LOCAL_MAGICS = new Set([
  'matplotlib', 'config', 'precision', 'pprint', 'xmode', 'colors', 'autosave', 'load_ext', 'reload_ext',
  'time', 'timeit', 'prun', 'memit', 'mprun', 'debug', 'capture', 'who', 'whos', 'who_ls', 'lsmagic', 'magic',
  'pwd', 'history', 'tensorboard', 'html', 'markdown', 'latex', 'svg', 'javascript', 'js',
]);

/** A magic or shell command that can change files, installed packages or the environment. */
function reachesOutside(m: MagicRecord): boolean {
  if (m.kind === 'help' || m.kind === 'autocall') return false;
  if (m.kind === 'shell') return true;
  if (m.kind === 'cell-magic' && m.pythonBody) return false;
  return !KERNEL_LOCAL_MAGICS.has(m.name);
}

/**
 * Calls that change the process environment every cell's imports and file reads see (the
 * working directory, environment variables). Changes in place of an imported module
 * (`sys.path.insert`, `os.environ[k] = v`) are found from the bindings instead.
 */
const ENVIRONMENT_CALLS = new Set(['os.chdir', 'os.putenv', 'os.unsetenv', 'dotenv.load_dotenv', 'site.addsitedir', 'importlib.reload']);

export interface CellFlow {
  /** Names read from state other cells make. */
  readonly reads: ReadonlySet<string>;
  /** Names bound or changed at module level. */
  readonly writes: ReadonlySet<string>;
  /** Imports the cell binds: name → qualified name (binding the same module twice changes nothing). */
  readonly imports: ReadonlyMap<string, string>;
  /**
   * The cell changes what other cells' imports and file reads find: a shell command or magic
   * that reaches files, packages or the environment (`%pip install`, `!cat log.csv`, `%cd`),
   * a change in place of an imported module (`sys.path.insert(…)`, `os.environ[k] = v`) or an
   * environment call (`os.chdir`, `load_dotenv()`). Display and timing magics do not count.
   */
  readonly environment: boolean;
  /** The cell has no code (its count was made by code since deleted, so what it ran is unknown). */
  readonly empty: boolean;
}

/** Per unit index of the program, its reads and writes. */
export function cellDataFlow(program: PythonProgram): CellFlow[] {
  const sem = program.semantics;
  const flows = program.units.map((u) => ({ reads: new Set<string>(), writes: new Set<string>(), imports: new Map<string, string>(), environment: u.magics.some(reachesOutside), empty: u.text.trim() === '' }));
  for (const [name, bindings] of sem.module.bindings) {
    for (const b of bindings) {
      const flow = flows[b.unit];
      if (!flow) continue;
      flow.writes.add(name);
      if ((b.kind === 'import' || b.kind === 'from-import') && b.qualifiedName && !b.viaGlobal) flow.imports.set(name, b.qualifiedName);
    }
  }
  program.units.forEach((unit, i) => {
    for (const c of inPlaceChanges(unit)) {
      flows[i]!.writes.add(c.name);
      const b = sem.lookup(c.name, c.node, i);
      if (b && (b.kind === 'import' || b.kind === 'from-import') && b.scope === sem.module) flows[i]!.environment = true;
    }
  });
  for (const call of sem.calls) {
    const flow = flows[call.unit];
    if (flow && !flow.environment && call.scope === sem.module && ENVIRONMENT_CALLS.has(sem.qualify(call.callee, call.unit) ?? '')) flow.environment = true;
  }
  for (const ref of sem.references) {
    const flow = flows[ref.unit];
    if (!flow) continue;
    const b = sem.lookup(ref.name, ref.node, ref.unit);
    // Builtins and IPython's own names (`print`, `display`) are no state a cell makes.
    if (!b) {
      if (!isPredefinedName(ref.name)) flow.reads.add(ref.name);
    }
    else if (b.scope === sem.module && b.unit !== ref.unit) flow.reads.add(ref.name);
  }
  return flows;
}

/**
 * A name through which running `early` before `late` (rather than after it, as top-down order
 * does) can change what either saw: `early` reads what `late` writes, `late` reads what `early`
 * writes, both write a name some cell reads (which value the readers got depends on the order),
 * or both read the same object another cell made (a call on it may change it: `model.fit()`,
 * `plt.plot()`). The same import in both cells is no dependency. Undefined when there is none.
 */
export function sharedName(early: CellFlow, late: CellFlow, readSomewhere: ReadonlySet<string>): string | undefined {
  const sameImport = (n: string) => early.imports.has(n) && early.imports.get(n) === late.imports.get(n);
  for (const n of early.reads) if (late.writes.has(n) && !sameImport(n)) return n;
  for (const n of late.reads) if (early.writes.has(n) && !sameImport(n)) return n;
  for (const n of early.writes) if (late.writes.has(n) && readSomewhere.has(n) && !sameImport(n)) return n;
  for (const n of early.reads) if (late.reads.has(n)) return n;
  return undefined;
}

/**
 * The cell is cut off from the notebook's state: it reads nothing other cells make and makes
 * nothing other cells read (re-binding an import feeds nothing new: the module is the same
 * object). A `%tensorboard` launcher, a `!python convert.py` command, a version-check cell that
 * imports what it uses.
 */
function cutOff(flow: CellFlow, readSomewhere: ReadonlySet<string>): boolean {
  return flow.reads.size === 0 && ![...flow.writes].some((n) => readSomewhere.has(n) && !flow.imports.has(n));
}

/**
 * Running `early` before `late` provably changes nothing either saw: no shared name, and one of
 * them is cut off from the notebook's state (`cutOff`), or `late` changes nothing (a cell that
 * only displays). When both take part in the notebook's state chain (the early cell defines a
 * `class GraphState` the graph cells below build on, the later one builds the chain the same
 * cells call), the unseen code that ran between them (the missing counts) may have linked them,
 * so the order is no proof either way. A `late` cell that changes the environment is no proof
 * (`%pip install` changes what `early` imports, `!cat f` reads files `early` may write,
 * `sys.path.insert` changes where imports resolve), nor is an empty `early` cell with a count
 * (the code it ran was deleted).
 */
export function independent(early: CellFlow, late: CellFlow, readSomewhere: ReadonlySet<string>): boolean {
  if (early.empty || late.environment || sharedName(early, late, readSomewhere) !== undefined) return false;
  return late.writes.size === 0 || cutOff(early, readSomewhere) || cutOff(late, readSomewhere);
}
