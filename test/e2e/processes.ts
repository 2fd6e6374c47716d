/**
 * Child processes of the e2e run. Every long-lived process is started in its own process group
 * (detached) and recorded, so cleanup can stop it and everything it spawned (code-server starts
 * an extension host, a file watcher and a pty host) by that one pid, on success and on failure.
 */
import { spawn, spawnSync, type ChildProcess, type SpawnOptions } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';

const started = new Set<ChildProcess>();

/** Runs a command to completion (inheriting stdio unless told), throws when it fails. */
export function run(cmd: string, args: readonly string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv; capture?: boolean; okStatus?: readonly number[] } = {}): string {
  const r = spawnSync(cmd, args, {
    cwd: opts.cwd,
    env: opts.env ?? process.env,
    encoding: 'utf8',
    stdio: opts.capture ? ['ignore', 'pipe', 'inherit'] : 'inherit',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  if (!(opts.okStatus ?? [0]).includes(r.status ?? -1)) throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status ?? r.signal}`);
  return r.stdout ?? '';
}

/** Starts a long-lived process in its own group, with stdout/stderr appended to `logFile`. */
export function startBackground(cmd: string, args: readonly string[], logFile: string, opts: SpawnOptions = {}): ChildProcess {
  const log = fs.openSync(logFile, 'a');
  const child = spawn(cmd, args, { ...opts, detached: true, stdio: ['ignore', log, log] });
  fs.closeSync(log);
  started.add(child);
  child.once('exit', () => started.delete(child));
  return child;
}

/** Stops one started process group: SIGTERM, then SIGKILL if it has not exited in `graceMs`. */
export async function stop(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) {
    killGroup(child, 'SIGKILL'); // the leader may be gone while its children live on
    started.delete(child);
    return;
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  killGroup(child, 'SIGTERM');
  const timer = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), graceMs).unref());
  if ((await Promise.race([exited, timer])) === 'timeout') killGroup(child, 'SIGKILL');
  else killGroup(child, 'SIGKILL'); // children that ignored the leader's exit
  started.delete(child);
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

/** Last-resort cleanup (uncaught error, Ctrl+C): synchronous, kills every recorded group. */
export function killAllStartedSync(): void {
  for (const child of started) killGroup(child, 'SIGKILL');
  started.clear();
}

/** A TCP port free on 127.0.0.1 right now (the OS picks it; we close and hand it on). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Polls `probe` until it returns a value other than undefined/false, or throws after `timeoutMs`. */
export async function poll<T>(what: string, probe: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs: number, intervalMs = 250): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined && v !== false) return v;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > deadline) {
      const why = lastError instanceof Error ? ` (last error: ${lastError.message.split('\n')[0]})` : '';
      throw new Error(`timed out after ${Math.round(timeoutMs / 1000)}s waiting for ${what}${why}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
