/**
 * Language server wiring: text documents and notebook documents, live diagnostics, code
 * actions, hovers and settings. Thin: requests are answered in handlers/, the diagnostics
 * scheduler/publisher, settings cache and logger live in lsp/, open documents' models in
 * documents/, and the analysis in engine/ (through engine/index.ts). Exported for in-process tests (`startServer(createConnection(r, w))`).
 *
 * Notebook cells matched by `notebookDocumentSync` reach the server only through the notebook
 * channel (`notebookDocument/*`), so `NotebookDocuments` keeps its own cell TextDocuments and
 * the plain `TextDocuments` sees `.py` files and manifests only (architecture.md §2.2-2.3).
 */
import * as path from 'node:path';
import { z } from 'zod';
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  NotebookDocuments,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type DidChangeNotebookDocumentParams,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { classifyFile, initParser } from './engine';
import { overlayFileSystem } from './documents/overlayFs';
import { Projects } from './documents/projects';
import { dedupeChange, dedupeOpen, type Deduplicated } from './documents/notebookModel';
import { fsPathOf } from './documents/uri';
import { registerChecklistHandler } from './handlers/checklist';
import { registerVerifyHandler } from './handlers/verify';
import { asksForFixAll, codeActions } from './handlers/codeActions';
import { SettingsCache } from './lsp/settingsCache';
import { DiagnosticsService, textKindOf, TYPING_DELAY_MS } from './lsp/diagnostics';
import { hover } from './handlers/hover';
import { configSourceLine, connectionLogger, guard, transportOf, type Logger } from './lsp/log';
import { AnalysisSettledRequest, CellExecutionNotification, FIX_ALL_KIND, NOTEBOOK_FIX_ALL_KIND, type CellExecutionParams } from './protocol';

const cellExecutionSchema = z.object({
  notebookUri: z.string(),
  cells: z.array(z.object({ uri: z.string(), executionOrder: z.number().int().optional(), success: z.boolean().optional(), hasOutputs: z.boolean().optional() })),
});

const analysisSettledSchema = z.object({ uri: z.string() });

/** Files whose change can change other documents' findings (declared dependencies, `[tool.preflight]`). */
/**
 * Files whose change on disk changes what other files' analyses read: manifests, and Python
 * modules (an import of a module that now exists is the project's own; a helper's effects and
 * seeds are read through its module summary).
 */
function isProjectFile(file: string): boolean {
  return classifyFile(file)?.target === 'manifest' || /\.pyw?$/i.test(file);
}

export interface ServerHandle {
  readonly diagnostics: DiagnosticsService;
}

/** What the registration functions below share: the connection, the documents and the services. */
interface ServerContext {
  connection: Connection;
  log: Logger;
  documents: TextDocuments<TextDocument>;
  notebooks: NotebookDocuments<TextDocument>;
  /** Open text documents by file path (the overlay file system reads their unsaved text). */
  openPaths: Map<string, string>;
  projects: Projects;
  settings: SettingsCache;
  diagnostics: DiagnosticsService;
  /** Client capabilities read in `initialize`. */
  client: { dynamicConfiguration: boolean; workspaceFolderEvents: boolean };
}

export function startServer(connection: Connection): ServerHandle {
  const log = connectionLogger(connection);
  const documents = new TextDocuments(TextDocument);
  const notebooks = new NotebookDocuments(TextDocument);

  // Unsaved manifest text wins over the disk, so rules reading other project files see the editor.
  const openPaths = new Map<string, string>();
  const fs = overlayFileSystem({
    textAt: (file) => {
      const uri = openPaths.get(file);
      return uri === undefined ? undefined : documents.get(uri)?.getText();
    },
    openPaths: () => openPaths.keys(),
  });
  const projects = new Projects(fs, (m) => log.warn(m));
  const settings = new SettingsCache(connection, log);
  const diagnostics = new DiagnosticsService({ connection, documents, notebooks, projects, fs, settings: (uri) => settings.get(uri), log });
  const ctx: ServerContext = { connection, log, documents, notebooks, openPaths, projects, settings, diagnostics, client: { dynamicConfiguration: false, workspaceFolderEvents: false } };

  connection.onInitialize(async (params) => initialize(ctx, params));
  registerWorkspaceEvents(ctx);
  registerTextDocuments(ctx);
  registerNotebooks(ctx);
  registerFeatures(ctx);
  connection.onShutdown(() => diagnostics.dispose());

  documents.listen(connection);
  listenToNotebooks(ctx);
  connection.listen();

  return { diagnostics };
}

