/**
 * A format parser's error as a manifest problem with offsets: smol-toml's line and column,
 * the yaml library's offsets, V8's `JSON.parse` position. The message keeps the parser's own
 * words (first line only: smol-toml appends a code excerpt).
 */
import { TomlError } from 'smol-toml';
import { parseTomlOnce } from './tomlText';
import { LineIndex } from '../model';
import type { ManifestProblem } from './types';

/** Where `offset` is, as people count (1-based line and column), for a message. */
export function where(text: string, offset: number): string {
  const p = new LineIndex(text).positionAt(offset);
  return `line ${p.line + 1}, column ${p.column + 1}`;
}

/** The problem of a TOML parse error (`e` from smol-toml's `parse`). */
export function tomlProblem(text: string, e: unknown): ManifestProblem {
  const detail = ((e as Error)?.message ?? String(e)).split('\n')[0]!.replace(/^Invalid TOML document:\s*/, '');
  // smol-toml counts lines and columns from 1; at the end of a CRLF line its column can point at
  // the \r, past what LineIndex counts as the line: clamp to the line's end (an empty range there).
  if (!(e instanceof TomlError)) return { message: `invalid TOML at ${where(text, 0)}: ${detail}`, start: 0, end: Math.min(1, text.length) };
  const lines = new LineIndex(text);
  const line = Math.max(0, Math.min(e.line - 1, lines.lineCount - 1));
  const length = lines.lineText(line).length;
  const column = Math.max(0, Math.min(e.column - 1, length));
  const start = lines.offsetAt({ line, column });
  return { message: `invalid TOML at ${where(text, start)}: ${detail}`, start, end: column < length ? start + 1 : start };
}

/** The TOML problem of `text`, if it does not parse (for files read only for their validity). */
export function tomlSyntaxProblem(text: string): ManifestProblem | undefined {
  const r = parseTomlOnce(text);
  return 'error' in r ? tomlProblem(text, r.error) : undefined;
}

/**
 * The JSON problem of `text`, if it does not parse. V8 names the position (`… in JSON at
 * position N`) for most errors, but for an unexpected token it quotes the text around it
 * instead — never echoed (a lock's source URL may hold a password) — so there the position is
 * that of the shortest prefix that fails before its end.
 */
export function jsonSyntaxProblem(text: string): ManifestProblem | undefined {
  const error = jsonError(text);
  if (error === undefined) return undefined;
  const at = /at position (\d+)/.exec(error);
  const start = at ? Math.min(Number(at[1]), text.length) : END_OF_INPUT.test(error) ? text.length : firstBadOffset(text);
  const detail = error.replace(/, (\.\.\.)?".*$/s, '').replace(/\s*(in JSON )?at position \d+.*$/s, '');
  return { message: `invalid JSON at ${where(text, start)}: ${detail}`, start, end: Math.min(start + 1, text.length) };
}

const END_OF_INPUT = /end of JSON input/;

function jsonError(text: string): string | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

/**
 * The offset of the first character a JSON parser rejects: a binary search for the shortest
 * prefix that fails before its end (a prefix of a JSON text fails only at its end).
 */
function firstBadOffset(text: string): number {
  const bad = (n: number) => {
    const e = jsonError(text.slice(0, n));
    if (e === undefined || END_OF_INPUT.test(e)) return false;
    const at = /at position (\d+)/.exec(e);
    return at ? Number(at[1]) < n : true;
  };
  let lo = 0;
  let hi = text.length; // bad(hi) holds: the whole text fails with an unexpected token
  while (lo + 1 < hi) {
    const mid = (lo + hi) >> 1;
    if (bad(mid)) hi = mid;
    else lo = mid;
  }
  return hi - 1;
}
