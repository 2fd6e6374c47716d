/**
 * A decision tree fitted on one feature only is deterministic: scikit-learn's `random_state`
 * permutes the features searched at each split (ties between features go to the one drawn
 * first), and with the default `splitter="best"` the thresholds of a single feature are searched
 * exhaustively, so there is nothing left to draw. Textbooks fit `DecisionTreeRegressor` on
 * `df[["area"]]` to draw a step function; "each run gives different results" is false there.
 *
 * Excused only when every fit of the estimator is seen and takes one column —
 * `df[["col"]]` (with `.values` / `.to_numpy()`), `x.reshape(-1, 1)`, `X[:, [0]]`, `x[:, None]`,
 * directly or through names bound to them — and every other use of it is a method call on it
 * (`.predict`, `.score`) or an argument to a function of this program that fits nothing. Handed to
 * anything else (`cross_val_score`, `GridSearchCV`, a pipeline), it may be fitted on more columns.
 */
import type { PythonProgram } from '../python/program';
import { valueOf } from '../python/resolve';
import { argumentOf, type CallSite } from '../python/semantics';
import { field, lastNameOf, namedChildren, stringValue, text, walk, type PyNode } from '../python/syntax';
import { readsOf } from './purpose';

/** Trees whose only randomness is the order features are searched in (with splitter="best"). */
export const FEATURE_ORDER_TREES = new Set(['DecisionTreeClassifier', 'DecisionTreeRegressor']);

const FITS = new Set(['fit', 'fit_predict', 'fit_transform']);

/** Is the tree built by `call` fitted on a single feature everywhere it is fitted? */
export function fittedOnOneFeature(program: PythonProgram, call: CallSite): boolean {
  const splitter = argumentOf(call, 'splitter');
  if (splitter && stringValue(splitter) !== 'best') return false;
  let n = call.node;
  while (n.parent?.type === 'parenthesized_expression') n = n.parent;
  const parent = n.parent;
  // `DecisionTreeRegressor().fit(X, y)`
  if (parent?.type === 'attribute' && field(parent, 'object') === n) return useIsOneFeature(program, parent, call.unit) === true;
  if (parent?.type !== 'assignment' || field(parent, 'right') !== n) return false;
  const left = field(parent, 'left');
  if (left?.type !== 'identifier') return false;
  let fitted = false;
  for (const r of readsOf(program, left)) {
    const use = r.node.parent;
    if (use?.type === 'attribute' && field(use, 'object') === r.node) {
      const ok = useIsOneFeature(program, use, r.unit);
      if (ok === false) return false;
      if (ok) fitted = true;
    } else if (use?.type === 'argument_list' && fitsNothing(program, use.parent)) {
      continue;
    } else {
      return false;
    }
  }
  return fitted;
}

/** `tree.fit(X, y)`: true when X is one column, false when it may not be; undefined for another method. */
function useIsOneFeature(program: PythonProgram, attribute: PyNode, unit: number): boolean | undefined {
  const method = text(field(attribute, 'attribute')!);
  if (!FITS.has(method)) return undefined;
  const fitCall = attribute.parent;
  if (fitCall?.type !== 'call') return false;
  const args = namedChildren(field(fitCall, 'arguments')!);
  const x = args.find((a) => a.type === 'keyword_argument' && text(field(a, 'name')!) === 'X') ?? args[0];
  const value = x?.type === 'keyword_argument' ? field(x, 'value') : x;
  return value !== undefined && isOneColumn(program, value, unit, 0);
}

function isOneColumn(program: PythonProgram, expr: PyNode, unit: number, depth: number): boolean {
  if (depth > 8) return false;
  if (expr.type === 'identifier') {
    const v = valueOf(program, expr, unit);
    return v.node !== expr && isOneColumn(program, v.node, v.unit, depth + 1);
  }
  // `….values`, `….to_numpy()`
  if (expr.type === 'attribute' && text(field(expr, 'attribute')!) === 'values') return isOneColumn(program, field(expr, 'object')!, unit, depth + 1);
  if (expr.type === 'call') {
    const callee = field(expr, 'function')!;
    const name = lastNameOf(callee);
    const args = namedChildren(field(expr, 'arguments')!);
    if (callee.type === 'attribute' && name === 'to_numpy' && args.length === 0) return isOneColumn(program, field(callee, 'object')!, unit, depth + 1);
    // `x.reshape(-1, 1)`, `x.reshape((-1, 1))`
    if (callee.type === 'attribute' && name === 'reshape') {
      const shape = args.length === 1 && args[0]!.type === 'tuple' ? namedChildren(args[0]!) : args;
      return shape.length === 2 && text(shape[0]!) === '-1' && text(shape[1]!) === '1';
    }
    return false;
  }
  if (expr.type === 'subscript') {
    const subs = expr.children.filter((c) => c.named && c !== field(expr, 'value') && c.type !== 'comment');
    // `df[["col"]]`
    if (subs.length === 1) return subs[0]!.type === 'list' && namedChildren(subs[0]!).length === 1 && namedChildren(subs[0]!)[0]!.type !== 'list_splat';
    // `X[:, [0]]`, `x[:, None]`, `x[:, np.newaxis]`
    if (subs.length === 2 && subs[0]!.type === 'slice' && namedChildren(subs[0]!).length === 0) {
      const col = subs[1]!;
      if (col.type === 'list') return namedChildren(col).length === 1 && namedChildren(col)[0]!.type === 'integer';
      return col.type === 'none' || text(col) === 'np.newaxis' || text(col) === 'numpy.newaxis';
    }
  }
  return false;
}

/** A call to a function this program defines whose body fits nothing (`lin_regplot(X, y, tree)`). */
function fitsNothing(program: PythonProgram, call: PyNode | null | undefined): boolean {
  if (call?.type !== 'call') return false;
  const callee = field(call, 'function');
  if (callee?.type !== 'identifier') return false;
  const defs = program.semantics.functions.filter((f) => f.name === text(callee));
  if (defs.length !== 1) return false;
  let fits = false;
  walk(defs[0]!.node, (x) => {
    if (x.type === 'attribute' && FITS.has(text(field(x, 'attribute')!))) fits = true;
    return !fits;
  });
  return !fits;
}
