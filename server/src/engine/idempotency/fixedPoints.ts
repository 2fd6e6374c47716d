/**
 * In-place changes that reach a fixed point (TAXONOMY I-rerun exclusions): running them again
 * gives the same state, so a notebook cell that makes them may be re-run safely.
 *   - `d.pop(k, None)`: with a default, popping a key that is already gone does nothing;
 *   - `d.update({"a": 1})` / `d.update(a=1)`: the same mapping again (not `Counter.update`);
 *   - `reset_index(drop=True, inplace=True)` and the other idempotent `inplace=True` calls;
 *   - `df.eval("c = a + b", inplace=True)`: assignments that do not read what they assign;
 *   - pandas `.append` (returns a copy; the receiver does not change);
 *   - methods of API clients (`client.beta.assistants.update(…)` is a remote call);
 *   - transforms applying a function that is idempotent itself (`.apply(lambda x: min(x, 120))`,
 *     `.map(str.lower)`, `lambda x: 0 if x < 0 else x`).
 * What counts is DATA (catalogues/sideEffects.ts RERUN_MUTATIONS); this module reads the code.
 */
import { RERUN_MUTATIONS } from '../catalogues/sideEffects';
import { parse } from '../python/parser';
import { matchesAny } from '../python/patterns';
import type { PythonProgram } from '../python/program';
import { constantOf, libraryOf, originOf, valueOf } from '../python/resolve';
import { field, parameterNames, text, toPyTree, walk, type PyNode } from '../python/syntax';

const positionalArgs = (call: PyNode) => field(call, 'arguments')?.children.filter((c) => c.named && c.type !== 'comment' && c.type !== 'keyword_argument') ?? [];
const keywordArgs = (call: PyNode) => field(call, 'arguments')?.children.filter((c) => c.type === 'keyword_argument') ?? [];
const keywordValue = (call: PyNode, name: string) => {
  const k = keywordArgs(call).find((a) => text(field(a, 'name')!) === name);
  return k ? field(k, 'value') : undefined;
};

/** Does the expression read the name `root` (the state the call would change)? */
function readsName(n: PyNode, root: string): boolean {
  let found = false;
  walk(n, (x) => {
    if (found) return false;
    if (x.type === 'identifier' && text(x) === root) {
      const p = x.parent;
      const isAttr = p?.type === 'attribute' && field(p, 'attribute') === x;
      const isKw = p?.type === 'keyword_argument' && field(p, 'name') === x;
      if (!isAttr && !isKw) found = true;
    }
    return !found;
  });
  return found;
}

/** The receiver is an API client (its root value comes from a client constructor). */
export function isApiClient(program: PythonProgram, root: PyNode, unit: number): boolean {
  return matchesAny(libraryOf(program, root, unit), RERUN_MUTATIONS.apiClients);
}

/**
 * `obj.method(…)` on notebook state `root` that reaches a fixed point (see the module comment).
 * `call` is the call node, `obj` the receiver.
 */
export function isFixedPointCall(program: PythonProgram, call: PyNode, method: string, obj: PyNode, root: PyNode, unit: number): boolean {
  const rootName = text(root);
  const args = positionalArgs(call);
  if (isApiClient(program, root, unit)) return true;
  const fixed = RERUN_MUTATIONS.fixedPoint;
  // d.pop(k, None): list.pop takes one argument, so two mean a mapping with a default.
  if (method === fixed.popWithDefault) return args.length === 2;
  if (method === fixed.updateWithMapping) return isSameMappingUpdate(program, call, obj, rootName, unit);
  if (method === 'append' && isPandas(program, obj, unit)) return true;
  return false;
}

function isSameMappingUpdate(program: PythonProgram, call: PyNode, obj: PyNode, root: string, unit: number): boolean {
  if (matchesAny(libraryOf(program, obj, unit), RERUN_MUTATIONS.accumulatingUpdate)) return false;
  const args = positionalArgs(call);
  const kwargs = keywordArgs(call);
  if (args.length > 1 || (!args.length && !kwargs.length)) return false;
  if (readsName(field(call, 'arguments')!, root)) return false;
  if (!args.length) return true; // d.update(a=1, b=2)
  const { node } = valueOf(program, args[0]!, unit);
  if (node.type === 'dictionary' || node.type === 'dictionary_comprehension') return !readsName(node, root);
  if (node.type === 'call') {
    const callee = field(node, 'function');
    return !!callee && originOf(program, callee, unit) === 'dict' && !readsName(node, root);
  }
  return false;
}

/** A pandas object (not a list taken out of one: `df.columns.tolist()`). */
function isPandas(program: PythonProgram, obj: PyNode, unit: number): boolean {
  const origin = originOf(program, obj, unit);
  if (!origin || !matchesAny(libraryOf(program, obj, unit), RERUN_MUTATIONS.copyingAppend)) return false;
  const segments = origin.split('.').map((s) => s.replace(/\(\)|\[\]/g, ''));
  return !segments.some((s) => (RERUN_MUTATIONS.leavePandas as readonly string[]).includes(s));
}

