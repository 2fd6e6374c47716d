/**
 * `preflight/verify` (client → server): run `preflight verify` on one saved notebook (the VS Code
 * command "Preflight: Verify Notebook Reproduces"), with `preflight/verifyProgress`
 * notifications per cell (server → client) and LSP cancellation stopping the kernel. One
 * definition for both sides; the client validates the reply with the same schema.
 */
import { z } from 'zod';

/** The page that explains the `verify-*` diagnostics (their code links there, as a rule's code links to its page). */
export const VERIFY_DOCS_URL = 'https://github.com/preflight-dev/preflight/blob/main/docs/verify.md';

export namespace VerifyRequest {
  export const method = 'preflight/verify';
}
export namespace VerifyProgressNotification {
  export const method = 'preflight/verifyProgress';
}

export const verifyParamsSchema = z.strictObject({
  /** The notebook's file-system path (it must be inside a workspace folder). */
  notebook: z.string(),
  /** Echoed in progress notifications, so the client knows which run they belong to. */
  token: z.string().max(100),
});
export type VerifyParams = z.infer<typeof verifyParamsSchema>;

export const verifyProgressSchema = z.strictObject({ token: z.string(), run: z.number(), cell: z.number(), cells: z.number() });
export type VerifyProgress = z.infer<typeof verifyProgressSchema>;

/** One cell worth a diagnostic: 0-based cell and line (every cell counts), a `verify-*` rule id. */
export const verifyCellSchema = z.strictObject({
  cell: z.number().int().nonnegative(),
  line: z.number().int().nonnegative(),
  rule: z.enum(['verify-failed', 'verify-timeout', 'verify-differs-between-runs', 'verify-differs-from-saved']),
  message: z.string(),
});
export type VerifyCell = z.infer<typeof verifyCellSchema>;

export const verifyResultSchema = z.union([
  z.strictObject({
    ok: z.literal(true),
    outcome: z.enum(['reproduces', 'differs', 'fails', 'incomplete']),
    summary: z.string(),
    python: z.string(),
    cells: z.array(verifyCellSchema),
    confirmed: z.array(z.string()),
    gaps: z.array(z.string()),
  }),
  z.strictObject({ ok: z.literal(false), message: z.string() }),
]);
export type VerifyResultMessage = z.infer<typeof verifyResultSchema>;
