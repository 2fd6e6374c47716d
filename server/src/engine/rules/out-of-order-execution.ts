import { codeCellRuns, firstLineRange, type CodeCellRun } from '../hiddenState/executionOrder';
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
      ctx.report({
        cell: first.cell,
        range: firstLineRange(first.source),
        message: `${who}: the saved outputs came from an out-of-order run that a top-down run may not reproduce; restart the kernel and run all cells before saving.`,
        fix: CLEAR_OUTPUTS,
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
