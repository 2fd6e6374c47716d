/**
 * Builds the LanguageClient: IPC transport to `dist/server.js`, the document selector (with a
 * notebook-cell filter), manifest file watching, execution-order forwarding, and error handling
 * that restarts a crashed server a few times before giving up (vscode-eslint, ruff-vscode).
 */
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  RevealOutputChannelOn,
  TransportKind,
  type ErrorHandler,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { CellExecutionNotification } from '../../server/src/protocol';
import { OPEN_RULE_DOCS_COMMAND } from '../../server/src/ruleDocsCommand';
import { SERVER_NODE_FLAGS } from '../../server/src/serverProcess';
import { documentSelector, isRelevantNotebook, MANIFEST_GLOB } from './documentSelector';
import { CellExecutionForwarder } from './notebookExecution';
import { SettingTraceChannel } from './traceChannel';
import { withShippedDocLinks } from './ruleDocLinks';

const MAX_RESTARTS = 4;
const RESTART_WINDOW_MS = 3 * 60 * 1000;

/** Restart after a crash, unless it crashed MAX_RESTARTS+1 times within three minutes. */
function errorHandler(log: vscode.LogOutputChannel): ErrorHandler {
  const crashes: number[] = [];
  return {
    error(error, _message, count) {
      log.error(`Connection to the Preflight server failed: ${error.message}`);
      return { action: (count ?? 0) <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown };
    },
    closed() {
      const now = Date.now();
      crashes.push(now);
      while (crashes.length && now - crashes[0]! > RESTART_WINDOW_MS) crashes.shift();
      if (crashes.length > MAX_RESTARTS) {
        const message = `The Preflight server crashed ${crashes.length} times in the last 3 minutes and will not be restarted. See the output for details.`;
        log.error(message);
        return { action: CloseAction.DoNotRestart, message };
      }
      log.warn('The Preflight server stopped; restarting it.');
      return { action: CloseAction.Restart, handled: true };
    },
  };
}

/** The transport the client starts the server with: `run` below (the Output channel names it). */
export const SERVER_TRANSPORT = 'ipc';

export function createClient(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): { client: LanguageClient; forwarder: CellExecutionForwarder } {
  const module = context.asAbsolutePath('dist/server.js');
  // The LSP trace in a channel of its own, on while `preflight.trace.server` says so (traceChannel.ts).
  const traceChannel = new SettingTraceChannel();
  context.subscriptions.push(traceChannel);
  const serverOptions: ServerOptions = {
    // Heap flags that keep the server's memory near its live size (serverProcess.ts says why).
    run: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_FLAGS] } },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_FLAGS, '--nolazy', '--inspect=6011'] } },
  };
  // The forwarder needs the client's URI converter, so it is created after the client; the
  // middleware below only runs once the client exists.
  let forwarder: CellExecutionForwarder | undefined;
  const docsDir = context.asAbsolutePath('docs/rules');
  const clientOptions: LanguageClientOptions = {
    documentSelector,
    // Manifests, and Python modules: a module created, deleted or changed on disk changes what
    // the open files' imports resolve to (the server re-analyses that project).
    synchronize: { fileEvents: [vscode.workspace.createFileSystemWatcher(MANIFEST_GLOB), vscode.workspace.createFileSystemWatcher('**/*.py')] },
    outputChannel: log,
    traceOutputChannel: traceChannel,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    // Hovers link to the rule's page shipped in the extension through a `command:` URI; trust
    // that one command in the server's Markdown and nothing else.
    markdown: { isTrusted: { enabledCommands: [OPEN_RULE_DOCS_COMMAND] } },
    errorHandler: errorHandler(log),
    initializationFailedHandler(error) {
      log.error(`The Preflight server failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      log.show(true);
      return false;
    },
    middleware: {
      handleDiagnostics(uri, diagnostics, next) {
        next(uri, withShippedDocLinks(diagnostics, docsDir));
      },
      notebooks: {
        async didOpen(notebook, cells, next) {
          await next(notebook, cells);
          if (isRelevantNotebook(notebook)) await forwarder?.forward(notebook, true);
        },
        async didClose(notebook, cells, next) {
          forwarder?.forget(notebook);
          await next(notebook, cells);
        },
      },
    },
  };
  const client = new LanguageClient('preflight', 'Preflight', serverOptions, clientOptions);
  forwarder = new CellExecutionForwarder(
    (params) => client.sendNotification(CellExecutionNotification.type, params),
    (uri) => client.code2ProtocolConverter.asUri(uri as vscode.Uri),
  );
  return { client, forwarder };
}
