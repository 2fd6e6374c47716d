/**
 * A Python program as the rules see it: one `.py` file, or a notebook's code cells.
 *
 * Each unit is one parse (a file, or one code cell after IPython masking). Units are kept in
 * top-down order and share one module scope. A unit keeps its tree-sitter tree only long enough
 * to copy it (see syntax.ts), unless the caller asks to keep it for incremental re-parsing.
 * A program's semantics is the join of its units' per-cell passes; a pass is kept with its
 * parsed unit, so a program rebuilt after an edit to one cell recomputes that cell's pass only.
 */
import { checkBudget } from '../budget';
import { LineIndex } from '../model';
import type { Notebook } from '../notebook';
import { maskIPython, type MagicRecord, type MaskResult } from './ipython';
import { grammarGap } from './lenientGrammar';
import { confirmSyntaxError, firstSyntaxError, parse, reparse, type Tree } from './parser';
import { tabError } from './tokens';
import { cellPass, type CellPass, type UnitInput } from './cellPass';
import { joinCells, type SemanticModel } from './semantics';
import { toPyTree, type PyNode } from './syntax';
import type { Edit } from 'web-tree-sitter';

export interface Unit {
  /** Notebook cell index (into all cells), or undefined for a `.py` file. */
  readonly cell?: number;
  readonly text: string;
  /** `text` with IPython syntax masked (same length). */
  readonly masked: string;
  readonly magics: MagicRecord[];
  readonly root: PyNode;
  readonly lines: LineIndex;
  /**
   * First syntax error of the parse, if any: [start, end) offsets. The tree then has an ERROR
   * node; `confirmed` says CPython would raise one too (parser.ts `confirmSyntaxError`).
   */
  readonly syntaxError?: { start: number; end: number; unexpected: string; message?: string; confirmed: boolean; usage?: true };
}

export interface PythonProgram {
  readonly kind: 'python' | 'notebook';
  readonly units: Unit[];
  readonly semantics: SemanticModel;
  readonly notebook?: Notebook;
}

export interface ParsedUnit {
  unit: Unit;
  tree?: Tree;
}

/**
 * Parse one unit. With `previous`, re-parse incrementally (the language server's edit path):
 * `edit` is the tree-sitter edit from the old tree's text, or a function that computes it from
 * the new masked text (so the caller need not mask the text a second time).
 */
export function parseUnit(
  textIn: string,
  opts: { cell?: number; ipython: boolean; keepTree?: boolean; previous?: { tree: Tree; edit: Edit | ((masked: string) => Edit) } },
): ParsedUnit {
  const mask: MaskResult = opts.ipython ? maskIPython(textIn) : { masked: textIn, magics: [] };
  const { masked, magics } = mask;
  const edit = opts.previous && (typeof opts.previous.edit === 'function' ? opts.previous.edit(masked) : opts.previous.edit);
  let tree = opts.previous && edit ? reparse(opts.previous.tree, edit, masked) : parse(masked);
  let treeFromCopy = false;
  let syntaxError: Unit['syntaxError'];
  const err = firstSyntaxError(tree.rootNode);
  if (err) {
    // tree-sitter and CPython can disagree: only a confirmed error is claimed (parser.ts).
    const { stripped } = mask;
    const verdict = confirmSyntaxError(mask.opaque ?? masked, stripped ? (ls) => stripped.get(ls) ?? 0 : undefined);
    if (verdict.tree) {
      tree.delete();
      tree = verdict.tree;
      treeFromCopy = true;
    } else {
      const first = { start: err.startIndex, end: Math.max(err.endIndex, err.startIndex), unexpected: err.isMissing ? `missing ${err.type}` : err.text.slice(0, 40) };
      syntaxError = verdict.error ? { ...verdict.error, confirmed: true } : { ...first, confirmed: false };
    }
  }
  // Copy out of wasm against the user's text (positions are the same: masking keeps offsets).
  const lines = new LineIndex(textIn);
  const root = toPyTree(tree, textIn, lines);
  syntaxError = withUnseenErrors(syntaxError, root, mask, !err);
  const unit: Unit = {
    ...(opts.cell !== undefined ? { cell: opts.cell } : {}),
    text: textIn,
    masked,
    magics,
    root,
    lines,
    ...(syntaxError ? { syntaxError } : {}),
  };
  // A tree parsed from the canonical copy cannot be re-parsed incrementally against `masked`.
  if (opts.keepTree && !treeFromCopy) return { unit, tree };
  tree.delete();
  return { unit };
}

