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
  // A key over the line limit is the invalid-file rule's finding.
  if (table.length + key.length > MAX_LINE_LENGTH) return undefined;
  for (const span of tableSpans(text)) {
    let rel: string | undefined;
    if (span.name === table) rel = key;
    else if (table.startsWith(`${span.name}.`) || span.name === '') rel = `${span.name === '' ? table : table.slice(span.name.length + 1)}.${key}`;
    if (rel === undefined) continue;
    const parts = rel.split('.');
    for (let lineStart = span.start; lineStart < span.end; ) {
      const nl = text.indexOf('\n', lineStart);
      const lineEnd = nl < 0 || nl > span.end ? span.end : nl;
      const hit = keyAt(text, lineStart, lineEnd, parts);
      if (hit) return hit;
      lineStart = lineEnd + 1;
    }
  }
  return undefined;
}

/**
 * The key `parts` (dotted, each bare or quoted) written at the start of the line
 * [from, to) — blanks around the dots and before `=` allowed — and where its value starts.
 * Compared character by character: a key from the file never becomes a pattern.
 */
function keyAt(text: string, from: number, to: number, parts: readonly string[]): { keyStart: number; valueStart: number } | undefined {
  let i = from;
  const blanks = () => {
    while (i < to && (text[i] === ' ' || text[i] === '\t')) i++;
  };
  blanks();
  const keyStart = i;
  for (let k = 0; k < parts.length; k++) {
    if (k > 0) {
      blanks();
      if (text[i] !== '.') return undefined;
      i++;
      blanks();
    }
    const p = parts[k]!;
    const q: string = text[i] === '"' || text[i] === "'" ? text[i]! : '';
    if (!text.startsWith(`${q}${p}${q}`, i) || i + p.length + 2 * q.length > to) return undefined;
    i += p.length + 2 * q.length;
  }
  blanks();
  if (text[i] !== '=') return undefined;
  i++;
  blanks();
  return { keyStart, valueStart: i };
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
