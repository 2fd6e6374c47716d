/**
 * In-process language server for tests: the real `startServer` over a pair of PassThrough
 * streams, driven by a `vscode-jsonrpc` client connection (the ruff e2e / python-template style).
 * The streams are never ended: the server's node connection exits the process on stream end.
 */
import { PassThrough } from 'node:stream';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic, InitializeParams, InitializeResult, PublishDiagnosticsParams } from 'vscode-languageserver';
import { createConnection } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { startServer, type ServerHandle } from '../../server/src/startServer';

export interface Harness {
  client: MessageConnection;
  server: ServerHandle;
  initializeResult: InitializeResult;
  /** Every publishDiagnostics notification, in order. */
  published: PublishDiagnosticsParams[];
  /** Latest diagnostics per URI. */
  latest: Map<string, Diagnostic[]>;
  logs: { type: number; message: string }[];
  /** Settings the client answers `workspace/configuration` with (per scope URI). */
  settings: Record<string, unknown>;
  configurationRequests: number;
  /** Wait until the server is idle and every notification it sent has been read. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

export const notebookCapabilities = {
  notebookDocument: { synchronization: { dynamicRegistration: false, executionSummarySupport: true } },
  textDocument: {
    publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true, dataSupport: true },
    codeAction: { dataSupport: true, codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'notebook'] } } },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    synchronization: { didSave: true },
  },
  workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, workspaceFolders: true },
};

export async function startHarness(opts: { rootUri?: string | null; settings?: Record<string, unknown>; capabilities?: object } = {}): Promise<Harness> {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  const server = startServer(createConnection(toServer, toClient));
  const client = createMessageConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
  const published: PublishDiagnosticsParams[] = [];
  const latest = new Map<string, Diagnostic[]>();
  const logs: Harness['logs'] = [];
  const h = {
    client,
    server,
    published,
    latest,
    logs,
    settings: opts.settings ?? {},
    configurationRequests: 0,
  } as Harness;
  client.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    published.push(p);
    latest.set(p.uri, p.diagnostics);
  });
  client.onNotification('window/logMessage', (m: { type: number; message: string }) => {
    logs.push(m);
  });
  client.onRequest('workspace/configuration', (p: { items: { scopeUri?: string; section?: string }[] }) => {
    h.configurationRequests++;
    return p.items.map(() => h.settings);
  });
  client.onRequest('client/registerCapability', () => null);
  client.onRequest('workspace/workspaceFolders', () => (opts.rootUri ? [{ uri: opts.rootUri, name: 'root' }] : []));
  client.listen();
  const init: InitializeParams = {
    processId: null,
    rootUri: opts.rootUri ?? null,
    capabilities: (opts.capabilities ?? notebookCapabilities) as InitializeParams['capabilities'],
    workspaceFolders: opts.rootUri ? [{ uri: opts.rootUri, name: 'root' }] : null,
  };
  h.initializeResult = await client.sendRequest<InitializeResult>('initialize', init);
  await client.sendNotification('initialized', {});
  h.settle = async () => {
    // A round trip through the server first, so notifications sent before it have been handled.
    for (let i = 0; i < 3; i++) {
      await client.sendRequest('textDocument/hover', { textDocument: { uri: 'file:///nowhere.py' }, position: { line: 0, character: 0 } });
      await server.diagnostics.whenIdle();
    }
    await client.sendRequest('textDocument/hover', { textDocument: { uri: 'file:///nowhere.py' }, position: { line: 0, character: 0 } });
  };
  h.close = async () => {
    await client.sendRequest('shutdown');
    client.dispose();
  };
  return h;
}

// ---- message builders ----

export const NOTEBOOK = 'file:///tmp/Preflight%20Tests/Analysis.ipynb';

/** A synthetic cell URI: scheme `vscode-notebook-cell`, an opaque mixed-case fragment. */
export function cellUri(handle: number, notebook = NOTEBOOK): string {
  return `${notebook.replace(/^file:/, 'vscode-notebook-cell:')}#W${handle}sZmlsZQ%3D%3D`;
}

export interface CellSpec {
  handle: number;
  text: string;
  kind?: 'code' | 'markdown';
  executionOrder?: number;
  success?: boolean;
}

export function lspCell(c: CellSpec, notebook = NOTEBOOK) {
  return {
    kind: c.kind === 'markdown' ? 1 : 2,
    document: cellUri(c.handle, notebook),
    ...(c.executionOrder !== undefined && c.success !== undefined ? { executionSummary: { executionOrder: c.executionOrder, success: c.success } } : {}),
  };
}

export function cellDocument(c: CellSpec, notebook = NOTEBOOK) {
  return { uri: cellUri(c.handle, notebook), languageId: c.kind === 'markdown' ? 'markdown' : 'python', version: 1, text: c.text };
}

export function openNotebook(h: Harness, cells: CellSpec[], notebook = NOTEBOOK): Promise<void> {
  return h.client.sendNotification('notebookDocument/didOpen', {
    notebookDocument: { uri: notebook, notebookType: 'jupyter-notebook', version: 1, cells: cells.map((c) => lspCell(c, notebook)) },
    cellTextDocuments: cells.map((c) => cellDocument(c, notebook)),
  });
}

let notebookVersion = 1;
export function changeNotebook(h: Harness, change: object, notebook = NOTEBOOK): Promise<void> {
  return h.client.sendNotification('notebookDocument/didChange', { notebookDocument: { uri: notebook, version: ++notebookVersion }, change });
}

export function editCell(h: Harness, handle: number, version: number, changes: object[], notebook = NOTEBOOK): Promise<void> {
  return changeNotebook(h, { cells: { textContent: [{ document: { uri: cellUri(handle, notebook), version }, changes }] } }, notebook);
}

export function closeNotebook(h: Harness, handles: number[], notebook = NOTEBOOK): Promise<void> {
  return h.client.sendNotification('notebookDocument/didClose', {
    notebookDocument: { uri: notebook },
    cellTextDocuments: handles.map((n) => ({ uri: cellUri(n, notebook) })),
  });
}

export function openText(h: Harness, uri: string, languageId: string, text: string, version = 1): Promise<void> {
  return h.client.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
}

export function changeText(h: Harness, uri: string, version: number, changes: object[]): Promise<void> {
  return h.client.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
}

export function rangeOf(sl: number, sc: number, el: number, ec: number) {
  return { start: { line: sl, character: sc }, end: { line: el, character: ec } };
}

export function codes(ds: readonly Diagnostic[] | undefined): string[] {
  return (ds ?? []).map((d) => String(d.code));
}

/** Apply a WorkspaceEdit's `changes` for one URI to a text (as the client would). */
export function applyWorkspaceEdit(text: string, uri: string, edit: { changes?: Record<string, { range: ReturnType<typeof rangeOf>; newText: string }[]> } | undefined): string {
  const edits = edit?.changes?.[uri] ?? [];
  return TextDocument.applyEdits(TextDocument.create(uri, 'python', 0, text), edits);
}
