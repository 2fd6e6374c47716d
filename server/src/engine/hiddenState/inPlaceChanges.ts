/**
 * What a cell's top-level code changes in place: `X.append(…)`, `X.update(…)`, `X[k] = …`,
 * `del X[k]`, `X.m(…, inplace=True)`, and the same through a loop variable
 * (`for item in X: item.update(…)` changes the items of X). Function and class bodies are not
 * run by the cell, so they are skipped. Used by H-skipped: a never-run cell that changes a name
 * executed cells below read is a dependency as real as one that defines it.
 *
 * Attribute assignment (`session.view = v`) is left out: it usually sets a display or config
 * knob that the later cell sets again itself (seen on the perf corpus), not data it reads.
 */
import { IN_PLACE_METHODS } from '../catalogues/hiddenState';
import type { Unit } from '../python/program';
import { field, text, type PyNode } from '../python/syntax';

const METHODS = new Set(IN_PLACE_METHODS);
const NOT_RUN_BY_THE_CELL = new Set(['function_definition', 'class_definition', 'lambda', 'decorated_definition']);

export interface InPlaceChange {
  /** The module-level name whose value changes. */
  name: string;
  /** The call or assignment that changes it. */
  node: PyNode;
}

/** The identifier at the base of `a.b[c].d`, or undefined (a call result, a literal…). */
function baseName(n: PyNode | undefined): PyNode | undefined {
  while (n && (n.type === 'attribute' || n.type === 'subscript')) n = field(n, n.type === 'attribute' ? 'object' : 'value');
  return n?.type === 'identifier' ? n : undefined;
}

/** Wrappers that iterate over their first argument's items: `for x in tqdm(xs)`. */
const ITERATING_WRAPPERS = new Set(['tqdm', 'enumerate', 'list', 'iter', 'reversed', 'sorted', 'track']);

/** The name whose items a loop visits: `xs` in `for x in xs` / `tqdm(xs)` / `enumerate(xs)`. */
function iteratedName(right: PyNode | undefined): PyNode | undefined {
  if (right?.type === 'identifier') return right;
  if (right?.type !== 'call') return undefined;
  const fn = field(right, 'function');
  const name = fn?.type === 'attribute' ? field(fn, 'attribute') : fn;
  if (!name || !ITERATING_WRAPPERS.has(text(name))) return undefined;
  const first = field(right, 'arguments')?.children.find((c) => c.named);
  return first?.type === 'identifier' ? first : undefined;
}

/** The loop variable standing for one item: `x` in `for x in …` and `for i, x in enumerate(…)`. */
function loopItem(left: PyNode | undefined): PyNode | undefined {
  if (left?.type === 'identifier') return left;
  if (left?.type === 'pattern_list' || left?.type === 'tuple_pattern') {
    const last = left.children.filter((c) => c.named).pop();
    return last?.type === 'identifier' ? last : undefined;
  }
  return undefined;
}

export function inPlaceChanges(unit: Unit): InPlaceChange[] {
  const out: InPlaceChange[] = [];
  // Loop variables stand for the items of the name they iterate over.
  const aliases = new Map<string, string>();
  const changed = (target: PyNode | undefined, node: PyNode) => {
    const base = baseName(target);
    if (!base) return;
    const name = aliases.get(text(base)) ?? text(base);
    out.push({ name, node });
  };
  const stack: PyNode[] = [unit.root];
  while (stack.length) {
    const n = stack.pop()!;
    if (NOT_RUN_BY_THE_CELL.has(n.type)) continue;
    if (n.type === 'for_statement') {
      const iterated = iteratedName(field(n, 'right'));
      const item = loopItem(field(n, 'left'));
      if (iterated && item) aliases.set(text(item), text(iterated));
    } else if (n.type === 'call') {
      const callee = field(n, 'function');
      if (callee?.type === 'attribute') {
        const method = text(field(callee, 'attribute')!);
        const inplace = field(n, 'arguments')?.children.some((a) => a.type === 'keyword_argument' && text(field(a, 'name')!) === 'inplace' && text(field(a, 'value')!) === 'True');
        if (METHODS.has(method) || inplace) changed(field(callee, 'object'), n);
      }
    } else if (n.type === 'assignment' || n.type === 'augmented_assignment') {
      const left = field(n, 'left');
      if (left?.type === 'subscript') changed(left, n);
    } else if (n.type === 'delete_statement') {
      for (const t of n.children) if (t.type === 'subscript') changed(t, n);
    }
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
  }
  return out;
}
