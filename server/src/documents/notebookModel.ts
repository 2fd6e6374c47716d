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
 * A code cell without an order that has outputs (forwarded `hasOutputs`, or a saved cell with a
 * null count and outputs) ran and was edited since: `editedSinceRun`, not a never-run cell.
 */
import type { DidChangeNotebookDocumentParams, DidOpenNotebookDocumentParams, NotebookCell as LspCell, NotebookDocument } from 'vscode-languageserver';
import { type CellKind, loadNotebook, type Notebook, type NotebookCell, notebookFromCells } from '../engine';
import type { CellExecutionInfo } from '../protocol';

/** LSP `NotebookCellKind.Markup`. */
const MARKUP = 1;

export interface SavedCounts {
  /** Saved code cells in order: source and execution_count. */
  readonly cells: readonly { source: string; executionCount: number | null; editedSinceRun?: boolean }[];
}

export function savedCountsFrom(ipynbText: string | undefined): SavedCounts | undefined {
  if (ipynbText === undefined) return undefined;
  const loaded = loadNotebook(ipynbText);
  if (!loaded.ok) return undefined;
  return { cells: loaded.notebook.cells.filter((c) => c.kind === 'code').map((c) => ({ source: c.source, executionCount: c.executionCount, ...(c.editedSinceRun ? { editedSinceRun: true } : {}) })) };
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
    let editedSinceRun = false;
    if (kind === 'code') {
      if (forwarded) {
        const info = forwarded.get(cell.document);
        executionCount = info?.executionOrder ?? cell.executionSummary?.executionOrder ?? null;
        editedSinceRun = executionCount === null && info?.hasOutputs === true;
      } else if (cell.executionSummary?.executionOrder !== undefined) {
        executionCount = cell.executionSummary.executionOrder;
      } else if (saved) {
        const i = saved.cells.findIndex((c, j) => !savedUsed.has(j) && c.source === source);
        if (i >= 0) {
          savedUsed.add(i);
          executionCount = saved.cells[i]!.executionCount;
          editedSinceRun = executionCount === null && saved.cells[i]!.editedSinceRun === true;
        }
      }
    }
    cellUris.push(cell.document);
    cells.push({ kind, source, executionCount, ...(editedSinceRun ? { editedSinceRun } : {}) });
  }
  return { notebook: notebookFromCells(cells, 'python'), cellUris };
}

// ---- duplicated cell URIs ------------------------------------------------------------------

/**
 * A cell URI is the cell's identity: diagnostics are published per URI, and findings map back
 * through `cellUris`. A client that lists one URI twice would get every finding of that cell
 * twice (and a notebook model with one cell's text in two places). The first occurrence is
 * kept and the later ones dropped, before the notification reaches `NotebookDocuments`.
 */
export interface Deduplicated<P> {
  params: P;
  /** The URIs dropped (each once), for one log line. */
  duplicates: string[];
}

/** Keep the first item of each key (`seen`: keys already taken); the keys of the dropped ones. */
function keepFirst<T>(items: readonly T[], key: (t: T) => string, seen = new Set<string>()): { kept: T[]; dropped: string[] } {
  const kept: T[] = [];
  const dropped: string[] = [];
  for (const item of items) {
    const k = key(item);
    if (seen.has(k)) dropped.push(k);
    else {
      seen.add(k);
      kept.push(item);
    }
  }
  return { kept, dropped };
}

export function dedupeOpen(params: DidOpenNotebookDocumentParams): Deduplicated<DidOpenNotebookDocumentParams> {
  // Malformed params go through untouched: the library's handler reports them as before.
  if (!Array.isArray(params?.notebookDocument?.cells) || !Array.isArray(params.cellTextDocuments)) return { params, duplicates: [] };
  const cells = keepFirst(params.notebookDocument.cells, (c) => c.document);
  const texts = keepFirst(params.cellTextDocuments, (d) => d.uri);
  const duplicates = [...new Set([...cells.dropped, ...texts.dropped])];
  if (duplicates.length === 0) return { params, duplicates };
  return { params: { notebookDocument: { ...params.notebookDocument, cells: cells.kept }, cellTextDocuments: texts.kept }, duplicates };
}

/**
 * A structure change splices `array.cells` into the current list: an inserted URI that is
 * already in the cells the splice keeps, or inserted twice, is dropped, and so is a `didOpen`
 * of a cell document that stays open.
 */
export function dedupeChange(params: DidChangeNotebookDocumentParams, current: readonly LspCell[] | undefined): Deduplicated<DidChangeNotebookDocumentParams> {
  const structure = params.change?.cells?.structure;
  if (!structure?.array || !current || (structure.array.cells !== undefined && !Array.isArray(structure.array.cells)) || (structure.didOpen !== undefined && !Array.isArray(structure.didOpen))) {
    return { params, duplicates: [] };
  }
  const { start, deleteCount } = structure.array;
  const kept = new Set([...current.slice(0, start), ...current.slice(start + deleteCount)].map((c) => c.document));
  const inserted = keepFirst(structure.array.cells ?? [], (c) => c.document, new Set(kept));
  const opened = keepFirst(structure.didOpen ?? [], (d) => d.uri, new Set(kept));
  const duplicates = [...new Set([...inserted.dropped, ...opened.dropped])];
  if (duplicates.length === 0) return { params, duplicates };
  const cells = {
    ...params.change.cells,
    structure: {
      ...structure,
      array: { ...structure.array, ...(structure.array.cells ? { cells: inserted.kept } : {}) },
      ...(structure.didOpen ? { didOpen: opened.kept } : {}),
    },
  };
  return { params: { ...params, change: { ...params.change, cells } }, duplicates };
}
