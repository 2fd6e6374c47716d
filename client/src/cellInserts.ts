/**
 * Applies a fix's new notebook cells (`preflight.applyCellInserts`): the server names the cell
 * each insert goes before by URI (its indices count only the cells it was sent), so the index
 * is looked up in the live notebook here, and all inserts go in one WorkspaceEdit (one undo).
 * A cell the notebook already has next to the insertion point is not inserted again (insertPlan.ts).
 */
import * as vscode from 'vscode';
import { z } from 'zod';
import { notebookCommandTarget } from './notebookCommand';
import { planInserts, type PlannedInsert } from './insertPlan';

const argsSchema = z.object({
  notebookUri: z.string(),
  inserts: z.array(z.object({ beforeCellUri: z.string().optional(), kind: z.enum(['code', 'markdown']), source: z.string() })),
});

export async function applyCellInserts(raw: unknown, asUri: (s: string) => vscode.Uri, log: vscode.LogOutputChannel): Promise<boolean> {
  const found = notebookCommandTarget('preflight.applyCellInserts', argsSchema, raw, asUri, log, vscode.workspace.notebookDocuments);
  if (!found) return false;
  const { notebook } = found;
  const { inserts } = found.args;
  const cells = notebook.getCells();
  const planned: PlannedInsert[] = inserts.map((insert) => {
    const before = insert.beforeCellUri === undefined ? -1 : cells.findIndex((c) => c.document.uri.toString() === asUri(insert.beforeCellUri!).toString());
    return { index: before < 0 ? notebook.cellCount : before, kind: insert.kind, source: insert.source };
  });
  const existing = cells.map((c) => ({ kind: c.kind === vscode.NotebookCellKind.Code ? ('code' as const) : ('markdown' as const), source: c.document.getText() }));
  const todo = planInserts(existing, planned);
  if (!todo.length) return true; // everything is there already: nothing to do, and nothing went wrong
  const byIndex = new Map<number, vscode.NotebookCellData[]>();
  for (const insert of todo) {
    const data =
      insert.kind === 'code'
        ? new vscode.NotebookCellData(vscode.NotebookCellKind.Code, insert.source, 'python')
        : new vscode.NotebookCellData(vscode.NotebookCellKind.Markup, insert.source, 'markdown');
    (byIndex.get(insert.index) ?? byIndex.set(insert.index, []).get(insert.index)!).push(data);
  }
  const edit = new vscode.WorkspaceEdit();
  // Highest index first, so an insert does not shift the position of the next one.
  const edits = [...byIndex.entries()].sort((a, b) => b[0] - a[0]).map(([index, data]) => vscode.NotebookEdit.insertCells(index, data));
  edit.set(notebook.uri, edits);
  return vscode.workspace.applyEdit(edit);
}
