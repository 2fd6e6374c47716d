/**
 * Estimators whose `random_state` is never the one used (TAXONOMY R-param "do not flag"): a base
 * estimator handed to a meta-estimator that seeds it itself (`BaggingClassifier(
 * DecisionTreeClassifier(), random_state=42)`), and an estimator that is built and only displayed
 * or dropped, never fitted (a notebook cell ending in `RandomForestClassifier()`). The value of
 * the constructor call is followed through the syntax tree and the reads of the name it is
 * assigned to (python/resolve.ts look-up); any other use (`.fit`, an argument to anything else,
 * a list or dict, a return) is a use.
 *
 * A name bound at the top level of a `.py` file with no reads may still be imported by another
 * module — a use we cannot see — except when no importer can see that binding: it is rebound
 * later by an unconditional top-level statement (`svm = SGDClassifier()` … `svm = SVC(…)`), or
 * the file is a notebook exported as a script (cell markers `# In[3]:` from nbconvert or `# %%`
 * percent cells), which is run, not imported, or it is a script: it prints or plots at its top
 * level with no `if __name__ == "__main__":` guard, which no module imports (importing it would
 * run all of that). Such an export is read like its notebook: a bare
 * `Estimator()` statement is a display, not a use.
 */
import { BASE_ESTIMATOR_KEYWORDS, PURPOSE, SEEDING_META_ESTIMATORS } from '../catalogues/randomness';
import { derived, derivedKey } from '../derived';
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
  const uses = usesOf(program, call.node, call.unit, 0, program.kind === 'python' && !call.fn && !isNotebookExport(program) && !runAsScript(program));
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
      // A notebook (or a notebook exported as a script) shows it or drops it; a script's bare
      // `Estimator()` is kept as a use.
      return program.kind === 'notebook' || isNotebookExport(program) ? ['display'] : ['used'];
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
      // A module-level name of a .py file may be imported by another module: a use we cannot
      // see, unless a later top-level statement rebinds it (importers see that value instead).
      if (!reads.length) return importable && !reboundLater(program, left, unit) ? ['used'] : [];
      return reads.flatMap((r) => usesOf(program, r.node, r.unit, depth + 1, importable));
    }
    default:
      return ['used'];
  }
}

/** Statements under which a binding may not run (or runs many times). */
const CONDITIONAL = new Set(['if_statement', 'for_statement', 'while_statement', 'try_statement', 'match_statement', 'with_statement', 'function_definition', 'class_definition', 'lambda']);

function unconditional(node: PyNode): boolean {
  for (let n = node.parent; n; n = n.parent) if (CONDITIONAL.has(n.type)) return false;
  return true;
}

/** A module-level name bound at `target` is bound again later by an unconditional top-level statement. */
function reboundLater(program: PythonProgram, target: PyNode, unit: number): boolean {
  const sem = program.semantics;
  const at = sem.order(unit, target.start);
  return (sem.module.bindings.get(text(target)) ?? []).some((b) => b.node !== target && !b.viaGlobal && b.kind !== 'del' && sem.order(b.unit, b.node.start) > at && unconditional(b.node));
}

const EXPORTS = derivedKey<boolean>('randomness.notebookExport');

/**
 * A `.py` file exported from a notebook: a top-level comment that is a cell marker, `# In[3]:`
 * / `# In[ ]:` (nbconvert's script export) or `# %%` (percent-format cells, jupytext / VS Code).
 */
function isNotebookExport(program: PythonProgram): boolean {
  if (program.kind !== 'python') return false;
  return derived(program, EXPORTS, (p) =>
    p.units.some((u) => u.root.children.some((c) => c.type === 'comment' && isCellMarker(text(c)))),
  );
}

function isCellMarker(comment: string): boolean {
  const body = comment.replace(/^#\s*/, '');
  if (body.startsWith('%%')) return true;
  if (!body.startsWith('In[') || !body.trimEnd().endsWith(':')) return false;
  const inside = body.slice(3, body.indexOf(']'));
  return body.indexOf(']') > 0 && /^[\d ]*$/.test(inside);
}

const SCRIPTS = derivedKey<boolean>('randomness.runAsScript');

/**
 * A `.py` file written to be run, not imported: a top-level statement shows something (`print(…)`,
 * `plt.show()`), and no `if __name__ == "__main__":` guard says it is also meant to be imported.
 */
function runAsScript(program: PythonProgram): boolean {
  if (program.kind !== 'python') return false;
  return derived(program, SCRIPTS, (p) => {
    let shows = false;
    for (const u of p.units) {
      for (const c of u.root.children) {
        if (c.type === 'if_statement' && text(field(c, 'condition') ?? c).includes('__name__')) return false;
        const e = c.type === 'expression_statement' ? c.children.find((x) => x.named) : undefined;
        const callee = e?.type === 'call' ? field(e, 'function') : undefined;
        const q = callee ? qualifiedName(p, callee, p.units.indexOf(u)) : undefined;
        if (q && matchesAny(q, PURPOSE.displays)) shows = true;
      }
    }
    return shows;
  });
}
