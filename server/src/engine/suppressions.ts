/**
 * Inline suppressions, in the style of ruff's `# noqa` and ESLint's disable comments:
 *
 *   x = rand()  # preflight: ignore                 this line, every rule
 *   x = rand()  # preflight: ignore[rule-a, rule-b] this line, those rules
 *   # preflight: ignore[rule-a]                     as the first line of a notebook cell: the cell
 *   # preflight: ignore-file[rule-a]                anywhere: the whole file or notebook
 *
 * In Python the directives are read from comment tokens of the syntax tree (never from strings);
 * in manifests from `#` comments on the line, or on the line above (a comment line of its own,
 * for Dockerfiles and setup.cfg, where a trailing `#` is not a comment).
 */
import type { Finding } from './model';
import type { PythonProgram } from './python/program';
import { text, walk } from './python/syntax';

type RuleSet = 'all' | Set<string>;

export interface Suppressions {
  file?: RuleSet;
  cells: Map<number, RuleSet>;
  /** Key: `${cell ?? -1}:${line}`. */
  lines: Map<string, RuleSet>;
}

const DIRECTIVE = /#\s*preflight:\s*(ignore-file|ignore)\b(?:\[([^\]]*)\])?/;

function parseDirective(comment: string): { scope: 'line' | 'file'; rules: RuleSet } | undefined {
  const m = DIRECTIVE.exec(comment);
  if (!m) return undefined;
  const list = m[2]?.split(',').map((s) => s.trim()).filter(Boolean);
  return { scope: m[1] === 'ignore-file' ? 'file' : 'line', rules: list && list.length ? new Set(list) : 'all' };
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
    if (!unit.text.includes('preflight:')) continue;
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
      const firstLine = unit.text.slice(0, n.start).trim() === '';
      if (ownLine && firstLine && unit.cell !== undefined) {
        s.cells.set(unit.cell, merge(s.cells.get(unit.cell), d.rules));
      } else {
        const key = `${unit.cell ?? -1}:${n.startRow}`;
        s.lines.set(key, merge(s.lines.get(key), d.rules));
      }
    });
  }
  return s;
}

export function textSuppressions(source: string): Suppressions {
  const s = emptySuppressions();
  if (!source.includes('preflight:')) return s;
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
