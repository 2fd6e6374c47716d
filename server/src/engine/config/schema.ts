/**
 * What may be written in `[tool.preflight]` (pyproject.toml), as one zod schema: rule selection
 * and severities, include/exclude globs, the seed value fixes insert, limits, and one section per
 * rule family whose schema lives with its family (`<family>/settings.ts`). A leaf: it imports
 * zod and the family schemas only, never the rules or the registry.
 */
import { z } from 'zod';
import { agentSettings } from '../agent/settings';
import { dependencySettings } from '../dependencies/settings';
import { hiddenStateSettings } from '../hiddenState/settings';
import { idempotencySettings } from '../idempotency/settings';
import { randomnessSettings } from '../randomness/settings';

export const severitySetting = z.enum(['off', 'hint', 'info', 'warning', 'error']);

const sizeSetting = z.union([
  z.number().int().positive(),
  z.string().regex(/^\d+(\.\d+)?\s*(B|KB|MB|GB|KiB|MiB|GiB)?$/i, 'a size such as "20MB" or a number of bytes'),
]);

/** Each family's `[tool.preflight.<family>]` section, keyed by the family's id. */
export const familySchemas = {
  randomness: randomnessSettings,
  dependencies: dependencySettings,
  idempotency: idempotencySettings,
  'hidden-state': hiddenStateSettings,
  agent: agentSettings,
} as const;

/** Families with a settings section; `core` (file-level rules) has none. */
export type SettingsFamily = keyof typeof familySchemas;
/** The family a rule belongs to: its registry list, its settings section, its catalogue. */
export type Family = 'core' | SettingsFamily;

/** The validated settings of a family (`{}` for a family without a section). */
export type FamilySettings<F extends Family> = F extends SettingsFamily ? z.infer<(typeof familySchemas)[F]> : Readonly<Record<string, never>>;

export const configSchema = z.strictObject({
  /** Rule ids or categories to run (default: every recommended rule). */
  select: z.array(z.string()).optional(),
  /** Rule ids or categories to leave out. */
  ignore: z.array(z.string()).optional(),
  /** Glob patterns (relative to the project root) of files to check / skip. */
  include: z.array(z.string()).optional(),
  exclude: z.array(z.string()).optional(),
  /** Seed value the quick fixes insert. */
  seed: z.number().int().nonnegative().optional(),
  /** Per-rule severity (`off` disables). */
  severity: z.record(z.string(), severitySetting).optional(),
  'max-file-size': sizeSetting.optional(),
  'max-cells': z.number().int().positive().optional(),
  /** Time budget per file: rules not run by then are skipped, with one finding saying so. */
  'max-seconds-per-file': z.number().positive().optional(),
  /** The interpreter `preflight verify` runs notebooks with (relative to this pyproject.toml, or a name on PATH). */
  python: z.string().min(1).optional(),
  /** Where `preflight check` keeps its result cache (relative to this file's folder; default `.preflight_cache`). */
  'cache-dir': z.string().min(1).optional(),
  randomness: familySchemas.randomness.optional(),
  dependencies: familySchemas.dependencies.optional(),
  idempotency: familySchemas.idempotency.optional(),
  'hidden-state': familySchemas['hidden-state'].optional(),
  agent: familySchemas.agent.optional(),
});

export type RawConfig = z.infer<typeof configSchema>;
