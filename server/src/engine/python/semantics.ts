/**
 * The notebook / module join: what does a name mean at a point of a whole program?
 *
 * A `.py` file is one unit; a notebook is one module scope over its code cells in top-down
 * order (each cell is a unit parsed on its own, so an edit re-parses one cell). Each unit's
 * per-cell pass (cellPass.ts: its scopes, bindings, reads and calls, local to the unit) is
 * joined here, in unit order, into the program's `SemanticModel`: the cells' top-level scopes
 * become the one module scope, every record gets its unit index, and `lookup` / `qualify`
 * answer in execution order, (unit index, offset).
 */
import {
  type Arguments,
  type BindingKind,
  type CellPass,
  type DecoratorInfo,
  type ScopeKind,
} from './cellPass';
import { field, text, type PyNode } from './syntax';

export { argumentOf, argumentsOf, statementOf } from './cellPass';
export type { Arguments, BindingKind, CellPass, DecoratorInfo, ScopeKind, UnitInput } from './cellPass';

export interface Scope {
  readonly kind: ScopeKind;
  readonly node: PyNode | null;
  readonly parent: Scope | null;
  readonly unit: number;
  readonly bindings: Map<string, Binding[]>;
  readonly globals: Set<string>;
  readonly nonlocals: Set<string>;
  /** `from x import *` seen in this scope (names may come from anywhere). */
  starImports: string[];
  readonly fn?: FunctionInfo;
}

export interface Binding {
  readonly name: string;
  readonly kind: BindingKind;
  /** The identifier (or import alias / dotted name) that binds. */
  readonly node: PyNode;
  readonly unit: number;
  readonly scope: Scope;
  /** Imports: the qualified name bound (`numpy`, `numpy.random.rand`). */
  readonly qualifiedName: string | undefined;
  /** Simple assignments `name = value`: the value expression. */
  readonly value: PyNode | undefined;
  /** The statement that binds (assignment, import, def…). */
  readonly stmt: PyNode;
  /** Bound by code inside a function through `global` (runs only when the function is called). */
  readonly viaGlobal: boolean;
  /** `def`: the function it binds. */
  readonly fn: FunctionInfo | undefined;
  /** `class`: the class it binds. */
  readonly cls: ClassInfo | undefined;
}

export interface Reference {
  readonly name: string;
  readonly node: PyNode;
  readonly unit: number;
  readonly scope: Scope;
}

export interface CallSite extends Arguments {
  readonly node: PyNode;
  readonly callee: PyNode;
  readonly unit: number;
  readonly scope: Scope;
  /** The innermost function the call is in, if any. */
  readonly fn: FunctionInfo | undefined;
}

export interface FunctionInfo {
  readonly node: PyNode;
  readonly name: string;
  readonly unit: number;
  /** The scope the function's body opens. */
  readonly scope: Scope;
  readonly parentScope: Scope;
  readonly decorators: DecoratorInfo[];
  readonly isAsync: boolean;
  readonly cls?: ClassInfo;
}

export interface ClassInfo {
  readonly node: PyNode;
  readonly name: string;
  readonly unit: number;
  readonly bases: PyNode[];
  readonly scope: Scope;
}

export interface SemanticModel {
  readonly module: Scope;
  readonly scopes: Scope[];
  readonly references: Reference[];
  readonly calls: CallSite[];
  readonly functions: FunctionInfo[];
  readonly classes: ClassInfo[];
  /** The per-cell passes joined, by unit index (read-only: a pass may be shared with other programs). */
  readonly passes: readonly CellPass[];
  /**
   * This program's records for one unit, index-aligned with `passes[unit]`: `scopes[i]` is the
   * program's scope for the pass's scope `i` (`scopes[0]` is the module scope), and so on. For
   * facts computed per cell on a pass (by index) that need the joined records.
   */
  unitRecords(unit: number): UnitRecords | undefined;
  /** Scope that directly contains a node (by node identity), for nodes the pass visited. */
  scopeOf(node: PyNode): Scope | undefined;
  /** The binding a name read at `node` refers to (execution-order aware), if any. */
  lookup(name: string, node: PyNode, unit: number): Binding | undefined;
  /** Qualified name of an expression (`np.random.rand` → `numpy.random.rand`). */
  qualify(expr: PyNode, unit: number): string | undefined;
  /** Order key of a node for "before" in execution order. */
  order(unit: number, offset: number): number;
}

export interface UnitRecords {
  readonly scopes: readonly Scope[];
  readonly functions: readonly FunctionInfo[];
  readonly classes: readonly ClassInfo[];
}

/** Offsets are below this, so `unit * UNIT_STRIDE + offset` sorts by (unit, offset). */
const UNIT_STRIDE = 1e9;

