/**
 * Paths into one person's home directory in a notebook (`/Users/ana/…`, `/home/ana/…`,
 * `C:\Users\ana\…`): the notebook runs only on that machine. Strings and shell/magic lines are
 * checked; comments are not (they do not run).
 */
import { USER_PATH_PATTERNS } from '../catalogues/agent';
import { stringNodes } from '../agent/strings';
import type { Unit } from '../python/program';
import { createRule } from '../rule';

interface Span {
  start: number;
  end: number;
  /** Length of a string literal's closing quote; 0 for a magic line. */
  quote: number;
}

/** Spans of a unit where code reads text: string literals and IPython magic lines. */
function readSpans(unit: Unit): Span[] {
  const strings = stringNodes(unit).map((s) => ({ start: s.start, end: s.end, quote: /("{3}|'{3})$/.test(unit.text.slice(s.start, s.end)) && s.end - s.start >= 6 ? 3 : 1 }));
  return [...strings, ...unit.magics.map((m) => ({ start: m.start, end: m.end, quote: 0 }))];
}

export const absoluteUserPath = createRule(
  {
    id: 'absolute-user-path',
    family: 'agent',
    category: 'portability',
    subtypes: [],
    description: "Report absolute paths into a user's home directory in notebooks",
    defaultSeverity: 'warning',
    recommended: true,
    appliesTo: ['notebook'],
    scope: 'cell',
  },
  (ctx) => {
    for (const unit of ctx.program?.units ?? []) {
      const spans = readSpans(unit);
      const found: { start: number; end: number }[] = [];
      for (const pattern of USER_PATH_PATTERNS) {
        pattern.lastIndex = 0;
        for (let m = pattern.exec(unit.text); m; m = pattern.exec(unit.text)) {
          const start = m.index;
          const span = spans.find((s) => s.start <= start && start < s.end);
          if (!span) continue;
          // Report the whole path: in a string up to the closing quote (paths have spaces),
          // in a magic line up to the end of the word.
          let end = start + m[0].length;
          if (span.quote) end = Math.max(end, span.end - span.quote);
          else while (end < span.end && !/[\s"'`,;)\]}]/.test(unit.text[end]!)) end++;
          if (found.some((f) => f.start === start)) continue;
          found.push({ start, end });
        }
      }
      for (const f of found.sort((a, b) => a.start - b.start)) {
        const path = unit.text.slice(f.start, f.end);
        const home = /^\/(Users|home)\/[^/\\]+|^[A-Za-z]:[\\/]+Users[\\/]+[^\\/]+/i.exec(path)?.[0] ?? path;
        ctx.reportNode(unit, f, `Absolute path into a user's home directory (${home}…): the notebook only runs on that machine; use a path relative to the project, or read the location from configuration or an environment variable.`);
      }
    }
  },
);
