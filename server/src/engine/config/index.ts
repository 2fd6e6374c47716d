/**
 * The configuration of a path: the nearest `[tool.preflight]` table in a pyproject.toml (the
 * Python ecosystem's habit, as ruff and mypy do), validated by the schema (./schema.ts) and
 * checked against the registry's rules (./resolved.ts). An unknown key or a bad value is a
 * ConfigError naming the key and the file (the CLI exits 2 on it).
 *
 * This is the one config module that knows the registry; code the registry imports (rules,
 * families, catalogues) takes its types from ./resolved and ./schema instead.
 */
import * as path from 'node:path';
import { parse as parseToml } from 'smol-toml';
import type { FileSystem } from '../project';
import { allRules } from '../registry';
import { ConfigError, parseConfigTable, resolveRawConfig, type KnownRule, type ResolvedConfig } from './resolved';
import { familySchemas, type Family, type RawConfig } from './schema';
import { selectionError as selectionErrorFor, withSelection as withSelectionFor, type RuleSelection } from './selection';

export { ConfigError, DEFAULT_MAX_FILE_SIZE, type KnownRule, type ResolvedConfig } from './resolved';
export type { RuleSelection } from './selection';
export { configSchema, severitySetting, type Family, type FamilySettings, type RawConfig } from './schema';
export type { Category } from '../model';
import type { Severity } from '../model';

const knownRules: readonly KnownRule[] = allRules.map((r) => r.meta);

/** Answer from a validated table, checking its rule ids and categories against the registry. */
export function resolveConfig(raw: RawConfig = {}, source?: string): ResolvedConfig {
  return resolveRawConfig(raw, knownRules, source);
}

/** The command line's `--select`/`--extend-select`/`--ignore` checked against the registry: a message, or undefined when valid. */
export function selectionError(sel: RuleSelection): string | undefined {
  return selectionErrorFor(sel, knownRules);
}

/** A configuration with the command line's selection laid over it (see ./selection). */
export function withSelection(config: ResolvedConfig, sel: RuleSelection | undefined): ResolvedConfig {
  return sel ? withSelectionFor(config, sel, knownRules) : config;
}

export const defaultConfig: ResolvedConfig = resolveConfig();

/** Validate a `[tool.preflight]` table (already parsed). */
export function configFromTable(table: unknown, source?: string): ResolvedConfig {
  return parseConfigTable(table, knownRules, source);
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

/** A stand-in default severity, to tell "the user set a severity" from "the rule's default" in `configAnswers`. */
const RULE_DEFAULT = 'rule default' as Severity;

/**
 * Every answer a resolved configuration gives the analysis, as one text: two configurations
 * with the same text analyse any file alike. The CLI's result cache keys results by it, so
 * it asks the configuration its questions rather than reading how it was written (a
 * configuration made of others, as the language server's is, gets a true key too).
 */
export function configAnswers(config: ResolvedConfig): string {
  const families: Family[] = ['core', ...(Object.keys(familySchemas) as Family[])];
  return JSON.stringify({
    seed: config.seed,
    maxFileSize: config.maxFileSize,
    maxCells: config.maxCells,
    maxMsPerFile: config.maxMsPerFile,
    include: config.include,
    exclude: config.exclude,
    rules: allRules.map((r) => [r.meta.id, config.isEnabled(r.meta.id), config.severityOf(r.meta.id, RULE_DEFAULT)]),
    settings: families.map((f) => [f, config.settingsOf(f)]),
  });
}
