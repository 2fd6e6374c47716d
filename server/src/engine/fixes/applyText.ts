/**
 * Text edits applied to one text (a file, or one notebook cell's source): the edits of fixes
 * `selectFixes` chose, so they do not overlap. New text takes the text's own line ending: the
 * engine writes `\n`, and a CRLF file should not come back with mixed line endings.
 */
import { LineIndex, type TextEdit } from '../model';

/** The line ending a text uses (its first one), `\n` when it has none. */
export function lineEndingOf(text: string): string {
  const m = /\r\n|\r|\n/.exec(text);
  return m ? m[0] : '\n';
}

export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  if (!edits.length) return text;
  const lines = new LineIndex(text);
  const eol = lineEndingOf(text);
  const spans = edits
    .map((e) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), text: eol === '\n' ? e.newText : e.newText.replace(/\r\n|\r|\n/g, eol) }))
    .sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  for (const s of spans) out = out.slice(0, s.start) + s.text + out.slice(s.end);
  return out;
}
