/**
 * Execution order of a notebook's code cells, from the notebook model only: the saved
 * `execution_count` (CLI, workspace scan) or the editor's execution order (language server).
 * Both fill `cell.executionCount`, so every rule gives the same answer for both sources.
 */
import type { Notebook, NotebookCell } from '../notebook';

/**
 * What the notebook says of a code cell's run: `ran` (it has an execution count), `edited` (no
 * count but saved outputs: it ran, then was edited, and its outputs are stale) or `never` (no
 * count, no outputs). The hidden-state rules read "never ran" only from `never`.
 */
export type RunState = 'ran' | 'edited' | 'never';

export function runState(cell: Pick<NotebookCell, 'executionCount' | 'editedSinceRun'>): RunState {
  if (cell.executionCount !== null) return 'ran';
  return cell.editedSinceRun ? 'edited' : 'never';
}

export interface CodeCellRun {
  /** Index into all cells (0-based). */
  readonly cell: number;
  readonly count: number | null;
  readonly source: string;
  readonly state: RunState;
}

export function codeCellRuns(nb: Notebook): CodeCellRun[] {
  const out: CodeCellRun[] = [];
  nb.cells.forEach((c, i) => {
    if (c.kind === 'code') out.push({ cell: i, count: c.executionCount, source: c.source, state: runState(c) });
  });
  return out;
}

/** Code cells with something in them (an empty cell's count says nothing about the state). */
export function nonEmpty(run: CodeCellRun): boolean {
  return run.source.trim() !== '';
}


/** The notebook has been run at least once (some code cell has a count, or ran and was edited since). */
export function wasRun(nb: Notebook): boolean {
  return nb.cells.some((c) => c.kind === 'code' && runState(c) !== 'never');
}
