/**
 * The statements of a Python text (or IPython cell) by rows, and where a `#` comment about one
 * row can go: what suppression directives need (engine/suppressions.ts reads them, the editor's
 * "ignore …" quick fixes write them, handlers/suppressionEdits.ts).
 *
 * A trailing comment is not always possible. IPython hands the rest of a magic or shell line
 * to the magic as a string (`%matplotlib inline  # …` is a UsageError), help syntax must end
 * its line, a `#` at the end of a row inside a string that goes on is part of the string, and
 * nothing may follow a backslash continuation. Which rows are which is read from IPython's
 * masking (ipython.ts) and from Python's tokenizer (tokens.ts), never by pattern over the text.
 */
import { LineIndex } from '../model';
import { maskIPython, type MagicRecord } from './ipython';
import { lexLogicalLine, lineEndAt, type LogicalLine } from './tokens';

export interface StatementRows {
  firstRow: number;
  lastRow: number;
  /**
   * 'python': a logical line of Python; 'ipython': a magic, shell, help or automagic line (its
   * rest is not Python, a trailing comment changes it); 'opaque': a cell magic's first line
   * (nothing may go above it) and a body that is not Python (`%%bash`), where no Python comment
   * exists at all.
   */
  kind: 'python' | 'ipython' | 'opaque';
}

/** Where a comment about a row goes: after it, or on a line of its own above `row` (indented like it). */
export type CommentPlace = { kind: 'trailing'; row: number } | { kind: 'above'; row: number; indent: string };

function nextLineStart(text: string, end: number): number {
  if (end >= text.length) return text.length;
  return end + (text[end] === '\r' && text[end + 1] === '\n' ? 2 : 1);
}

export class StatementLayout {
  private readonly lines: LineIndex;
  private readonly statements: StatementRows[] = [];
  /** Per row: the index of its statement, or -1 (blank and comment-only rows). */
  private readonly rowStatement: number[];
  /** Rows where a trailing comment would not be a comment of Python (inside a string, after `\`). */
  private readonly noTrailing = new Set<number>();
  /** Per row: the comment on it, as [start, end) offsets. */
  private readonly comments = new Map<number, [number, number]>();
  /** Offset where a cell's own directive may start: 0, or after a `%%time` line (cell magics come first). */
  readonly cellHead: number;

  /** `masked` and `magics`: the IPython masking of `text` (ipython.ts), or `text` itself and none for a `.py`. */
  constructor(readonly text: string, masked: string, magics: readonly MagicRecord[]) {
    this.lines = new LineIndex(text);
    this.rowStatement = new Array<number>(this.lines.lineCount).fill(-1);
    const rowOf = (offset: number) => this.lines.positionAt(offset).line;
    let pos = 0;
    while (pos < masked.length) {
      const ll = lexLogicalLine(masked, pos);
      if (!ll.blank) {
        this.add({ firstRow: rowOf(ll.first), lastRow: rowOf(Math.max(ll.first, ll.end)), kind: 'python' });
        this.markNoTrailing(masked, ll, rowOf);
      }
      for (const c of [...ll.comments, ...ll.blanks]) if (masked[c[0]] === '#') this.comments.set(rowOf(c[0]), c);
      pos = ll.next > pos ? ll.next : nextLineStart(masked, lineEndAt(masked, pos));
    }
    // IPython lines: the masked text shows a placeholder; the magic spans its continuation rows.
    // A cell magic's first line must stay first, and a body that is not Python has no Python comments.
    for (const m of magics) this.add({ firstRow: m.line, lastRow: rowOf(m.end), kind: m.kind === 'cell-magic' ? 'opaque' : 'ipython' });
    const head = magics[0];
    this.cellHead = head?.kind === 'cell-magic' && head.pythonBody ? head.end : 0;
    // IPython applies automagics (`pip install x` without `%`) to one-line cells only.
    this.oneLineAutomagic = head?.kind === 'automagic' && this.statements.every((st) => st.firstRow === head.line && st.lastRow === head.line);
  }

  /** A one-line cell that is an automagic: any line added to it stops IPython from running it as one. */
  readonly oneLineAutomagic: boolean;

