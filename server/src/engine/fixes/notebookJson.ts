/**
 * Where things are in a notebook's JSON text: the `cells` array, each cell object, and the
 * values of each cell's members, as offsets. Writing a fixed notebook back splices new text
 * at these offsets only, so everything else (indentation, key order, escapes, metadata,
 * outputs, the trailing newline) stays byte for byte what it was.
 *
 * Only for text `JSON.parse` accepted (the notebook was loaded from it): the scanner trusts
 * the grammar and walks it without recursion, so no nesting depth can overflow the stack.
 */

export interface JsonMember {
  key: string;
  keyStart: number;
  valueStart: number;
  valueEnd: number;
}

export interface JsonSpan {
  start: number;
  end: number;
}

export interface CellLayout extends JsonSpan {
  members: JsonMember[];
}

export interface NotebookLayout {
  /** Offsets of the `[` and just after the `]` of the cells array. */
  cells: JsonSpan;
  cellObjects: CellLayout[];
  /** Top-level members (`nbformat_minor`, `metadata`…). */
  members: JsonMember[];
}

const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

function skipSpace(text: string, i: number): number {
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  return i;
}

/** End of the string literal starting at `i` (its opening quote). */
function stringEnd(text: string, i: number): number {
  for (let j = i + 1; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 0x5c) j++;
    else if (c === 0x22) return j + 1;
  }
  return text.length;
}

/** End of the value starting at `i`: a string, a number or literal, or a whole object or array. */
export function valueEnd(text: string, i: number): number {
  const c = text[i];
  if (c === '"') return stringEnd(text, i);
  if (c !== '{' && c !== '[') {
    let j = i;
    while (j < text.length && !/[\s,\]}]/.test(text[j]!)) j++;
    return j;
  }
  let depth = 0;
  for (let j = i; j < text.length; j++) {
    const d = text[j];
    if (d === '"') j = stringEnd(text, j) - 1;
    else if (d === '{' || d === '[') depth++;
    else if (d === '}' || d === ']') {
      depth--;
      if (depth === 0) return j + 1;
    }
  }
  return text.length;
}

/** The members of the object whose `{` is at `open`. */
export function objectMembers(text: string, open: number): JsonMember[] {
  const out: JsonMember[] = [];
  let i = skipSpace(text, open + 1);
  while (i < text.length && text[i] === '"') {
    const keyEnd = stringEnd(text, i);
    const key = JSON.parse(text.slice(i, keyEnd)) as string;
    const valueStart = skipSpace(text, skipSpace(text, keyEnd) + 1); // past the `:`
    const end = valueEnd(text, valueStart);
    out.push({ key, keyStart: i, valueStart, valueEnd: end });
    i = skipSpace(text, end);
    if (text[i] === ',') i = skipSpace(text, i + 1);
  }
  return out;
}

/** The elements of the array whose `[` is at `open`. */
export function arrayElements(text: string, open: number): JsonSpan[] {
  const out: JsonSpan[] = [];
  let i = skipSpace(text, open + 1);
  while (i < text.length && text[i] !== ']') {
    const end = valueEnd(text, i);
    out.push({ start: i, end });
    i = skipSpace(text, end);
    if (text[i] === ',') i = skipSpace(text, i + 1);
  }
  return out;
}

/** The last member named `key` (the one `JSON.parse` keeps when a key repeats). */
export function member(members: readonly JsonMember[], key: string): JsonMember | undefined {
  for (let i = members.length - 1; i >= 0; i--) if (members[i]!.key === key) return members[i];
  return undefined;
}

/** The layout of a notebook's text, or undefined when it is not an object with a `cells` array. */
export function notebookLayout(text: string): NotebookLayout | undefined {
  const open = skipSpace(text, text.charCodeAt(0) === 0xfeff ? 1 : 0);
  if (text[open] !== '{') return undefined;
  const members = objectMembers(text, open);
  const cells = member(members, 'cells');
  if (!cells || text[cells.valueStart] !== '[') return undefined;
  const cellObjects = arrayElements(text, cells.valueStart).map((span) => ({ ...span, members: text[span.start] === '{' ? objectMembers(text, span.start) : [] }));
  return { cells: { start: cells.valueStart, end: cells.valueEnd }, cellObjects, members };
}
