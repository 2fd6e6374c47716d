/**
 * `ResolvedConfig`: the questions the pipeline and the rules ask of a configuration (is this
 * rule on, at which severity, with which family settings, under which limits), answered from a
 * validated `[tool.preflight]` table. A leaf: the rules it can name are passed in (`KnownRule`),
 * so it never imports the registry — config/index.ts binds it to the registry's rules.
 */
import type { z } from 'zod';
import type { Category, Severity } from '../model';
import { configSchema, type Family, type FamilySettings, type RawConfig, type SettingsFamily } from './schema';

export interface ResolvedConfig {
  readonly seed: number;
  readonly maxFileSize: number;
  readonly maxCells: number;
  readonly maxMsPerFile: number;
  readonly include: readonly string[];
  readonly exclude: readonly string[];
  /** File the configuration came from, if any. */
  readonly source?: string;
  /** `python`: the interpreter `preflight verify` uses, as written (resolve it against `source`'s folder). */
  readonly python?: string;
  /** `cache-dir` as written: the CLI's result cache folder, relative to the folder of `source`. */
  readonly cacheDir?: string;
  isEnabled(ruleId: string): boolean;
  /** The severity the user set for a rule (not `off`), else `fallback`. */
  severityOf(ruleId: string, fallback: Severity): Severity;
  /**
   * The family's `[tool.preflight.<family>]` section as validated, or an empty object when the
   * project has none; the same object on every call (catalogues memoize on it).
   */
  settingsOf<F extends Family>(family: F): FamilySettings<F>;
}

/** What the configuration needs to know of a rule: its id for `severity`, the rest for `select`. */
export interface KnownRule {
  readonly id: string;
  readonly category: Category;
  readonly recommended: boolean;
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

const NO_SETTINGS = Object.freeze({});

/** Check a validated table's rule ids and categories against `rules`, and answer from it. */
export function resolveRawConfig(raw: RawConfig, rules: readonly KnownRule[], source?: string): ResolvedConfig {
  const byId = new Map(rules.map((r) => [r.id, r]));
  const categories = new Set<string>(rules.map((r) => r.category));
  for (const key of ['select', 'ignore'] as const) {
    for (const sel of raw[key] ?? []) {
      if (!categories.has(sel) && !byId.has(sel)) {
        throw new ConfigError(`tool.preflight.${key}: "${sel}" is neither a rule id nor a category`, source);
      }
    }
  }
  for (const id of Object.keys(raw.severity ?? {})) {
    if (!byId.has(id)) throw new ConfigError(`tool.preflight.severity: unknown rule "${id}"`, source);
  }
  const matches = (sel: readonly string[] | undefined, id: string) => (sel ?? []).some((s) => s === id || s === byId.get(id)?.category);
  return {
    seed: raw.seed ?? 42,
    maxFileSize: parseSize(raw['max-file-size']),
    maxCells: raw['max-cells'] ?? 5000,
    maxMsPerFile: (raw['max-seconds-per-file'] ?? 20) * 1000,
    include: raw.include ?? [],
    exclude: raw.exclude ?? [],
    ...(source ? { source } : {}),
    ...(raw.python !== undefined ? { python: raw.python } : {}),
    ...(raw['cache-dir'] ? { cacheDir: raw['cache-dir'] } : {}),
    isEnabled(id) {
      const rule = byId.get(id);
      if (!rule) return false;
      if (raw.severity?.[id] === 'off') return false;
      if (matches(raw.ignore, id)) return false;
      if (raw.select) return matches(raw.select, id) || rule.category === 'file';
      return rule.recommended;
    },
    severityOf(id, fallback) {
      const s = raw.severity?.[id];
      return s && s !== 'off' ? s : fallback;
    },
    settingsOf<F extends Family>(family: F) {
      const section = family === 'core' ? undefined : raw[family as SettingsFamily];
      return (section ?? NO_SETTINGS) as FamilySettings<F>;
    },
  };
}

function describeZodIssue(issue: z.core.$ZodIssue): string {
  const key = ['tool', 'preflight', ...issue.path.map(String)].join('.');
  if (issue.code === 'unrecognized_keys') return `${key}: unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  return `${key}: ${issue.message}`;
}

/** Validate a `[tool.preflight]` table (already parsed from TOML); a ConfigError names the key. */
export function parseConfigTable(table: unknown, rules: readonly KnownRule[], source?: string): ResolvedConfig {
  const parsed = configSchema.safeParse(table ?? {});
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map(describeZodIssue).join('; '), source);
  return resolveRawConfig(parsed.data, rules, source);
}