  /** A statement over its rows; one that overlaps statements already there absorbs them. */
  private add(s: StatementRows): void {
    const merged = { ...s };
    for (let r = s.firstRow; r <= s.lastRow; r++) {
      const other = this.statements[this.rowStatement[r] ?? -1];
      if (!other) continue;
      merged.firstRow = Math.min(merged.firstRow, other.firstRow);
      merged.lastRow = Math.max(merged.lastRow, other.lastRow);
      if (other.kind !== 'python' && merged.kind === 'python') merged.kind = other.kind;
    }
    const index = this.statements.push(merged) - 1;
    for (let r = merged.firstRow; r <= merged.lastRow; r++) this.rowStatement[r] = index;
  }

  private markNoTrailing(masked: string, ll: LogicalLine, rowOf: (o: number) => number): void {
    for (const t of ll.tokens) {
      if (t.kind !== 'string') continue;
      // Every row the string goes on past: a `#` at its end would be inside the string.
      for (let r = rowOf(t.start); r < rowOf(t.end); r++) this.noTrailing.add(r);
    }
    for (const [start] of ll.blanks) if (masked[start] === '\\') this.noTrailing.add(rowOf(start));
    // A backslash ending the text (nothing after it to continue onto) is no blank to the lexer,
    // but a `#` after it breaks the line just the same.
    const tail = masked.slice(0, ll.next > ll.end ? ll.next : ll.end).trimEnd();
    if (tail.endsWith('\\') && !ll.tokens.some((t) => t.kind === 'string' && t.end >= tail.length)) this.noTrailing.add(rowOf(tail.length - 1));
    // A character Python cannot read (`f(1)?`, which IPython cannot turn into help, `$x`): some
    // syntax not Python's, whose end nobody knows; a comment on a line of its own above is still one.
    const last = ll.tokens[ll.tokens.length - 1];
    if (ll.error && last?.kind === 'other' && last.start === ll.error.start) this.noTrailing.add(rowOf(last.start));
  }

  /** The statement that has `row`, if any. */
  statementAt(row: number): StatementRows | undefined {
    return this.statements[this.rowStatement[row] ?? -1];
  }

  /** The text of the comment on `row` and its start column, if the row has one. */
  commentOn(row: number): { text: string; column: number; ownLine: boolean } | undefined {
    const c = this.comments.get(row);
    if (!c) return undefined;
    const column = c[0] - this.lines.offsetAt({ line: row, column: 0 });
    return { text: this.text.slice(c[0], c[1]), column, ownLine: column === this.indentation(row).length };
  }

  /** Would a comment line inserted above `row` be the first line of the cell (its cell directive)? */
  isCellHead(row: number): boolean {
    const at = this.lines.offsetAt({ line: row, column: 0 });
    return at >= this.cellHead && this.text.slice(this.cellHead, at).trim() === '';
  }

  /** Can a `#` comment end this row and stay a comment that changes nothing? */
  trailingCommentOk(row: number): boolean {
    const s = this.statementAt(row);
    return (!s || s.kind === 'python') && !this.noTrailing.has(row);
  }

  /** Where a directive about `row` goes; undefined where no Python comment can say anything (a `%%bash` body). */
  commentPlace(row: number): CommentPlace | undefined {
    const s = this.statementAt(row);
    if (s?.kind === 'opaque' || this.oneLineAutomagic) return undefined;
    if (this.trailingCommentOk(row)) return { kind: 'trailing', row };
    const first = s?.firstRow ?? row;
    return { kind: 'above', row: first, indent: this.indentation(first) };
  }

  /** The spaces, tabs and form feeds that start a row. */
  indentation(row: number): string {
    const line = this.lines.lineText(row);
    let i = 0;
    while (i < line.length && (line[i] === ' ' || line[i] === '\t' || line[i] === '\f')) i++;
    return line.slice(0, i);
  }

  /** Rows a directive on a line of its own at `row` covers: its own, and the statement starting on the next row. */
  rowsCoveredFrom(row: number): [number, number] {
    const next = this.statementAt(row + 1);
    if (!next || next.kind === 'opaque' || next.firstRow !== row + 1) return [row, Math.min(row + 1, this.lines.lineCount - 1)];
    return [row, next.lastRow];
  }
}

/** The layout of a text on its own: `ipython` masks it as a notebook cell first. */
export function statementLayout(text: string, ipython: boolean): StatementLayout {
  if (!ipython) return new StatementLayout(text, text, []);
  const { masked, magics } = maskIPython(text);
  return new StatementLayout(text, masked, magics);
}
