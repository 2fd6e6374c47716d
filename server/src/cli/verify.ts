/**
 * `preflight verify [notebooks…]`: re-run each notebook top to bottom, twice, in a fresh Jupyter
 * kernel and report what did not reproduce (../verify/). Paths may be folders: their notebooks
 * are verified, skipping what `preflight check` skips.
 *
 * Exit codes: 0 every notebook reproduces, 1 one fails, differs or was stopped, 2 usage errors
 * and "no Python with Jupyter found" (with what to install).
 */
import * as path from 'node:path';
import { ConfigError, initParser, runCheck, scanPaths } from '../engine';
import { formatVerifyJson, formatVerifyMarkdown, formatVerifyText, RUNS_CODE_WARNING } from '../verify/format';
import { installAdvice } from '../verify/interpreter';
import { DEFAULT_CELL_TIMEOUT_SECONDS, DEFAULT_TOTAL_TIMEOUT_SECONDS, verifyNotebook, type VerifyResult } from '../verify/verifyNotebook';
import { commandArgs, type Io } from './commandArgs';

export const VERIFY_USAGE = `Usage: preflight verify [notebooks…] [--format text|json|markdown] [--python PATH] [--skip-cells-tagged TAG] [--cell-timeout SECONDS] [--timeout SECONDS]

Re-runs each notebook top to bottom, twice, in a fresh Jupyter kernel (Restart & Run All) and
reports cells that fail, whose output differs between the runs or from the saved notebook, and
which static findings the run confirms. It RUNS THE NOTEBOOK'S CODE. The notebook is never
modified; the result is recorded in .preflight_cache/verify/ for \`preflight checklist\`.
Python: --python, [tool.preflight] python, $VIRTUAL_ENV, .venv/, python3 on PATH; it needs
nbclient and ipykernel. Timeouts: ${DEFAULT_CELL_TIMEOUT_SECONDS} s per cell, ${DEFAULT_TOTAL_TIMEOUT_SECONDS} s per run.

Exit codes: 0 every notebook reproduces, 1 one does not, 2 usage error or no Python with Jupyter.`;

const FORMATS = ['text', 'json', 'markdown'] as const;


function seconds(v: string | undefined, name: string, fallback: number): number | string {
  if (v === undefined) return fallback;
  const n = Number(v);
  return Number.isInteger(n) && n >= 1 ? n : `--${name} must be a whole number of seconds, 1 or more (got "${v}")`;
}

export async function runVerifyCommand(args: string[], io: Io, cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const parsed = commandArgs(args, { format: { type: 'string' }, python: { type: 'string' }, 'skip-cells-tagged': { type: 'string' }, 'cell-timeout': { type: 'string' }, timeout: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, VERIFY_USAGE, io);
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  const format = values.format ?? 'text';
  if (!(FORMATS as readonly string[]).includes(format)) {
    io.err(`preflight: --format must be one of ${FORMATS.join(', ')} (got "${format}")\n`);
    return 2;
  }
  const cellTimeout = seconds(values['cell-timeout'], 'cell-timeout', DEFAULT_CELL_TIMEOUT_SECONDS);
  const totalTimeout = seconds(values.timeout, 'timeout', DEFAULT_TOTAL_TIMEOUT_SECONDS);
  for (const v of [cellTimeout, totalTimeout]) {
    if (typeof v === 'string') {
      io.err(`preflight: ${v}\n`);
      return 2;
    }
  }
  const scan = scanPaths(positionals.length ? positionals.map((p) => path.resolve(cwd, p)) : [cwd], cwd, {});
  for (const p of scan.problems) io.err(`preflight: ${p.path}: ${p.message}\n`);
  const notebooks = scan.files.filter((f) => f.toLowerCase().endsWith('.ipynb'));
  if (!notebooks.length) {
    io.err(scan.problems.length ? '' : `preflight: no notebooks to verify in ${positionals.join(' ') || '.'}\n`);
    return 2;
  }
  io.err(`preflight: ${RUNS_CODE_WARNING}\n`);
  await initParser();
  const results: VerifyResult[] = [];
  for (const nb of notebooks) {
    let result: VerifyResult;
    try {
      result = await verifyNotebook(nb, {
        cwd,
        env,
        cellTimeoutSeconds: cellTimeout as number,
        totalTimeoutSeconds: totalTimeout as number,
        ...(values.python !== undefined ? { python: values.python } : {}),
        ...(values['skip-cells-tagged'] ? { skipTag: values['skip-cells-tagged'] } : {}),
        findings: (file) => runCheck({ paths: [file] }).findings,
      });
    } catch (e) {
      if (e instanceof ConfigError) {
        io.err(`preflight: configuration error: ${e.message}\n`);
        return 2;
      }
      throw e;
    }
    if (!result.ok && result.kind === 'no-python') {
      // Every notebook would say the same: stop here with what to install.
      io.err(installAdvice(result.message, result.python?.python));
      return 2;
    }
    results.push(result);
  }
  io.out(format === 'json' ? formatVerifyJson(results, cwd) : format === 'markdown' ? formatVerifyMarkdown(results, cwd) : formatVerifyText(results, cwd));
  return results.every((r) => r.ok && r.report.outcome === 'reproduces') ? 0 : 1;
}
