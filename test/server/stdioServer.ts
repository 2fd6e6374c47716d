/**
 * The bundled language server (dist/server.js, built before the tests) as a child process over
 * `--stdio`, written to with raw bytes: what the in-process harness cannot do (its connection is
 * created by the test, not from argv, and its streams cannot be garbled without killing the test).
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const serverJs = path.resolve(__dirname, '../../../dist/server.js');

/** `describe` option: skip with a notice when the bundle is missing, except on CI where it must be there. */
export const serverBuilt: false | string = fs.existsSync(serverJs) || process.env.CI === 'true' ? false : 'dist/server.js not built (npm run build)';

export interface JsonRpcMessage {
  id?: number | string | null;
  method?: string;
  result?: unknown;
  error?: { code: number; message: string };
  params?: unknown;
}

export interface StdioServer {
  child: ChildProcessWithoutNullStreams;
  /** Every message the server wrote, decoded from its own framing. */
  messages: JsonRpcMessage[];
  stderr(): string;
  write(bytes: string | Buffer): void;
  send(message: object): void;
  /** The first message matching, waiting up to `ms`. */
  waitFor(match: (m: JsonRpcMessage) => boolean, ms?: number): Promise<JsonRpcMessage>;
  /** The exit code, or `'still running'` after `ms` (then the process is killed). */
  exited(ms: number): Promise<number | null | 'still running'>;
}

export function frame(message: object): Buffer {
  const body = Buffer.from(JSON.stringify(message), 'utf8');
  return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]);
}

export function startStdioServer(args: string[] = []): StdioServer {
  const child = spawn(process.execPath, [serverJs, '--stdio', ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  const messages: JsonRpcMessage[] = [];
  let err = '';
  let out = Buffer.alloc(0);
  child.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
  child.stdout.on('data', (d: Buffer) => {
    out = Buffer.concat([out, d]);
    for (;;) {
      const end = out.indexOf('\r\n\r\n');
      if (end < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(out.subarray(0, end).toString('ascii'))?.[1]);
      if (out.length < end + 4 + length) return;
      messages.push(JSON.parse(out.subarray(end + 4, end + 4 + length).toString('utf8')) as JsonRpcMessage);
      out = out.subarray(end + 4 + length);
    }
  });
  // A server that already exited makes later writes fail with EPIPE: that is what the tests look for.
  child.stdin.on('error', () => undefined);
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    messages,
    stderr: () => err,
    write: (bytes) => child.stdin.write(bytes),
    send: (message) => child.stdin.write(frame(message)),
    async waitFor(match, ms = 60_000) {
      const deadline = Date.now() + ms;
      for (;;) {
        const found = messages.find(match);
        if (found) return found;
        if (Date.now() > deadline || child.exitCode !== null) throw new Error(`no matching message within ${ms} ms; got ${JSON.stringify(messages).slice(0, 500)}; stderr ${err.slice(0, 500)}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    async exited(ms) {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<'still running'>((resolve) => (timer = setTimeout(() => resolve('still running'), ms)));
      const result = await Promise.race([exit, late]);
      clearTimeout(timer);
      if (result === 'still running') child.kill('SIGKILL');
      return result;
    },
  };
}

export const initializeRequest = (id = 1) => ({ jsonrpc: '2.0', id, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });
