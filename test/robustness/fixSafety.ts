/**
 * Fix safety: every fix a rule offers, applied alone and as the server's "fix all" applies it,
 *  - edits only text that exists (ranges inside the document, never clamped), never overlaps
 *    itself, stays inside the finding's own cell and leaves the text outside its ranges as it was,
 *  - inserts whole new cells only (at an index inside the notebook), each one valid Python,
 *  - leaves Python that parses no worse than before: a cell without tree-sitter ERROR or MISSING
 *    nodes (after IPython masking for notebook cells) still has none; inserted cells parse.
 * The same fixes also go through the language server's serialisation and code actions
 * (`toDiagnostic` + `codeActions`), applied with `TextDocument.applyEdits` as VS Code would.
 */
import assert from 'node:assert/strict';
import type { CodeAction, Diagnostic } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { codeActions } from '../../server/src/handlers/codeActions';
import { toDiagnostic, type Target } from '../../server/src/lsp/findingToDiagnostic';
import { LineIndex, type Finding, type Fix, type TextEdit } from '../../server/src/engine/model';
import type { NotebookCell } from '../../server/src/engine/notebook';
import { maskIPython } from '../../server/src/engine/python/ipython';
import { parse } from '../../server/src/engine/python/parser';
import { FIX_ALL_KIND, NOTEBOOK_FIX_ALL_KIND } from '../../server/src/protocol';
import { countInput } from './properties';

export type FixDocument = { target: 'python'; text: string } | { target: 'notebook'; cells: readonly NotebookCell[] } | { target: 'manifest'; text: string };

/** A cell (or `.py` text) an edit changed, for the IPython / CPython oracle (fixSafetyOracle.test.ts). */
export interface EditedCell {
  what: string;
  /** The text before the edit; '' for an inserted cell. */
  before: string;
  after: string;
  /** A notebook cell (IPython syntax), else a `.py` file. */
  ipython: boolean;
  /** The edit only adds a comment: what IPython makes of the cell must not change at all. */
  commentOnly: boolean;
}

export interface FixSafetyOptions {
  /** Collects every cell an edit changes and every inserted cell, for the oracle. */
  edited?: EditedCell[];
  /**
   * Analyse an edited document again (its cells, inserted ones included, in order): an "ignore"
   * action must remove the finding it was offered on, a fix that inserts cells must add no finding.
   */
  reanalyse?: (cells: readonly NotebookCell[], why: 'ignore' | 'insert') => readonly Finding[];
}

export const fixStats = { documents: 0, findings: 0, fixes: 0, edits: 0, cellInserts: 0, fixAll: 0, byRule: new Map<string, number>() };

/**
 * Lines that hold a syntax error: every row an ERROR node spans, and the rows of MISSING tokens.
 * Rows, not nodes: error recovery may split one ERROR node over two broken lines into two when a
 * comment is appended to the first, which is no worse for the user.
 */
export function syntaxErrorLines(source: string, ipython: boolean): number {
  const text = ipython ? maskIPython(source).masked : source;
  const tree = parse(text);
  try {
    const rows = new Set<number>();
    const stack = [tree.rootNode];
    while (stack.length) {
      const n = stack.pop()!;
      if (n.isMissing) rows.add(n.startPosition.row);
      // An ERROR node ending at column 0 of a row does not cover that row.
      if (n.isError) for (let r = n.startPosition.row; r <= n.endPosition.row - (n.endPosition.column === 0 && n.endPosition.row > n.startPosition.row ? 1 : 0); r++) rows.add(r);
      if (!n.hasError) continue;
      for (const c of n.children) if (c) stack.push(c);
    }
    return rows.size;
  } finally {
    tree.delete();
  }
}

/** Offsets of a range, asserting it lies inside the text (the engine never relies on clamping). */
function span(text: string, e: TextEdit, what: string): { start: number; end: number } {
  const lines = new LineIndex(text);
  for (const p of [e.range.start, e.range.end]) {
    assert.ok(p.line >= 0 && p.line < lines.lineCount, `${what}: line ${p.line} outside 0..${lines.lineCount - 1}`);
    assert.ok(p.column >= 0 && p.column <= lines.lineText(p.line).length, `${what}: column ${p.column} outside line ${p.line} (${lines.lineText(p.line).length} long)`);
  }
  const start = lines.offsetAt(e.range.start);
  const end = lines.offsetAt(e.range.end);
  assert.ok(start <= end, `${what}: range ends before it starts`);
  // An edit never splits a CRLF pair or a surrogate pair.
  for (const o of [start, end]) {
    assert.ok(!(text[o - 1] === '\r' && text[o] === '\n'), `${what}: edit boundary inside a CRLF`);
    const c = text.charCodeAt(o);
    assert.ok(!(c >= 0xdc00 && c <= 0xdfff && o > 0), `${what}: edit boundary inside a surrogate pair`);
  }
  return { start, end };
}

