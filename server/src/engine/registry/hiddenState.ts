/** The hiddenState rules, in alphabetical order of id. */
import { z } from 'zod';
import { patternSchema } from '../python/patterns';
import type { Rule } from '../rule';
import { executionCountGap } from '../rules/execution-count-gap';
import { forwardReference } from '../rules/forward-reference';
import { inMemoryCheckpointer } from '../rules/in-memory-checkpointer';
import { mutableGlobalState } from '../rules/mutable-global-state';
import { outOfOrderExecution } from '../rules/out-of-order-execution';
import { skippedCell } from '../rules/skipped-cell';
import { undefinedName } from '../rules/undefined-name';

export const rules: readonly Rule[] = [executionCountGap, forwardReference, inMemoryCheckpointer, mutableGlobalState, outOfOrderExecution, skippedCell, undefinedName];

/** Options under `[tool.preflight.<section>]` this family reads (validated with the rest of the config). */
export const settings = z.strictObject({
  /** Names the notebooks' kernel provides that no cell defines (e.g. names a site kernel injects). */
  'known-names': z.array(z.string().regex(/^[\p{L}_][\p{L}\p{N}_]*$/u, 'a Python identifier')).optional(),
  /**
   * More decorators that mark per-request / per-run handlers: name patterns (docs/patterns.md)
   * matched against the decorator's qualified name or its last attribute (`route`).
   */
  'handler-decorators': z.array(patternSchema).optional(),
});
