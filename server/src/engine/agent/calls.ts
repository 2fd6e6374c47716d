/** Resolving what a call calls, beyond `semantics.qualify`: methods on session objects. */
import { SESSION_CONSTRUCTORS } from '../catalogues/agent';
import type { PythonProgram } from '../python/program';
import type { Binding, CallSite } from '../python/semantics';
import { field, text, type PyNode } from '../python/syntax';

/** The value a binding got: `x = value`, or `with value as x`. */
export function boundValue(b: Binding | undefined): PyNode | undefined {
  if (!b) return undefined;
  if (b.value) return b.value;
  if (b.kind === 'with') {
    let n: PyNode | null = b.node.parent;
    while (n && n.type !== 'as_pattern' && n.type !== 'with_item') n = n.parent;
    if (n?.type === 'as_pattern') return n.children.find((c) => c.named);
  }
  return undefined;
}

/** `requests.Session()` for an expression that builds or names a known session object. */
function sessionOf(program: PythonProgram, expr: PyNode, unit: number): string | undefined {
  let value: PyNode | undefined = expr;
  if (expr.type === 'identifier') value = boundValue(program.semantics.lookup(text(expr), expr, unit));
  if (value?.type !== 'call') return undefined;
  const fn = field(value, 'function');
  const q = fn ? program.semantics.qualify(fn, unit) : undefined;
  return q ? SESSION_CONSTRUCTORS[q] : undefined;
}

/** Qualified callee of a call site: `requests.get`, or `requests.Session().get` on a session. */
export function calleeName(program: PythonProgram, call: CallSite): string | undefined {
  const q = program.semantics.qualify(call.callee, call.unit);
  if (q) return q;
  if (call.callee.type === 'attribute') {
    const obj = field(call.callee, 'object');
    const attr = field(call.callee, 'attribute');
    const session = obj ? sessionOf(program, obj, call.unit) : undefined;
    if (session && attr) return `${session}.${text(attr)}`;
  }
  return undefined;
}

/** Last names of catalogue entries (`requests.Session().get` → `get`). */
export function lastNames(names: readonly string[]): ReadonlySet<string> {
  return new Set(names.map((n) => n.split('.').pop()!.replace(/\(\)$/, '')));
}
