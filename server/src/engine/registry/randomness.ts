/** The randomness rules, in alphabetical order of id. */
import type { Rule } from '../rule';
import { missingRandomState } from '../rules/missing-random-state';
import { nondeterministicTorch } from '../rules/nondeterministic-torch';
import { unseededGenerator } from '../rules/unseeded-generator';
import { unseededGlobalRng } from '../rules/unseeded-global-rng';

export const rules: readonly Rule[] = [missingRandomState, nondeterministicTorch, unseededGenerator, unseededGlobalRng];
