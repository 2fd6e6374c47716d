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
import { checklistSchema, scopeMode, type Checklist } from './engine/checklist/model';

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

/** Extension → webview. */
export const hostMessageSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('loading'), scope: scopeMode }),
  z.strictObject({ type: z.literal('checklist'), checklist: checklistSchema }),
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
