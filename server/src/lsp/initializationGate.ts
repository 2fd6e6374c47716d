/**
 * LSP's rule for messages before `initialize` (spec 3.17, "Initialize Request"): a request is
 * answered with the error `ServerNotInitialized` (-32002), a notification is dropped, except
 * `exit`, which lets a client stop a server it never initialised. vscode-languageserver does not
 * enforce it: a handler would answer a hover before the workspace folders or settings are known.
 *
 * The check sits in vscode-jsonrpc's `messageStrategy`, which sees every incoming message before
 * it is dispatched. The strategy cannot write a response itself, so a request it turns away is
 * renamed to a method whose one handler answers the error (the id is kept, so the client's
 * request gets its answer); `installNotInitializedHandler` registers it.
 */
import { ErrorCodes, Message, ResponseError, type ConnectionOptions, type NotificationMessage, type RequestMessage } from 'vscode-languageserver';

/** Not a method any client sends: the renamed early requests. */
export const NOT_INITIALIZED_METHOD = '$/preflight/serverNotInitialized';

/** Connection options for `createConnection`; `log` is told once about early requests and once about early notifications. */
export function initializationGate(log: (message: string) => void): ConnectionOptions {
  let open = false;
  const turnedAway = { requests: 0, notifications: 0 };
  return {
    messageStrategy: {
      handleMessage(message, next) {
        if (open || Message.isResponse(message)) return next(message);
        if (Message.isRequest(message)) {
          if (message.method === 'initialize') {
            open = true;
            return next(message);
          }
          if (turnedAway.requests++ === 0) log(`Answered '${message.method}' (and any later request) before 'initialize' with ServerNotInitialized.`);
          const renamed: RequestMessage = { jsonrpc: message.jsonrpc, id: message.id, method: NOT_INITIALIZED_METHOD, params: { method: message.method } };
          return next(renamed);
        }
        if (Message.isNotification(message) && (message as NotificationMessage).method === 'exit') return next(message);
        if (turnedAway.notifications++ === 0) log(`Dropped '${(message as NotificationMessage).method}' (and any later notification) before 'initialize'.`);
      },
    },
  };
}

/** The handler of the renamed early requests. */
export function installNotInitializedHandler(connection: { onRequest(method: string, handler: (params: unknown) => unknown): unknown }): void {
  connection.onRequest(NOT_INITIALIZED_METHOD, (params) => {
    const method = (params as { method?: unknown } | undefined)?.method;
    return new ResponseError(ErrorCodes.ServerNotInitialized, `Server not initialized: '${String(method)}' was sent before 'initialize'.`);
  });
}
