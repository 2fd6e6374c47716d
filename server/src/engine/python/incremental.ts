/**
 * Incremental parsing for the editor: each `.py` file and each code cell keeps its tree-sitter
 * tree, and an edit reparses only that text, reusing the unchanged parts of the old tree.
 *
 * The edit handed to tree-sitter is the smallest region that differs between the old and new
 * *masked* text (common prefix and suffix), not the user's raw edit: typing `%` at the start of
 * a line changes how IPython masking treats the whole line, so the bytes tree-sitter sees can
 * change outside the range the user typed in.
 */
import { editFor, isLive, release, type Tree } from './parser';
import { parseUnit, type Unit } from './program';

export interface ParsedText {
  readonly text: string;
  readonly masked: string;
  readonly unit: Unit;
  /** Kept for incremental re-parsing of long texts only (see INCREMENTAL_MIN_CHARS). */
  readonly tree?: Tree;
}

/**
 * Texts shorter than this are re-parsed from scratch on an edit and keep no tree-sitter tree.
 * A fresh parse of a few hundred lines takes well under a millisecond, while keeping a tree per
 * cell of every open notebook held about 40 MB of wasm memory for the perf corpus's 3,494 cells
 * (memory that wasm never returns). Long files and cells still re-parse incrementally.
 */
export const INCREMENTAL_MIN_CHARS = 8_000;

function changedRegion(a: string, b: string): { start: number; oldEnd: number; newEnd: number } {
  const max = Math.min(a.length, b.length);
  let start = 0;
  while (start < max && a.charCodeAt(start) === b.charCodeAt(start)) start++;
  let suffix = 0;
  while (suffix < max - start && a.charCodeAt(a.length - 1 - suffix) === b.charCodeAt(b.length - 1 - suffix)) suffix++;
  return { start, oldEnd: a.length - suffix, newEnd: b.length - suffix };
}

/**
 * Parse `text` for unit `cell`, reusing `previous` when there is one. The previous tree is
 * deleted when a new one replaces it; the caller owns the returned tree (free it with `free`).
 */
export function parseIncremental(text: string, opts: { cell?: number; ipython: boolean }, previous?: ParsedText): ParsedText {
  if (previous && previous.text === text) {
    if (previous.unit.cell === opts.cell) return previous;
    // Moved cell: same parse, new index.
    const { cell: _old, ...rest } = previous.unit;
    return { ...previous, unit: { ...rest, ...(opts.cell !== undefined ? { cell: opts.cell } : {}) } };
  }
  const base = { ipython: opts.ipython, keepTree: text.length >= INCREMENTAL_MIN_CHARS, ...(opts.cell !== undefined ? { cell: opts.cell } : {}) };
  let parsed;
  if (previous?.tree && isLive(previous.tree)) {
    // parseUnit masks the text once and asks for the edit against that masked text.
    const edit = (masked: string) => {
      const r = changedRegion(previous.masked, masked);
      return editFor(previous.masked, r.start, r.oldEnd, masked.slice(r.start, r.newEnd));
    };
    parsed = parseUnit(text, { ...base, previous: { tree: previous.tree, edit } });
    release(previous.tree);
  } else {
    parsed = parseUnit(text, base);
  }
  // The unit's own masked string (not a second copy of it) is what the next edit compares with.
  return { text, masked: parsed.unit.masked, unit: parsed.unit, ...(parsed.tree ? { tree: parsed.tree } : {}) };
}

export function free(p: ParsedText | undefined): void {
  release(p?.tree);
}
