/**
 * `preflight/checklist`: compute the readiness checklist for a workspace folder. Findings come
 * from the engine's multi-file runner (engine/runner.ts, the one `preflight check` uses) over
 * the files in scope, so the panel and `preflight checklist` in CI agree. Never throws to the client: failures come back as
 * `{ok: false, message}` and are logged.
 */
import * as path from 'node:path';
import type { Connection } from 'vscode-languageserver';
import { checklistParamsSchema, ChecklistRequest, type ChecklistResult } from '../checklistProtocol';
import { ChecklistScopeError, computeChecklist, ConfigError, runCheck } from '../engine';

export interface ChecklistLogger {
  info(message: string): void;
  error(message: string): void;
}

/** Whether `p` is one of the roots or inside one (the client may only ask about workspace folders). */
export function isInsideRoots(p: string, roots: readonly string[]): boolean {
  const abs = path.resolve(p);
  return roots.some((r) => {
    const rel = path.relative(path.resolve(r), abs);
    return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
  });
}

export async function handleChecklistRequest(raw: unknown, roots: readonly string[], log: ChecklistLogger): Promise<ChecklistResult> {
  const parsed = checklistParamsSchema.safeParse(raw ?? {});
  if (!parsed.success) return { ok: false, message: `invalid request: ${parsed.error.issues[0]?.message ?? 'bad parameters'}` };
  const params = parsed.data;
  const root = params.root ?? roots[0];
  if (!root) return { ok: false, message: 'Open a folder to run the readiness checklist.' };
  if (!isInsideRoots(root, roots)) return { ok: false, message: `${root} is not in the workspace.` };
  const started = Date.now();
  try {
    const checklist = await computeChecklist({
      root,
      scope: params.scope,
      ...(params.base ? { base: params.base } : {}),
      analyze: (files, projectRoot, config) =>
        runCheck({ paths: files, root: projectRoot, config, onRuleError: (file, ruleId, error) => log.error(`rule ${ruleId} failed on ${file}: ${error}`) }).findings,
    });
    log.info(`checklist for ${root} (${checklist.scope.mode}): ${checklist.scope.filesAnalysed} files in ${Date.now() - started} ms`);
    return { ok: true, checklist };
  } catch (e) {
    if (e instanceof ConfigError || e instanceof ChecklistScopeError) return { ok: false, message: e.message };
    log.error(`checklist failed for ${root}: ${(e as Error)?.stack ?? String(e)}`);
    return { ok: false, message: `internal error: ${(e as Error)?.message ?? String(e)}` };
  }
}

export function registerChecklistHandler(connection: Connection, getWorkspaceRoots: () => readonly string[], log: ChecklistLogger): void {
  connection.onRequest(ChecklistRequest.method, (params: unknown) => handleChecklistRequest(params, getWorkspaceRoots(), log));
}
