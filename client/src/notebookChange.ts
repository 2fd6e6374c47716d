/**
 * Applies a whole-notebook fix (`preflight.applyNotebookChange`): the cells in a new order
 * (forward-reference) or every code cell's outputs and execution summary cleared
 * (out-of-order-execution), in one WorkspaceEdit (one undo). A reorder names the cells by URI;
 * when the live notebook no longer has exactly those cells it is refused rather than guessed.
 */
import * as vscode from 'vscode';
import { z } from 'zod';
import { notebookCommandTarget } from './notebookCommand';

const argsSchema = z.object({
  notebookUri: z.string(),
  change: z.union([z.object({ kind: z.literal('reorder-cells'), cellUris: z.array(z.string()) }), z.object({ kind: z.literal('clear-outputs') })]),
});

/** A cell as new cell data: the same kind, text, language, metadata, and (unless cleared) outputs and execution summary. */
function dataOf(cell: vscode.NotebookCell, clear: boolean): vscode.NotebookCellData {
  const data = new vscode.NotebookCellData(cell.kind, cell.document.getText(), cell.document.languageId);
  data.metadata = cell.metadata;
  if (!(clear && cell.kind === vscode.NotebookCellKind.Code)) {
    data.outputs = [...cell.outputs];
    if (cell.executionSummary) data.executionSummary = cell.executionSummary;
  } else data.outputs = [];
  return data;
}

export async function applyNotebookChange(raw: unknown, asUri: (s: string) => vscode.Uri, log: vscode.LogOutputChannel): Promise<boolean> {
  const found = notebookCommandTarget('preflight.applyNotebookChange', argsSchema, raw, asUri, log, vscode.workspace.notebookDocuments);
  if (!found) return false;
  const { notebook } = found;
  const { change } = found.args;
  const cells = notebook.getCells();
  let data: vscode.NotebookCellData[];
  if (change.kind === 'reorder-cells') {
    const byUri = new Map(cells.map((c) => [c.document.uri.toString(), c]));
    const ordered = change.cellUris.map((u) => byUri.get(asUri(u).toString()));
    if (ordered.length !== cells.length || ordered.some((c) => !c) || new Set(ordered).size !== cells.length) {
      void vscode.window.showWarningMessage('Preflight: the notebook changed since the reorder was computed; try the fix again.');
      return false;
    }
    data = ordered.map((c) => dataOf(c!, false));
  } else data = cells.map((c) => dataOf(c, true));
  const edit = new vscode.WorkspaceEdit();
  edit.set(notebook.uri, [vscode.NotebookEdit.replaceCells(new vscode.NotebookRange(0, cells.length), data)]);
  return vscode.workspace.applyEdit(edit);
}
