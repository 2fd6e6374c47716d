/**
 * Rule selection given on the command line (`--select`, `--extend-select`, `--ignore`), laid
 * over a resolved configuration. The vocabulary is the configuration's own: rule ids and
 * categories, checked the same way (`tool.preflight.select`). As in Ruff, `--select` replaces
 * the configuration's choice of rules (its select, ignore and `severity = "off"`),
 * `--extend-select` adds to whatever is selected, and `--ignore` always wins.
 */
import type { KnownRule, ResolvedConfig } from './resolved';

export interface RuleSelection {
  readonly select?: readonly string[];
  readonly extendSelect?: readonly string[];
  readonly ignore?: readonly string[];
}

/** The first selector that is neither a rule id nor a category, as a message; undefined when all are known. */
export function selectionError(sel: RuleSelection, rules: readonly KnownRule[]): string | undefined {
  const known = new Set<string>(rules.flatMap((r) => [r.id, r.category]));
  const flags = { select: sel.select, 'extend-select': sel.extendSelect, ignore: sel.ignore };
  for (const [flag, list] of Object.entries(flags)) {
    for (const s of list ?? []) if (!known.has(s)) return `--${flag}: "${s}" is neither a rule id nor a category`;
  }
  return undefined;
}

/** `config` with the command line's selection laid over its `isEnabled`; the rest answers as before. */
export function withSelection(config: ResolvedConfig, sel: RuleSelection, rules: readonly KnownRule[]): ResolvedConfig {
  if (!sel.select && !sel.extendSelect?.length && !sel.ignore?.length) return config;
  const byId = new Map(rules.map((r) => [r.id, r]));
  const matches = (list: readonly string[] | undefined, id: string) => (list ?? []).some((s) => s === id || s === byId.get(id)?.category);
  const isEnabled = (id: string): boolean => {
    const rule = byId.get(id);
    if (!rule || matches(sel.ignore, id)) return false;
    if (matches(sel.extendSelect, id)) return true;
    // File-level rules (unreadable, invalid files) stay on whatever is selected, as in the configuration.
    if (sel.select) return matches(sel.select, id) || rule.category === 'file';
    return config.isEnabled(id);
  };
  return { ...config, isEnabled };
}
