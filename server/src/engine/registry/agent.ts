/** The agent production-readiness rules, in alphabetical order of id. */
import { z } from 'zod';
import type { Rule } from '../rule';
import { absoluteUserPath } from '../rules/absolute-user-path';
import { hardcodedSecret } from '../rules/hardcoded-secret';
import { missingTimeout } from '../rules/missing-timeout';
import { printLogging } from '../rules/print-logging';
import { secretInOutput } from '../rules/secret-in-output';
import { swallowedException } from '../rules/swallowed-exception';
import { unboundedRetry } from '../rules/unbounded-retry';
import { unguardedIrreversibleTool } from '../rules/unguarded-irreversible-tool';
import { unversionedModelArtifact } from '../rules/unversioned-model-artifact';

export const rules: readonly Rule[] = [
  absoluteUserPath,
  hardcodedSecret,
  missingTimeout,
  printLogging,
  secretInOutput,
  swallowedException,
  unboundedRetry,
  unguardedIrreversibleTool,
  unversionedModelArtifact,
];

/** Options under `[tool.preflight.agent]` this family reads (validated with the rest of the config). */
export const settings = z.strictObject({
  /** Seconds the missing-timeout quick fix writes. */
  timeout: z.number().positive().max(3600).optional(),
  /** Attempts the unbounded-retry quick fix allows (`stop_after_attempt(n)`, `max_tries=n`). */
  'max-attempts': z.number().int().min(1).max(100).optional(),
});
