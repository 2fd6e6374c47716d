/**
 * Catalogue name patterns: the one dialect in which every catalogue (built-in and the user's
 * `[tool.preflight.<family>]` rows) names the Python things it is about, and the one matcher.
 * Answers "does this name match this pattern?" and "which entry names it most specifically?".
 *
 * Names are what the resolver spells (`originOf`, `qualify`): dotted segments, an instance as
 * its constructor plus `()`, an item as `[]`, and `?` for a receiver nothing tells about —
 * `requests.post`, `requests.Session().post`, `pymongo.MongoClient()[][].insert_one`,
 * `?.client.post`.
 *
 * Grammar (docs/patterns.md shows it with examples):
 *
 *   pattern  := '*' | [ '*.' ] segment ( '.' segment )*
 *   segment  := head suffix*
 *   head     := '?' | word                 a word: letters, digits, `_` and `*`, no `**`
 *   suffix   := '()' | '[]'                an instance of / an item of what comes before
 *
 * Meaning:
 *   - without `*` a pattern matches only the same name (`tenacity.retry`);
 *   - a leading `*.` stands for any receiver, one segment or more, never none (`*.task` matches
 *     `celery.Celery().task` and `?.task`, not a bare `task`);
 *   - any other `*` matches any run of characters, dots included, so it may span segments
 *     (`airflow.decorators.task.*`, `stripe.StripeClient().*.create`, `*.create_*token*`);
 *   - `*` alone matches every name;
 *   - everything else is literal: `()`, `[]` and `?` match themselves.
 *
 * Specificity (the most specific pattern wins, whatever the order of the entries): an exact name
 * beats every wildcard; among wildcards the one with more literal (non-`*`) characters wins;
 * equals go to the first entry.
 *
 * A family whose catalogue field is a module prefix (randomness `methods.receivers`: `pandas`
 * means the module and everything below it) matches through `prefixFamily`.
 */
import { z } from 'zod';

/** A compiled pattern. */
export interface NamePattern {
  readonly source: string;
  /** Higher is more specific (see the module doc); exact names score `EXACT`. */
  readonly specificity: number;
  /** No wildcard: only the name itself matches. */
  readonly exact: boolean;
  test(name: string | undefined): boolean;
}

/** The specificity of a pattern without wildcards: above every wildcard pattern. */
export const EXACT = 1_000_000;

const SEGMENT = /^(?:\?|[\p{L}\p{N}_*]+)(?:\(\)|\[\])*$/u;

/** Why a pattern is malformed, or undefined when it is well formed. */
export function patternProblem(source: string): string | undefined {
  if (source === '') return 'an empty pattern';
  if (source === '*') return undefined;
  if (source.includes('**')) return `"${source}": write one "*" (it already matches any text)`;
  const segments = (source.startsWith('*.') ? source.slice(2) : source).split('.');
  for (const s of segments) {
    if (s === '') return `"${source}": an empty segment (two dots, or a dot at an end)`;
    if (!SEGMENT.test(s)) {
      return `"${source}": "${s}" is not a segment (a name, "*" or "?", optionally followed by "()" or "[]")`;
    }
  }
  return undefined;
}

const compiled = new Map<string, NamePattern>();

/** Compile a pattern (once: compiled patterns are cached by their text). Throws on a malformed one. */
export function compilePattern(source: string): NamePattern {
  let p = compiled.get(source);
  if (!p) {
    const problem = patternProblem(source);
    if (problem) throw new Error(`malformed name pattern ${problem}`);
    p = build(source);
    compiled.set(source, p);
  }
  return p;
}

function build(source: string): NamePattern {
  if (!source.includes('*')) {
    return { source, specificity: EXACT, exact: true, test: (name) => name === source };
  }
  const anyReceiver = source.startsWith('*.');
  const body = (anyReceiver ? source.slice(2) : source)
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  const re = new RegExp(`^${anyReceiver ? '.+\\.' : ''}${body}$`);
  return { source, specificity: source.replace(/\*/g, '').length, exact: false, test: (name) => name !== undefined && re.test(name) };
}

