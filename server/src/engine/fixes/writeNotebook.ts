/**
 * A fixed notebook written back into its own JSON text. Only what the fixes change is new
 * text: an edited cell's `source` value, a cleared cell's `outputs` and `execution_count`
 * values, the cells array when cells move or are inserted. Everything else is spliced from
 * the original bytes, so indentation, key order, escapes, `nbformat_minor`, metadata, outputs,
 * ids and the trailing newline are exactly what they were. New text follows the file's own
 * layout (its indentation, list-of-lines or string sources, key order of its cells); an
 * inserted cell gets an `id` when the notebook is nbformat 4.5 or later, where ids are required.
 *
 * The result is checked before it is returned: parsed again, it must equal the original
 * notebook with exactly the intended changes, or the rewrite is refused with a message.
 */
import { createHash } from 'node:crypto';
import { jsonText } from '../jsonText';
import type { CellInsert, NotebookChange } from '../model';
import { arrayElements, member, notebookLayout, type CellLayout, type JsonMember, type NotebookLayout } from './notebookJson';

export interface NotebookRewrite {
  /** New source by cell index (in the notebook as read). */
  sources: ReadonlyMap<number, string>;
  inserts: readonly CellInsert[];
  changes: readonly NotebookChange[];
}

export type RewriteResult = { ok: true; text: string } | { ok: false; message: string };

/** Python's `str.splitlines(keepends=True)`, which nbformat uses to store a source as lines. */
export function splitLinesKeepEnds(s: string): string[] {
  return s.match(/[^\n\r\v\f\x1c-\x1e\x85\u2028\u2029]*(?:\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]|$)/g)!.filter((l) => l !== '');
}

/** How the file is laid out, so new text looks like the old. */
interface Style {
  /** One level of indentation ('' for a file on one line). */
  unit: string;
  /** Indentation of a cell object in the cells array, and of a cell's members. */
  cellIndent: string;
  memberIndent: string;
  newline: string;
  /** The file escapes non-ASCII characters (`json.dumps(ensure_ascii=True)`). */
  asciiOnly: boolean;
}

function indentBefore(text: string, offset: number): string | undefined {
  const nl = text.lastIndexOf('\n', offset - 1);
  if (nl < 0) return undefined;
  const between = text.slice(nl + 1, offset);
  return /^[ \t]*$/.test(between) ? between : undefined;
}

function styleOf(text: string, layout: NotebookLayout): Style {
  const firstCell = layout.cellObjects[0];
  const cellsKey = member(layout.members, 'cells')!;
  const topIndent = indentBefore(text, cellsKey.keyStart);
  const cellIndent = firstCell ? indentBefore(text, firstCell.start) : undefined;
  const firstMember = firstCell?.members[0];
  const memberIndent = firstMember ? indentBefore(text, firstMember.keyStart) : undefined;
  let unit = topIndent ?? '';
  if (cellIndent !== undefined && memberIndent !== undefined && memberIndent.startsWith(cellIndent)) unit = memberIndent.slice(cellIndent.length);
  const compact = topIndent === undefined && cellIndent === undefined;
  const newline = /\r\n/.test(text) ? '\r\n' : '\n';
  return {
    unit: compact ? '' : unit,
    cellIndent: cellIndent ?? (compact ? '' : (topIndent ?? '') + unit + unit),
    memberIndent: memberIndent ?? (compact ? '' : (cellIndent ?? (topIndent ?? '') + unit + unit) + unit),
    newline: compact ? '' : newline,
    asciiOnly: /\\u(?:00[89a-fA-F]|0[1-9a-fA-F]|[1-9a-fA-F])[0-9a-fA-F]{2}/.test(text) && !/[^\x00-\x7f]/.test(text),
  };
}

function jsonString(s: string, style: Style): string {
  const json = JSON.stringify(s);
  return style.asciiOnly ? json.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) : json;
}

