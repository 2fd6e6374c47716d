/**
 * One file's selected fixes (select.ts) applied to its text as read: a `.py` file or a
 * manifest gets its edits; a notebook gets its cells' edits, inserted cells and whole-notebook
 * changes written back into its JSON (writeNotebook.ts). The same edits the editor applies.
 */
import { classifyFile } from '../files';
import { loadNotebook } from '../notebook';
import { readRegularFile } from '../regularFile';
import { decodeUtf8 } from '../utf8';
import { applyTextEdits } from './applyText';
import type { FileFixes } from './select';
import { rewriteNotebook, type RewriteResult } from './writeNotebook';

export function applyFileFixes(file: string, text: string, fixes: FileFixes): RewriteResult {
  if (classifyFile(file)?.target === 'notebook') {
    const loaded = loadNotebook(text);
    if (!loaded.ok) return { ok: false, message: loaded.message };
    const sources = new Map<number, string>();
    for (const [cell, edits] of fixes.edits) {
      const source = cell === undefined ? undefined : loaded.notebook.cells[cell]?.source;
      if (source === undefined) return { ok: false, message: `a fix names cell ${cell === undefined ? '(none)' : cell + 1}, which the notebook does not have` };
      sources.set(cell!, applyTextEdits(source, edits));
    }
    return rewriteNotebook(text, { sources, inserts: fixes.inserts, changes: fixes.notebookChanges });
  }
  if (fixes.inserts.length || fixes.notebookChanges.length || [...fixes.edits.keys()].some((k) => k !== undefined)) {
    return { ok: false, message: 'a notebook fix names a file that is not a notebook' };
  }
  // The engine's positions are in the text after a byte order mark (input.ts drops it): keep it in front.
  const bom = text.charCodeAt(0) === 0xfeff ? '\ufeff' : '';
  return { ok: true, text: bom + applyTextEdits(text.slice(bom.length), fixes.edits.get(undefined) ?? []) };
}

/** A file's text exactly as its bytes spell it (a BOM kept), or undefined when it is not UTF-8 or cannot be read. */
export function readFileToFix(file: string): string | undefined {
  try {
    const decoded = decodeUtf8(readRegularFile(file));
    return decoded.ok ? decoded.text : undefined;
  } catch {
    return undefined;
  }
}
