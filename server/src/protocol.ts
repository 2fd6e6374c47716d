/**
 * Every custom message between the Preflight client and server, and the shapes both sides read
 * from `Diagnostic.data`. The client imports this file too, so a method name or a payload shape
 * is written once (vscode-eslint's shared `customMessages.ts` idea).
 */
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';

/** Which files the server analyses, by name: the client's document selector must agree with it. */
export { classifyFile, type FileKind, type ManifestKind } from './engine/files';

/** One cell's run state as VS Code knows it (`NotebookCell.executionSummary`). */
export interface CellExecutionInfo {
  /** The cell document URI, exactly as the notebook sync sends it. */
  uri: string;
  executionOrder?: number;
  success?: boolean;
  /**
   * The cell has outputs. With no `executionOrder` it ran and was edited since (VS Code saves
   * `execution_count: null` for such a cell and keeps its outputs): not a never-run cell.
   */
  hasOutputs?: boolean;
}

export interface CellExecutionParams {
  notebookUri: string;
  /** Every cell of the notebook (so a cell missing from the list has no execution order). */
  cells: CellExecutionInfo[];
}

/**
 * `preflight/cellExecution` (client → server). VS Code's ipynb loader sets `executionOrder`
 * without `success`, and vscode-languageclient drops an execution summary unless `success` is a
 * boolean (client/src/common/notebook.ts `asNotebookCell`), so the LSP notebook sync never tells
 * the server the order of a notebook opened from disk. The client forwards it with this
 * notification on open and on every notebook change.
 */
export namespace CellExecutionNotification {
  export const method = 'preflight/cellExecution';
  export const type = new NotificationType<CellExecutionParams>(method);
}

export interface AnalysisSettledParams {
  /** A text document or notebook cell URI, exactly as synced. */
  uri: string;
}

export interface AnalysisSettledResult {
  /** The document version its current diagnostics were computed for (null: none yet). */
  analysedVersion: number | null;
}

/**
 * `preflight/analysisSettled` (benchmark → server): answered once no analysis is pending (no
 * typing timer, empty queue). The server re-sends a document's diagnostics only when they
 * change, so after an edit that changes nothing there is no message to time; `npm run bench`
 * sends this request right after each edit to learn when the server has finished with it.
 */
export namespace AnalysisSettledRequest {
  export const method = 'preflight/analysisSettled';
  export const type = new RequestType<AnalysisSettledParams, AnalysisSettledResult, void>(method);
}

/** A new notebook cell a fix inserts (client applies it with a `NotebookEdit`). */
export interface CellInsertData {
  /** Insert before this cell (a synced cell URI); absent: append at the end. */
  beforeCellUri?: string;
  kind: 'code' | 'markdown';
  source: string;
}

export interface ApplyCellInsertsArgs {
  notebookUri: string;
  inserts: CellInsertData[];
}

/** Client command that inserts cells into a notebook; code actions carry it for `cellInserts`. */
export const APPLY_CELL_INSERTS_COMMAND = 'preflight.applyCellInserts';

/**
 * A fix that changes a notebook as a whole (forward-reference's reorder, out-of-order-execution's
 * clear-outputs): the client applies it with `NotebookEdit`s. A reorder names the synced cells
 * in their new order, so the client can refuse it when the notebook changed since.
 */
export interface NotebookChangeArgs {
  notebookUri: string;
  change: { kind: 'reorder-cells'; cellUris: string[] } | { kind: 'clear-outputs' };
}

/** Client command that applies a `NotebookChangeArgs`; code actions carry it for `notebookChange`. */
export const APPLY_NOTEBOOK_CHANGE_COMMAND = 'preflight.applyNotebookChange';

export interface SerializedTextEdit {
  uri: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  newText: string;
}

export interface SerializedFix {
  title: string;
  applicability: 'safe' | 'unsafe';
  edits: SerializedTextEdit[];
  cellInserts?: ApplyCellInsertsArgs;
  notebookChange?: NotebookChangeArgs;
}

/** What the server stores in `Diagnostic.data`: code actions need no re-analysis. */
export interface DiagnosticData {
  ruleId: string;
  /** Index of the cell among the notebook's synced cells (notebook findings only). */
  cell?: number;
  fix?: SerializedFix;
}

export { DIAGNOSTIC_SOURCE } from './diagnosticSource';

/** Code action kinds under which the server offers "fix all". */
export const FIX_ALL_KIND = 'source.fixAll.preflight';
export const NOTEBOOK_FIX_ALL_KIND = 'notebook.source.fixAll.preflight';
