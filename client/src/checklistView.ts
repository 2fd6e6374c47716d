/**
 * The readiness checklist panel: a webview view (Explorer → "Preflight Checklist") and the
 * command `preflight.runChecklist`. The checklist is computed by the language server
 * (`preflight/checklist`) and sent to the webview by postMessage; messages from the webview are
 * validated (zod) before anything happens, and evidence is opened by its position in the
 * checklist the extension itself holds — the webview never names a path to open.
 */
import * as crypto from 'node:crypto';
import * as path from 'node:path';
import {
  commands,
  env,
  NotebookRange,
  Position,
  ProgressLocation,
  Range,
  Selection,
  Uri,
  window,
  workspace,
  type Disposable,
  type LogOutputChannel,
  type WebviewView,
  type WebviewViewProvider,
} from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  ChecklistRequest,
  checklistResultSchema,
  formatChecklistMarkdown,
  webviewMessageSchema,
  type Checklist,
  type ChecklistParams,
  type Evidence,
  type HostMessage,
  type ScopeMode,
} from '../../server/src/checklistProtocol';
import { buildChecklistHtml } from './webviewHtml';


export class ChecklistViewProvider implements WebviewViewProvider, Disposable {
  private view: WebviewView | undefined;
  private scope: ScopeMode = 'branch';
  private last: Checklist | undefined;
  private running: Promise<void> | undefined;
  /** The last run found no running server: run again when the client reaches Running. */
  private waitingForServer = false;
  private readonly disposables: Disposable[] = [];

  constructor(
    private readonly extensionUri: Uri,
    private readonly ensureClient: () => Promise<LanguageClient | undefined>,
    private readonly log: LogOutputChannel,
  ) {}

  /** The client reached Running (first start, restart after a crash): catch up if the panel waited. */
  serverRunning(): void {
    if (this.waitingForServer && this.view) void this.run();
  }

  resolveWebviewView(view: WebviewView): void {
    this.view = view;
    const mediaRoot = Uri.joinPath(this.extensionUri, 'dist', 'media');
    view.webview.options = { enableScripts: true, localResourceRoots: [mediaRoot] };
    const asUri = (f: string) => view.webview.asWebviewUri(Uri.joinPath(mediaRoot, f)).toString();
    view.webview.html = buildChecklistHtml({
      cspSource: view.webview.cspSource,
      nonce: crypto.randomBytes(16).toString('base64'),
      scriptUri: asUri('checklist.js'),
      styleUri: asUri('checklist.css'),
      codiconUri: asUri('codicon.css'),
    });
    this.disposables.push(
      view.webview.onDidReceiveMessage((raw: unknown) => void this.onMessage(raw)),
      view.onDidDispose(() => {
        this.view = undefined;
      }),
    );
  }

  private post(message: HostMessage): void {
    void this.view?.webview.postMessage(message);
  }

  private async onMessage(raw: unknown): Promise<void> {
    const parsed = webviewMessageSchema.safeParse(raw);
    if (!parsed.success) return; // not ours, or malformed: ignore
    const m = parsed.data;
    switch (m.type) {
      case 'ready':
        if (this.last) this.post({ type: 'checklist', checklist: this.last, unsavedFiles: unsavedFilesUnder(this.last.root) });
        else await this.run();
        break;
      case 'refresh':
        await this.run();
        break;
      case 'setScope':
        this.scope = m.scope;
        await this.run();
        break;
      case 'reveal': {
        const evidence = this.last?.items.find((i) => i.id === m.itemId)?.evidence[m.index];
        if (this.last && evidence) await revealEvidence(this.last.root, evidence);
        break;
      }
      case 'copyMarkdown':
        if (this.last) {
          await env.clipboard.writeText(formatChecklistMarkdown(this.last));
          this.post({ type: 'copied' });
        }
        break;
    }
  }