/** Does `name` match `pattern`? (An undefined name, an expression nothing could spell, matches nothing.) */
export function matchesName(name: string | undefined, pattern: string): boolean {
  return compilePattern(pattern).test(name);
}

/** Does `name` match any of `patterns`? */
export function matchesAny(name: string | undefined, patterns: readonly string[]): boolean {
  return patterns.some((p) => compilePattern(p).test(name));
}

/** How specifically `pattern` names `name`: -1 when it does not match. */
export function specificity(name: string | undefined, pattern: string): number {
  const p = compilePattern(pattern);
  return p.test(name) ? p.specificity : -1;
}

/** The entry with the most specific matching pattern (the first of equals), or undefined. */
export function bestMatch<T>(name: string | undefined, entries: Iterable<T>, patternsOf: (e: T) => readonly string[]): T | undefined {
  let best: T | undefined;
  let score = -1;
  for (const e of entries) {
    for (const p of patternsOf(e)) {
      const s = specificity(name, p);
      if (s > score) {
        score = s;
        best = e;
      }
    }
  }
  return best;
}

/** Does the pattern say what the receiver is? (`*.tool` does not: it names only a method.) */
export function namesReceiver(pattern: string): boolean {
  return !pattern.startsWith('*');
}

/** The patterns a module prefix stands for: the module itself and everything below it. */
export function prefixFamily(prefix: string): readonly string[] {
  return [prefix, `${prefix}.*`];
}

/**
 * The last names (`get` of `requests.Session().get`) every one of the patterns ends in, for a
 * cheap prefilter on a call's syntax before resolving it; undefined when some pattern's last
 * segment has a wildcard (then nothing may be skipped).
 */
export function lastNamesOf(patterns: readonly string[]): ReadonlySet<string> | undefined {
  const out = new Set<string>();
  for (const p of patterns) {
    const last = p.split('.').pop()!.replace(/(\(\)|\[\])+$/, '');
    if (last.includes('*') || last === '?') return undefined;
    out.add(last);
  }
  return out;
}

/**
 * Entries looked up by name many times (every call of a program): exact names through a map,
 * wildcards by specificity, answers memoised. The first entry wins among equals, so a caller
 * that wants later (user) rows to win passes them first.
 */
export class PatternIndex<T> {
  private readonly exactNames = new Map<string, T>();
  private readonly wildcards: { pattern: NamePattern; value: T }[] = [];
  private readonly memo = new Map<string, T | null>();

  constructor(rows: Iterable<readonly [pattern: string, value: T]>) {
    for (const [source, value] of rows) {
      const pattern = compilePattern(source);
      if (!pattern.exact) this.wildcards.push({ pattern, value });
      else if (!this.exactNames.has(source)) this.exactNames.set(source, value);
    }
    // Stable sort: equals keep their order, so the first of equals is found first.
    this.wildcards.sort((a, b) => b.pattern.specificity - a.pattern.specificity);
  }

  best(name: string | undefined): T | undefined {
    if (name === undefined) return undefined;
    const exact = this.exactNames.get(name);
    if (exact !== undefined) return exact;
    let found = this.memo.get(name);
    if (found === undefined) {
      found = this.wildcards.find((w) => w.pattern.test(name))?.value ?? null;
      if (this.memo.size > 10_000) this.memo.clear();
      this.memo.set(name, found);
    }
    return found ?? undefined;
  }
}

/** A zod string that must be a well-formed pattern; a malformed one is a config error naming its key. */
export const patternSchema = z.string().superRefine((s, ctx) => {
  const problem = patternProblem(s);
  if (problem) ctx.addIssue({ code: 'custom', message: `malformed name pattern ${problem}; see docs/patterns.md` });
});
