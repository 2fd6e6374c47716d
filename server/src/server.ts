/** Entry of the bundled language server: create the connection (IPC, stdio or socket, from argv), then wire it up. */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './startServer';

const connection = createConnection(ProposedFeatures.all);
// Last resort (as vscode-eslint does): every handler already catches its own errors; anything
// that still escapes (a timer, a library callback) is logged instead of killing the server,
// which would drop diagnostics for the whole workspace until the client restarts it.
process.on('uncaughtException', (e) => connection.console.error(`Preflight: uncaught exception: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`));
process.on('unhandledRejection', (e) => connection.console.error(`Preflight: unhandled rejection: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`));
startServer(connection);