/** The new JSON text of a `source` value, in the form the old one had (a string, or a list of lines). */
function sourceValue(text: string, m: JsonMember, source: string, style: Style): string {
  if (text[m.valueStart] !== '[') return jsonString(source, style);
  const old = arrayElements(text, m.valueStart);
  const oldLines = old.map((e) => JSON.parse(text.slice(e.start, e.end)) as string);
  const lines = splitLinesKeepEnds(source);
  if (!lines.length) return '[]';
  // Lines that did not change keep their own bytes (their escapes).
  let head = 0;
  while (head < lines.length && head < oldLines.length && lines[head] === oldLines[head]) head++;
  let tail = 0;
  while (tail < lines.length - head && tail < oldLines.length - head && lines[lines.length - 1 - tail] === oldLines[oldLines.length - 1 - tail]) tail++;
  const items = lines.map((l, i) => {
    if (i < head) return text.slice(old[i]!.start, old[i]!.end);
    const fromEnd = lines.length - 1 - i;
    if (fromEnd < tail) return text.slice(old[old.length - 1 - fromEnd]!.start, old[old.length - 1 - fromEnd]!.end);
    return jsonString(l, style);
  });
  const inner = style.memberIndent + style.unit;
  const lead = old.length ? text.slice(m.valueStart + 1, old[0]!.start) : `${style.newline}${inner}`;
  const sep = old.length > 1 ? text.slice(old[0]!.end, old[1]!.start) : `,${style.newline ? `${style.newline}${inner}` : ''}`;
  const trail = old.length ? text.slice(old[old.length - 1]!.end, m.valueEnd - 1) : `${style.newline}${style.memberIndent}`;
  return `[${lead}${items.join(sep)}${trail}]`;
}

/** A cell's text with its source replaced and, when asked, its outputs and execution count cleared. */
function cellText(text: string, cell: CellLayout, source: string | undefined, clear: boolean, style: Style): string {
  const splices: { start: number; end: number; text: string }[] = [];
  const src = member(cell.members, 'source');
  if (source !== undefined && src) splices.push({ start: src.valueStart, end: src.valueEnd, text: sourceValue(text, src, source, style) });
  const type = member(cell.members, 'cell_type');
  if (clear && type && text.slice(type.valueStart, type.valueEnd) === '"code"') {
    for (const [key, empty] of [['outputs', '[]'], ['execution_count', 'null']] as const) {
      const m = member(cell.members, key);
      if (m && !/^\[\s*\]$/.test(text.slice(m.valueStart, m.valueEnd)) && text.slice(m.valueStart, m.valueEnd) !== 'null') splices.push({ start: m.valueStart, end: m.valueEnd, text: empty });
    }
  }
  let out = text.slice(cell.start, cell.end);
  for (const s of splices.sort((a, b) => b.start - a.start)) out = out.slice(0, s.start - cell.start) + s.text + out.slice(s.end - cell.start);
  return out;
}

/** A cell id nbformat accepts (`^[a-zA-Z0-9-_]+$`, 1–64 characters), the same for the same cell, unique in the notebook. */
function newCellId(source: string, index: number, taken: Set<string>): string {
  for (let n = 0; ; n++) {
    const id = createHash('sha256').update(`${index}\0${n}\0${source}`).digest('hex').slice(0, 8);
    if (!taken.has(id)) {
      taken.add(id);
      return id;
    }
  }
}

const DEFAULT_KEY_ORDER = ['cell_type', 'execution_count', 'id', 'metadata', 'outputs', 'source'];

/** The JSON text of an inserted cell, laid out like the notebook's own cells. */
function insertedCell(text: string, layout: NotebookLayout, insert: CellInsert, id: string | undefined, style: Style): string {
  const model = layout.cellObjects.find((c) => member(c.members, 'cell_type') && text.slice(member(c.members, 'cell_type')!.valueStart, member(c.members, 'cell_type')!.valueEnd) === '"code"') ?? layout.cellObjects[0];
  const order = model ? model.members.map((m) => m.key).filter((k) => DEFAULT_KEY_ORDER.includes(k)) : [];
  for (const k of DEFAULT_KEY_ORDER) if (!order.includes(k)) order.splice(DEFAULT_KEY_ORDER.indexOf(k), 0, k);
  const modelSource = model && member(model.members, 'source');
  const asLines = !modelSource || text[modelSource.valueStart] === '[';
  const values: Record<string, unknown> = {
    cell_type: insert.kind,
    ...(insert.kind === 'code' ? { execution_count: null, outputs: [] } : {}),
    ...(id !== undefined ? { id } : {}),
    metadata: {},
    source: asLines ? splitLinesKeepEnds(insert.source) : insert.source,
  };
  const cell: Record<string, unknown> = {};
  for (const k of order) if (k in values) cell[k] = values[k];
  const json = JSON.stringify(cell, null, style.unit || undefined);
  const ascii = style.asciiOnly ? json.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) : json;
  return style.newline ? ascii.replace(/\n/g, `${style.newline}${style.cellIndent}`) : ascii;
}

