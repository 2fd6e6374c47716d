import { firstLineRange } from '../cellNames';
import { codeCellRuns, type CodeCellRun } from '../hiddenState/executionOrder';
import { createRule } from '../rule';

/**
 * Gaps in a notebook's execution counts (Julynter's "skipped execution count"): executions
 * that left no cell behind came from cells that were deleted, or re-run and so renumbered.
 * Their effect on the kernel state is invisible in the saved notebook. A hint only: most
 * notebooks have gaps (76.88% of GitHub notebooks, Pimentel et al. 2021), and a gap is often a
 * harmless re-run.
 *
 * A cell edited after its run (no count, saved outputs: VS Code clears an edited cell's count)
 * took one of the counts with it. Each such cell explains one missing count of a gap between
 * the cells around it, so an edit (a quick fix, an ignore comment) makes no gap appear.
 */
export const executionCountGap = createRule(
  {
    id: 'execution-count-gap',
    family: 'hidden-state',
    category: 'hidden-state',
    subtypes: [],
    description: 'Hint where execution counts skip numbers: cells ran that are no longer in the notebook',
    defaultSeverity: 'hint',
    recommended: true,
    appliesTo: ['notebook'],
    scope: 'program',
    reads: ['source', 'execution-counts'],
  },
  (ctx) => {
    const nb = ctx.notebook;
    if (!nb) return;
    const runs = codeCellRuns(nb).filter((r): r is CodeCellRun & { count: number } => r.count !== null && r.count > 0);
    if (!runs.length) return;
    const counts = runs.map((r) => r.count);
    // A repeated count means a kernel restart: two sessions are mixed and "missing" is
    // meaningless. The out-of-order rule speaks for such notebooks.
    if (new Set(counts).size !== counts.length) return;
    const sorted = [...runs].sort((a, b) => a.count - b.count);
    // Edited cells whose lost count is not yet used to explain a gap, by cell index.
    const edited = new Set(codeCellRuns(nb).filter((r) => r.state === 'edited').map((r) => r.cell));
    let prev = 0;
    let prevCell = -1;
    for (const run of sorted) {
      const missing = run.count - prev - 1;
      // Edited cells between the two cells whose counts bound the gap (the first gap: above the cell).
      const lowCell = Math.min(prevCell, run.cell);
      const highCell = Math.max(prevCell, run.cell);
      const explained = [...edited].filter((c) => c > lowCell && c < highCell).sort((a, b) => a - b).slice(0, Math.max(missing, 0));
      for (const c of explained) edited.delete(c);
      if (missing > explained.length) {
        const lo = prev + 1;
        const hi = run.count - 1;
        const which = lo === hi ? `Execution count ${lo} is` : `Execution counts ${lo}–${hi} are`;
        ctx.report({
          cell: run.cell,
          range: firstLineRange(run.source),
          message: `${which} missing before this cell (count ${run.count}): cells that ran then were deleted or re-run, so state they made may be missing from the notebook; restart the kernel and run all cells to check.`,
        });
      }
      prev = run.count;
      prevCell = run.cell;
    }
  },
);
