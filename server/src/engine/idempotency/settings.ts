/**
 * `[tool.preflight.idempotency]`: side effects added to, or removed from, the built-in catalogue
 * (idempotency/catalogue.ts merges them; validated with the config).
 */
import { z } from 'zod';
import { patternSchema } from '../python/patterns';

export const idempotencySettings = z.strictObject({
  /** More side effects (callees are name patterns, docs/patterns.md): `{callees = ["myapi.Client().charge"], effect = "charge", evidence = ["request_id"]}`. */
  effects: z
    .array(
      z.strictObject({
        callees: z.array(patternSchema).min(1),
        effect: z.string().min(1),
        outcome: z.string().optional(),
        evidence: z.array(z.string().min(1)).optional(),
        remedy: z.string().optional(),
      }),
    )
    .optional(),
  /** Callee patterns that are never side effects here (`["*.delay"]` when `.delay` is not Celery). */
  'ignore-effects': z.array(patternSchema).optional(),
});

export type IdempotencySettings = z.infer<typeof idempotencySettings>;
