/**
 * `[tool.preflight.randomness]`: catalogue rows added to the built-in ones
 * (catalogues/randomness.ts; randomness/userCatalogue.ts turns them into entries), e.g.
 *
 *   [[tool.preflight.randomness.seeds]]
 *   name = "myproject.utils.seed_all"
 *   rngs = ["python", "numpy", "torch"]
 */
import { z } from 'zod';
import { patternSchema } from '../python/patterns';

/** Every `name` and receiver is a name pattern (docs/patterns.md). */
const qualifiedName = patternSchema;
const identifier = z.string().regex(/^[A-Za-z_]\w*$/, 'a Python identifier');

export const randomnessSettings = z.strictObject({
  /** Functions that draw from a global RNG (`rng`: python, numpy, torch, torch-cuda, tensorflow, keras, or your own id). */
  draws: z.array(z.strictObject({ name: qualifiedName, rng: z.string().min(1), explicit: z.array(identifier).optional() })).optional(),
  /** Functions that seed global RNGs. */
  seeds: z.array(z.strictObject({ name: qualifiedName, rngs: z.array(z.string().min(1)).min(1) })).optional(),
  /** Functions or classes with a randomness parameter that must be given. */
  params: z
    .array(
      z.strictObject({
        name: qualifiedName,
        params: z.array(identifier).min(1),
        position: z.number().int().nonnegative().optional(),
        when: z.strictObject({ param: identifier, position: z.number().int().nonnegative().optional(), values: z.array(z.string()).min(1) }).optional(),
        fix: z.boolean().optional(),
      }),
    )
    .optional(),
  /** Methods (`obj.sample(...)`) whose receiver comes from one of `receivers` (module prefixes: the module and everything below it). */
  methods: z.array(z.strictObject({ method: identifier, receivers: z.array(qualifiedName).min(1), params: z.array(identifier).min(1) })).optional(),
  /** Generator constructors that need a seed argument. */
  generators: z
    .array(
      z.strictObject({
        name: qualifiedName,
        params: z.array(identifier).optional(),
        position: z.number().int().nonnegative().optional(),
        'seed-methods': z.array(identifier).optional(),
      }),
    )
    .optional(),
});

export type RandomnessSettings = z.infer<typeof randomnessSettings>;
