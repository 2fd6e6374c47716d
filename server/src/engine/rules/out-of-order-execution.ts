import { cellDataFlow, independent, sharedName, type CellFlow } from '../hiddenState/cellDataFlow';
import { cellName, firstLineRange, relatedCell } from '../cellNames';
import { codeCellRuns, type CodeCellRun } from '../hiddenState/executionOrder';
import type { Fix } from '../model';
import { createRule } from '../rule';

/**
 * The explicit way out when the kernel is not at hand (a CI job, a pre-commit hook): drop the
 * saved outputs and execution counts of every code cell, so the notebook no longer claims
 * results of an out-of-order run. Unsafe: the outputs are gone until someone runs it again.
 */
const CLEAR_OUTPUTS: Fix = {
  title: 'Clear every saved output and execution count (run the notebook top-down to get them back)',
  applicability: 'unsafe',
  edits: [],
  notebookChange: { kind: 'clear-outputs' },
};

/**
 * H-order: code cells whose execution count is lower than that of a code cell above them.
 *
 * Consecutive such cells form one group (they usually ran together, e.g. after a restart or
 * when someone went back up the notebook), and the finding goes on the group's first cell:
 * the place where top-down order breaks. One finding per group keeps a notebook re-run from
 * cell 3 from lighting up every cell below.
 *
 * The order matters only where the cells share state: a warning when a cell of the group and a
 * cell above it that ran later share a name (one reads what the other writes, or both write a
 * name that cells read; cellDataFlow.ts). Otherwise (a `%tensorboard` launcher, a `!python …`
 * command, a cell that imports all it uses, a figure display) a top-down run gives the same
 * outputs, and the finding is a hint. A cell with no count (never ran, or edited since its run)
 * is no part of the order.
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
    fixable: 'unsafe',
    scope: 'program',
    reads: ['source', 'execution-counts', 'outputs'],
  },
  (ctx) => {
    const nb = ctx.notebook;
    if (!nb) return;
    const program = ctx.program;
    let flows: CellFlow[] | undefined;
    let unitOfCell: Map<number, number> | undefined;
    let readSomewhere: Set<string> | undefined;
    const runs = codeCellRuns(nb);
    const prepare = (p: NonNullable<typeof program>) => {
      if (!flows) {
        flows = cellDataFlow(p);
        unitOfCell = new Map(p.units.map((u, i) => [u.cell ?? -1, i]));
        readSomewhere = new Set(flows.flatMap((f) => [...f.reads]));
      }
      return flows;
    };
    const flowOf = (run: CodeCellRun) => flows![unitOfCell!.get(run.cell) ?? -1];
    /** Cells above `early` that ran after it. */
    const laterAbove = (early: CodeCellRun) => runs.filter((late) => late.cell < early.cell && late.count !== null && late.count > early.count!);
    /** The first shared name between a group cell and a cell above it that ran later. */
    const dependency = (cells: readonly CodeCellRun[]): { name: string; early: CodeCellRun; late: CodeCellRun } | undefined => {
      if (!program) return undefined;
      prepare(program);
      for (const early of cells) {
        const e = flowOf(early);
        if (!e) continue;
        for (const late of laterAbove(early)) {
          const l = flowOf(late);
          const name = l && sharedName(e, l, readSomewhere!);
          if (name) return { name, early, late };
        }
      }
      return undefined;
    };
    /** Every group cell is provably independent of every cell above it that ran later. */
    const allIndependent = (cells: readonly CodeCellRun[]): boolean => {
      if (!program) return false;
      prepare(program);
      return cells.every((early) => {
        const e = flowOf(early);
        return !!e && laterAbove(early).every((late) => {
          const l = flowOf(late);
          return !!l && independent(e, l, readSomewhere!);
        });
      });
    };
    let max: CodeCellRun | undefined;
    let group: { anchor: CodeCellRun; cells: CodeCellRun[] } | undefined;
    const flush = () => {
      if (!group) return;
      const { anchor, cells } = group;
      const first = cells[0]!;
      const counts = cells.map((c) => c.count!);
      const lo = Math.min(...counts);
      const hi = Math.max(...counts);
      const span = lo === hi ? `${lo}` : `${lo}–${hi}`;
      const name = (cell: number) => cellName(nb.cells, cell, { from: first.cell });
      const who =
        cells.length === 1
          ? `This cell ran before ${name(anchor.cell)} (execution count ${span} < ${anchor.count})`
          : `This cell and the ${cells.length - 1} code cell${cells.length > 2 ? 's' : ''} after it ran before ${name(anchor.cell)} (execution counts ${span} < ${anchor.count})`;
      // A warning unless the cells are provably independent (cellDataFlow.ts `independent`);
      // without a program (a notebook we could not parse) the order alone speaks.
      const hint = allIndependent(cells);
      const dep = hint ? undefined : dependency(cells);
      const related = [relatedCell(nb.cells, anchor.cell, `ran later (execution count ${anchor.count})`)];
      if (dep && dep.late.cell !== anchor.cell) related.push(relatedCell(nb.cells, dep.late.cell, `ran later (execution count ${dep.late.count}) and shares \`${dep.name}\``));
      const early = dep && dep.early.cell !== first.cell ? name(dep.early.cell) : 'it';
      const shares = !dep
        ? ''
        : dep.late.cell !== anchor.cell
          ? `, and ${early} shares \`${dep.name}\` with ${name(dep.late.cell)}, which ran later`
          : early === 'it'
            ? `, and the two share \`${dep.name}\``
            : `, and ${early} shares \`${dep.name}\` with that cell`;
      ctx.report({
        cell: first.cell,
        range: firstLineRange(first.source),
        message: !hint
          ? `${who}${shares}: the saved outputs came from an out-of-order run that a top-down run may not reproduce; restart the kernel and run all cells before saving.`
          : `${who}, but no name is shared between ${cells.length === 1 ? 'it' : 'them'} and the cells above that ran later: a top-down run likely gives the same outputs; restart the kernel and run all cells before saving to be sure.`,
        ...(hint ? { severity: 'hint' as const } : {}),
        fix: CLEAR_OUTPUTS,
        related,
      });
      group = undefined;
    };
    for (const run of runs) {
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
