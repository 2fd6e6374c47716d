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

export function toPyTree(tree: Tree, source: string): PyNode {
  const cursor = tree.walk();
  const make = (parent: PyNode | null): PyNode => {
    const sp = cursor.startPosition;
    const ep = cursor.endPosition;
    const node: PyNode = {
      type: cursor.nodeType,
      field: cursor.currentFieldName,
      named: cursor.nodeIsNamed,
      start: cursor.startIndex,
      end: cursor.endIndex,
      startRow: sp.row,
      startCol: sp.column,
      endRow: ep.row,
      endCol: ep.column,
      children: [],
      parent,
      error: cursor.nodeType === 'ERROR' || cursor.nodeIsMissing,
      source,
    };
    return node;
  };
  const root = make(null);
  // Iterative depth-first copy: deep nesting must not overflow the JS stack.
  const stack: PyNode[] = [root];
  let current = root;
  if (cursor.gotoFirstChild()) {
    for (;;) {
      const keep = cursor.nodeIsNamed || cursor.currentFieldName !== null || KEPT_TOKENS.has(cursor.nodeType) || cursor.nodeIsMissing;
      let descended = false;
      if (keep) {
        const child = make(current);
        current.children.push(child);
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
