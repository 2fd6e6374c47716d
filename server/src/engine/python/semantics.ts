/**
 * Scopes, bindings, references, imports and call sites of a Python module.
 *
 * A `.py` file is one unit; a notebook is one module scope over its code cells in top-down
 * order (each cell is a unit parsed on its own, so an edit re-parses one cell). Positions are
 * compared in execution order: (unit index, offset). Built in one iterative pass (no recursion
 * on the tree, so 10,000-deep nesting cannot overflow the stack).
 */
import { dottedName, field, fields, text, type PyNode } from './syntax';

export type ScopeKind = 'module' | 'class' | 'function' | 'lambda' | 'comprehension';

export type BindingKind =
  | 'import'
  | 'from-import'
  | 'assign'
  | 'augassign'
  | 'def'
  | 'class'
  | 'param'
  | 'for'
  | 'with'
  | 'except'
  | 'walrus'
  | 'match'
  | 'del'
  | 'magic';

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
  readonly qualifiedName?: string;
  /** Simple assignments `name = value`: the value expression. */
  readonly value?: PyNode;
  /** The statement that binds (assignment, import, def…). */
  readonly stmt: PyNode;
  /** Bound by code inside a function through `global` (runs only when the function is called). */
  readonly viaGlobal: boolean;
}

export interface Reference {
  readonly name: string;
  readonly node: PyNode;
  readonly unit: number;
  readonly scope: Scope;
}

export interface Arguments {
  readonly positional: PyNode[];
  readonly keywords: Map<string, PyNode>;
  readonly hasStarArgs: boolean;
  readonly hasStarKwargs: boolean;
}

export interface CallSite extends Arguments {
  readonly node: PyNode;
  readonly callee: PyNode;
  readonly unit: number;
  readonly scope: Scope;
  /** The innermost function the call is in, if any. */
  readonly fn?: FunctionInfo;
}

/** The argument passed by the first of `keywords` given, else at `position`; undefined if neither. */
export function argumentOf(call: Arguments, keywords: string | readonly string[] | undefined, position?: number): PyNode | undefined {
  for (const k of typeof keywords === 'string' ? [keywords] : (keywords ?? [])) {
    const v = call.keywords.get(k);
    if (v) return v;
  }
  return position !== undefined ? call.positional[position] : undefined;
}

export interface DecoratorInfo {
  readonly node: PyNode;
  /** The decorator expression without its call (`app.task` of `@app.task(bind=True)`). */
  readonly target: PyNode;
  readonly call?: Arguments;
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
  /** Scope that directly contains a node (by node identity), for nodes the pass visited. */
  scopeOf(node: PyNode): Scope | undefined;
  /** The binding a name read at `node` refers to (execution-order aware), if any. */
  lookup(name: string, node: PyNode, unit: number): Binding | undefined;
  /** Qualified name of an expression (`np.random.rand` → `numpy.random.rand`). */
  qualify(expr: PyNode, unit: number): string | undefined;
  /** Order key of a node for "before" in execution order. */
  order(unit: number, offset: number): number;
}

export interface UnitInput {
  root: PyNode;
  /** Extra names defined in this unit by IPython syntax (`x = !ls`, `%store -r x`). */
  magicBindings?: { name: string; node: PyNode }[] | undefined;
}

const UNIT_STRIDE = 1e9;

function newScope(kind: ScopeKind, node: PyNode | null, parent: Scope | null, unit: number, fn?: FunctionInfo): Scope {
  return { kind, node, parent, unit, bindings: new Map(), globals: new Set(), nonlocals: new Set(), starImports: [], ...(fn ? { fn } : {}) };
}

function argumentsOf(argList: PyNode | undefined): Arguments {
  const positional: PyNode[] = [];
  const keywords = new Map<string, PyNode>();
  let hasStarArgs = false;
  let hasStarKwargs = false;
  for (const a of argList?.children ?? []) {
    if (!a.named || a.type === 'comment') continue;
    if (a.type === 'keyword_argument') {
      const name = field(a, 'name');
      const value = field(a, 'value');
      if (name && value) keywords.set(text(name), value);
    } else if (a.type === 'list_splat') hasStarArgs = true;
    else if (a.type === 'dictionary_splat') hasStarKwargs = true;
    else positional.push(a);
  }
  return { positional, keywords, hasStarArgs, hasStarKwargs };
}