async function initialize(ctx: ServerContext, params: InitializeParams): Promise<InitializeResult> {
  await initParser();
  const folders = params.workspaceFolders?.map((f) => fsPathOf(f.uri)) ?? [params.rootUri ? fsPathOf(params.rootUri) : (params.rootPath ?? undefined)];
  ctx.projects.setFolders(folders.filter((f): f is string => f !== undefined));
  ctx.settings.supported = params.capabilities.workspace?.configuration === true;
  ctx.client.dynamicConfiguration = params.capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true;
  ctx.client.workspaceFolderEvents = params.capabilities.workspace?.workspaceFolders === true;
  const cells = [{ language: 'python' }, { language: 'markdown' }];
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      notebookDocumentSync: {
        notebookSelector: [
          { notebook: 'jupyter-notebook', cells },
          { notebook: 'interactive', cells },
        ],
        save: true,
      },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND, NOTEBOOK_FIX_ALL_KIND], resolveProvider: false },
      hoverProvider: true,
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'preflight' },
  };
}

/** Workspace folders, settings and watched project files: each can change every document's findings. */
function registerWorkspaceEvents({ connection, log, projects, settings, diagnostics, openPaths, client }: ServerContext): void {
  // What the Output channel says about each folder's configuration; said again when it changes.
  const configSources = new Map<string, string | undefined>();
  const logConfigSources = () => {
    for (const folder of projects.folderPaths()) {
      const source = projects.configFor(path.join(folder, 'pyproject.toml')).source;
      if (configSources.has(folder) && configSources.get(folder) === source) continue;
      configSources.set(folder, source);
      log.info(configSourceLine(folder, source));
    }
  };
  connection.onInitialized(
    guard(log, 'initialized', undefined, async () => {
      log.info(`Preflight language server started: pid ${process.pid}, transport ${transportOf(process.argv)}, Node ${process.version}.`);
      logConfigSources();
      if (client.workspaceFolderEvents) {
        connection.workspace.onDidChangeWorkspaceFolders(
          guard(log, 'didChangeWorkspaceFolders', undefined, async () => {
            const folders = (await connection.workspace.getWorkspaceFolders()) ?? [];
            projects.setFolders(folders.map((f) => fsPathOf(f.uri)).filter((f): f is string => f !== undefined));
            projects.invalidate(undefined);
            logConfigSources();
            diagnostics.scheduleAll();
          }),
        );
      }
      if (client.dynamicConfiguration) await connection.client.register(DidChangeConfigurationNotification.type, { section: 'preflight' });
    }),
  );

  connection.onDidChangeConfiguration(
    guard(log, 'didChangeConfiguration', undefined, () => {
      settings.clear();
      projects.invalidate(undefined);
      diagnostics.scheduleAll();
    }),
  );

  connection.onDidChangeWatchedFiles(
    guard(log, 'didChangeWatchedFiles', undefined, (params) => {
      for (const change of params.changes) {
        const file = fsPathOf(change.uri);
        if (file === undefined || !isProjectFile(file) || openPaths.has(file)) continue;
        projects.invalidate(file);
        if (path.basename(file) === 'pyproject.toml') logConfigSources();
        diagnostics.scheduleAll((f) => projects.sameProject(f, file), TYPING_DELAY_MS);
      }
    }),
  );
}

