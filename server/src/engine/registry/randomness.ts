/** The randomness rules, in alphabetical order of id. */
import { z } from 'zod';
import type { Rule } from '../rule';

export const rules: readonly Rule[] = [];

/** Options under `[tool.preflight.<section>]` this family reads (validated with the rest of the config). */
export const settings = z.strictObject({});
