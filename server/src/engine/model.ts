/**
 * The engine's vocabulary: documents, positions, findings and fixes.
 *
 * Positions are 0-based lines and 0-based UTF-16 columns everywhere inside the engine (the
 * LSP's default encoding and what web-tree-sitter reports for JS strings); the CLI converts to
 * 1-based on output. A notebook finding carries the index of its cell in the notebook's `cells`
 * array (0-based, counting every cell) and a range inside that cell's source.
 */

/** The four core categories of ../shared/spec/TAXONOMY.md, plus the ones later rules add. */
export type Category =
  | 'randomness'
  | 'dependencies'
  | 'idempotency'
  | 'hidden-state'
  | 'secrets'
  | 'timeouts'
  | 'retries'
  | 'observability'
  | 'artifacts'
  | 'human-gates'
  | 'input-validation'
  | 'portability'
  | 'file';

export type Severity = 'error' | 'warning' | 'info' | 'hint';

export const SEVERITY_RANK: Record<Severity, number> = { hint: 0, info: 1, warning: 2, error: 3 };

export interface Position {
  line: number;
  column: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/**
 * One text replacement. `cell` is set for notebook edits (index into the notebook's cells);
 * `file` for an edit in another file of the project (adding a requirement to requirements.txt),
 * with the range in that file's text as it was analysed.
 */
export interface TextEdit {
  range: Range;
  newText: string;
  cell?: number;
  file?: string;
}

/** A new cell a fix inserts into a notebook (e.g. a seed cell), before the cell at `index`. */
export interface CellInsert {
  index: number;
  kind: 'code' | 'markdown';
  source: string;
}

/**
 * A change to a notebook as a whole rather than to the text of its cells: put the cells in
 * another order (`order[i]` is the index, in the notebook as analysed, of the cell that goes to
 * position `i`; every cell appears once), or clear every code cell's saved outputs and
 * execution count.
 */
export type NotebookChange = { kind: 'reorder-cells'; order: number[] } | { kind: 'clear-outputs' };

export interface Fix {
  title: string;
  /** `safe` fixes keep behaviour the user meant; `unsafe` ones need a look (ruff's applicability). */
  applicability: 'safe' | 'unsafe';
  edits: TextEdit[];
  cellInserts?: CellInsert[];
  notebookChange?: NotebookChange;
}

export interface Finding {
  ruleId: string;
  category: Category;
  severity: Severity;
  /** Path as given to the engine (the CLI makes it relative on output). */
  file: string;
  /** 0-based index in the notebook's cells array, or undefined for plain files. */
  cell?: number;
  range: Range;
  message: string;
  fix?: Fix;
  /** Other places the message talks about (e.g. the cell that defines a name). */
  /** Other places the finding speaks of; `file` (absolute) when in another file than the finding's. */
  related?: { file?: string; cell?: number; range: Range; message: string }[];
}

export type DocumentKind = 'python' | 'notebook' | 'manifest';

export function pos(line: number, column: number): Position {
  return { line, column };
}

export function rangeOf(sl: number, sc: number, el: number, ec: number): Range {
  return { start: { line: sl, column: sc }, end: { line: el, column: ec } };
}

export const WHOLE_FIRST_LINE: Range = rangeOf(0, 0, 0, 0);

export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.column - b.column;
}

/** Line/column → UTF-16 offset table for one text. */
export class LineIndex {
  private readonly starts: number[];
  constructor(readonly text: string) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 10) starts.push(i + 1);
      else if (ch === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    this.starts = starts;
  }
  get lineCount(): number {
    return this.starts.length;
  }
  offsetAt(p: Position): number {
    const line = Math.max(0, Math.min(p.line, this.starts.length - 1));
    const start = this.starts[line]!;
    const next = line + 1 < this.starts.length ? this.starts[line + 1]! : this.text.length;
    return Math.min(start + Math.max(0, p.column), next);
  }
  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, column: o - this.starts[lo]! };
  }
  /** Range of the [start, end) offsets. */
  rangeAt(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }
  lineText(line: number): string {
    const start = this.starts[line] ?? this.text.length;
    const next = line + 1 < this.starts.length ? this.starts[line + 1]! : this.text.length;
    return this.text.slice(start, next).replace(/\r?\n$|\r$/, '');
  }
}
