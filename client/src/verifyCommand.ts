/**
 * "Preflight: Verify Notebook Reproduces": re-run the active notebook top to bottom, twice, in a
 * fresh kernel (the language server runs `preflight verify`'s code, see
 * server/src/handlers/verify.ts), with progress per cell and Cancel; what did not reproduce is
 * shown as information diagnostics (`verify-*`) on the cells, and the checklist panel refreshes
 * (the server recorded the result for the notebook's current code).
 *
 * It runs the notebook's code: the progress notification says so while it runs.
 */
import * as crypto from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { DIAGNOSTIC_SOURCE } from '../../server/src/diagnosticSource';
import { VERIFY_DOCS_URL, VerifyProgressNotification, verifyProgressSchema, VerifyRequest, verifyResultSchema, type VerifyParams } from '../../server/src/verifyProtocol';

export const VERIFY_COMMAND = 'preflight.verifyNotebook';

export interface VerifyHost {
  /** The running language client (started if needed), or undefined when it cannot start. */
  client(): Promise<LanguageClient | undefined>;
  log: vscode.LogOutputChannel;
  /** Re-run the checklist if its panel is open. */
  refreshChecklist(): void;
}

export function registerVerifyCommand(context: vscode.ExtensionContext, host: VerifyHost): void {
  const diagnostics = vscode.languages.createDiagnosticCollection('preflight-verify');
  context.subscriptions.push(
    diagnostics,
    // An edited cell no longer shows what the last run said about it.
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document.uri.scheme === 'vscode-notebook-cell' && e.contentChanges.length && diagnostics.has(e.document.uri)) diagnostics.delete(e.document.uri);
    }),
    vscode.commands.registerCommand(VERIFY_COMMAND, () =>
      verifyActiveNotebook(diagnostics, host).catch((e: unknown) => {
        host.log.error(`verify failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
        void vscode.window.showErrorMessage('Preflight: verify failed. See the Preflight output for details.');
      }),
    ),
  );
}

async function verifyActiveNotebook(diagnostics: vscode.DiagnosticCollection, host: VerifyHost): Promise<void> {
  const notebook = vscode.window.activeNotebookEditor?.notebook;
  if (!notebook || notebook.uri.scheme !== 'file') {
    void vscode.window.showInformationMessage('Preflight: open a saved Jupyter notebook to verify it.');
    return;
  }
  if (notebook.isDirty) {
    // The kernel runs the file on disk: verify what is saved, never a stale copy.
    const choice = await vscode.window.showWarningMessage('Preflight: the notebook has unsaved changes. Verify runs the saved file.', 'Save and Verify');
    if (choice !== 'Save and Verify' || !(await notebook.save())) return;
  }
  const client = await host.client();
  if (!client) {
    void vscode.window.showErrorMessage('Preflight: the language server is not running.');
    return;
  }
  const token = crypto.randomBytes(8).toString('hex');
  const name = path.basename(notebook.uri.fsPath);
  const params: VerifyParams = { notebook: notebook.uri.fsPath, token };
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Preflight: verifying ${name} (this runs its code)`, cancellable: true },
    async (progress, cancel) => {
      let last = 0;
      const sub = client.onNotification(VerifyProgressNotification.method, (raw: unknown) => {
        const p = verifyProgressSchema.safeParse(raw);
        if (!p.success || p.data.token !== token || !p.data.cells) return;
        const done = ((p.data.run - 1) * p.data.cells + p.data.cell + 1) / (2 * p.data.cells);
        progress.report({ message: `run ${p.data.run} of 2: cell ${p.data.cell + 1} of ${p.data.cells}`, increment: Math.max(0, done * 100 - last) });
        last = Math.max(last, done * 100);
      });
      try {
        return verifyResultSchema.safeParse(await client.sendRequest(VerifyRequest.method, params, cancel));
      } finally {
        sub.dispose();
      }
    },
  );
  for (const cell of notebook.getCells()) diagnostics.delete(cell.document.uri);
  if (!result.success) {
    void vscode.window.showErrorMessage('Preflight: the language server sent an unexpected reply to verify.');
    return;
  }
  const r = result.data;
  if (!r.ok) {
    if (r.message !== 'cancelled') void vscode.window.showWarningMessage(`Preflight: ${name} was not verified: ${r.message}`);
    return;
  }
  const byCell = new Map<number, vscode.Diagnostic[]>();
  for (const c of r.cells) {
    if (c.cell >= notebook.cellCount) continue;
    const doc = notebook.cellAt(c.cell).document;
    const line = Math.min(c.line, Math.max(0, doc.lineCount - 1));
    const d = new vscode.Diagnostic(doc.lineAt(line).range, c.message, vscode.DiagnosticSeverity.Information);
    d.source = DIAGNOSTIC_SOURCE;
    d.code = { value: c.rule, target: vscode.Uri.parse(VERIFY_DOCS_URL) };
    byCell.set(c.cell, [...(byCell.get(c.cell) ?? []), d]);
  }
  for (const [cell, ds] of byCell) diagnostics.set(notebook.cellAt(cell).document.uri, ds);
  for (const line of [...r.confirmed, ...r.gaps.map((g) => `gap: ${g}`)]) host.log.info(`verify ${name}: ${line}`);
  host.refreshChecklist();
  const extra = r.confirmed.length ? ` ${r.confirmed.length} static finding${r.confirmed.length === 1 ? '' : 's'} confirmed.` : '';
  void vscode.window.showInformationMessage(`Preflight: ${name}: ${r.summary}${extra}`);
}
