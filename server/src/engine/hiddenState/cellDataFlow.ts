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
import type { PythonProgram } from '../python/program';
import { inPlaceChanges } from './inPlaceChanges';
import { isPredefinedName } from './names';

export interface CellFlow {
  /** Names read from state other cells make. */
  readonly reads: ReadonlySet<string>;
  /** Names bound or changed at module level. */
  readonly writes: ReadonlySet<string>;
  /** Imports the cell binds: name → qualified name (binding the same module twice changes nothing). */
  readonly imports: ReadonlyMap<string, string>;
  /** IPython magics or shell commands (`%pip install`, `!cat log.csv`): they reach files and the environment. */
  readonly commands: boolean;
  /** The cell has no code (its count was made by code since deleted, so what it ran is unknown). */
  readonly empty: boolean;
}

/** Per unit index of the program, its reads and writes. */
export function cellDataFlow(program: PythonProgram): CellFlow[] {
  const sem = program.semantics;
  const flows = program.units.map((u) => ({ reads: new Set<string>(), writes: new Set<string>(), imports: new Map<string, string>(), commands: u.magics.length > 0, empty: u.text.trim() === '' }));
  for (const [name, bindings] of sem.module.bindings) {
    for (const b of bindings) {
      const flow = flows[b.unit];
      if (!flow) continue;
      flow.writes.add(name);
      if ((b.kind === 'import' || b.kind === 'from-import') && b.qualifiedName && !b.viaGlobal) flow.imports.set(name, b.qualifiedName);
    }
  }
  program.units.forEach((unit, i) => {
    for (const c of inPlaceChanges(unit)) flows[i]!.writes.add(c.name);
  });
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
 * Running `early` before `late` provably changes nothing either saw: no shared name, and one of
 * them is cut off from the other's state: `early` reads nothing other cells make (a `%magic` or
 * `!command` cell, a cell that imports all it uses) or `late` changes nothing (a cell that only
 * displays). A `late` cell with a magic or shell command is no proof (`%pip install` changes
 * what `early` imports, `!cat f` reads files `early` may write), nor is an empty `early` cell
 * with a count (the code it ran was deleted).
 * Anything less is not proof: the order may still matter.
 */
export function independent(early: CellFlow, late: CellFlow, readSomewhere: ReadonlySet<string>): boolean {
  if (early.empty || late.commands || sharedName(early, late, readSomewhere) !== undefined) return false;
  return early.reads.size === 0 || late.writes.size === 0;
}
