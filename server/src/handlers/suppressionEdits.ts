/**
 * The edits behind "ignore for this line / this cell / this file": insert (or extend) a
 * `# preflight: ignore[rule-id]` comment. Directives are found with the engine's own grammar
 * (`findDirective`, engine/suppressions.ts), so an edit extends exactly what the engine reads.
 * Pure functions of the document text, so code actions need no analysis.
 */
import type { TextEdit } from 'vscode-languageserver';
import { findDirective, statementLayout, type Directive, type ManifestKind } from '../engine';

function lineOf(text: string, line: number): string | undefined {
  return text.split(/\r?\n|\r/)[line];
}

/**
 * Add `rule` to the directive in `lineText` (a line, or a comment starting at `column` of `line`)
 * if it has one: the edit, 'covered', or undefined (none there).
 */
function extendDirective(lineText: string, line: number, rule: string, scope: Directive['scope'], column = 0): TextEdit | 'covered' | undefined {
  const d = findDirective(lineText, scope);
  if (!d) return undefined;
  if (d.rules === undefined || d.listEnd === undefined) return 'covered'; // a bare `ignore` already covers every rule
  if (d.rules.includes(rule)) return 'covered';
  const close = column + d.listEnd; // the `]`
  const insert = d.rules.length ? `, ${rule}` : rule;
  return { range: { start: { line, character: close }, end: { line, character: close } }, newText: insert };
}

/**
 * Manifests where a trailing `# comment` is not a comment: Dockerfile instructions and
 * setup.cfg values take it literally, so the directive goes on its own line above; Pipfile.lock
 * is JSON and takes no comment at all.
 */
const NO_TRAILING_COMMENT: ReadonlySet<ManifestKind> = new Set(['dockerfile', 'setup-cfg', 'pipfile-lock']);
const NO_COMMENTS: ReadonlySet<ManifestKind> = new Set(['pipfile-lock']);

/**
 * "Ignore for this line". In Python the comment goes where it stays a comment of that line
 * (engine/python/statementRows.ts): at the end of the row, or, where the row cannot end in a
 * comment (an IPython magic or shell line, a row inside a string that goes on, a backslash
 * continuation), on a line of its own above the statement, indented like it. `cell`: the text
 * is a notebook cell (IPython syntax). In a cell, a line above the cell's first statement would
 * be the cell's directive: "ignore for this cell" offers that, this does not.
 */
export function lineSuppressionEdit(text: string, line: number, rule: string, manifestKind?: ManifestKind, cell = false): TextEdit | undefined {
  if (manifestKind && NO_COMMENTS.has(manifestKind)) return undefined;
  const lineText = lineOf(text, line);
  if (lineText === undefined) return undefined;
  if (manifestKind) {
    if (NO_TRAILING_COMMENT.has(manifestKind)) return manifestLineAbove(text, line, lineText, rule);
    return trailing(lineText, line, rule, extendDirective(lineText, line, rule, 'line'));
  }
  const layout = statementLayout(text, cell);
  const place = layout.commentPlace(line);
  if (!place) return undefined;
  if (place.kind === 'trailing') {
    const comment = layout.commentOn(line);
    return trailing(lineText, line, rule, comment && extendDirective(comment.text, line, rule, 'line', comment.column));
  }
  if (cell && layout.isCellHead(place.row)) return undefined;
  const above = place.row > 0 ? layout.commentOn(place.row - 1) : undefined;
  if (above?.ownLine && !(cell && layout.isCellHead(place.row - 1))) {
    const extended = extendDirective(above.text, place.row - 1, rule, 'line', above.column);
    if (extended === 'covered') return undefined;
    if (extended) return extended;
  }
  return insertLine(place.row, `${place.indent}# preflight: ignore[${rule}]`);
}

/** Dockerfile, setup.cfg: a comment line of its own above covers the line (engine/suppressions.ts). */
function manifestLineAbove(text: string, line: number, lineText: string, rule: string): TextEdit | undefined {
  const above = line > 0 ? lineOf(text, line - 1) : undefined;
  if (above !== undefined && /^\s*#/.test(above)) {
    const extended = extendDirective(above, line - 1, rule, 'line');
    if (extended === 'covered') return undefined;
    if (extended) return extended;
  }
  return insertLine(line, `${/^\s*/.exec(lineText)![0]}# preflight: ignore[${rule}]`);
}

/** Extend the row's directive, or append one after the row's text. */
function trailing(lineText: string, line: number, rule: string, extended: TextEdit | 'covered' | undefined): TextEdit | undefined {
  if (extended === 'covered') return undefined;
  if (extended) return extended;
  const end = lineText.replace(/\s+$/, '').length;
  const sep = end === 0 ? '' : '  ';
  return { range: { start: { line, character: end }, end: { line, character: lineText.length } }, newText: `${sep}# preflight: ignore[${rule}]` };
}

function insertLine(line: number, newLine: string): TextEdit {
  return { range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${newLine}\n` };
}

/**
 * For a notebook code cell: the directive as the cell's first line, indented like the cell's
 * first statement (IPython strips the first line's indentation from every line, so a directive
 * at column 0 above an indented cell would leave the rest indented). After a `%%time` line when
 * the cell starts with a cell magic whose body is Python; none for other cell magics (`%%bash`),
 * nor for a one-line automagic cell (`pip install x`: IPython runs it as `%pip` only while it is
 * the cell's one line).
 */
export function cellSuppressionEdit(cellText: string, rule: string): TextEdit | undefined {
  const layout = statementLayout(cellText, true);
  if (layout.oneLineAutomagic) return undefined;
  const lines = cellText.split(/\r?\n|\r/);
  let row = 0;
  while (row < lines.length && !layout.isCellHead(row)) row++;
  if (row >= lines.length) return undefined;
  if (layout.statementAt(row)?.kind === 'opaque') return undefined;
  // The first row that is not blank: a directive there is extended, else the new one goes above it.
  let first = row;
  while (first < lines.length - 1 && lines[first]!.trim() === '') first++;
  if (layout.statementAt(first)?.kind === 'opaque') return undefined;
  const comment = layout.commentOn(first);
  if (comment?.ownLine) {
    const extended = extendDirective(comment.text, first, rule, 'line', comment.column);
    if (extended === 'covered') return undefined;
    if (extended) return extended;
  }
  return insertLine(first, `${layout.indentation(first)}# preflight: ignore[${rule}]`);
}

/** For a `.py` file or a manifest: `# preflight: ignore-file[rule]` near the top. */
export function fileSuppressionEdit(text: string, rule: string, manifestKind?: ManifestKind): TextEdit | undefined {
  if (manifestKind && NO_COMMENTS.has(manifestKind)) return undefined;
  const lines = text.split(/\r?\n|\r/);
  for (let i = 0; i < lines.length; i++) {
    const extended = extendDirective(lines[i]!, i, rule, 'file');
    if (extended === 'covered') return undefined;
    if (extended) return extended;
  }
  // Keep a shebang, a coding line, or Dockerfile parser directives (`# syntax=…`) first: they only work there.
  let at = 0;
  const header = manifestKind === 'dockerfile' ? /^#\s*[a-z]+\s*=/i : /^(#!|#.*coding[:=])/;
  while (at < lines.length && header.test(lines[at]!)) at++;
  return { range: { start: { line: at, character: 0 }, end: { line: at, character: 0 } }, newText: `# preflight: ignore-file[${rule}]\n` };
}