/** `SemanticModel.order`, for callers that sort; the model itself compares (unit, offset). */
const order = (unit: number, offset: number): number => unit * UNIT_STRIDE + offset;

/** Records of the whole program, filled unit by unit. */
interface Joined extends Pick<SemanticModel, 'module' | 'scopes' | 'references' | 'calls' | 'functions' | 'classes'> {
  /** Per unit: the program's record for each of the pass's scope / function / class indices. */
  readonly units: UnitRecords[];
}

/** Join per-cell passes, given in top-down order (index = unit), into one program's model. */
export function joinCells(passes: readonly CellPass[]): SemanticModel {
  const module = newScope('module', null, null, 0);
  const joined: Joined = { module, scopes: [module], references: [], calls: [], functions: [], classes: [], units: [] };
  passes.forEach((pass, unit) => joinUnit(joined, pass, unit));
  return modelOf(joined, passes);
}

function newScope(kind: ScopeKind, node: PyNode | null, parent: Scope | null, unit: number): Scope {
  return { kind, node, parent, unit, bindings: new Map(), globals: new Set(), nonlocals: new Set(), starImports: [] };
}

/** Add one unit's pass to the program: its top level merges into the module scope. */
function joinUnit(out: Joined, pass: CellPass, unit: number): void {
  const { module } = out;
  const scopes: Scope[] = [];
  pass.scopes.forEach((cs, i) => {
    if (i === 0) {
      for (const g of cs.globals) module.globals.add(g);
      for (const n of cs.nonlocals) module.nonlocals.add(n);
      for (const m of cs.starImports) module.starImports.push(m);
      scopes.push(module);
      return;
    }
    // The pass's name sets are shared, not copied: nothing changes them after the pass.
    const s: Scope = { kind: cs.kind, node: cs.node, parent: scopes[cs.parent]!, unit, bindings: new Map(), globals: cs.globals, nonlocals: cs.nonlocals, starImports: [...cs.starImports] };
    scopes.push(s);
    out.scopes.push(s);
  });
  const classes: ClassInfo[] = pass.classes.map((c) => ({ node: c.node, name: c.name, unit, bases: c.bases, scope: scopes[c.scope]! }));
  const functions: FunctionInfo[] = pass.functions.map((f) => ({
    node: f.node,
    name: f.name,
    unit,
    scope: scopes[f.scope]!,
    parentScope: scopes[f.parentScope]!,
    decorators: f.decorators,
    isAsync: f.isAsync,
    ...(f.cls !== undefined ? { cls: classes[f.cls]! } : {}),
  }));
  for (const f of functions) (f.scope as { fn?: FunctionInfo }).fn = f;
  // Loops, not push(...xs): a generated cell can hold more records than a call has arguments.
  for (const c of classes) out.classes.push(c);
  for (const f of functions) out.functions.push(f);
  out.units.push({ scopes, functions, classes });
  pass.scopes.forEach((cs, i) => {
    const target = scopes[i]!.bindings;
    for (const [name, list] of cs.bindings) {
      // Every field set, absent ones as undefined: one object shape for every binding (the
      // lookups that read them run for every name read), and no temporary objects per field.
      const mapped = list.map((b): Binding => ({
        name: b.name,
        kind: b.kind,
        node: b.node,
        unit,
        scope: scopes[b.scope]!,
        stmt: b.stmt,
        viaGlobal: b.viaGlobal,
        qualifiedName: b.qualifiedName,
        value: b.value || undefined,
        fn: b.fn !== undefined ? functions[b.fn]! : undefined,
        cls: b.cls !== undefined ? classes[b.cls]! : undefined,
      }));
      const earlier = target.get(name);
      if (earlier) for (const b of mapped) earlier.push(b);
      else target.set(name, mapped);
    }
  });
  for (const r of pass.references) out.references.push({ name: r.name, node: r.node, unit, scope: scopes[r.scope]! });
  for (const c of pass.calls) {
    const { node, callee, positional, keywords, hasStarArgs, hasStarKwargs } = c;
    out.calls.push({ node, callee, unit, scope: scopes[c.scope]!, positional, keywords, hasStarArgs, hasStarKwargs, fn: c.fn !== undefined ? functions[c.fn]! : undefined });
  }
}

