/** Logging to the client's output channel, and the guard every handler runs inside. */
import type { Connection } from 'vscode-languageserver';

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export function connectionLogger(connection: Connection): Logger {
  return {
    info: (m) => connection.console.info(m),
    warn: (m) => connection.console.warn(m),
    error: (m) => connection.console.error(m),
  };
}

function describe(e: unknown): string {
  return e instanceof Error ? (e.stack ?? e.message) : String(e);
}

/**
 * Wrap a request or notification handler: an exception is logged and the fallback returned, so
 * one bad request (or a bug in one feature) never reaches the client as an error or kills the
 * server (vscode-eslint's `runSingleFileValidation` and ruff's `catch_unwind` habit).
 */
export function guard<P extends unknown[], R>(log: Logger, name: string, fallback: R, handler: (...args: P) => R | Promise<R>): (...args: P) => Promise<R> {
  return async (...args: P) => {
    try {
      return await handler(...args);
    } catch (e) {
      log.error(`${name} failed: ${describe(e)}`);
      return fallback;
    }
  };
}

export { describe as describeError };

/** How this server process talks to its client, from the arguments vscode-languageserver reads. */
export function transportOf(argv: readonly string[]): string {
  if (argv.includes('--node-ipc')) return 'ipc';
  if (argv.includes('--stdio')) return 'stdio';
  const socket = argv.find((a) => a.startsWith('--socket') || a.startsWith('--pipe'));
  return socket ? socket.replace(/^--/, '') : 'unknown';
}

/** The Output line saying which configuration a workspace folder's files are checked with. */
export function configSourceLine(folder: string, source: string | undefined): string {
  return `Configuration for ${folder}: ${source ? `[tool.preflight] in ${source}` : 'defaults (no pyproject.toml with [tool.preflight])'}; the editor's preflight.* settings apply on top of it to live diagnostics.`;
}