/**
 * Apply edits to one text, checking they do not overlap, and rebuilding the result from the
 * untouched segments: so "only its range changes" holds by comparison, not by construction.
 */
export function applyChecked(text: string, edits: readonly TextEdit[], what: string): string {
  const spans = edits.map((e, i) => ({ ...span(text, e, `${what} edit ${i}`), newText: e.newText })).sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 1; i < spans.length; i++) {
    const a = spans[i - 1]!;
    const b = spans[i]!;
    assert.ok(b.start >= a.end, `${what}: edits overlap`);
    assert.ok(!(a.start === a.end && b.start === b.end && a.start === b.start), `${what}: two insertions at one point (order undefined)`);
  }
  let out = '';
  let at = 0;
  for (const s of spans) {
    out += text.slice(at, s.start) + s.newText;
    at = s.end;
  }
  out += text.slice(at);
  // The LSP side (VS Code applies TextEdits with the same semantics) must agree.
  const lsp = TextDocument.applyEdits(TextDocument.create('file:///x', 'python', 0, text), edits.map((e) => ({ range: { start: { line: e.range.start.line, character: e.range.start.column }, end: { line: e.range.end.line, character: e.range.end.column } }, newText: e.newText })));
  assert.equal(lsp, out, `${what}: TextDocument.applyEdits disagrees`);
  return out;
}

function cellsOf(doc: FixDocument): string[] {
  return doc.target === 'notebook' ? doc.cells.map((c) => c.source) : [doc.text];
}

function isCode(doc: FixDocument, i: number): boolean {
  return doc.target === 'python' || (doc.target === 'notebook' && doc.cells[i]?.kind === 'code');
}

/** Apply a set of fixes (non-overlapping), return the new cell texts (inserted cells included) and which cells are new. */
function applyFixes(doc: FixDocument, fixes: readonly { fix: Fix; cell: number | undefined }[], what: string): { cells: string[]; inserted: { index: number; kind: string; source: string }[]; byCell: Map<number, TextEdit[]> } {
  const before = cellsOf(doc);
  const byCell = new Map<number, TextEdit[]>();
  const inserted: { index: number; kind: string; source: string }[] = [];
  for (const { fix, cell } of fixes) {
    for (const e of fix.edits) {
      // An edit in another file (declaring an import in requirements.txt) touches no cell here.
      if (e.file !== undefined) {
        assert.ok(e.cell === undefined && e.range.start.line === e.range.end.line && e.range.start.column === e.range.end.column, `${what}: an edit in another file only appends`);
        continue;
      }
      const target = doc.target === 'notebook' ? (e.cell ?? cell) : 0;
      if (doc.target === 'notebook') {
        assert.notEqual(target, undefined, `${what}: a notebook edit without a cell`);
        assert.equal(target, cell, `${what}: edits cell ${target! + 1}, not the finding's cell ${cell === undefined ? '?' : cell + 1}`);
      } else assert.equal(e.cell, undefined, `${what}: a cell edit in a plain file`);
      assert.ok(target! >= 0 && target! < before.length, `${what}: edits cell ${target} of ${before.length}`);
      (byCell.get(target!) ?? byCell.set(target!, []).get(target!)!).push(e);
    }
    for (const ins of fix.cellInserts ?? []) {
      assert.equal(doc.target, 'notebook', `${what}: inserts a cell into a plain file`);
      assert.ok(Number.isInteger(ins.index) && ins.index >= 0 && ins.index <= before.length, `${what}: inserts at ${ins.index} of ${before.length}`);
      assert.ok(ins.kind === 'code' || ins.kind === 'markdown', `${what}: inserts a ${String(ins.kind)} cell`);
      inserted.push(ins);
    }
  }
  const after = before.slice();
  for (const [cell, edits] of byCell) after[cell] = applyChecked(before[cell]!, edits, `${what} (cell ${cell + 1})`);
  return { cells: after, inserted, byCell };
}