export { argumentsOf };

/** The statement a node belongs to (its ancestor directly inside a block or the module). */
export function statementOf(node: PyNode): PyNode {
  let n = node;
  while (n.parent && n.parent.type !== 'block' && n.parent.type !== 'module') n = n.parent;
  return n;
}

/** Names a PEP 695 type parameter list declares: `[T, *Ts, **P, K: int]` → T, Ts, P, K. */
function typeParameterNames(list: PyNode | undefined): PyNode[] {
  const out: PyNode[] = [];
  for (const t of list?.children ?? []) {
    if (t.type !== 'type') continue;
    let n: PyNode | undefined = t;
    while (n && n.type !== 'identifier') n = n.children.find((c) => c.named);
    if (n) out.push(n);
  }
  return out;
}

/** `from . import x` → `.x`; `from a import x` → `a.x`. */
function joinModule(mod: string, name: string): string {
  return mod.endsWith('.') ? `${mod}${name}` : `${mod}.${name}`;
}

type Mode = 'load' | 'store' | 'del';

interface Task {
  node: PyNode;
  scope: Scope;
  mode: Mode;
  kind?: BindingKind;
  stmt?: PyNode;
}

export function buildSemantics(units: UnitInput[]): SemanticModel {
  const module = newScope('module', null, null, 0);
  const scopes: Scope[] = [module];
  const references: Reference[] = [];
  const calls: CallSite[] = [];
  const functions: FunctionInfo[] = [];
  const classes: ClassInfo[] = [];
  const scopeByNode = new Map<PyNode, Scope>();
  // Right-hand sides of `name = value`, keyed by the name node (filled while walking).
  const valueOf = new Map<PyNode, PyNode>();
  const order = (unit: number, offset: number) => unit * UNIT_STRIDE + offset;

  units.forEach((u, unit) => {
    const bind = (scope: Scope, name: string, kind: BindingKind, node: PyNode, stmt: PyNode, extra: { qualifiedName?: string; value?: PyNode } = {}) => {
      let target = scope;
      let viaGlobal = false;
      if (scope.globals.has(name)) {
        target = module;
        viaGlobal = scope !== module;
      } else if (scope.kind === 'comprehension' && kind === 'walrus') {
        while (target.kind === 'comprehension' && target.parent) target = target.parent;
      }
      const b: Binding = { name, kind, node, unit, scope: target, stmt, viaGlobal, ...extra };
      const list = target.bindings.get(name);
      if (list) list.push(b);
      else target.bindings.set(name, [b]);
    };

    const stack: Task[] = [{ node: u.root, scope: module, mode: 'load' }];
    for (const m of u.magicBindings ?? []) bind(module, m.name, 'magic', m.node, m.node);

    const pushChildren = (n: PyNode, scope: Scope, skip?: (c: PyNode) => boolean) => {
      for (let i = n.children.length - 1; i >= 0; i--) {
        const c = n.children[i]!;
        if (!c.named || (skip && skip(c))) continue;
        stack.push({ node: c, scope, mode: 'load' });
      }
    };

    /** Push a binding target: names bind, attributes and subscripts read their objects. */
    const pushTarget = (n: PyNode | undefined, scope: Scope, kind: BindingKind, stmt: PyNode, mode: Mode = 'store') => {
      if (n) stack.push({ node: n, scope, mode, kind, stmt });
    };

    while (stack.length) {
      const task = stack.pop()!;
      const { node: n, scope } = task;
      scopeByNode.set(n, scope);

      if (task.mode !== 'load') {
        // Binding targets.
        switch (n.type) {
          case 'identifier':
            if (task.mode === 'del') bind(scope, text(n), 'del', n, task.stmt ?? n);
            else bind(scope, text(n), task.kind ?? 'assign', n, task.stmt ?? n);
            continue;
          case 'attribute':
            stack.push({ node: field(n, 'object')!, scope, mode: 'load' });
            continue;
          case 'subscript':
            pushChildren(n, scope);
            continue;
          case 'as_pattern_target':
          case 'pattern_list':
          case 'tuple_pattern':
          case 'list_pattern':
          case 'tuple':
          case 'list':
          case 'expression_list':
          case 'parenthesized_expression':
          case 'list_splat_pattern':
          case 'list_splat':
            for (const c of n.children) if (c.named) stack.push({ ...task, node: c });
            continue;
          default:
            stack.push({ node: n, scope, mode: 'load' });
            continue;
        }
      }

      switch (n.type) {
        case 'identifier':
          references.push({ name: text(n), node: n, unit, scope });
          continue;
        case 'import_statement': {
          for (const c of fields(n, 'name')) {
            if (c.type === 'aliased_import') {
              const name = field(c, 'name');
              const alias = field(c, 'alias');
              if (name && alias) bind(scope, text(alias), 'import', alias, n, { qualifiedName: dottedName(name)! });
            } else {
              const dotted = dottedName(c)!;
              // `import a.b.c` binds `a`, which refers to package `a`.
              const head = dotted.split('.')[0]!;
              bind(scope, head, 'import', c.children[0] ?? c, n, { qualifiedName: head });
            }
          }
          continue;
        }
        case 'import_from_statement':
        case 'future_import_statement': {
          const modNode = field(n, 'module_name');
          const mod = n.type === 'future_import_statement' ? '__future__' : modNode ? text(modNode).replace(/\s+/g, '') : '';
          if (n.children.some((c) => c.type === 'wildcard_import')) {
            scope.starImports.push(mod);
            continue;
          }
          for (const c of fields(n, 'name')) {
            if (c.type === 'aliased_import') {
              const name = field(c, 'name');
              const alias = field(c, 'alias');
              if (name && alias) bind(scope, text(alias), 'from-import', alias, n, { qualifiedName: joinModule(mod, dottedName(name)!) });
            } else {
              const name = dottedName(c)!;
              bind(scope, name, 'from-import', c, n, { qualifiedName: joinModule(mod, name) });
            }
          }
          continue;
        }
        case 'global_statement':
        case 'nonlocal_statement':
          for (const c of n.children) if (c.type === 'identifier') (n.type === 'global_statement' ? scope.globals : scope.nonlocals).add(text(c));
          continue;
        case 'decorated_definition': {
          const def = field(n, 'definition');
          pushChildren(n, scope, (c) => c === def);
          if (def) stack.push({ node: def, scope, mode: 'load' });
          continue;
        }
        case 'function_definition': {
          const nameNode = field(n, 'name');
          const decoratorNodes = n.parent?.type === 'decorated_definition' ? n.parent.children.filter((c) => c.type === 'decorator') : [];
          const decorators: DecoratorInfo[] = decoratorNodes.map((d) => {
            const expr = d.children.find((c) => c.named)!;
            if (expr?.type === 'call') {
              return { node: d, target: field(expr, 'function')!, call: argumentsOf(field(expr, 'arguments')) };
            }
            return { node: d, target: expr ?? d };
          });
          const cls = scope.kind === 'class' ? classes.find((c) => c.scope === scope) : undefined;
          const info = {
            node: n,
            name: nameNode ? text(nameNode) : '',
            unit,
            parentScope: scope,
            decorators,
            isAsync: n.source.startsWith('async', n.start),
            ...(cls ? { cls } : {}),
          } as Omit<FunctionInfo, 'scope'> & { scope?: Scope };
          const fnScope = newScope('function', n, scope, unit, info as FunctionInfo);
          info.scope = fnScope;
          functions.push(info as FunctionInfo);
          scopes.push(fnScope);
          if (nameNode) bind(scope, text(nameNode), 'def', nameNode, n);
          const body = field(n, 'body');
          if (body) stack.push({ node: body, scope: fnScope, mode: 'load' });
          // PEP 695 `def f[T](x: T) -> T`: T is visible to the annotations and the body.
          const typeParams = typeParameterNames(field(n, 'type_parameters'));
          for (const t of typeParams) bind(fnScope, text(t), 'param', t, n);
          const annotationScope = typeParams.length ? fnScope : scope;
          const ret = field(n, 'return_type');
          if (ret) stack.push({ node: ret, scope: annotationScope, mode: 'load' });
          pushParameters(field(n, 'parameters'), annotationScope, fnScope, n);
          continue;
        }
        case 'lambda': {
          const lamScope = newScope('lambda', n, scope, unit);
          scopes.push(lamScope);
          const body = field(n, 'body');
          if (body) stack.push({ node: body, scope: lamScope, mode: 'load' });
          pushParameters(field(n, 'parameters'), scope, lamScope, n);
          continue;
        }
        case 'class_definition': {
          const nameNode = field(n, 'name');
          const clsScope = newScope('class', n, scope, unit);
          scopes.push(clsScope);
          const supers = field(n, 'superclasses');
          const bases = supers ? supers.children.filter((c) => c.named && c.type !== 'keyword_argument') : [];
          classes.push({ node: n, name: nameNode ? text(nameNode) : '', unit, bases, scope: clsScope });
          if (nameNode) bind(scope, text(nameNode), 'class', nameNode, n);
          const body = field(n, 'body');
          if (body) stack.push({ node: body, scope: clsScope, mode: 'load' });
          // PEP 695 `class C[T](Base[T])`: T is visible to the bases and the body.
          const typeParams = typeParameterNames(field(n, 'type_parameters'));
          for (const t of typeParams) bind(clsScope, text(t), 'param', t, n);
          if (supers) stack.push({ node: supers, scope: typeParams.length ? clsScope : scope, mode: 'load' });
          continue;
        }
        case 'list_comprehension':
        case 'set_comprehension':
        case 'dictionary_comprehension':
        case 'generator_expression': {
          const compScope = newScope('comprehension', n, scope, unit);
          scopes.push(compScope);
          const clauses = n.children.filter((c) => c.type === 'for_in_clause' || c.type === 'if_clause');
          const body = field(n, 'body');
          // Evaluated in order: first iterable in the enclosing scope, then clauses, then body.
          if (body) stack.push({ node: body, scope: compScope, mode: 'load' });
          for (let i = clauses.length - 1; i >= 0; i--) {
            const c = clauses[i]!;
            if (c.type === 'if_clause') {
              pushChildren(c, compScope);
              continue;
            }
            for (const r of fields(c, 'right').reverse()) stack.push({ node: r, scope: i === 0 ? scope : compScope, mode: 'load' });
            for (const l of fields(c, 'left')) pushTarget(l, compScope, 'for', c);
          }
          continue;
        }
        case 'assignment': {
          const left = field(n, 'left');
          const right = field(n, 'right');
          const type = field(n, 'type');
          // Evaluation order: right side first, then the targets.
          if (left && right) {
            if (left.type === 'identifier') {
              stack.push({ node: left, scope, mode: 'store', kind: 'assign', stmt: statementOf(n) });
              // keep the value for simple `name = value` (bind() reads it below)
              valueOf.set(left, right.type === 'assignment' ? (field(right, 'right') ?? right) : right);
            } else pushTarget(left, scope, 'assign', statementOf(n));
          }
          if (type) stack.push({ node: type, scope, mode: 'load' });
          if (right) stack.push({ node: right, scope, mode: 'load' });
          continue;
        }
        case 'augmented_assignment': {
          const left = field(n, 'left');
          const right = field(n, 'right');
          if (left?.type === 'identifier') {
            stack.push({ node: left, scope, mode: 'store', kind: 'augassign', stmt: statementOf(n) });
            stack.push({ node: left, scope, mode: 'load' });
          } else if (left) stack.push({ node: left, scope, mode: 'load' });
          if (right) stack.push({ node: right, scope, mode: 'load' });
          continue;
        }
        case 'named_expression': {
          const name = field(n, 'name');
          const value = field(n, 'value');
          if (name) stack.push({ node: name, scope, mode: 'store', kind: 'walrus', stmt: statementOf(n) });
          if (value) stack.push({ node: value, scope, mode: 'load' });
          continue;
        }
        case 'for_statement': {
          const body = field(n, 'body');
          const alt = field(n, 'alternative');
          if (alt) stack.push({ node: alt, scope, mode: 'load' });
          if (body) stack.push({ node: body, scope, mode: 'load' });
          pushTarget(field(n, 'left'), scope, 'for', n);
          const right = field(n, 'right');
          if (right) stack.push({ node: right, scope, mode: 'load' });
          continue;
        }
        case 'as_pattern': {
          // `with x as y`, `except E as e` (not match patterns: those go through case_pattern)
          const alias = field(n, 'alias');
          const kind: BindingKind = n.parent?.type === 'except_clause' ? 'except' : 'with';
          if (alias) pushTarget(alias, scope, kind, statementOf(n));
          const value = n.children.find((c) => c.named && c !== alias);
          if (value) stack.push({ node: value, scope, mode: 'load' });
          continue;
        }
        case 'except_clause': {
          // Older grammar shape: `except E as e` as sibling nodes.
          const asIdx = n.children.findIndex((c) => c.type === 'as');
          pushChildren(n, scope, (c) => asIdx >= 0 && n.children.indexOf(c) > asIdx && c.type === 'identifier');
          if (asIdx >= 0) for (const c of n.children.slice(asIdx + 1)) if (c.type === 'identifier') pushTarget(c, scope, 'except', n);
          continue;
        }
        case 'delete_statement':
          for (const c of n.children) if (c.named) pushTarget(c, scope, 'del', n, 'del');
          continue;
        case 'case_clause': {
          pushChildren(n, scope, (c) => c.type === 'case_pattern');
          for (const p of n.children.filter((c) => c.type === 'case_pattern')) pushCapture(p, scope, n);
          continue;
        }
        case 'type_alias_statement': {
          // `type Alias[V] = list[V]`: binds Alias here; V lives in the alias's own scope.
          const left = field(n, 'left');
          const generic = left?.children.find((c) => c.type === 'generic_type' || c.type === 'identifier');
          const nameNode = generic?.type === 'identifier' ? generic : generic?.children.find((c) => c.type === 'identifier');
          if (nameNode) bind(scope, text(nameNode), 'assign', nameNode, n);
          const aliasScope = newScope('lambda', n, scope, unit);
          scopes.push(aliasScope);
          for (const t of typeParameterNames(generic?.children.find((c) => c.type === 'type_parameter'))) bind(aliasScope, text(t), 'param', t, n);
          const right = field(n, 'right');
          if (right) stack.push({ node: right, scope: aliasScope, mode: 'load' });
          continue;
        }
        case 'attribute': {
          const obj = field(n, 'object');
          if (obj) stack.push({ node: obj, scope, mode: 'load' });
          continue;
        }
        case 'keyword_argument': {
          const value = field(n, 'value');
          if (value) stack.push({ node: value, scope, mode: 'load' });
          continue;
        }
        case 'call': {
          const callee = field(n, 'function');
          if (callee) {
            calls.push({ node: n, callee, unit, scope, ...argumentsOf(field(n, 'arguments')), ...(enclosingFn(scope) ? { fn: enclosingFn(scope)! } : {}) });
          }
          pushChildren(n, scope);
          continue;
        }
        default:
          pushChildren(n, scope);
      }
    }

    function pushParameters(params: PyNode | undefined, outer: Scope, inner: Scope, def: PyNode) {
      for (const p of params?.children ?? []) {
        if (!p.named) continue;
        switch (p.type) {
          case 'identifier':
            bind(inner, text(p), 'param', p, def);
            break;
          case 'typed_parameter':
          case 'list_splat_pattern':
          case 'dictionary_splat_pattern': {
            const id = p.children.find((c) => c.type === 'identifier') ?? p.children.find((c) => c.named)?.children.find((c) => c.type === 'identifier');
            if (id) bind(inner, text(id), 'param', id, def);
            const type = field(p, 'type');
            if (type) stack.push({ node: type, scope: outer, mode: 'load' });
            break;
          }
          case 'default_parameter':
          case 'typed_default_parameter': {
            const name = field(p, 'name');
            if (name && name.type === 'identifier') bind(inner, text(name), 'param', name, def);
            const value = field(p, 'value');
            if (value) stack.push({ node: value, scope: outer, mode: 'load' });
            const type = field(p, 'type');
            if (type) stack.push({ node: type, scope: outer, mode: 'load' });
            break;
          }
          default:
            break;
        }
      }
    }

    function pushCapture(p: PyNode, scope: Scope, clause: PyNode) {
      // Capture names in match patterns: a bare name binds; dotted names and class names read.
      const todo: PyNode[] = [p];
      while (todo.length) {
        const n = todo.pop()!;
        if (n.type === 'dotted_name') {
          const ids = n.children.filter((c) => c.type === 'identifier');
          const only = ids[0];
          if (ids.length === 1 && only && n.parent?.type === 'case_pattern' && text(only) !== '_') bind(scope, text(only), 'match', only, clause);
          else if (ids[0]) stack.push({ node: ids[0], scope, mode: 'load' });
          continue;
        }
        if (n.type === 'class_pattern') {
          const cls = n.children.find((c) => c.type === 'dotted_name');
          if (cls?.children[0]) stack.push({ node: cls.children[0], scope, mode: 'load' });
          for (const c of n.children) if (c !== cls) todo.push(c);
          continue;
        }
        if (n.type === 'keyword_pattern') {
          const rest = n.children.filter((c) => c.named).slice(1);
          todo.push(...rest.map((r) => (r.type === 'dotted_name' ? { ...r, parent: { ...r, type: 'case_pattern' } as PyNode } : r)));
          continue;
        }
        if ((n.type === 'splat_pattern' || n.type === 'as_pattern') && n.children.some((c) => c.type === 'identifier')) {
          for (const c of n.children) {
            if (c.type === 'identifier' && text(c) !== '_') bind(scope, text(c), 'match', c, clause);
            else if (c.named) todo.push(c);
          }
          continue;
        }
        if (n.type === 'string' || n.type === 'integer' || n.type === 'float') continue;
        for (const c of n.children) if (c.named) todo.push(c);
      }
    }
  });

  function enclosingFn(scope: Scope): FunctionInfo | undefined {
    for (let s: Scope | null = scope; s; s = s.parent) if (s.fn) return s.fn;
    return undefined;
  }

  const ord = (b: { unit: number; node: PyNode }) => order(b.unit, b.node.start);

  function lookup(name: string, node: PyNode, unit: number): Binding | undefined {
    const start = scopeByNode.get(node);
    if (!start) return undefined;
    const at = order(unit, node.start);
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
        let latestBeforeOrd = -Infinity;
        let earliest: Binding | undefined;
        let earliestOrd = Infinity;
        let latest: Binding | undefined;
        let latestOrd = -Infinity;
        for (const b of list) {
          if (b.kind === 'del') continue;
          const o = ord(b);
          if (o < earliestOrd) (earliest = b), (earliestOrd = o);
          if (o > latestOrd) (latest = b), (latestOrd = o);
          // `ds = ds["train"].split()`: the right side reads the binding before this statement,
          // not the one the statement makes (its target sits earlier in the text).
          if (o < at && o > latestBeforeOrd && !(b.kind === 'assign' && b.unit === unit && b.node !== node && node.start >= b.stmt.start && node.end <= b.stmt.end)) {
            latestBefore = b;
            latestBeforeOrd = o;
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

  // Attach values of simple assignments to their bindings.
  for (const s of scopes) {
    for (const list of s.bindings.values()) {
      for (let i = 0; i < list.length; i++) {
        const b = list[i]!;
        const v = valueOf.get(b.node);
        if (v) list[i] = { ...b, value: v };
      }
    }
  }

  return {
    module,
    scopes,
    references,
    calls,
    functions,
    classes,
    scopeOf: (node) => scopeByNode.get(node),
    lookup,
    qualify: (expr, unit) => qualify(expr, unit),
    order,
  };
}


