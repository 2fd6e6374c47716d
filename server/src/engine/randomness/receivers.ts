/**
 * Receivers of method calls, beyond what the resolver traces (python/resolve.ts `libraryOf`:
 * `df.sample()` is pandas when `df = pd.read_csv(...)`): the leftmost name of a chain, for the
 * convention that a name holds a DataFrame (`df`, `train_df`), and whether the receiver is a
 * module rather than an object.
 */
import type { SemanticModel } from '../python/semantics';
import { field, text, type PyNode } from '../python/syntax';

/** The leftmost name of a receiver chain (`df` of `df[df.a > 0].dropna()`). */
export function baseName(expr: PyNode): PyNode | undefined {
  let n: PyNode | undefined = expr;
  for (let i = 0; n && i < 32; i++) {
    if (n.type === 'identifier') return n;
    if (n.type === 'attribute') n = field(n, 'object');
    else if (n.type === 'call') n = field(n, 'function');
    else if (n.type === 'subscript') n = field(n, 'value');
    else if (n.type === 'parenthesized_expression') n = n.children.find((c) => c.named);
    else return undefined;
  }
  return undefined;
}

/** Is the base of the receiver an imported module or a name bound by an import? */
export function isModuleReceiver(sem: SemanticModel, expr: PyNode, unit: number): boolean {
  const base = baseName(expr);
  if (!base) return false;
  const b = sem.lookup(text(base), base, unit);
  return !!b?.qualifiedName && (expr.type === 'identifier' || expr.type === 'attribute');
}
