import { codeCellRuns, firstLineRange, type CodeCellRun } from '../hiddenState/executionOrder';
import type { PythonProgram } from '../python/program';
import { createRule } from '../rule';

/**
 * Per cell (by index into all cells), the names it reads or binds that some cell binds other
 * than by an import: the state cells share. Imports are left out — re-importing gives the same
 * module whichever cell ran first — and so are builtins and names no cell binds.
 */
function sharedStateNames(program: PythonProgram): Map<number, Set<string>> {
  const sem = program.semantics;
  const stateful = new Set<string>();
  for (const [name, bindings] of sem.module.bindings) if (bindings.some((b) => b.kind !== 'import')) stateful.add(name);
  const byCell = new Map<number, Set<string>>();
  const add = (unit: number, name: string) => {
    const cell = program.units[unit]?.cell;
    if (cell === undefined || !stateful.has(name)) return;
    let set = byCell.get(cell);
    if (!set) byCell.set(cell, (set = new Set()));
    set.add(name);
  };
  for (const r of sem.references) add(r.unit, r.name);
  for (const [name, bindings] of sem.module.bindings) for (const b of bindings) add(b.unit, name);
  return byCell;
}

/**
 * H-order: code cells whose execution count is lower than that of a code cell above them.
 *
 * Consecutive such cells form one group (they usually ran together, e.g. after a restart or
 * when someone went back up the notebook), and the finding goes on the group's first cell:
 * the place where top-down order breaks. One finding per group keeps a notebook re-run from
 * cell 3 from lighting up every cell below.
 */
export const outOfOrderExecution = createRule(
  {
    id: 'out-of-order-execution',
    family: 'hidden-state',
    category: 'hidden-state',
    subtypes: ['H-order'],
    description: 'Report notebook cells that ran before a cell above them',
    defaultSeverity: 'warning',
    recommended: true,
    appliesTo: ['notebook'],
    scope: 'program',
    reads: ['source', 'execution-counts', 'outputs'],
  },
  (ctx) => {
    const nb = ctx.notebook;
    if (!nb) return;
    const shared = ctx.program ? sharedStateNames(ctx.program) : undefined;
    const runs = codeCellRuns(nb).filter((r) => r.count !== null);
    /** Some cell above `first` that ran after one of `cells` shares state with one of them. */
    const sharesState = (first: CodeCellRun, cells: CodeCellRun[]): boolean => {
      if (!shared) return true;
      const lo = Math.min(...cells.map((c) => c.count!));
      const later = runs.filter((r) => r.cell < first.cell && r.count! > lo);
      const names = new Set(cells.flatMap((c) => [...(shared.get(c.cell) ?? [])]));
      return later.some((r) => [...(shared.get(r.cell) ?? [])].some((n) => names.has(n)));
    };
    let max: CodeCellRun | undefined;
    let group: { anchor: CodeCellRun; cells: CodeCellRun[] } | undefined;
    const flush = () => {
      if (!group) return;
      const { anchor, cells } = group;
      const first = cells[0]!;
      const last = cells[cells.length - 1]!;
      const counts = cells.map((c) => c.count!);
      const lo = Math.min(...counts);
      const hi = Math.max(...counts);
      const span = lo === hi ? `${lo}` : `${lo}–${hi}`;
      const who =
        cells.length === 1
          ? `This cell ran before cell ${anchor.cell + 1} above it (execution count ${span} < ${anchor.count})`
          : `This cell and the ${cells.length - 1} code cell${cells.length > 2 ? 's' : ''} after it (to cell ${last.cell + 1}) ran before cell ${anchor.cell + 1} above them (execution counts ${span} < ${anchor.count})`;
      const dependent = sharesState(first, cells);
      ctx.report({
        cell: first.cell,
        range: firstLineRange(first.source),
        message: dependent
          ? `${who}: the saved outputs came from an out-of-order run that a top-down run may not reproduce; restart the kernel and run all cells before saving.`
          : `${who}, but they share no names with the cells above that ran later, so a top-down run should give the same outputs; restart the kernel and run all cells before saving to be sure.`,
        ...(dependent ? {} : { severity: 'hint' as const }),
        related: [{ cell: anchor.cell, range: firstLineRange(anchor.source), message: `cell ${anchor.cell + 1} ran later (execution count ${anchor.count})` }],
      });
      group = undefined;
    };
    for (const run of codeCellRuns(nb)) {
      if (run.count === null) continue;
      if (max && max.count !== null && run.count < max.count) {
        if (group) group.cells.push(run);
        else group = { anchor: max, cells: [run] };
        continue;
      }
      flush();
      max = run;
    }
    flush();
  },
);
