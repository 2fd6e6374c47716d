/**
 * Estimators whose `random_state` is never the one used (TAXONOMY R-param "do not flag"): a base
 * estimator handed to a meta-estimator that seeds it itself (`BaggingClassifier(
 * DecisionTreeClassifier(), random_state=42)`), and an estimator that is built and only displayed
 * or dropped, never fitted (a notebook cell ending in `RandomForestClassifier()`). The value of
 * the constructor call is followed through the syntax tree and the reads of the name it is
 * assigned to (python/resolve.ts look-up); any other use (`.fit`, an argument to anything else,
 * a list or dict, a return) is a use.
 */
import { BASE_ESTIMATOR_KEYWORDS, PURPOSE, SEEDING_META_ESTIMATORS } from '../catalogues/randomness';
import { matchesAny } from '../python/patterns';
import type { PythonProgram } from '../python/program';
import { qualifiedName } from '../python/resolve';
import { argumentsOf, type CallSite } from '../python/semantics';
import { field, text, type PyNode } from '../python/syntax';
import { readsOf } from './purpose';

export type UnusedState = 'seeded-by-meta' | 'only-displayed';

type Use = 'meta' | 'display' | 'used';

/** Why the estimator built by `call` never uses its own `random_state`, if it does not. */
export function unusedRandomState(program: PythonProgram, call: CallSite): UnusedState | undefined {
  const uses = usesOf(program, call.node, call.unit, 0, program.kind === 'python' && !call.fn);
  if (!uses.length || uses.includes('used')) return uses.length ? undefined : 'only-displayed';
  return uses.every((u) => u === 'meta') ? 'seeded-by-meta' : 'only-displayed';
}

function usesOf(program: PythonProgram, node: PyNode, unit: number, depth: number, importable: boolean): Use[] {
  let n = node;
  while (n.parent?.type === 'parenthesized_expression') n = n.parent;
  const p = n.parent;
  if (!p) return ['used'];
  switch (p.type) {
    case 'expression_statement':
      // A notebook shows it (or drops it); a script's bare `Estimator()` is kept as a use.
      return program.kind === 'notebook' ? ['display'] : ['used'];
    case 'argument_list': {
      const outer = p.parent;
      if (outer?.type !== 'call') return ['used'];
      const callee = field(outer, 'function');
      const q = callee ? qualifiedName(program, callee, unit) : undefined;
      if (q && matchesAny(q, SEEDING_META_ESTIMATORS) && argumentsOf(p).positional[0] === n) return ['meta'];
      if (q && matchesAny(q, PURPOSE.displays)) return ['display'];
      return ['used'];
    }
    case 'keyword_argument': {
      const outer = p.parent?.parent;
      const callee = outer?.type === 'call' ? field(outer, 'function') : undefined;
      const q = callee ? qualifiedName(program, callee, unit) : undefined;
      const name = text(field(p, 'name') ?? p);
      if (q && matchesAny(q, SEEDING_META_ESTIMATORS) && BASE_ESTIMATOR_KEYWORDS.includes(name)) return ['meta'];
      return ['used'];
    }
    case 'assignment': {
      const left = field(p, 'left');
      if (field(p, 'right') !== n || left?.type !== 'identifier' || depth > 0) return ['used'];
      const reads = readsOf(program, left);
      // A module-level name of a .py file may be imported by another module: a use we cannot see.
      if (!reads.length) return importable ? ['used'] : [];
      return reads.flatMap((r) => usesOf(program, r.node, r.unit, depth + 1, importable));
    }
    default:
      return ['used'];
  }
}
