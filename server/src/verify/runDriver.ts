/**
 * Runs the shipped Python driver (./driver.py, copied to dist/verify_driver.py) with the chosen
 * interpreter and reads its JSON-lines events. The driver does the kernel work with nbclient;
 * this side only starts it, watches the clock (a total timeout the driver cannot outlive) and
 * stops it on cancellation, killing it by its own pid.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';

const output = z.object({
  kind: z.enum(['stream', 'text', 'error']),
  text: z.string(),
  ename: z.string().optional(),
  evalue: z.string().optional(),
  traceback: z.array(z.string()).optional(),
});
export type RunOutput = z.infer<typeof output>;

export const cellStatus = z.enum(['ok', 'error', 'timeout', 'skipped', 'not-run']);
export type CellStatus = z.infer<typeof cellStatus>;

const event = z.discriminatedUnion('event', [
  z.object({ event: z.literal('start'), run: z.number(), cells: z.number() }),
  z.object({ event: z.literal('cell'), run: z.number(), index: z.number().int().nonnegative(), status: cellStatus, seconds: z.number(), outputs: z.array(output) }),
  z.object({ event: z.literal('end'), run: z.number(), seconds: z.number(), stopped: z.string().nullable() }),
  z.object({ event: z.literal('fatal'), message: z.string() }),
  z.object({ event: z.literal('missing'), module: z.string() }),
]);
type DriverEvent = z.infer<typeof event>;

export interface CellRun {
  index: number;
  status: CellStatus;
  seconds: number;
  outputs: RunOutput[];
}

export interface NotebookRun {
  cells: CellRun[];
  seconds: number;
  stopped: string | null;
}

export type DriverResult =
  | { ok: true; runs: NotebookRun[] }
  /** `missing`: the Python has no Jupyter; `failed`: it could not run at all; `cancelled`, `timeout`: stopped from here. */
  | { ok: false; kind: 'missing' | 'failed' | 'cancelled' | 'timeout'; message: string };

export interface DriverOptions {
  python: string;
  notebook: string;
  runs?: number;
  cellTimeoutSeconds: number;
  totalTimeoutSeconds: number;
  skipTag?: string;
  signal?: AbortSignal;
  onProgress?: (p: { run: number; cell: number; cells: number; status: CellStatus }) => void;
  driverScript?: string;
}

/** The driver next to the bundle (dist/verify_driver.py), or the source file when running from the repository (tests). */
export function defaultDriverScript(): string {
  const bundled = path.join(__dirname, 'verify_driver.py');
  if (fs.existsSync(bundled)) return bundled;
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const source = path.join(dir, 'server', 'src', 'verify', 'driver.py');
    if (fs.existsSync(source)) return source;
    if (path.dirname(dir) === dir) return bundled;
  }
}

/** Seconds the driver may take after the total timeout to stop its kernel before it is killed. */
const GRACE_SECONDS = 30;

export function runDriver(opts: DriverOptions): Promise<DriverResult> {
  const args = [
    opts.driverScript ?? defaultDriverScript(),
    opts.notebook,
    '--runs', String(opts.runs ?? 2),
    '--cell-timeout', String(opts.cellTimeoutSeconds),
    '--total-timeout', String(opts.totalTimeoutSeconds),
    ...(opts.skipTag ? ['--skip-tag', opts.skipTag] : []),
  ];
  return new Promise((resolve) => {
    const child = spawn(opts.python, args, {
      cwd: path.dirname(opts.notebook),
      // The debugger's frozen-modules warning is noise on stderr, not a problem with the notebook.
      env: { ...process.env, PYDEVD_DISABLE_FILE_VALIDATION: '1', PYTHONUNBUFFERED: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, so the kernel it started goes with it (POSIX).
      detached: process.platform !== 'win32',
    });
    const runs: NotebookRun[] = [];
    const cellsPerRun = new Map<number, number>();
    let stderr = '';
    let pending = '';
    let fatal: string | undefined;
    let missing: string | undefined;
    let stoppedHere: 'cancelled' | 'timeout' | undefined;
    let settled = false;
    const kill = () => {
      try {
        if (child.pid !== undefined && process.platform !== 'win32') process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        // already gone
      }
    };
    const timer = setTimeout(() => {
      stoppedHere = 'timeout';
      kill();
    }, (opts.totalTimeoutSeconds * (opts.runs ?? 2) + GRACE_SECONDS) * 1000);
    const onAbort = () => {
      stoppedHere = 'cancelled';
      kill();
    };
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    if (opts.signal?.aborted) onAbort();

    const handle = (e: DriverEvent) => {
      if (e.event === 'start') {
        runs[e.run - 1] = { cells: [], seconds: 0, stopped: null };
        cellsPerRun.set(e.run, e.cells);
      } else if (e.event === 'cell') {
        runs[e.run - 1]?.cells.push({ index: e.index, status: e.status, seconds: e.seconds, outputs: e.outputs });
        opts.onProgress?.({ run: e.run, cell: e.index, cells: cellsPerRun.get(e.run) ?? 0, status: e.status });
      } else if (e.event === 'end') {
        const r = runs[e.run - 1];
        if (r) Object.assign(r, { seconds: e.seconds, stopped: e.stopped });
      } else if (e.event === 'fatal') fatal = e.message;
      else missing = e.module;
    };
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      pending += chunk;
      let nl: number;
      while ((nl = pending.indexOf('\n')) >= 0) {
        const line = pending.slice(0, nl);
        pending = pending.slice(nl + 1);
        let json: unknown;
        try {
          json = JSON.parse(line);
        } catch {
          continue; // not an event (a stray print from an import): ignore
        }
        const parsed = event.safeParse(json);
        if (parsed.success) handle(parsed.data);
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-20_000);
    });
    const finish = (r: DriverResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      resolve(r);
    };
    child.on('error', (e: NodeJS.ErrnoException) => finish({ ok: false, kind: 'failed', message: `cannot run ${opts.python}: ${e.code === 'ENOENT' ? 'no such file' : e.code === 'EACCES' ? 'not executable' : e.message}` }));
    child.on('close', (code) => {
      if (stoppedHere === 'cancelled') return finish({ ok: false, kind: 'cancelled', message: 'cancelled' });
      if (stoppedHere === 'timeout') return finish({ ok: false, kind: 'timeout', message: `the run did not end within the total timeout (${opts.totalTimeoutSeconds} s per run)` });
      if (missing !== undefined) return finish({ ok: false, kind: 'missing', message: `${opts.python} cannot import ${missing}` });
      if (fatal !== undefined) return finish({ ok: false, kind: 'failed', message: fatal });
      if (code !== 0 || runs.length === 0) {
        // Only the last line: a Python 2 or broken interpreter says why there, and no stack trace is shown.
        const last = stderr.trim().split('\n').pop()?.trim();
        return finish({ ok: false, kind: 'failed', message: `${opts.python} could not run the notebook driver${last ? `: ${last}` : ` (exit ${code})`}` });
      }
      finish({ ok: true, runs });
    });
  });
}