/** The cells array with its elements replaced by `cells` (count unchanged: each slot spliced; else rebuilt with the file's separators). */
function cellsArray(text: string, layout: NotebookLayout, cells: readonly string[], style: Style): string {
  const old = layout.cellObjects;
  const { start, end } = layout.cells;
  if (cells.length === old.length) {
    let out = text.slice(start, end);
    for (let i = old.length - 1; i >= 0; i--) out = out.slice(0, old[i]!.start - start) + cells[i] + out.slice(old[i]!.end - start);
    return out;
  }
  const lead = old.length ? text.slice(start + 1, old[0]!.start) : `${style.newline}${style.cellIndent}`;
  const sep = old.length > 1 ? text.slice(old[0]!.end, old[1]!.start) : `,${style.newline}${style.cellIndent}`;
  const trail = old.length ? text.slice(old[old.length - 1]!.end, end - 1) : style.newline;
  return `[${lead}${cells.join(sep)}${trail}]`;
}

/** What the rewritten notebook must parse to: the original with the changes made on parsed data. */
function expected(original: { cells: Record<string, unknown>[] }, rewrite: NotebookRewrite, order: readonly number[], inserted: Map<number, Record<string, unknown>[]>): unknown {
  const clear = rewrite.changes.some((c) => c.kind === 'clear-outputs');
  const cells = original.cells.map((c, i) => {
    const copy: Record<string, unknown> = { ...c };
    const source = rewrite.sources.get(i);
    if (source !== undefined) copy.source = Array.isArray(c.source) ? splitLinesKeepEnds(source) : source;
    if (clear && c.cell_type === 'code') {
      if ('outputs' in c) copy.outputs = [];
      if ('execution_count' in c) copy.execution_count = null;
    }
    return copy;
  });
  const out: unknown[] = [];
  order.forEach((old, i) => {
    out.push(...(inserted.get(i) ?? []));
    out.push(cells[old]);
  });
  out.push(...(inserted.get(order.length) ?? []));
  return { ...original, cells: out };
}

export function rewriteNotebook(text: string, rewrite: NotebookRewrite): RewriteResult {
  const layout = notebookLayout(text);
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const original = JSON.parse(body) as { cells: Record<string, unknown>[]; nbformat?: number; nbformat_minor?: number };
  if (!layout || layout.cellObjects.length !== original.cells.length) return { ok: false, message: 'the notebook JSON could not be laid out for writing back' };
  const style = styleOf(text, layout);
  const clear = rewrite.changes.some((c) => c.kind === 'clear-outputs');
  const reorder = rewrite.changes.find((c) => c.kind === 'reorder-cells');
  const order = reorder ? reorder.order : layout.cellObjects.map((_, i) => i);
  if (order.length !== layout.cellObjects.length || new Set(order).size !== order.length || order.some((i) => !(i >= 0 && i < order.length))) {
    return { ok: false, message: 'the reorder fix does not name every cell once' };
  }
  const texts = layout.cellObjects.map((c, i) => cellText(text, c, rewrite.sources.get(i), clear, style));
  // Inserts name the cell they go before in the notebook as read; with a reorder there are none (selectFixes).
  const needsId = (original.nbformat ?? 4) > 4 || ((original.nbformat ?? 4) === 4 && (original.nbformat_minor ?? 0) >= 5);
  const taken = new Set(original.cells.map((c) => c.id).filter((id): id is string => typeof id === 'string'));
  const inserted = new Map<number, Record<string, unknown>[]>();
  const insertedText = new Map<number, string[]>();
  for (const ins of [...rewrite.inserts].sort((a, b) => a.index - b.index)) {
    const at = Math.max(0, Math.min(ins.index, order.length));
    const id = needsId ? newCellId(ins.source, at, taken) : undefined;
    const cellJson = insertedCell(text, layout, ins, id, style);
    (insertedText.get(at) ?? insertedText.set(at, []).get(at)!).push(cellJson);
    (inserted.get(at) ?? inserted.set(at, []).get(at)!).push(JSON.parse(cellJson) as Record<string, unknown>);
  }
  const cells: string[] = [];
  order.forEach((old, i) => cells.push(...(insertedText.get(i) ?? []), texts[old]!));
  cells.push(...(insertedText.get(order.length) ?? []));
  const out = text.slice(0, layout.cells.start) + cellsArray(text, layout, cells, style) + text.slice(layout.cells.end);
  let parsed: unknown;
  try {
    parsed = JSON.parse(out.charCodeAt(0) === 0xfeff ? out.slice(1) : out);
  } catch {
    return { ok: false, message: 'writing the fixes back would not give valid JSON' };
  }
  // Compared as text built without recursion: saved outputs may nest deeper than the stack.
  if (jsonText(parsed) !== jsonText(expected(original, rewrite, order, inserted))) return { ok: false, message: 'writing the fixes back would change more than the fixed cells' };
  return { ok: true, text: out };
}