/** `.py` files and manifests: analyse on open and change; a manifest edit re-analyses its project. */
function registerTextDocuments({ log, documents, openPaths, projects, diagnostics }: ServerContext): void {
  const justOpened = new Set<string>();
  documents.onDidOpen(
    guard(log, 'didOpen', undefined, ({ document }) => {
      diagnostics.forgetVersion(document.uri);
      const file = fsPathOf(document.uri);
      if (file !== undefined) openPaths.set(path.resolve(file), document.uri);
      justOpened.add(document.uri);
    }),
  );
  documents.onDidChangeContent(
    guard(log, 'didChange', undefined, ({ document }) => {
      const opened = justOpened.delete(document.uri);
      const job = { kind: 'text', uri: document.uri } as const;
      if (opened) diagnostics.schedule(job, 0);
      else diagnostics.typed(job);
      const file = fsPathOf(document.uri);
      if (!opened && file !== undefined && textKindOf(document.uri, document.languageId)?.target === 'manifest') {
        projects.invalidate(file);
        diagnostics.scheduleAll((f) => f !== file && projects.sameProject(f, file), TYPING_DELAY_MS);
      }
    }),
  );
  documents.onDidClose(
    guard(log, 'didClose', undefined, ({ document }) => {
      justOpened.delete(document.uri);
      diagnostics.closeText(document.uri);
      const file = fsPathOf(document.uri);
      if (file === undefined) return;
      openPaths.delete(path.resolve(file));
      // The project now reads the file from disk again (unsaved edits were discarded).
      if (isProjectFile(file)) {
        projects.invalidate(file);
        diagnostics.scheduleAll((f) => projects.sameProject(f, file), TYPING_DELAY_MS);
      }
    }),
  );
}

/** Notebook lifecycle and the client's execution orders (`preflight/cellExecution`). */
function registerNotebooks({ connection, log, notebooks, diagnostics }: ServerContext): void {
  // A cell document opened (again) starts its versions again: fixes of its earlier text go stale.
  notebooks.cellTextDocuments.onDidOpen(guard(log, 'cell didOpen', undefined, ({ document }) => diagnostics.forgetVersion(document.uri)));
  notebooks.onDidOpen(guard(log, 'notebookDocument/didOpen', undefined, (nb) => diagnostics.openNotebook(nb.uri)));
  notebooks.onDidSave(guard(log, 'notebookDocument/didSave', undefined, (nb) => diagnostics.savedNotebook(nb.uri)));
  notebooks.onDidClose(
    guard(log, 'notebookDocument/didClose', undefined, (nb) =>
      diagnostics.closeNotebook(
        nb.uri,
        nb.cells.map((c) => c.document),
      ),
    ),
  );

  connection.onNotification(
    CellExecutionNotification.type,
    guard(log, CellExecutionNotification.method, undefined, (params: CellExecutionParams) => {
      const parsed = cellExecutionSchema.safeParse(params);
      if (!parsed.success) {
        log.warn(`${CellExecutionNotification.method}: ignored malformed params (${parsed.error.issues[0]?.message ?? 'invalid'})`);
        return;
      }
      const cells = parsed.data.cells.map((c) => ({
        uri: c.uri,
        ...(c.executionOrder !== undefined ? { executionOrder: c.executionOrder } : {}),
        ...(c.success !== undefined ? { success: c.success } : {}),
        ...(c.hasOutputs ? { hasOutputs: true } : {}),
      }));
      diagnostics.setExecutions(parsed.data.notebookUri, cells);
    }),
  );
}

/** How long a fix-all request waits for the text being saved to be analysed. */
const FIX_ALL_SETTLE_MS = 3000;

