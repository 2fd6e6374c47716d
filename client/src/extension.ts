/**
 * Extension entry: activate/deactivate only. The server starts lazily, on the first document
 * it would analyse (a Python file or cell, a notebook, a dependency manifest); commands work
 * before that and start it when they need it.
 */
import * as vscode from 'vscode';
import type { LanguageClient, State } from 'vscode-languageclient/node';
import { registerChecklist } from './checklistRegistration';
import { registerCommands } from './commands';
import { isRelevantDocument, isRelevantNotebook } from './documentSelector';
import type { CellExecutionForwarder } from './notebookExecution';
import { PreflightStatus } from './status';
import { registerVerifyCommand } from './verifyCommand';

// vscode-languageclient and zod make up most of the bundle; they are require()d when the server
// starts (esbuild evaluates a require()d module on first call), so activation stays cheap.
// `State` is the languageclient enum, compared by value so it needs no import at activation.
const RUNNING: State = 2 as State;
const STARTING: State = 3 as State;
const STOPPED: State = 1 as State;

let client: LanguageClient | undefined;
let forwarder: CellExecutionForwarder | undefined;
let starting: Promise<void> | undefined;

export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('Preflight', { log: true });
  const status = new PreflightStatus();
  context.subscriptions.push(log, status);
  const version = (context.extension.packageJSON as { version?: string }).version ?? 'unknown';
  log.info(`Preflight ${version} activated (VS Code ${vscode.version}); the language server starts with the first Python file, notebook or manifest, or a Preflight command.`);

  const start = (): Promise<void> =>
    (starting ??= (async () => {
      try {
        status.setState('starting');
        const { createClient, SERVER_TRANSPORT } = require('./client') as typeof import('./client');
        log.info(`Starting the Preflight language server (${context.asAbsolutePath('dist/server.js')}, transport ${SERVER_TRANSPORT}).`);
        const created = createClient(context, log);
        client = created.client;
        forwarder = created.forwarder;
        context.subscriptions.push(
          client.onDidChangeState((e) => {
            if (e.newState === RUNNING) {
              status.setState('running');
              checklist.serverRunning();
              forwarder?.reset();
              for (const nb of vscode.workspace.notebookDocuments) if (isRelevantNotebook(nb)) void forwarder?.forward(nb, true);
            } else if (e.newState === STARTING) status.setState('starting');
            else status.setState('stopped');
          }),
        );
        const began = Date.now();
        await client.start();
        log.info(`The Preflight language server is running (${client.initializeResult?.serverInfo?.name ?? 'preflight'}, started in ${Date.now() - began} ms).`);
      } catch (e) {
        status.setState('failed');
        const message = e instanceof Error ? e.message : String(e);
        log.error(`Could not start the Preflight server: ${message}`);
        void vscode.window.showErrorMessage(`Preflight could not start its language server: ${message}`, 'Show Output').then((a) => a && log.show());
        starting = undefined;
      }
    })());

  /**
   * The running client: started if it is not yet (the checklist in a fresh window, before any
   * Python file is open), awaited while it starts. Undefined when it cannot run (start failed,
   * or it crashed too often and was not restarted: "Preflight: Restart Server" tries again).
   */
  const ensureClient = async (): Promise<LanguageClient | undefined> => {
    // No client yet, or its start failed (start() then forgets it): start one; else await the start.
    await (starting ?? start());
    const c = client;
    if (c?.state === STARTING) {
      await new Promise<void>((resolve) => {
        const sub = c.onDidChangeState((e) => {
          if (e.newState === STARTING) return;
          sub.dispose();
          resolve();
        });
      });
    }
    return c?.state === RUNNING ? c : undefined;
  };
  const checklist = registerChecklist(context, ensureClient, log);

  context.subscriptions.push(
    ...registerCommands({
      context,
      log,
      async restart() {
        if (client && client.state !== STOPPED) await client.restart();
        else {
          if (client) starting = undefined;
          await start();
        }
      },
      applyCellInserts: (args) =>
        (require('./cellInserts') as typeof import('./cellInserts')).applyCellInserts(args, (s) => (client ? client.protocol2CodeConverter.asUri(s) : vscode.Uri.parse(s)), log),
      applyNotebookChange: (args) =>
        (require('./notebookChange') as typeof import('./notebookChange')).applyNotebookChange(args, (s) => (client ? client.protocol2CodeConverter.asUri(s) : vscode.Uri.parse(s)), log),
    }),
  );

  // Forward execution orders as cells run (the LSP sync drops them, see notebookExecution.ts).
  context.subscriptions.push(
    vscode.workspace.onDidChangeNotebookDocument((e) => {
      if (client?.state === RUNNING && isRelevantNotebook(e.notebook)) {
        forwarder?.forward(e.notebook).catch((err: unknown) => log.warn(`preflight/cellExecution: ${String(err)}`));
      }
    }),
  );

  // Lazy start: now if a relevant document is open, else on the first one.
  const relevantOpen = () => vscode.workspace.textDocuments.some(isRelevantDocument) || vscode.workspace.notebookDocuments.some(isRelevantNotebook);
  if (relevantOpen()) void start();
  else {
    const listeners: vscode.Disposable[] = [];
    const startOnce = () => {
      for (const l of listeners.splice(0)) l.dispose();
      void start();
    };
    listeners.push(
      vscode.workspace.onDidOpenTextDocument((d) => isRelevantDocument(d) && startOnce()),
      vscode.workspace.onDidOpenNotebookDocument((nb) => isRelevantNotebook(nb) && startOnce()),
    );
    context.subscriptions.push({ dispose: () => listeners.forEach((l) => l.dispose()) });
  }

  registerVerifyCommand(context, {
    log,
    client: ensureClient,
    refreshChecklist: () => checklist.refreshIfOpen(),
  });
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
