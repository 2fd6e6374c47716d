/**
 * How a finding's message names another cell of its notebook: the way the editor shows cells.
 * VS Code numbers no cell (and an index that counts markdown cells matches nothing a user sees),
 * so a message says "the cell above" / "the cell below" for the nearest code cell, and otherwise
 * quotes the other cell's first non-empty line ("the cell starting `df = pd.read_csv(...)`"), or
 * names it by what it defines when that line does not single it out. The finding carries the
 * other cell as a related location too (`relatedCell`): a click in the editor jumps there, and
 * the CLI prints its 1-based position (TAXONOMY "Positions").
 */
import type { Finding, Range } from './model';
import type { NotebookCell } from './notebook';

/** What naming a cell reads of the notebook's cells. */
export type NamedCell = Pick<NotebookCell, 'kind' | 'source'>;

/** A quoted first line longer than this is shortened. */
const QUOTE_MAX = 40;

export interface CellNameOptions {
  /** The cell the message is about (the finding's cell): the other cell is named relative to it. */
  from?: number | undefined;
  /** A name the other cell defines: named by it when the first line does not tell the cell apart. */
  defines?: string | undefined;
}

/** The first non-empty line of a cell's source, trimmed ('' for a blank cell). */
export function firstNonEmptyLine(source: string): string {
  const start = source.search(/\S/);
  if (start < 0) return '';
  const end = source.slice(start).search(/[\r\n]/);
  return source.slice(start, end < 0 ? undefined : start + end).trim();
}

/**
 * `line` as a short code span's text: at most QUOTE_MAX characters; a long call keeps its
 * callee (`df = pd.read_csv(...)`), anything else is cut at a word, with an ellipsis. Backticks
 * become quotes so the span stays one span.
 */
export function shortQuote(line: string): string {
  const s = line.trim().replace(/`/g, "'");
  if (s.length <= QUOTE_MAX) return s;
  const paren = s.indexOf('(');
  if (paren > 0 && paren + 5 <= QUOTE_MAX) return `${s.slice(0, paren + 1)}...)`;
  const cut = s.lastIndexOf(' ', QUOTE_MAX - 1);
  return `${s.slice(0, cut > QUOTE_MAX / 2 ? cut : QUOTE_MAX - 1)}…`;
}

/**
 * The quote a cell's source shows, remembered by source text: naming one cell compares its
 * quote with every other cell's, for every finding that names a cell. Keyed by the text (not
 * the cell: the editor changes cells in place), and forgotten wholesale past QUOTES_KEPT.
 */
const quotes = new Map<string, string>();
const QUOTES_KEPT = 4_000;

function quoteOf(source: string): string {
  let q = quotes.get(source);
  if (q === undefined) {
    if (quotes.size >= QUOTES_KEPT) quotes.clear();
    quotes.set(source, (q = shortQuote(firstNonEmptyLine(source))));
  }
  return q;
}

/** How many code cells of the notebook show `quote` (a quote two cells share names neither). */
function quoteCount(cells: readonly NamedCell[], quote: string): number {
  let n = 0;
  for (const c of cells) if (c.kind === 'code' && quoteOf(c.source) === quote) n++;
  return n;
}

/**
 * The words a message uses for cell `cell` (0-based index in `cells`): "the cell above" / "the
 * cell below" when it is the code cell next to `from` ("the code cell above" with markdown cells
 * between), else "the cell starting `…`" (+ " further up" / " further down" relative to `from`),
 * "the cell that defines `x`" when that first line is blank or shared with another code cell
 * and `defines` is given, "this cell" for `from` itself.
 */
export function cellName(cells: readonly NamedCell[], cell: number, options: CellNameOptions = {}): string {
  const { from, defines } = options;
  if (from !== undefined) {
    if (cell === from) return 'this cell';
    const step = cell < from ? -1 : 1;
    let next = from + step;
    while (cells[next] && cells[next]!.kind !== 'code') next += step;
    if (next === cell) return `the ${Math.abs(cell - from) === 1 ? '' : 'code '}cell ${step < 0 ? 'above' : 'below'}`;
  }
  const where = from === undefined ? '' : cell < from ? ' further up' : ' further down';
  const quote = quoteOf(cells[cell]?.source ?? '');
  const distinct = quote !== '' && quoteCount(cells, quote) <= 1;
  if (!distinct && defines) return `the cell that defines \`${defines}\`${where}`;
  if (quote === '') return `an empty cell${where}`;
  return `the cell starting \`${quote}\`${where}`;
}

/** The first non-blank line of a cell, as a range (where cell-level findings go; an empty range at the start of a blank cell). */
export function firstLineRange(source: string): Range {
  const lines = source.split(/\r\n|\r|\n/);
  let line = lines.findIndex((l) => l.trim() !== '');
  if (line < 0) line = 0;
  const l = lines[line] ?? '';
  // A blank cell (only whitespace): an empty range at the line start, never one that ends before it starts.
  const start = l.trim() === '' ? 0 : l.length - l.trimStart().length;
  return { start: { line, column: start }, end: { line, column: l.trimEnd().length } };
}

type Related = NonNullable<Finding['related']>[number];

/**
 * Cell `cell` as a finding's related location: `range` inside it (default: its first line), and
 * a message that needs no cell name (the location shows which cell it is).
 */
export function relatedCell(cells: readonly NamedCell[], cell: number, message: string, range?: Range): Related {
  return { cell, range: range ?? firstLineRange(cells[cell]?.source ?? ''), message };
}