/** Code actions, hovers and the readiness checklist request. */
function registerFeatures({ connection, log, documents, notebooks, projects, diagnostics }: ServerContext): void {
  const textOf = (uri: string) => {
    const doc = documents.get(uri) ?? notebooks.cellTextDocuments.get(uri);
    return doc ? { text: doc.getText(), version: doc.version } : undefined;
  };
  connection.onCodeAction(
    guard(log, 'codeAction', [], async (params) => {
      // Fix-all on save follows the last keystroke at once: analyse that text first (bounded, so
      // a save never waits long), or its fixes would be of an older version and not offered.
      if (asksForFixAll(params.context.only)) await diagnostics.settle(FIX_ALL_SETTLE_MS);
      return codeActions(params, {
        document: textOf,
        notebookOf(cellUri) {
          const nb = notebooks.findNotebookDocumentForCell(cellUri);
          const cell = notebooks.getNotebookCell(cellUri);
          if (!nb || !cell) return undefined;
          const languageId = notebooks.cellTextDocuments.get(cellUri)?.languageId;
          return { notebookUri: nb.uri, cellUris: nb.cells.map((c) => c.document), isCode: cell.kind === 2 && (languageId === undefined || languageId === 'python') };
        },
        manifestKindOf(uri) {
          const doc = documents.get(uri);
          const kind = doc ? textKindOf(uri, doc.languageId) : undefined;
          return kind?.target === 'manifest' ? kind.manifestKind : undefined;
        },
        published: diagnostics.published,
        analysedVersions: diagnostics.analysedVersions,
      });
    }),
  );
  connection.onHover(guard(log, 'hover', null, (params) => hover(params, diagnostics.published)));
  connection.onRequest(AnalysisSettledRequest.type, async (params: unknown) => {
    const parsed = analysisSettledSchema.safeParse(params);
    await diagnostics.whenIdle();
    return { analysedVersion: parsed.success ? (diagnostics.analysedVersions.get(parsed.data.uri) ?? null) : null };
  });
  registerChecklistHandler(connection, () => projects.folderPaths(), log);
  registerVerifyHandler(connection, () => projects.folderPaths(), log);
}

/**
 * NotebookDocuments fires no change event for a pure structure change (a cell move sends only
 * `structure.array`, no didOpen/didClose), so the raw notification is observed too: the
 * library's handler updates the model, then the notebook is scheduled for analysis.
 */
function listenToNotebooks({ connection, log, notebooks, diagnostics }: ServerContext): void {
  const sync = connection.notebooks.synchronization;
  // Duplicated cell URIs are dropped before the library's model sees them (documents/notebookModel.ts).
  const unique = <P extends { notebookDocument: { uri: string } }>(method: string, { params, duplicates }: Deduplicated<P>): P => {
    if (duplicates.length) log.warn(`${method}: ignored ${duplicates.length} duplicated cell URI(s) in ${params.notebookDocument.uri} (the first occurrence is kept): ${duplicates.slice(0, 5).join(', ')}${duplicates.length > 5 ? ', …' : ''}`);
    return params;
  };
  notebooks.listen({
    notebooks: {
      synchronization: {
        onDidOpenNotebookDocument: (h: Parameters<typeof sync.onDidOpenNotebookDocument>[0]) =>
          sync.onDidOpenNotebookDocument((params) => h(unique('notebookDocument/didOpen', dedupeOpen(params)))),
        onDidSaveNotebookDocument: (h: Parameters<typeof sync.onDidSaveNotebookDocument>[0]) => sync.onDidSaveNotebookDocument(h),
        onDidCloseNotebookDocument: (h: Parameters<typeof sync.onDidCloseNotebookDocument>[0]) => sync.onDidCloseNotebookDocument(h),
        onDidChangeNotebookDocument: (h: Parameters<typeof sync.onDidChangeNotebookDocument>[0]) =>
          sync.onDidChangeNotebookDocument(
            guard(log, 'notebookDocument/didChange', undefined, async (params: DidChangeNotebookDocumentParams) => {
              try {
                await h(unique('notebookDocument/didChange', dedupeChange(params, notebooks.getNotebookDocument(params.notebookDocument.uri)?.cells)));
              } finally {
                const cells = params.change.cells;
                const structural = cells?.structure !== undefined || cells?.data !== undefined;
                const job = { kind: 'notebook', uri: params.notebookDocument.uri } as const;
                if (structural) diagnostics.schedule(job, 0);
                else diagnostics.typed(job);
              }
            }),
          ),
      },
    },
  } as unknown as Connection);
}