function assertParsesNoWorse(doc: FixDocument, after: readonly string[], inserted: readonly { kind: string; source: string }[], what: string): void {
  if (doc.target === 'manifest') return;
  const before = cellsOf(doc);
  const ipython = doc.target === 'notebook';
  before.forEach((src, i) => {
    if (!isCode(doc, i) || src === after[i]) return;
    // Strict where the cell parsed: a fix must not break working code. On code that was already
    // broken, tree-sitter's error recovery is not monotone (a comment or an import line at column
    // 0 above indented broken code re-partitions the ERROR nodes, while Python still stops at the
    // same first error), so only the structural checks above apply there.
    const was = syntaxErrorLines(src, ipython);
    if (was > 0) return;
    const now = syntaxErrorLines(after[i]!, ipython);
    assert.ok(now <= was, `${what}: cell ${i + 1} has ${now} line(s) with syntax errors after the fix, ${was} before\n--- before\n${src}\n--- after\n${after[i]}`);
  });
  for (const c of inserted) {
    if (c.kind === 'code') assert.equal(syntaxErrorLines(c.source, true), 0, `${what}: inserted cell does not parse:\n${c.source}`);
  }
}

/** Check every fix among `findings` alone, then the safe ones together, then through the server's code actions. */
export function checkFixSafety(doc: FixDocument, findings: readonly Finding[], name: string, opts: FixSafetyOptions = {}): void {
  fixStats.documents++;
  countInput(`fix safety: ${doc.target}`);
  fixStats.findings += findings.length;
  const fixed = findings.filter((f): f is Finding & { fix: Fix } => f.fix !== undefined);
  for (const f of fixed) {
    const what = `${name}: ${f.ruleId} fix "${f.fix.title}"`;
    fixStats.fixes++;
    fixStats.edits += f.fix.edits.length;
    fixStats.cellInserts += f.fix.cellInserts?.length ?? 0;
    fixStats.byRule.set(f.ruleId, (fixStats.byRule.get(f.ruleId) ?? 0) + 1);
    const { cells, inserted } = applyFixes(doc, [{ fix: f.fix, cell: f.cell }], what);
    assertParsesNoWorse(doc, cells, inserted, what);
    if (inserted.length) assertInsertsAddNoFinding(doc, findings, f, cells, inserted, what, opts);
  }
  checkThroughServer(doc, findings, name, opts);
}

/** The cells of a notebook with `after` texts and the inserted cells in place (never run: no execution count). */
function notebookCells(doc: FixDocument & { target: 'notebook' }, after: readonly string[], inserted: readonly { index: number; kind: string; source: string }[]): NotebookCell[] {
  const cells: NotebookCell[] = doc.cells.map((c, i) => ({ ...c, source: after[i]! }));
  for (const ins of [...inserted].sort((a, b) => b.index - a.index)) cells.splice(ins.index, 0, { kind: ins.kind as NotebookCell['kind'], source: ins.source, executionCount: null });
  return cells;
}

function countByRule(findings: readonly Finding[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const f of findings) m.set(f.ruleId, (m.get(f.ruleId) ?? 0) + 1);
  return m;
}

/** Issue 19: a cell a fix inserts (the seed cell) never ran; it must not become a finding of its own (skipped-cell, …). */
function assertInsertsAddNoFinding(doc: FixDocument, findings: readonly Finding[], f: Finding, after: readonly string[], inserted: readonly { index: number; kind: string; source: string }[], what: string, opts: FixSafetyOptions): void {
  for (const c of inserted) opts.edited?.push({ what: `${what}: inserted cell`, before: '', after: c.source, ipython: true, commentOnly: false });
  if (!opts.reanalyse || doc.target !== 'notebook') return;
  const before = countByRule(findings);
  const now = countByRule(opts.reanalyse(notebookCells(doc, after, inserted), 'insert'));
  for (const [rule, n] of now) assert.ok(n <= (before.get(rule) ?? 0), `${what}: ${n - (before.get(rule) ?? 0)} new ${rule} finding(s) after the fix inserts a cell`);
}

