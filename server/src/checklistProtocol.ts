/**
 * The checklist's wire contracts, one definition for three parties:
 * - the `preflight/checklist` request between the language client and server;
 * - the messages between the extension and the checklist webview (both directions), validated
 *   with zod on receipt on both sides, since a webview is untrusted input to the extension
 *   and the extension's data is rendered by the webview.
 *
 * Imports only zod and the checklist model, so the webview bundle (media/checklist.ts) can use it.
 */
import { z } from 'zod';
import { checklistSchema, scopeMode, type Checklist, type ChecklistScope } from './engine/checklist/model';

export { checklistSchema, type Checklist };
// The client renders what the server computed (the panel's "Copy as Markdown"); it reaches the
// engine's pure checklist model and renderer through this contract only, never by a deep import.
export type { Evidence, ScopeMode } from './engine/checklist/model';
export { formatChecklistMarkdown } from './engine/checklist/format';

export namespace ChecklistRequest {
  export const method = 'preflight/checklist';
}

export const checklistParamsSchema = z.strictObject({
  /** Workspace folder (file-system path); default: the first workspace folder. */
  root: z.string().optional(),
  scope: scopeMode,
  /** Base ref for branch scope; default: the remote default branch, `main`, `master`. */
  base: z.string().optional(),
});
export type ChecklistParams = z.infer<typeof checklistParamsSchema>;

export const checklistResultSchema = z.union([
  z.strictObject({ ok: z.literal(true), checklist: checklistSchema }),
  z.strictObject({ ok: z.literal(false), message: z.string() }),
]);
export type ChecklistResult = z.infer<typeof checklistResultSchema>;

/**
 * What the panel read, said in the panel: the checklist runs as `preflight checklist` does in
 * CI — the `[tool.preflight]` configuration file (not the editor's rule settings) and the files
 * as saved on disk — so it names the file and counts the unsaved editors it did not see.
 */
export function checklistReadsText(scope: Pick<ChecklistScope, 'configFile'>, unsavedFiles: number): string {
  const config = scope.configFile ?? 'defaults (no [tool.preflight] table found)';
  const unsaved = unsavedFiles ? ` — ${unsavedFiles} unsaved file${unsavedFiles === 1 ? '' : 's'} not included` : '';
  return `Reads like preflight checklist in CI: configuration from ${config}, files as saved${unsaved}.`;
}

/**
 * Why the "Branch changes" scope cannot be used, when the checklist says so: no git repository,
 * or a repository whose base branch was not found (the whole workspace was checked instead).
 */
export function branchScopeUnavailable(scope: Pick<ChecklistScope, 'requested' | 'mode' | 'git'>): string | undefined {
  if (!scope.git.available) return 'No git repository: the whole workspace is checked.';
  if (scope.requested === 'branch' && scope.mode === 'workspace') return 'No base branch to compare with: the whole workspace is checked.';
  return undefined;
}

/** Extension → webview. */
export const hostMessageSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('loading'), scope: scopeMode }),
  /** `unsavedFiles`: editors with unsaved changes under the checked folder (the checklist reads the disk). */
  z.strictObject({ type: z.literal('checklist'), checklist: checklistSchema, unsavedFiles: z.number().int().nonnegative().optional() }),
  z.strictObject({ type: z.literal('error'), message: z.string(), scope: scopeMode }),
  z.strictObject({ type: z.literal('copied') }),
]);
export type HostMessage = z.infer<typeof hostMessageSchema>;

/** Webview → extension. Evidence is named by position in the checklist the extension sent, never by path. */
export const webviewMessageSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('ready') }),
  z.strictObject({ type: z.literal('refresh') }),
  z.strictObject({ type: z.literal('setScope'), scope: scopeMode }),
  z.strictObject({ type: z.literal('reveal'), itemId: z.string().max(200), index: z.number().int().nonnegative().max(10_000) }),
  z.strictObject({ type: z.literal('copyMarkdown') }),
]);
export type WebviewMessage = z.infer<typeof webviewMessageSchema>;
