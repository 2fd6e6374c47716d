/**
 * In-place changes to long-lived state that a function makes, directly or through the functions
 * it calls (in its module or in the project's other modules): a module-level container
 * (`sessions[k] = v`, `history.append(m)`, also one imported from another module) or its own
 * instance's containers (`self._threads[t] = …`), which is module state when the instance is
 * module-level. Used by H-global (mutable-global-state) to follow request handlers into helpers.
 *
 * Only container changes count (MUTATING_METHODS, item assignment, `del x[k]`): attribute
 * assignment (`self.client = make()`) is usually lazy set-up, not run state. Caches of pure
 * functions (`cache`, `memo` in the name) are not run state (TAXONOMY.md H-global).
 */
import { MUTABLE_CONSTRUCTORS, MUTATING_METHODS, PROCESS_RESOURCES } from '../catalogues/hiddenState';
import type { ProjectContext } from '../project';
import { matchesAny } from '../python/patterns';
import type { PythonProgram } from '../python/program';
import { projectModulesOf, splitQualified } from '../python/projectModules';
import type { SummaryKind } from '../python/projectSummaries';
import { originOf, qualifiedName } from '../python/resolve';
import type { Binding, CallSite, FunctionInfo } from '../python/semantics';
import { field, text, walk, type PyNode } from '../python/syntax';

const MUTABLE_LITERALS = new Set(['list', 'dictionary', 'set', 'list_comprehension', 'dictionary_comprehension', 'set_comprehension']);

/** Caches of pure functions are not run state (TAXONOMY.md H-global, "do not flag"). */
export const CACHE_NAME = /cache|memo/i;

export interface StateChange {
  /** `module`: a module-level container; `self`: a container of the instance the method runs on. */
  readonly kind: 'module' | 'self';
  /** The container's name (`sessions`, or the attribute `_threads`). */
  readonly name: string;
  /** How: "mutates (`.append()`)", "writes items into", "deletes items from". */
  readonly how: string;
  readonly file: string;
  /** 0-based position of the change. */
  readonly line: number;
  readonly column: number;
}

/** Is a binding's value a fresh mutable container (`[]`, `{}`, `dict()`, `defaultdict(list)`)? */
export function isMutableContainer(program: PythonProgram, b: Binding): boolean {
  const v = b.value;
  if (!v) return false;
  if (MUTABLE_LITERALS.has(v.type)) return true;
  if (v.type !== 'call') return false;
  const callee = field(v, 'function');
  return matchesAny(callee ? qualifiedName(program, callee, b.unit) : undefined, MUTABLE_CONSTRUCTORS);
}

/** The module-level binding that creates the container a name read at `id` refers to. */
export function moduleContainer(program: PythonProgram, id: PyNode, unit: number): Binding | undefined {
  if (id.type !== 'identifier') return undefined;
  const sem = program.semantics;
  const b = sem.lookup(text(id), id, unit);
  if (!b || b.scope !== sem.module || b.viaGlobal || b.kind !== 'assign') return undefined;
  const defs = sem.module.bindings.get(b.name) ?? [];
  return defs.some((d) => d.kind === 'assign' && !d.viaGlobal && isMutableContainer(program, d)) ? defs.find((d) => d.kind === 'assign' && !d.viaGlobal) : undefined;
}

/** A container imported from another project module (`from app.state import sessions`). */
export function importedContainer(project: ProjectContext, file: string, program: PythonProgram, id: PyNode, unit: number): { file: string; name: string } | undefined {
  if (id.type !== 'identifier') return undefined;
  const b = program.semantics.lookup(text(id), id, unit);
  if (!b?.qualifiedName || b.kind !== 'from-import') return undefined;
  const target = splitQualified(project, file, b.qualifiedName);
  if (!target || !target.path || target.path.includes('.')) return undefined;
  const other = projectModulesOf(project).programOf(target.file);
  if (other === 'unparseable') return undefined;
  const defs = other.semantics.module.bindings.get(target.path) ?? [];
  return defs.some((d) => d.kind === 'assign' && !d.viaGlobal && isMutableContainer(other, d)) ? { file: target.file, name: target.path } : undefined;
}

/** `x[a][b]` → `x`. */
function subscriptRoot(n: PyNode): PyNode {
  let x = n;
  while (x.type === 'subscript') x = field(x, 'value') ?? x.children[0]!;
  return x;
}

/** `self.attr` → `attr` (the receiver is the method's own instance), else undefined. */
function selfAttribute(n: PyNode): string | undefined {
  if (n.type !== 'attribute') return undefined;
  const obj = field(n, 'object');
  const attr = field(n, 'attribute');
  return obj?.type === 'identifier' && text(obj) === 'self' && attr ? text(attr) : undefined;
}