/**
 * Errors a parse without ERROR nodes does not show: what the grammar accepts and CPython rejects
 * (lenientGrammar.ts: Python 2 syntax, `__future__` placement), a TabError (only looked for
 * when the parse is clean: a failed one was checked by the tokenizer already), and last the
 * `UsageError` IPython raises for a misplaced cell magic, which only a cell that compiles reaches.
 * CPython reports the first error of a text, so the earliest one is kept.
 */
function withUnseenErrors(found: Unit['syntaxError'], root: PyNode, mask: MaskResult, cleanParse: boolean): Unit['syntaxError'] {
  const text = root.source;
  const source = mask.opaque ?? mask.masked;
  const { stripped } = mask;
  const tab = cleanParse ? tabError(source, stripped ? (ls) => stripped.get(ls) ?? 0 : undefined) : undefined;
  let first = found?.confirmed ? found : undefined;
  for (const e of [grammarGap(root), tab]) {
    if (e && (!first || e.start < first.start)) first = { start: e.start, end: Math.max(e.end, e.start), message: e.message, unexpected: text.slice(e.start, Math.min(e.end, e.start + 40)), confirmed: true };
  }
  if (!first && mask.usageError) {
    const { start, end, message } = mask.usageError;
    return { start, end, message, unexpected: text.slice(start, end), confirmed: true, usage: true };
  }
  return first ?? found;
}

/** Names that IPython syntax defines: `files = !ls`, `x = %sx …`, `%store -r name`, `%%capture out`. */
function magicBindings(unit: Unit): UnitInput['magicBindings'] {
  const out: { name: string; node: PyNode }[] = [];
  for (const m of unit.magics) {
    const names: string[] = [];
    if (m.assignedTo) names.push(...m.assignedTo.split(',').map((s) => s.trim()).filter((s) => /^[\p{L}_][\p{L}\p{N}_]*$/u.test(s)));
    // `%%capture out` keeps the captured output in `out`.
    if (m.kind === 'cell-magic' && m.name === 'capture') names.push(...m.args.split(/\s+/).filter((a) => a && !a.startsWith('-')).slice(0, 1));
    if (m.kind === 'line-magic' && m.name === 'store' && /(^|\s)-r\b/.test(m.args)) {
      names.push(...m.args.split(/\s+/).filter((a) => a && !a.startsWith('-')));
    }
    for (const name of names) {
      const node: PyNode = {
        type: 'identifier', field: null, named: true, start: m.start, end: m.end,
        startRow: m.line, startCol: m.column, endRow: m.line, endCol: m.column, children: [], parent: null, error: false, source: unit.text,
      };
      out.push({ name, node });
    }
  }
  return out;
}

/**
 * Per-cell passes, keyed by the unit's tree. Keyed by the tree, not by the cell text: the pass's
 * records point at that tree's nodes, which rules hand back to `lookup` by identity, so a pass
 * is only reusable with the parse it was computed on. The language server keeps a cell's parse
 * while its text is unchanged (python/incremental.ts), and with it its pass. A WeakMap: the
 * pass goes when its tree does, so the cache needs no bound of its own.
 */
const passes = new WeakMap<PyNode, CellPass>();

/** The per-cell pass of a unit, computed once per parse. */
export function cellPassOf(unit: Unit): CellPass {
  let pass = passes.get(unit.root);
  if (!pass) {
    pass = cellPass({ root: unit.root, magicBindings: magicBindings(unit) });
    passes.set(unit.root, pass);
  }
  return pass;
}

export function programFromUnits(kind: 'python' | 'notebook', units: Unit[], notebook?: Notebook): PythonProgram {
  const semantics = joinCells(units.map(cellPassOf));
  return { kind, units, semantics, ...(notebook ? { notebook } : {}) };
}

export function programFromPython(text: string): PythonProgram {
  return programFromUnits('python', [parseUnit(text, { ipython: false }).unit]);
}

export function programFromNotebook(nb: Notebook): PythonProgram {
  const units: Unit[] = [];
  nb.cells.forEach((c, i) => {
    checkBudget('parsing');
    if (c.kind === 'code') units.push(parseUnit(c.source, { cell: i, ipython: true }).unit);
  });
  return programFromUnits('notebook', units, nb);
}

/** Index of the unit for a notebook cell. */
export function unitIndexOfCell(p: PythonProgram, cell: number): number {
  return p.units.findIndex((u) => u.cell === cell);
}