/** The fixes as the language server offers them: serialised into diagnostics, answered by code actions. */
function checkThroughServer(doc: FixDocument, findings: readonly Finding[], name: string, opts: FixSafetyOptions): void {
  const texts = cellsOf(doc);
  const uris = texts.map((_, i) => (doc.target === 'notebook' ? `vscode-notebook-cell:/nb.ipynb#W${i}` : 'file:///doc.py'));
  const target: Target = doc.target === 'notebook' ? { kind: 'notebook', notebookUri: 'file:///nb.ipynb', cellUris: uris } : { kind: 'text', uri: uris[0]! };
  const published = new Map<string, Diagnostic[]>(uris.map((u) => [u, []]));
  for (const f of findings) {
    const { uri, diagnostic } = toDiagnostic(f, target);
    published.get(uri)?.push(diagnostic);
  }
  const versions = new Map(uris.map((u) => [u, 1]));
  const deps = {
    document: (uri: string) => {
      const i = uris.indexOf(uri);
      return i < 0 ? undefined : { text: texts[i]!, version: 1 };
    },
    notebookOf: (uri: string) => (doc.target === 'notebook' && uris.includes(uri) ? { notebookUri: 'file:///nb.ipynb', cellUris: uris, isCode: isCode(doc, uris.indexOf(uri)) } : undefined),
    manifestKindOf: () => undefined,
    published,
    analysedVersions: versions,
  };
  const applyAction = (a: CodeAction, what: string) => {
    const after = texts.slice();
    const byCell = new Map<number, TextEdit[]>();
    for (const [uri, edits] of Object.entries(a.edit?.changes ?? {})) {
      const i = uris.indexOf(uri);
      assert.ok(i >= 0, `${what}: edits unknown document ${uri}`);
      const engineEdits = edits.map((e) => ({ range: { start: { line: e.range.start.line, column: e.range.start.character }, end: { line: e.range.end.line, column: e.range.end.character } }, newText: e.newText }));
      byCell.set(i, engineEdits);
      after[i] = applyChecked(texts[i]!, engineEdits, what);
    }
    const args = (a.command?.arguments?.[0] ?? undefined) as { inserts: { kind: string; source: string }[] } | undefined;
    assertParsesNoWorse(doc, after, args?.inserts ?? [], what);
    const ignore = a.title.startsWith('Ignore ');
    for (const i of byCell.keys()) {
      if (doc.target !== 'manifest' && isCode(doc, i) && after[i] !== texts[i]) opts.edited?.push({ what: `${what} (cell ${i + 1})`, before: texts[i]!, after: after[i]!, ipython: doc.target === 'notebook', commentOnly: ignore });
    }
    if (ignore) assertIgnoreTakesEffect(doc, findings, a, uris, after, what, opts);
  };
  for (const [i, uri] of uris.entries()) {
    const diagnostics = published.get(uri)!;
    if (!diagnostics.length) continue;
    // Every quick fix and ignore-comment action on this document.
    const actions = codeActions({ textDocument: { uri }, range: diagnostics[0]!.range, context: { diagnostics } }, deps);
    for (const a of actions) applyAction(a, `${name}: server action "${a.title}" (document ${i + 1})`);
    // Fix all in this one document (cell).
    for (const a of codeActions({ textDocument: { uri }, range: diagnostics[0]!.range, context: { diagnostics: [], only: [FIX_ALL_KIND] } }, deps)) {
      fixStats.fixAll++;
      applyAction(a, `${name}: server "${a.title}" (document ${i + 1})`);
    }
  }
  if (doc.target !== 'notebook') return;
  // Fix all across the notebook (VS Code asks the notebook-level kind on the first cell).
  const all = codeActions({ textDocument: { uri: uris[0]! }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: [NOTEBOOK_FIX_ALL_KIND] } }, deps);
  for (const a of all) {
    fixStats.fixAll++;
    applyAction(a, `${name}: server "${a.title}"`);
  }
}

/** Issue 19: an "Ignore R for this line / cell / in this file" action removes R's finding it was offered on. */
function assertIgnoreTakesEffect(doc: FixDocument, findings: readonly Finding[], a: CodeAction, uris: readonly string[], after: readonly string[], what: string, opts: FixSafetyOptions): void {
  if (!opts.reanalyse || doc.target === 'manifest') return;
  const d = a.diagnostics?.[0];
  const rule = (d?.data as { ruleId?: string } | undefined)?.ruleId;
  if (!d || !rule) return;
  const cell = doc.target === 'notebook' ? uris.indexOf(Object.keys(a.edit?.changes ?? {})[0]!) : undefined;
  const inCell = (f: Finding) => f.ruleId === rule && (doc.target !== 'notebook' || f.cell === cell);
  const cells = doc.target === 'notebook' ? notebookCells(doc, after, []) : [{ kind: 'code' as const, source: after[0]!, executionCount: null }];
  const was = findings.filter(inCell).length;
  const now = opts.reanalyse(cells, 'ignore').filter(inCell).length;
  assert.ok(now < was, `${what}: ${rule} still reported ${now} time(s) (${was} before) after the ignore comment\n--- after\n${after[cell ?? 0]}`);
}
