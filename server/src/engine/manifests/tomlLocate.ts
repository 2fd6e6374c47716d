/**
 * Source positions for values smol-toml parsed (it returns plain values without locations):
 * find a key's line inside a table, then the quoted strings of its array in order. Only
 * locates — the values themselves always come from the TOML parser.
 */
import { MAX_LINE_LENGTH } from './lineLimit';

interface TableSpan {
  readonly name: string;
  readonly start: number;
  readonly end: number;
}

function normalizeHeader(h: string): string {
  return h.split('.').map((p) => p.trim().replace(/^["']|["']$/g, '')).join('.');
}

/** The `[table]` sections of a TOML text (array tables `[[x]]` included), with their spans. */
export function tableSpans(text: string): TableSpan[] {
  const spans: TableSpan[] = [];
  const re = /^[ \t]*\[\[?([^\]\n]+)\]\]?[ \t]*(?:#.*)?$/gm;
  let prev: { name: string; start: number } = { name: '', start: 0 };
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    spans.push({ ...prev, end: m.index });
    prev = { name: normalizeHeader(m[1]!), start: m.index + m[0].length };
  }
  spans.push({ ...prev, end: text.length });
  return spans;
}

/** Offset of the value of `key` in `table` (or `key` dotted under a parent table), if found. */
export function keyValueOffset(text: string, table: string, key: string): { keyStart: number; valueStart: number } | undefined {
  // A key over the line limit is the invalid-file rule's finding, and too long for a RegExp.
  if (table.length + key.length > MAX_LINE_LENGTH) return undefined;
  for (const span of tableSpans(text)) {
    let rel: string | undefined;
    if (span.name === table) rel = key;
    else if (table.startsWith(`${span.name}.`) || span.name === '') rel = `${span.name === '' ? table : table.slice(span.name.length + 1)}.${key}`;
    if (rel === undefined) continue;
    const parts = rel.split('.').map((p) => `(?:"${escapeRe(p)}"|'${escapeRe(p)}'|${escapeRe(p)})`);
    const re = new RegExp(`^[ \\t]*${parts.join('\\s*\\.\\s*')}[ \\t]*=[ \\t]*`, 'gm');
    re.lastIndex = span.start;
    const m = re.exec(text);
    if (m && m.index < span.end) return { keyStart: m.index + (m[0].length - m[0].trimStart().length), valueStart: m.index + m[0].length };
  }
  return undefined;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Offsets of each string of an array value, searched in order from `from` (quotes excluded). */
export function locateStrings(text: string, from: number, values: readonly string[]): ({ start: number; end: number } | undefined)[] {
  let cursor = from;
  return values.map((v) => {
    for (const q of ['"', "'"]) {
      const at = text.indexOf(`${q}${v}${q}`, cursor);
      if (at >= 0) {
        cursor = at + v.length + 2;
        return { start: at + 1, end: at + 1 + v.length };
      }
    }
    return undefined;
  });
}
