/**
 * The longest manifest line Preflight reads. No real requirement, TOML key or YAML entry comes
 * near it; the PEP 508 grammar (pip-requirements-js, an ohm parser) keeps about 1.8 KB of memo
 * tables per input character, so one 4 MB line used to exhaust the heap. A longer line is one
 * `invalid-file` finding and is not parsed; the rest of the file still is.
 */
import { LineIndex } from '../model';
import type { ManifestProblem } from './types';

export const MAX_LINE_LENGTH = 64 * 1024;

/** [start, end) offsets of the first line longer than MAX_LINE_LENGTH (from a line start `from`), if any (`\n`, `\r\n` or `\r` ends a line). */
export function firstOverlongLine(text: string, from = 0): { start: number; end: number } | undefined {
  if (text.length - from <= MAX_LINE_LENGTH) return undefined;
  let start = from;
  for (let i = from; i <= text.length; i++) {
    const ch = text.charCodeAt(i);
    if (i < text.length && ch !== 10 && ch !== 13) continue;
    if (i - start > MAX_LINE_LENGTH) return { start, end: i };
    if (ch === 13 && text.charCodeAt(i + 1) === 10) i++;
    start = i + 1;
  }
  return undefined;
}

/** The problem of an overlong line [start, end): which line, how long, and that it was not read. */
export function overlongProblem(text: string, line: { start: number; end: number }): ManifestProblem {
  const length = (line.end - line.start).toLocaleString('en-US');
  return {
    message: `line ${new LineIndex(text).positionAt(line.start).line + 1} has ${length} characters, over the ${MAX_LINE_LENGTH.toLocaleString('en-US')}-character limit for manifest lines: that line was not read (the rest of the file was)`,
    ...line,
  };
}

/**
 * `text` with every line over the limit replaced by spaces (offsets unchanged), for parsers
 * that would otherwise spend memory per character on it (dockerfile-ast builds each argument
 * a character at a time).
 */
export function blankOverlongLines(text: string): string {
  let out = text;
  for (let from = 0, line = firstOverlongLine(text); line; line = firstOverlongLine(out, from)) {
    out = out.slice(0, line.start) + ' '.repeat(line.end - line.start) + out.slice(line.end);
    from = line.end;
  }
  return out;
}