  /** Compute the checklist (one run at a time) with progress, and show it. */
  run(): Promise<void> {
    this.running ??= this.compute().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async compute(): Promise<void> {
    const scope = this.scope;
    this.post({ type: 'loading', scope });
    // In a fresh window nothing has started the server yet: start it (or wait for it), as the
    // ESLint and Ruff extensions do for their commands.
    const client = await this.ensureClient();
    if (!client) {
      this.waitingForServer = true;
      this.post({ type: 'error', scope, message: 'The Preflight language server could not start; see the Preflight output ("Preflight: Show Output"), or run "Preflight: Restart Server". The checklist runs again when it is up.' });
      return;
    }
    this.waitingForServer = false;
    const root = workspaceRoot();
    const base = workspace.getConfiguration('preflight').get<string>('checklist.baseBranch')?.trim();
    const params: ChecklistParams = { scope, ...(root ? { root } : {}), ...(base ? { base } : {}) };
    await window.withProgress({ location: ProgressLocation.Window, title: 'Preflight: running the readiness checklist' }, async () => {
      try {
        const result = checklistResultSchema.safeParse(await client.sendRequest(ChecklistRequest.method, params));
        if (!result.success) {
          this.log.error(`checklist: unexpected reply from the language server: ${result.error.issues[0]?.message ?? 'invalid'}`);
          this.post({ type: 'error', scope, message: 'the language server sent an unexpected reply' });
        } else if (!result.data.ok) {
          this.log.warn(`checklist: ${result.data.message}`);
          this.post({ type: 'error', scope, message: result.data.message });
        } else {
          this.last = result.data.checklist;
          this.post({ type: 'checklist', checklist: result.data.checklist, unsavedFiles: unsavedFilesUnder(result.data.checklist.root) });
        }
      } catch (e) {
        this.log.error(`checklist failed: ${(e as Error)?.stack ?? String(e)}`);
        this.post({ type: 'error', scope, message: (e as Error)?.message ?? String(e) });
      }
    });
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

/**
 * Editors with unsaved changes to files under `root`: the checklist reads files as saved (as in
 * CI), so the panel says how many edits it did not see. Notebook cells count as their notebook.
 */
function unsavedFilesUnder(root: string): number {
  const inside = (uri: Uri) => {
    if (uri.scheme !== 'file') return false;
    const rel = path.relative(root, uri.fsPath);
    return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
  };
  const files = new Set<string>();
  for (const d of workspace.textDocuments) if (d.isDirty && inside(d.uri)) files.add(d.uri.fsPath);
  for (const nb of workspace.notebookDocuments) if (nb.isDirty && inside(nb.uri)) files.add(nb.uri.fsPath);
  return files.size;
}

/** The folder to check: the active editor's workspace folder, else the first one. */
function workspaceRoot(): string | undefined {
  const active = window.activeTextEditor?.document.uri ?? window.activeNotebookEditor?.notebook.uri;
  const folder = (active && workspace.getWorkspaceFolder(active)) ?? workspace.workspaceFolders?.[0];
  return folder?.uri.scheme === 'file' ? folder.uri.fsPath : undefined;
}

async function revealEvidence(root: string, e: Evidence): Promise<void> {
  if (!e.file) return;
  const abs = path.resolve(root, e.file);
  const rel = path.relative(root, abs);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return; // only files under the checked folder
  const uri = Uri.file(abs);
  const range = e.range ? new Range(new Position(e.range.start.line, e.range.start.column), new Position(e.range.end.line, e.range.end.column)) : undefined;
  try {
    if (e.cell !== undefined && abs.toLowerCase().endsWith('.ipynb')) {
      const notebook = await workspace.openNotebookDocument(uri);
      const cell = Math.min(e.cell, Math.max(0, notebook.cellCount - 1));
      const editor = await window.showNotebookDocument(notebook, { selections: [new NotebookRange(cell, cell + 1)] });
      editor.revealRange(new NotebookRange(cell, cell + 1));
      if (range && notebook.cellCount) await window.showTextDocument(notebook.cellAt(cell).document, { selection: new Selection(range.start, range.end), ...(editor.viewColumn !== undefined ? { viewColumn: editor.viewColumn } : {}) });
      return;
    }
    if (range) await window.showTextDocument(uri, { selection: new Selection(range.start, range.end) });
    else await window.showTextDocument(uri);
  } catch (err) {
    void window.showWarningMessage(`Preflight: cannot open ${e.file}: ${(err as Error)?.message ?? String(err)}`);
  }
}
