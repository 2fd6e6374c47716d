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
  type ExtensionContext,
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
  private readonly disposables: Disposable[] = [];

  constructor(
    private readonly extensionUri: Uri,
    private readonly getClient: () => LanguageClient | undefined,
  ) {}

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
        if (this.last) this.post({ type: 'checklist', checklist: this.last });
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
    const client = this.getClient();
    if (!client || !client.isRunning()) {
      this.post({ type: 'error', scope, message: 'The Preflight language server is not running yet.' });
      return;
    }
    const root = workspaceRoot();
    const base = workspace.getConfiguration('preflight').get<string>('checklist.baseBranch')?.trim();
    const params: ChecklistParams = { scope, ...(root ? { root } : {}), ...(base ? { base } : {}) };
    await window.withProgress({ location: ProgressLocation.Window, title: 'Preflight: running the readiness checklist' }, async () => {
      try {
        const result = checklistResultSchema.safeParse(await client.sendRequest(ChecklistRequest.method, params));
        if (!result.success) this.post({ type: 'error', scope, message: 'the language server sent an unexpected reply' });
        else if (!result.data.ok) this.post({ type: 'error', scope, message: result.data.message });
        else {
          this.last = result.data.checklist;
          this.post({ type: 'checklist', checklist: result.data.checklist });
        }
      } catch (e) {
        this.post({ type: 'error', scope, message: (e as Error)?.message ?? String(e) });
      }
    });
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
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
