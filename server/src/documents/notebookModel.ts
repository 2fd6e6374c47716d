/**
 * LSP notebook document → the engine's `Notebook` model.
 *
 * Cell indices are positions in the notebook's *synced* cell list (the server is sent only
 * python and markdown cells), and findings carry that index; `cellUris[i]` maps it back.
 *
 * Execution order, in order of trust:
 *  1. what the client forwarded with `preflight/cellExecution` (VS Code's current state),
 *  2. the LSP `executionSummary` (sent only when VS Code knows `success`, i.e. after a run in
 *     this session),
 *  3. only when the client never forwarded anything for this notebook (a headless client), the
 *     saved `.ipynb`'s `execution_count`, matched by cell source (a cell edited since the save
 *     gets none, which is right: its saved count belongs to other code).
 */
import type { NotebookCell as LspCell, NotebookDocument } from 'vscode-languageserver';
import { type CellKind, loadNotebook, type Notebook, type NotebookCell, notebookFromCells } from '../engine';
import type { CellExecutionInfo } from '../protocol';

/** LSP `NotebookCellKind.Markup`. */
const MARKUP = 1;

export interface SavedCounts {
  /** Saved code cells in order: source and execution_count. */
  readonly cells: readonly { source: string; executionCount: number | null }[];
}

export function savedCountsFrom(ipynbText: string | undefined): SavedCounts | undefined {
  if (ipynbText === undefined) return undefined;
  const loaded = loadNotebook(ipynbText);
  if (!loaded.ok) return undefined;
  return { cells: loaded.notebook.cells.filter((c) => c.kind === 'code').map((c) => ({ source: c.source, executionCount: c.executionCount })) };
}

export interface CellSource {
  /** Current text of the cell document ('' if the client never opened it). */
  text(cell: LspCell): string;
  /** Language of the cell document, if known. */
  languageId(cell: LspCell): string | undefined;
}

export function cellKindOf(cell: LspCell, languageId: string | undefined): CellKind {
  if (cell.kind === MARKUP) return 'markdown';
  // A code cell in another language (a `sql` or `raw` cell) is not Python the kernel runs as is.
  return languageId === undefined || languageId === 'python' ? 'code' : 'raw';
}

export interface NotebookModel {
  notebook: Notebook;
  /** Cell document URI of each cell, same index as `notebook.cells`. */
  cellUris: string[];
}

export function notebookModel(doc: NotebookDocument, src: CellSource, forwarded: ReadonlyMap<string, CellExecutionInfo> | undefined, saved: SavedCounts | undefined): NotebookModel {
  const cellUris: string[] = [];
  const cells: NotebookCell[] = [];
  const savedUsed = new Set<number>();
  for (const cell of doc.cells) {
    const source = src.text(cell);
    const kind = cellKindOf(cell, src.languageId(cell));
    let executionCount: number | null = null;
    if (kind === 'code') {
      if (forwarded) {
        executionCount = forwarded.get(cell.document)?.executionOrder ?? cell.executionSummary?.executionOrder ?? null;
      } else if (cell.executionSummary?.executionOrder !== undefined) {
        executionCount = cell.executionSummary.executionOrder;
      } else if (saved) {
        const i = saved.cells.findIndex((c, j) => !savedUsed.has(j) && c.source === source);
        if (i >= 0) {
          savedUsed.add(i);
          executionCount = saved.cells[i]!.executionCount;
        }
      }
    }
    cellUris.push(cell.document);
    cells.push({ kind, source, executionCount });
  }
  return { notebook: notebookFromCells(cells, 'python'), cellUris };
}
