/** Entry of the bundled language server: create the connection (IPC, stdio or socket, from argv), then wire it up. */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './startServer';

startServer(createConnection(ProposedFeatures.all));
