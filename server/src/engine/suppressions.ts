/**
 * Inline suppressions, in the style of ruff's `# noqa` and ESLint's disable comments:
 *
 *   x = rand()  # preflight: ignore                 this line, every rule
 *   x = rand()  # preflight: ignore[rule-a, rule-b] this line, those rules
 *   # preflight: ignore[rule-a]                     on a line of its own: the statement below it
 *   %pip install x                                    (every row of it)
 *   # preflight: ignore[rule-a]                     as the first line of a notebook cell (or the
 *                                                   first after a `%%time` line): the cell
 *   # preflight: ignore-file[rule-a]                anywhere: the whole file or notebook
 *
 * The form above a statement is for lines that cannot end in a comment: IPython magic, shell and
 * help lines (IPython hands the rest of the line to the magic), rows inside a string that goes
 * on, backslash continuations (python/statementRows.ts says which). The same form covers the
 * next line in manifests: Dockerfiles and setup.cfg, where a trailing `#` is not a comment.
 *
 * In Python the directives are read from comment tokens of the syntax tree (never from strings);
 * in manifests from `#` comments on the line, or on the line above.
 *
 * The directive grammar (`findDirective`) is the one the editor's "ignore …" quick fixes
 * (server/src/handlers/suppressionEdits.ts) read and extend, so what they write is what this reads.
 */
import type { Finding } from './model';
import type { PythonProgram } from './python/program';
import { StatementLayout } from './python/statementRows';
import { text, walk } from './python/syntax';

type RuleSet = 'all' | Set<string>;

export interface Suppressions {
  file?: RuleSet;
  cells: Map<number, RuleSet>;
  /** Key: `${cell ?? -1}:${line}`. */
  lines: Map<string, RuleSet>;
}

/** Every directive starts with this (after `#`); a text without it has none (a cheap pre-check). */
export const SUPPRESSION_PREFIX = 'preflight:';

const DIRECTIVE = /#\s*preflight:\s*(ignore-file|ignore)\b(?:\[([^\]]*)\])?/g;

/** One `# preflight: ignore…` directive found in a text. */
export interface Directive {
  scope: 'line' | 'file';
  /** The rules listed in `[…]`; undefined for a bare directive, which covers every rule. */
  rules?: readonly string[];
  /** Offsets in the text searched: the `#` and the end of the directive. */
  start: number;
  end: number;
  /** Offset of the `]` closing the rule list, when there is one (where an edit adds a rule). */
  listEnd?: number;
}

/** The first directive in `text` (of `scope`, when given). */
export function findDirective(text: string, scope?: Directive['scope']): Directive | undefined {
  for (const m of text.matchAll(DIRECTIVE)) {
    const found: Directive['scope'] = m[1] === 'ignore-file' ? 'file' : 'line';
    if (scope && found !== scope) continue;
    const end = m.index + m[0].length;
    if (m[2] === undefined) return { scope: found, start: m.index, end };
    return { scope: found, rules: m[2].split(',').map((r) => r.trim()).filter(Boolean), start: m.index, end, listEnd: end - 1 };
  }
  return undefined;
}

function parseDirective(comment: string): { scope: 'line' | 'file'; rules: RuleSet } | undefined {
  const d = findDirective(comment);
  if (!d) return undefined;
  return { scope: d.scope, rules: d.rules?.length ? new Set(d.rules) : 'all' };
}

function merge(a: RuleSet | undefined, b: RuleSet): RuleSet {
  if (a === 'all' || b === 'all') return 'all';
  return a ? new Set([...a, ...b]) : b;
}

export function emptySuppressions(): Suppressions {
  return { cells: new Map(), lines: new Map() };
}

export function pythonSuppressions(program: PythonProgram): Suppressions {
  const s = emptySuppressions();
  for (const unit of program.units) {
    if (!unit.text.includes(SUPPRESSION_PREFIX)) continue;
    let layout: StatementLayout | undefined;
    const addLines = (first: number, last: number, rules: RuleSet) => {
      for (let row = first; row <= last; row++) {
        const key = `${unit.cell ?? -1}:${row}`;
        s.lines.set(key, merge(s.lines.get(key), rules));
      }
    };
    walk(unit.root, (n) => {
      if (n.type !== 'comment') return;
      const d = parseDirective(text(n));
      if (!d) return;
      if (d.scope === 'file') {
        s.file = merge(s.file, d.rules);
        return;
      }
      const lineText = unit.lines.lineText(n.startRow);
      const ownLine = lineText.trim().startsWith('#');
      if (!ownLine) {
        addLines(n.startRow, n.startRow, d.rules);
        return;
      }
      layout ??= new StatementLayout(unit.text, unit.masked, unit.magics);
      // The cell's first line (after a `%%time` line, as IPython allows nothing above a cell magic).
      if (unit.cell !== undefined && layout.isCellHead(n.startRow)) {
        s.cells.set(unit.cell, merge(s.cells.get(unit.cell), d.rules));
        return;
      }
      const [first, last] = layout.rowsCoveredFrom(n.startRow);
      addLines(first, last, d.rules);
    });
  }
  return s;
}

export function textSuppressions(source: string): Suppressions {
  const s = emptySuppressions();
  if (!source.includes(SUPPRESSION_PREFIX)) return s;
  source.split(/\r?\n|\r/).forEach((line, i) => {
    const hash = line.indexOf('#');
    if (hash < 0) return;
    const d = parseDirective(line.slice(hash));
    if (!d) return;
    if (d.scope === 'file') {
      s.file = merge(s.file, d.rules);
      return;
    }
    s.lines.set(`-1:${i}`, merge(s.lines.get(`-1:${i}`), d.rules));
    // A directive on a line of its own covers the next line: Dockerfiles and setup.cfg values
    // have no trailing comments (`FROM x  # …` is part of the instruction).
    if (hash === line.search(/\S/)) s.lines.set(`-1:${i + 1}`, merge(s.lines.get(`-1:${i + 1}`), d.rules));
  });
  return s;
}

function covers(set: RuleSet | undefined, rule: string): boolean {
  return set === 'all' || (set !== undefined && set.has(rule));
}

export function isSuppressed(s: Suppressions, f: Finding): boolean {
  if (covers(s.file, f.ruleId)) return true;
  if (f.cell !== undefined && covers(s.cells.get(f.cell), f.ruleId)) return true;
  return covers(s.lines.get(`${f.cell ?? -1}:${f.range.start.line}`), f.ruleId);
}