/**
 * Containers code changes in place, as (target root, how, node): `x.append(v)`, `x[k] = v`,
 * `del x[k]`, not counting stores of live process resources. `nested`: also inside functions
 * defined in the body (a handler's closures run per request too).
 */
export function changesIn(program: PythonProgram, unit: number, body: PyNode, visit: (root: PyNode, how: string, node: PyNode) => void, nested = false): void {
  const resource = (v: PyNode | undefined) => !!v && matchesAny(originOf(program, v, unit), PROCESS_RESOURCES);
  walk(body, (n) => {
    if (!nested && n !== body && (n.type === 'function_definition' || n.type === 'class_definition' || n.type === 'lambda')) return false;
    if (n.type === 'call') {
      const callee = field(n, 'function');
      const attr = callee?.type === 'attribute' ? field(callee, 'attribute') : undefined;
      const obj = callee?.type === 'attribute' ? field(callee, 'object') : undefined;
      const args = field(n, 'arguments')?.children.filter((c) => c.named && c.type !== 'comment') ?? [];
      // `conns[ws].put(m)`: an item kept per live resource is part of that resource's registry.
      const perResource = obj?.type === 'subscript' && resource(obj.children.find((c) => c.field === 'subscript'));
      if (attr && obj && MUTATING_METHODS.includes(text(attr)) && !args.some(resource) && !perResource) visit(subscriptRoot(obj), `mutates (\`.${text(attr)}()\`)`, n);
    } else if ((n.type === 'assignment' || n.type === 'augmented_assignment') && field(n, 'left')?.type === 'subscript') {
      const left = field(n, 'left')!;
      const key = left.children.find((c) => c.field === 'subscript');
      if (resource(field(n, 'right')) || resource(key)) return true;
      visit(subscriptRoot(left), 'writes items into', n);
    } else if (n.type === 'delete_statement') {
      for (const t of n.children) if (t.type === 'subscript' && !resource(t.children.find((c) => c.field === 'subscript'))) visit(subscriptRoot(t), 'deletes items from', n);
    }
    return true;
  });
}

/** Changes a function makes in its own body (not in nested functions). */
export function directChanges(project: ProjectContext, file: string, program: PythonProgram, fn: FunctionInfo): StateChange[] {
  const body = field(fn.node, 'body');
  if (!body) return [];
  const unit = program.units[fn.unit]!;
  const out: StateChange[] = [];
  changesIn(program, fn.unit, body, (root, how, node) => {
    const at = unit.lines.positionAt(node.start);
    const attr = fn.cls ? selfAttribute(root) : undefined;
    if (attr) {
      if (!CACHE_NAME.test(attr)) out.push({ kind: 'self', name: attr, how, file, line: at.line, column: at.column });
      return;
    }
    const own = moduleContainer(program, root, fn.unit);
    const name = text(root);
    if (CACHE_NAME.test(name)) return;
    if (own || importedContainer(project, file, program, root, fn.unit)) out.push({ kind: 'module', name, how, file, line: at.line, column: at.column });
  });
  return out;
}

/** Does the call run on the caller's own instance (`self.m()`, `self.store.add()`)? */
function onOwnInstance(call: CallSite): boolean {
  if (call.callee.type !== 'attribute') return false;
  let obj = field(call.callee, 'object');
  while (obj && (obj.type === 'attribute' || obj.type === 'subscript')) {
    if (obj.type === 'attribute' && selfAttribute(obj)) return true;
    obj = field(obj, obj.type === 'attribute' ? 'object' : 'value');
  }
  return obj?.type === 'identifier' && text(obj) === 'self';
}

/** The summary kind "first state change reached", for one project. */
export function stateChangeKind(project: ProjectContext): SummaryKind<StateChange | null> {
  return project.memo('hiddenState.stateChangeKind', () => ({
    id: 'hiddenState.stateChanges',
    spec: (program: PythonProgram, file: string) => {
      const direct = new Map<FunctionInfo, StateChange | null>();
      for (const fn of program.semantics.functions) direct.set(fn, directChanges(project, file, program, fn)[0] ?? null);
      return {
        local: (fn: FunctionInfo) => direct.get(fn) ?? null,
        join: (a: StateChange | null, b: StateChange | null) => a ?? b,
        equals: (a: StateChange | null, b: StateChange | null) => a === b,
        // A change to the callee's own instance is the caller's only when it is the caller's too.
        through: (call: CallSite, s: StateChange | null) => (s && s.kind === 'self' && !onOwnInstance(call) ? null : s),
      };
    },
  }));
}
