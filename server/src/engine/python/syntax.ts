/**
 * A plain JavaScript copy of a tree-sitter tree.
 *
 * web-tree-sitter nodes live in wasm memory: every property read crosses the boundary and
 * trees must be freed by hand. Rules walk the tree many times, so we copy it once, with a
 * cursor (the fastest way out of wasm), into small immutable objects that are free to read and
 * garbage-collected. Anonymous tokens are kept only when a field names them (an operator) or
 * when they are keywords a rule reads (`async`, `await`, `not`, `is`…).
 */
import type { Tree } from 'web-tree-sitter';
import { tickBudget } from '../budget';
import { LineIndex } from '../model';

export interface PyNode {
  readonly type: string;
  /** Field name in the parent (`function`, `arguments`, `left`…), or null. */
  readonly field: string | null;
  readonly named: boolean;
  readonly start: number;
  readonly end: number;
  readonly startRow: number;
  readonly startCol: number;
  readonly endRow: number;
  readonly endCol: number;
  readonly children: PyNode[];
  parent: PyNode | null;
  /** ERROR node or MISSING token. */
  readonly error: boolean;
  /** The cell or file text the node's offsets point into. */
  readonly source: string;
}

const KEPT_TOKENS = new Set(['async', 'await', 'not', 'is', 'in', 'lambda', 'yield', 'from', 'print', 'exec']);

/**
 * A node of the copy. Rows and columns are computed on demand from the text's line index: most
 * nodes are never asked for them, and reading them out of wasm for every node doubled the cost
 * of the copy (measured on the perf corpus).
 */
class Node implements PyNode {
  /** Leaves share one empty array (most nodes are leaves: a copied tree is kept per open cell). */
  children: PyNode[] = NO_CHILDREN;
  constructor(
    readonly type: string,
    readonly field: string | null,
    readonly named: boolean,
    readonly start: number,
    readonly end: number,
    public parent: PyNode | null,
    readonly error: boolean,
    readonly source: string,
    private readonly lines: LineIndex,
  ) {}
  get startRow(): number {
    return this.lines.positionAt(this.start).line;
  }
  get startCol(): number {
    return this.lines.positionAt(this.start).column;
  }
  get endRow(): number {
    return this.lines.positionAt(this.end).line;
  }
  get endCol(): number {
    return this.lines.positionAt(this.end).column;
  }
}

const NO_CHILDREN: PyNode[] = Object.freeze([]) as unknown as PyNode[];

interface TypeInfo {
  name: string;
  named: boolean;
  keep: boolean;
}

const typeTables = new WeakMap<object, TypeInfo[]>();

/** Per-language table of node types: name, named, and whether an anonymous token is kept. */
function typeTable(tree: Tree): TypeInfo[] {
  const lang = tree.language;
  let table = typeTables.get(lang);
  if (!table) {
    table = [];
    for (let id = 0; id < lang.nodeTypeCount; id++) {
      const name = lang.nodeTypeForId(id) ?? 'ERROR';
      const named = lang.nodeTypeIsNamed(id);
      table.push({ name, named, keep: named || KEPT_TOKENS.has(name) });
    }
    typeTables.set(lang, table);
  }
  return table;
}

export function toPyTree(tree: Tree, source: string, lines: LineIndex = new LineIndex(source)): PyNode {
  const types = typeTable(tree);
  const fieldNames = tree.language.fields;
  const cursor = tree.walk();
  const make = (parent: PyNode | null, typeId: number, fieldId: number): PyNode => {
    const info = types[typeId] ?? { name: 'ERROR', named: true, keep: true };
    const start = cursor.startIndex;
    const end = cursor.endIndex;
    // MISSING tokens are zero-width: only ask wasm about those.
    const missing = start === end && parent !== null && cursor.nodeIsMissing;
    return new Node(info.name, fieldId ? (fieldNames[fieldId] ?? null) : null, info.named, start, end, parent, info.name === 'ERROR' || missing, source, lines);
  };
  const root = make(null, cursor.nodeTypeId, 0);
  // Iterative depth-first copy: deep nesting must not overflow the JS stack.
  const stack: PyNode[] = [root];
  let current = root;
  if (cursor.gotoFirstChild()) {
    for (;;) {
      tickBudget('parsing');
      const typeId = cursor.nodeTypeId;
      const fieldId = cursor.currentFieldId;
      const info = types[typeId];
      const keep = !info || info.keep || fieldId !== 0 || (cursor.startIndex === cursor.endIndex && cursor.nodeIsMissing);
      let descended = false;
      if (keep) {
        const child = make(current, typeId, fieldId);
        if (current.children === NO_CHILDREN) (current as Node).children = [child];
        else current.children.push(child);
        if (cursor.gotoFirstChild()) {
          stack.push(child);
          current = child;
          descended = true;
        }
      }
      if (descended) continue;
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent() || stack.length <= 1) {
          cursor.delete();
          return root;
        }
        stack.pop();
        current = stack[stack.length - 1]!;
      }
    }
  }
  cursor.delete();
  return root;
}