function modelOf(joined: Joined, passes: readonly CellPass[]): SemanticModel {
  const { module, units } = joined;
  const unitOfRoot = new Map<PyNode, number>(passes.map((p, unit) => [p.root, unit]));

  function scopeOf(node: PyNode): Scope | undefined {
    let root = node;
    while (root.parent) root = root.parent;
    const unit = unitOfRoot.get(root);
    return unit === undefined ? undefined : scopeIn(node, unit, false);
  }

  /** The scope of a node of `unit` (any unit's node is found, as a node knows its tree). */
  function scopeIn(node: PyNode, unit: number, orAnyUnit = true): Scope | undefined {
    const i = passes[unit]?.scopeOf.get(node);
    if (i !== undefined) return units[unit]!.scopes[i];
    return orAnyUnit ? scopeOf(node) : undefined;
  }

  const lookup = lookupIn(module, scopeIn);

  function qualify(expr: PyNode, unit: number, depth = 0): string | undefined {
    if (depth > 8) return undefined;
    if (expr.type === 'identifier') {
      const name = text(expr);
      const b = lookup(name, expr, unit);
      if (!b) return name; // builtin or unknown global: its own name
      if (b.qualifiedName) return b.qualifiedName;
      if (b.kind === 'assign' && b.value && (b.value.type === 'identifier' || b.value.type === 'attribute') && b.value !== expr) {
        return qualify(b.value, b.unit, depth + 1);
      }
      return undefined;
    }
    if (expr.type === 'attribute') {
      const obj = field(expr, 'object');
      const attr = field(expr, 'attribute');
      if (!obj || !attr) return undefined;
      const left = qualify(obj, unit, depth + 1);
      return left === undefined ? undefined : `${left}.${text(attr)}`;
    }
    if (expr.type === 'parenthesized_expression') {
      const inner = expr.children.find((c) => c.named);
      return inner ? qualify(inner, unit, depth + 1) : undefined;
    }
    return undefined;
  }

  const { scopes, references, calls, functions, classes } = joined;
  const qualified = new Map<PyNode, { unit: number; name: string | undefined }>();
  return {
    module,
    scopes,
    references,
    calls,
    functions,
    classes,
    passes,
    unitRecords: (unit) => units[unit],
    scopeOf,
    lookup,
    qualify: (expr, unit) => {
      // Rules ask for the same callee's name many times (once per catalogue entry they try):
      // the answer is fixed for the model's life, so it is kept per node and unit.
      const kept = qualified.get(expr);
      if (kept && kept.unit === unit) return kept.name;
      const name = qualify(expr, unit);
      qualified.set(expr, { unit, name });
      return name;
    },
    order,
  };
}

/** `a` runs before `b`: execution order is (unit index, offset). */
function precedes(a: { unit: number; node: PyNode }, b: { unit: number; node: PyNode }): boolean {
  return a.unit < b.unit || (a.unit === b.unit && a.node.start < b.node.start);
}

/**
 * `lookup` over the joined scopes: the binding a name read at a node refers to. Answers are
 * remembered per node for the model's life (the model never changes once joined): the rule
 * families resolve the same reads again and again, about six lookups per distinct read on a
 * long notebook.
 */
function lookupIn(module: Scope, scopeIn: (node: PyNode, unit: number) => Scope | undefined) {
  const answers = new Map<PyNode, { name: string; unit: number; binding: Binding | undefined }>();
  return function lookup(name: string, node: PyNode, unit: number): Binding | undefined {
    const kept = answers.get(node);
    if (kept && kept.name === name && kept.unit === unit) return kept.binding;
    const binding = resolveRead(name, node, unit);
    if (!kept) answers.set(node, { name, unit, binding });
    return binding;
  };

  function resolveRead(name: string, node: PyNode, unit: number): Binding | undefined {
    const start = scopeIn(node, unit);
    if (!start) return undefined;
    const at = { unit, node };
    let s: Scope | null = start;
    let first = true;
    while (s) {
      if (!first && s.kind === 'class') {
        s = s.parent;
        continue;
      }
      if (s.globals.has(name) && s !== module) {
        s = module;
        first = false;
        continue;
      }
      const list = s.bindings.get(name);
      if (list) {
        // One pass, no arrays: lookup runs for every name read by most rules (hot path).
        // Among bindings that are not `del`: the last one before `at`, else (in the scope the
        // read is in) the first one, else the last one; the first of equals wins each time.
        let latestBefore: Binding | undefined;
        let earliest: Binding | undefined;
        let latest: Binding | undefined;
        for (const b of list) {
          if (b.kind === 'del') continue;
          if (!earliest || precedes(b, earliest)) earliest = b;
          if (!latest || precedes(latest, b)) latest = b;
          // `ds = ds["train"].split()`: the right side reads the binding before this statement,
          // not the one the statement makes (its target sits earlier in the text).
          if (precedes(b, at) && (!latestBefore || precedes(latestBefore, b)) && !(b.kind === 'assign' && b.unit === unit && b.node !== node && node.start >= b.stmt.start && node.end <= b.stmt.end)) {
            latestBefore = b;
          }
        }
        if (latestBefore) return latestBefore;
        if (first && earliest) return earliest;
        if (latest) return latest;
      }
      s = s.parent;
      first = false;
    }
    return undefined;
  }
}
