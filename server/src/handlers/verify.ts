/**
 * `preflight/verify`: the language server side of "Preflight: Verify Notebook Reproduces". Runs
 * the same code as `preflight verify` (../verify/verifyNotebook.ts) on the saved notebook, so the
 * result is recorded for the checklist panel too; the static findings it confirms come from the
 * engine's runner, as in the CLI. Cancellation (the progress notification's Cancel) stops the
 * kernel. Never throws to the client: failures come back as `{ok: false, message}`.
 */
import type { CancellationToken, Connection } from 'vscode-languageserver';
import { ConfigError, runCheck } from '../engine';
import { installAdvice } from '../verify/interpreter';
import type { NotebookReport } from '../verify/report';
import { cellLine, verifyNotebook } from '../verify/verifyNotebook';
import { VerifyProgressNotification, verifyParamsSchema, VerifyRequest, type VerifyCell, type VerifyResultMessage } from '../verifyProtocol';
import { isInsideRoots, type ChecklistLogger } from './checklist';

/** The diagnostics of a report: one per problem cell, at the failing line when the traceback names it. */
export function verifyCells(report: NotebookReport): VerifyCell[] {
  return report.cells
    .filter((c) => c.problem)
    .map((c) => ({
      cell: c.cell,
      line: Math.max(0, (c.failure?.line ?? 1) - 1),
      rule: c.failure ? 'verify-failed' : c.timedOut ? 'verify-timeout' : c.differsBetweenRuns ? 'verify-differs-between-runs' : 'verify-differs-from-saved',
      message: `preflight verify: ${cellLine(c)}${c.differsBetweenRuns || c.differsFromSaved ? `\n${c.differsBetweenRuns ?? c.differsFromSaved}` : ''}`,
    }));
}

export async function handleVerifyRequest(raw: unknown, roots: readonly string[], token: CancellationToken | undefined, progress: (p: { run: number; cell: number; cells: number }) => void, log: ChecklistLogger): Promise<VerifyResultMessage> {
  const parsed = verifyParamsSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, message: `invalid request: ${parsed.error.issues[0]?.message ?? 'bad parameters'}` };
  const { notebook } = parsed.data;
  if (!isInsideRoots(notebook, roots)) return { ok: false, message: `${notebook} is not in the workspace.` };
  const abort = new AbortController();
  const sub = token?.onCancellationRequested(() => abort.abort());
  try {
    const result = await verifyNotebook(notebook, {
      cwd: roots.find((r) => isInsideRoots(notebook, [r])) ?? roots[0]!,
      signal: abort.signal,
      onProgress: (p) => progress(p),
      findings: (file) => runCheck({ paths: [file] }).findings,
    });
    if (!result.ok) {
      log.info(`verify ${notebook}: ${result.kind}: ${result.message}`);
      return { ok: false, message: result.kind === 'no-python' ? installAdvice(result.message, result.python?.python).replace(/^preflight: /, '').trim() : result.message };
    }
    const r = result.report;
    log.info(`verify ${notebook}: ${r.outcome} in ${r.seconds.toFixed(1)} s with ${result.python.python}`);
    return { ok: true, outcome: r.outcome, summary: r.summary, python: result.python.python, cells: verifyCells(r), confirmed: r.confirmed.map((k) => k.message), gaps: r.gaps.map((g) => g.message) };
  } catch (e) {
    if (e instanceof ConfigError) return { ok: false, message: e.message };
    log.error(`verify failed for ${notebook}: ${(e as Error)?.stack ?? String(e)}`);
    return { ok: false, message: `internal error: ${(e as Error)?.message ?? String(e)}` };
  } finally {
    sub?.dispose();
  }
}

export function registerVerifyHandler(connection: Connection, getWorkspaceRoots: () => readonly string[], log: ChecklistLogger): void {
  connection.onRequest(VerifyRequest.method, (params: unknown, token: CancellationToken) =>
    handleVerifyRequest(params, getWorkspaceRoots(), token, (p) => void connection.sendNotification(VerifyProgressNotification.method, { token: (params as { token?: string })?.token ?? '', ...p }), log),
  );
}
