/**
 * `[tool.preflight]` in pyproject.toml (the Python ecosystem's habit, as ruff and mypy do):
 * rule selection and severities, include/exclude globs, the seed value fixes insert, limits,
 * and the catalogue extensions each rule family reads. Validated with zod; an unknown key or a
 * bad value is a ConfigError naming the key and the file (the CLI exits 2 on it).
 */
import * as path from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { z } from 'zod';
import type { Category, Severity } from './model';
import type { FileSystem } from './project';
import { allRules, familySettings } from './registry';

export const severitySetting = z.enum(['off', 'hint', 'info', 'warning', 'error']);

const sizeSetting = z.union([
  z.number().int().positive(),
  z.string().regex(/^\d+(\.\d+)?\s*(B|KB|MB|GB|KiB|MiB|GiB)?$/i, 'a size such as "20MB" or a number of bytes'),
]);

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
  randomness: familySettings.randomness.optional(),
  dependencies: familySettings.dependencies.optional(),
  idempotency: familySettings.idempotency.optional(),
  'hidden-state': familySettings['hidden-state'].optional(),
  agent: familySettings.agent.optional(),
});

export type RawConfig = z.infer<typeof configSchema>;

export interface ResolvedConfig {
  readonly raw: RawConfig;
  readonly seed: number;
  readonly maxFileSize: number;
  readonly maxCells: number;
  readonly maxMsPerFile: number;
  readonly include: readonly string[];
  readonly exclude: readonly string[];
  /** File the configuration came from, if any. */
  readonly source?: string;
  isEnabled(ruleId: string): boolean;
  severityOf(ruleId: string, fallback: Severity): Severity;
}

export class ConfigError extends Error {
  constructor(
    message: string,
    readonly file?: string,
    readonly invalidToml = false,
  ) {
    super(file ? `${file}: ${message}` : message);
  }
}

export const DEFAULT_MAX_FILE_SIZE = 20 * 1024 * 1024;

function parseSize(v: number | string | undefined): number {
  if (v === undefined) return DEFAULT_MAX_FILE_SIZE;
  if (typeof v === 'number') return v;
  const m = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(v.trim())!;
  const units: Record<string, number> = { '': 1, b: 1, kb: 1e3, mb: 1e6, gb: 1e9, kib: 1024, mib: 1024 ** 2, gib: 1024 ** 3 };
  return Math.round(Number(m[1]) * (units[m[2]!.toLowerCase()] ?? 1));
}

const CATEGORIES = new Set<string>(allRules.map((r) => r.meta.category));

export function resolveConfig(raw: RawConfig = {}, source?: string): ResolvedConfig {
  for (const key of ['select', 'ignore'] as const) {
    for (const sel of raw[key] ?? []) {
      if (!CATEGORIES.has(sel) && !allRules.some((r) => r.meta.id === sel)) {
        throw new ConfigError(`tool.preflight.${key}: "${sel}" is neither a rule id nor a category`, source);
      }
    }
  }
  for (const id of Object.keys(raw.severity ?? {})) {
    if (!allRules.some((r) => r.meta.id === id)) throw new ConfigError(`tool.preflight.severity: unknown rule "${id}"`, source);
  }
  const matches = (sel: readonly string[] | undefined, id: string) => {
    const rule = allRules.find((r) => r.meta.id === id);
    return (sel ?? []).some((s) => s === id || s === rule?.meta.category);
  };
  return {
    raw,
    seed: raw.seed ?? 42,
    maxFileSize: parseSize(raw['max-file-size']),
    maxCells: raw['max-cells'] ?? 5000,
    maxMsPerFile: (raw['max-seconds-per-file'] ?? 20) * 1000,
    include: raw.include ?? [],
    exclude: raw.exclude ?? [],
    ...(source ? { source } : {}),
    isEnabled(id) {
      const rule = allRules.find((r) => r.meta.id === id);
      if (!rule) return false;
      if (raw.severity?.[id] === 'off') return false;
      if (matches(raw.ignore, id)) return false;
      if (raw.select) return matches(raw.select, id) || rule.meta.category === 'file';
      return rule.meta.recommended;
    },
    severityOf(id, fallback) {
      const s = raw.severity?.[id];
      return s && s !== 'off' ? s : fallback;
    },
  };
}

export const defaultConfig: ResolvedConfig = resolveConfig();

function describeZodIssue(issue: z.core.$ZodIssue): string {
  const key = ['tool', 'preflight', ...issue.path.map(String)].join('.');
  if (issue.code === 'unrecognized_keys') return `${key}: unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  return `${key}: ${issue.message}`;
}

/** Validate a `[tool.preflight]` table (already parsed). */
export function configFromTable(table: unknown, source?: string): ResolvedConfig {
  const parsed = configSchema.safeParse(table ?? {});
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map(describeZodIssue).join('; '), source);
  return resolveConfig(parsed.data, source);
}

/** Read `[tool.preflight]` from a TOML file (pyproject.toml, or a file with that table). */
export function loadConfigFile(file: string, fsys: FileSystem): ResolvedConfig | undefined {
  const text = fsys.readFile(file);
  if (text === undefined) throw new ConfigError('cannot read the configuration file', file);
  let doc: Record<string, unknown>;
  try {
    doc = parseToml(text) as Record<string, unknown>;
  } catch (e) {
    throw new ConfigError(`invalid TOML: ${(e as Error).message.split('\n')[0]}`, file, true);
  }
  const tool = doc.tool as Record<string, unknown> | undefined;
  const table = tool && typeof tool === 'object' ? tool.preflight : undefined;
  if (table === undefined) return undefined;
  return configFromTable(table, file);
}

/**
 * The configuration for a path: the nearest pyproject.toml with a `[tool.preflight]` table,
 * looking upwards from it. A pyproject.toml that is not valid TOML is skipped here (the
 * dependency rules report it on the file itself) unless it is the one given explicitly.
 */
export function findConfig(start: string, fsys: FileSystem): ResolvedConfig {
  let dir = path.resolve(start);
  if (!fsys.isDirectory(dir)) dir = path.dirname(dir);
  for (;;) {
    const candidate = path.join(dir, 'pyproject.toml');
    if (fsys.exists(candidate)) {
      let found: ResolvedConfig | undefined;
      try {
        found = loadConfigFile(candidate, fsys);
      } catch (e) {
        if (!(e instanceof ConfigError && e.invalidToml)) throw e;
      }
      if (found) return found;
    }
    const parent = path.dirname(dir);
    if (parent === dir) return defaultConfig;
    dir = parent;
  }
}

export type { Category };
