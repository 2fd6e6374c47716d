/** The idempotency rules, in alphabetical order of id. */
import type { Rule } from '../rule';
import { nonIdempotentEffect } from '../rules/non-idempotent-effect';
import { rerunMutation } from '../rules/rerun-mutation';

export const rules: readonly Rule[] = [nonIdempotentEffect, rerunMutation];
