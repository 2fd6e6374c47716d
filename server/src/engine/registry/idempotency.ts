/** The idempotency rules, in alphabetical order of id. */
import { z } from 'zod';
import { patternSchema } from '../python/patterns';
import type { Rule } from '../rule';
import { nonIdempotentEffect } from '../rules/non-idempotent-effect';
import { rerunMutation } from '../rules/rerun-mutation';

export const rules: readonly Rule[] = [nonIdempotentEffect, rerunMutation];

/** Options under `[tool.preflight.idempotency]` (validated with the rest of the config). */
export const settings = z.strictObject({
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
