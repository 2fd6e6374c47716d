/**
 * Verify one notebook: find the Python, run it top-down twice through the driver, build the
 * per-cell report against the saved notebook and the static findings, and record the outcome
 * for the checklist (keyed by the content hash of the code that ran). Shared by the CLI
 * (`preflight verify`) and the language server (`preflight/verify`, the VS Code command).
 *
 * Never modifies the notebook: it is read here and by the driver, never written.
 */
import * as path from 'node:path';
import { findConfig } from '../engine/config';
import type { Finding } from '../engine/model';
import { loadNotebook } from '../engine/notebook';
import { nodeFileSystem } from '../engine/project';
import { readRegularFile } from '../engine/regularFile';
import { notebookContentHash, verifyProjectRoot, writeVerifyRecord } from '../engine/verifyRecord';
import { findPython, type PythonChoice } from './interpreter';
import { buildNotebookReport, type NotebookReport } from './report';
import { runDriver, type DriverOptions } from './runDriver';

export const DEFAULT_CELL_TIMEOUT_SECONDS = 120;
export const DEFAULT_TOTAL_TIMEOUT_SECONDS = 1800;

export interface VerifyOptions {
  /** `--python`, relative to `cwd`. */
  python?: string;
  cwd: string;
  env?: NodeJS.ProcessEnv;
  cellTimeoutSeconds?: number;
  totalTimeoutSeconds?: number;
  skipTag?: string;
  signal?: AbortSignal;
  onProgress?: DriverOptions['onProgress'];
  /** The static findings of the notebook (confirmed or not by the run). */
  findings(notebook: string): Finding[] | Promise<Finding[]>;
  /** Record the outcome for the checklist (default true). */
  record?: boolean;
  driverScript?: string;
}

export type VerifyResult =
  | { ok: true; notebook: string; python: PythonChoice; report: NotebookReport; recordFile?: string }
  /**
   * `no-python`: no interpreter, or one without Jupyter (the CLI exits 2 with install advice);
   * `bad-notebook`: unreadable or not nbformat 4; `failed`: the run could not happen;
   * `cancelled`/`timeout`: stopped from outside the kernel.
   */
  | { ok: false; notebook: string; kind: 'no-python' | 'bad-notebook' | 'failed' | 'cancelled' | 'timeout'; message: string; python?: PythonChoice };

export async function verifyNotebook(notebookPath: string, opts: VerifyOptions): Promise<VerifyResult> {
  const notebook = path.resolve(opts.cwd, notebookPath);
  let text: string;
  try {
    text = new TextDecoder().decode(readRegularFile(notebook));
  } catch (e) {
    return { ok: false, notebook, kind: 'bad-notebook', message: `cannot read: ${(e as Error).message}` };
  }
  const loaded = loadNotebook(text);
  if (!loaded.ok) return { ok: false, notebook, kind: 'bad-notebook', message: loaded.message };
  const contentHash = notebookContentHash(text)!;

  const config = findConfig(notebook, nodeFileSystem);
  const found = findPython({
    ...(opts.python !== undefined ? { option: opts.python } : {}),
    ...(config.python !== undefined && config.source ? { configured: { python: config.python, configFile: config.source } } : {}),
    notebookDir: path.dirname(notebook),
    projectRoot: verifyProjectRoot(notebook),
    cwd: opts.cwd,
    env: opts.env ?? process.env,
  });
  if ('error' in found) return { ok: false, notebook, kind: 'no-python', message: found.error };
  const python = found.found;

  const run = await runDriver({
    python: python.python,
    notebook,
    cellTimeoutSeconds: opts.cellTimeoutSeconds ?? DEFAULT_CELL_TIMEOUT_SECONDS,
    totalTimeoutSeconds: opts.totalTimeoutSeconds ?? DEFAULT_TOTAL_TIMEOUT_SECONDS,
    ...(opts.skipTag ? { skipTag: opts.skipTag } : {}),
    ...(opts.signal ? { signal: opts.signal } : {}),
    ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
    ...(opts.driverScript ? { driverScript: opts.driverScript } : {}),
  });
  if (!run.ok) return { ok: false, notebook, kind: run.kind === 'missing' ? 'no-python' : run.kind, message: run.message, python };

  const report = buildNotebookReport(loaded.notebook, run.runs, await opts.findings(notebook));
  let recordFile: string | undefined;
  if (opts.record !== false) {
    try {
      recordFile = writeVerifyRecord(notebook, {
        contentHash,
        verifiedAt: new Date().toISOString(),
        outcome: report.outcome,
        summary: report.summary,
        cells: report.cells.filter((c) => c.problem).map((c) => ({ cell: c.cell, message: cellLine(c) })),
      });
    } catch {
      // A read-only project still gets its report; the checklist just will not know.
    }
  }
  return { ok: true, notebook, python, report, ...(recordFile ? { recordFile } : {}) };
}

/** One line for a cell of the report (the record, diagnostics and the text format use it). */
export function cellLine(c: NotebookReport['cells'][number]): string {
  if (c.failure) return `${c.failure.ename}${c.failure.line !== undefined ? ` at line ${c.failure.line}` : ''}${c.failure.evalue ? `: ${c.failure.evalue.split('\n')[0]!.slice(0, 200)}` : ''}${c.failure.run === 2 ? ' (second run only)' : ''}`;
  if (c.timedOut) return `timed out${c.timedOut.run === 2 ? ' (second run only)' : ''}`;
  if (c.differsBetweenRuns) return 'output differs between two fresh runs';
  return 'output differs from the saved notebook';
}