export function text(n: PyNode): string {
  return n.source.slice(n.start, n.end);
}

export function field(n: PyNode, name: string): PyNode | undefined {
  return n.children.find((c) => c.field === name);
}

export function fields(n: PyNode, name: string): PyNode[] {
  return n.children.filter((c) => c.field === name);
}

export function namedChildren(n: PyNode): PyNode[] {
  return n.children.filter((c) => c.named);
}

/** Pre-order walk without recursion; `visit` returning false skips the node's children. */
export function walk(root: PyNode, visit: (n: PyNode) => boolean | void): void {
  const stack: PyNode[] = [root];
  while (stack.length) {
    // Rules walk whole trees, many times: the time budget stops them here (../budget.ts).
    tickBudget('running rules');
    const n = stack.pop()!;
    if (visit(n) === false) continue;
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
  }
}

export function ancestors(n: PyNode): PyNode[] {
  const out: PyNode[] = [];
  for (let p = n.parent; p; p = p.parent) out.push(p);
  return out;
}

/** The value of a plain string literal (no f-string interpolation), or undefined. */
export function stringValue(n: PyNode | undefined): string | undefined {
  if (!n) return undefined;
  if (n.type === 'concatenated_string') {
    const parts = n.children.filter((c) => c.type === 'string').map(stringValue);
    return parts.every((p) => p !== undefined) ? parts.join('') : undefined;
  }
  if (n.type !== 'string') return undefined;
  if (n.children.some((c) => c.type === 'interpolation')) return undefined;
  return n.children
    .filter((c) => c.type === 'string_content' || c.type === 'escape_sequence')
    .map((c) => (c.type === 'escape_sequence' ? unescape(text(c)) : text(c)))
    .join('');
}

function unescape(s: string): string {
  const map: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '0': '\0' };
  return map[s.slice(1)] ?? s;
}

/**
 * The last name of an identifier or attribute chain (`get` of `requests.get`, `OpenAI` of
 * `OpenAI`), or undefined for other expressions: a cheap filter on callees before the semantic
 * look-ups, which cost more over files with many calls.
 */
export function lastNameOf(n: PyNode): string | undefined {
  if (n.type === 'identifier') return text(n);
  if (n.type === 'attribute') {
    const attr = field(n, 'attribute');
    return attr ? text(attr) : undefined;
  }
  return undefined;
}

/** Names of a def's plain parameters (`a`, `b: int`, `c=1`, `d: int = 1`; not `*args`, `**kwargs`). */
export function parameterNames(def: PyNode): string[] {
  const out: string[] = [];
  for (const p of field(def, 'parameters')?.children ?? []) {
    const id =
      p.type === 'identifier' ? p
      : p.type === 'typed_parameter' ? p.children.find((c) => c.type === 'identifier')
      : p.type === 'default_parameter' || p.type === 'typed_default_parameter' ? field(p, 'name')
      : undefined;
    if (id?.type === 'identifier') out.push(text(id));
  }
  return out;
}

/** Dotted text of an identifier / attribute chain (`np.random.rand`), or undefined. */
export function dottedName(n: PyNode): string | undefined {
  if (n.type === 'identifier') return text(n);
  if (n.type === 'attribute') {
    const obj = field(n, 'object');
    const attr = field(n, 'attribute');
    if (!obj || !attr) return undefined;
    const left = dottedName(obj);
    return left === undefined ? undefined : `${left}.${text(attr)}`;
  }
  if (n.type === 'dotted_name') return text(n).replace(/\s+/g, '');
  return undefined;
}
