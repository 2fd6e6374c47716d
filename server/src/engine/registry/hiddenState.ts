/** The hiddenState rules, in alphabetical order of id. */
import type { Rule } from '../rule';
import { executionCountGap } from '../rules/execution-count-gap';
import { forwardReference } from '../rules/forward-reference';
import { inMemoryCheckpointer } from '../rules/in-memory-checkpointer';
import { mutableGlobalState } from '../rules/mutable-global-state';
import { outOfOrderExecution } from '../rules/out-of-order-execution';
import { skippedCell } from '../rules/skipped-cell';
import { undefinedName } from '../rules/undefined-name';

export const rules: readonly Rule[] = [executionCountGap, forwardReference, inMemoryCheckpointer, mutableGlobalState, outOfOrderExecution, skippedCell, undefinedName];
