/**
 * Where a method's receiver comes from, as far as the code shows: `df.sample()` is pandas when
 * `df = pd.read_csv(...)`, when the chain starts at a pandas call (`pd.DataFrame(x).sample()`),
 * or, failing that, when the name is one that by convention holds a DataFrame (`df`, `train_df`).
 */
import type { SemanticModel } from '../python/semantics';
import { field, text, type PyNode } from '../python/syntax';

/** The qualified name the expression's value comes from (`pandas.read_csv`), if traceable. */
export function originOf(sem: SemanticModel, expr: PyNode, unit: number, depth = 0): string | undefined {
  // Notebooks rebind step by step (`ds = ds.map(f)` six times): allow long chains.
  if (depth > 64) return undefined;
  switch (expr.type) {
    case 'identifier': {
      const b = sem.lookup(text(expr), expr, unit);
      if (!b) return undefined;
      if (b.qualifiedName) return b.qualifiedName;
      if (b.value && b.value !== expr) return originOf(sem, b.value, b.unit, depth + 1);
      return undefined;
    }
    case 'call': {
      const fn = field(expr, 'function');
      return fn ? originOf(sem, fn, unit, depth + 1) : undefined;
    }
    case 'attribute': {
      const q = sem.qualify(expr, unit);
      if (q) return q;
      const obj = field(expr, 'object');
      return obj ? originOf(sem, obj, unit, depth + 1) : undefined;
    }
    case 'subscript': {
      const v = field(expr, 'value');
      return v ? originOf(sem, v, unit, depth + 1) : undefined;
    }
    case 'parenthesized_expression': {
      const inner = expr.children.find((c) => c.named);
      return inner ? originOf(sem, inner, unit, depth + 1) : undefined;
    }
    default:
      return undefined;
  }
}

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
