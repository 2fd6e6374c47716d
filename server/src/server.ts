/** Entry of the bundled language server: create the connection (IPC, stdio or socket, from argv), then wire it up. */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { watchFraming } from './lsp/framing';
import { initializationGate, installNotInitializedHandler } from './lsp/initializationGate';
import { startServer } from './startServer';

// Requests before `initialize` get ServerNotInitialized; notifications other than `exit` are
// dropped. Logged to stderr: LSP allows no server message before `initialize`.
const gateOptions = initializationGate((m) => process.stderr.write(`Preflight: ${m}\n`));
const connection = createConnection(ProposedFeatures.all, gateOptions);
installNotInitializedHandler(connection);
// Over a byte stream, a broken Content-Length frame puts the stream out of step for good: exit
// (non-zero, as for an exit without shutdown) so the client restarts the server. The IPC
// transport VS Code uses carries whole messages and has no framing to break.
if (process.argv.includes('--stdio')) {
  watchFraming(process.stdin, (problem) => {
    const line = `Preflight: exiting: the client sent ${problem}; the message stream cannot be resynchronised.`;
    process.stderr.write(`${line}\n`);
    process.exit(1);
  });
}
// Last resort (as vscode-eslint does): every handler already catches its own errors; anything
// that still escapes (a timer, a library callback) is logged instead of killing the server,
// which would drop diagnostics for the whole workspace until the client restarts it.
process.on('uncaughtException', (e) => connection.console.error(`Preflight: uncaught exception: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`));
process.on('unhandledRejection', (e) => connection.console.error(`Preflight: unhandled rejection: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`));
startServer(connection);