/** `inplace=True` calls that are idempotent by name or by their keywords (`reset_index(drop=True)`). */
export function isIdempotentInplace(program: PythonProgram, call: PyNode, method: string, unit: number): boolean {
  if ((RERUN_MUTATIONS.idempotentInplace as readonly string[]).includes(method)) return true;
  const when = RERUN_MUTATIONS.idempotentInplaceWhen[method];
  if (when && Object.entries(when).every(([k, v]) => {
    const value = keywordValue(call, k);
    return value !== undefined && text(value) === v;
  })) return true;
  if (method === 'eval') return isIdempotentEval(program, call, unit);
  return false;
}

/** `df.eval("c = a + b", inplace=True)`: every assignment's target is read by none of them. */
function isIdempotentEval(program: PythonProgram, call: PyNode, unit: number): boolean {
  const expr = positionalArgs(call)[0] ?? keywordValue(call, 'expr');
  const source = expr ? constantOf(program, expr, unit) : undefined;
  if (typeof source !== 'string') return false;
  const tree = parse(source);
  try {
    if (tree.rootNode.hasError) return false;
    const root = toPyTree(tree, source);
    const targets = new Set<string>();
    const values: PyNode[] = [];
    for (const stmt of root.children.filter((c) => c.named)) {
      const a = stmt.type === 'expression_statement' ? stmt.children.find((c) => c.named) : undefined;
      if (a?.type !== 'assignment') return false;
      const left = field(a, 'left');
      const right = field(a, 'right');
      if (left?.type !== 'identifier' || !right) return false;
      targets.add(text(left));
      values.push(right);
    }
    return targets.size > 0 && values.every((v) => ![...targets].some((t) => readsName(v, t)));
  } finally {
    tree.delete();
  }
}

/**
 * `.map(f)` / `.apply(f)` where applying f again changes nothing: an idempotent function by
 * name (`str.lower`, `abs`), or a lambda built from them (`lambda x: min(max(x, 0), 120)`), or a
 * lambda choosing between its argument and a constant (`lambda x: 120 if x > 120 else x`).
 * A mapping (`.map({"a": 0})`) is not: the second run maps the mapped values.
 */
export function isIdempotentTransform(program: PythonProgram, call: PyNode, unit: number): boolean {
  const fn = positionalArgs(call)[0] ?? keywordValue(call, 'func') ?? keywordValue(call, 'arg');
  if (!fn) return false;
  if (fn.type === 'lambda') {
    const params = parameterNames(fn);
    const body = field(fn, 'body');
    return params.length === 1 && !!body && fixedPointOf(program, body, params[0]!, unit);
  }
  return isIdempotentFunction(program, fn, unit);
}

function isIdempotentFunction(program: PythonProgram, fn: PyNode, unit: number): boolean {
  if (fn.type !== 'identifier' && fn.type !== 'attribute') return false;
  return (RERUN_MUTATIONS.idempotentFunctions as readonly string[]).includes(originOf(program, fn, unit) ?? '');
}

/** Is `body` (in the lambda parameter `p`) a composition of idempotent steps over `p`? */
function fixedPointOf(program: PythonProgram, body: PyNode, p: string, unit: number, depth = 0): boolean {
  if (depth > 6) return false;
  const isP = (n: PyNode) => n.type === 'identifier' && text(n) === p;
  const free = (n: PyNode) => !readsName(n, p);
  switch (body.type) {
    case 'identifier':
      return isP(body);
    case 'parenthesized_expression': {
      const inner = body.children.find((c) => c.named && c.type !== 'comment');
      return !!inner && fixedPointOf(program, inner, p, unit, depth + 1);
    }
    case 'conditional_expression': {
      // `C if cond(x) else x`: a value is either kept or replaced by a constant that is then kept.
      const [a, , b] = body.children.filter((c) => c.named && c.type !== 'comment');
      if (!a || !b) return false;
      return (isP(a) && free(b)) || (free(a) && isP(b));
    }
    case 'call': {
      const callee = field(body, 'function');
      if (!callee) return false;
      const args = positionalArgs(body);
      if (keywordArgs(body).some((k) => !free(k))) return false;
      const onP = args.filter((a) => !free(a));
      if (onP.length !== 1 || !fixedPointOf(program, onP[0]!, p, unit, depth + 1)) {
        // x.strip().lower(): an idempotent method of the value
        if (callee.type === 'attribute' && !args.some((a) => !free(a))) {
          const method = text(field(callee, 'attribute')!);
          const obj = field(callee, 'object')!;
          return (RERUN_MUTATIONS.idempotentMethods as readonly string[]).includes(method) && fixedPointOf(program, obj, p, unit, depth + 1);
        }
        return false;
      }
      return isIdempotentFunction(program, callee, unit);
    }
    default:
      return false;
  }
}
