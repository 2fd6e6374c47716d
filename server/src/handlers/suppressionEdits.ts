/**
 * The edits behind "ignore for this line / this cell / this file": insert (or extend) a
 * `# preflight: ignore[rule-id]` comment. Directives are found with the engine's own grammar
 * (`findDirective`, engine/suppressions.ts), so an edit extends exactly what the engine reads.
 * Pure functions of the document text, so code actions need no analysis.
 */
import type { TextEdit } from 'vscode-languageserver';
import { findDirective, type Directive, type ManifestKind } from '../engine';

function lineOf(text: string, line: number): string | undefined {
  return text.split(/\r?\n|\r/)[line];
}

/** Add `rule` to the directive on `lineText` if it has one: the edit, 'covered', or undefined (none there). */
function extendDirective(lineText: string, line: number, rule: string, scope: Directive['scope']): TextEdit | 'covered' | undefined {
  const d = findDirective(lineText, scope);
  if (!d) return undefined;
  if (d.rules === undefined || d.listEnd === undefined) return 'covered'; // a bare `ignore` already covers every rule
  if (d.rules.includes(rule)) return 'covered';
  const close = d.listEnd; // the `]`
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

export function lineSuppressionEdit(text: string, line: number, rule: string, manifestKind?: ManifestKind): TextEdit | undefined {
  if (manifestKind && NO_COMMENTS.has(manifestKind)) return undefined;
  const lineText = lineOf(text, line);
  if (lineText === undefined) return undefined;
  if (manifestKind && NO_TRAILING_COMMENT.has(manifestKind)) {
    // A comment line of its own above covers the line (engine/suppressions.ts).
    const above = line > 0 ? lineOf(text, line - 1) : undefined;
    if (above !== undefined && /^\s*#/.test(above)) {
      const extended = extendDirective(above, line - 1, rule, 'line');
      if (extended === 'covered') return undefined;
      if (extended) return extended;
    }
    const indent = /^\s*/.exec(lineText)![0];
    return { range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${indent}# preflight: ignore[${rule}]\n` };
  }
  const extended = extendDirective(lineText, line, rule, 'line');
  if (extended === 'covered') return undefined;
  if (extended) return extended;
  // A comment after a line continuation would end the logical line early.
  if (/\\\s*$/.test(lineText)) return undefined;
  // IPython help syntax (`obj?`, `obj??`) must end its line: a trailing comment makes it a syntax error.
  if (/[\w.)\]]\?{1,2}\s*$/.test(lineText)) return undefined;
  const end = lineText.replace(/\s+$/, '').length;
  const sep = end === 0 ? '' : '  ';
  return { range: { start: { line, character: end }, end: { line, character: lineText.length } }, newText: `${sep}# preflight: ignore[${rule}]` };
}

/** For a notebook code cell: the directive as the cell's first line. */
export function cellSuppressionEdit(cellText: string, rule: string): TextEdit | undefined {
  const first = lineOf(cellText, 0) ?? '';
  // A cell magic must stay the first line of its cell.
  if (/^\s*%%/.test(first)) return undefined;
  if (/^\s*#/.test(first)) {
    const extended = extendDirective(first, 0, rule, 'line');
    if (extended === 'covered') return undefined;
    if (extended) return extended;
  }
  return { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: `# preflight: ignore[${rule}]\n` };
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
