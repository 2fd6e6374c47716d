/**
 * The per-cell pass: what does one cell (or one `.py` file) bind, read and call, on its own?
 *
 * A pure function of one parsed unit: its scopes, bindings, name reads, call sites, functions,
 * classes and imports. Positions are the unit's own node offsets; there is no unit index and no
 * module-level state, and records point at each other by index into the pass's own arrays. So
 * the same cell text gives a deep-equal pass in any notebook, and a pass can be kept and reused
 * while other cells change (python/program.ts keeps one per parsed unit). The notebook / module
 * join (semantics.ts) combines the passes of a program's units, top-down, into its
 * `SemanticModel`.
 *
 * Built in one iterative walk (no recursion on the tree, so 10,000-deep nesting cannot overflow
 * the stack). Module-level names of the cell bind in its top-level scope (index 0); `global x`
 * in a function binds there too (`viaGlobal`), because the module scope is the join's to share.
 */
import { tickBudget } from '../budget';
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

export interface Arguments {
  readonly positional: PyNode[];
  readonly keywords: Map<string, PyNode>;
  readonly hasStarArgs: boolean;
  readonly hasStarKwargs: boolean;
}

export interface DecoratorInfo {
  readonly node: PyNode;
  /** The decorator expression without its call (`app.task` of `@app.task(bind=True)`). */
  readonly target: PyNode;
  readonly call?: Arguments;
}

export interface UnitInput {
  root: PyNode;
  /** Extra names defined in this unit by IPython syntax (`x = !ls`, `%store -r x`). */
  magicBindings?: { name: string; node: PyNode }[] | undefined;
}

/** A scope of the cell. Index 0 is the cell's top level (its share of the module scope). */
export interface CellScope {
  readonly kind: ScopeKind;
  /** The node that opens the scope; null for the top level. */
  readonly node: PyNode | null;
  /** Index of the enclosing scope; -1 for the top level. */
  readonly parent: number;
  readonly bindings: Map<string, CellBinding[]>;
  readonly globals: Set<string>;
  readonly nonlocals: Set<string>;
  /** `from x import *` seen in this scope (names may come from anywhere). */
  readonly starImports: string[];
  /** Index of the function whose body this scope is. */
  readonly fn?: number;
}

export interface CellBinding {
  readonly name: string;
  readonly kind: BindingKind;
  /** The identifier (or import alias / dotted name) that binds. */
  readonly node: PyNode;
  /** Index of the scope the name binds in. */
  readonly scope: number;
  /** The statement that binds (assignment, import, def…). */
  readonly stmt: PyNode;
  /** Bound by code inside a function through `global` (runs only when the function is called). */
  readonly viaGlobal: boolean;
  /** Imports: the qualified name bound (`numpy`, `numpy.random.rand`). */
  readonly qualifiedName?: string;
  /** Simple assignments `name = value`: the value expression. */
  readonly value?: PyNode;
  /** `def`: index of the function record it binds. */
  readonly fn?: number;
  /** `class`: index of the class record it binds. */
  readonly cls?: number;
}

export interface CellReference {
  readonly name: string;
  readonly node: PyNode;
  readonly scope: number;
}

export interface CellCall extends Arguments {
  readonly node: PyNode;
  readonly callee: PyNode;
  readonly scope: number;
  /** Index of the innermost function the call is in, if any. */
  readonly fn?: number;
}

export interface CellFunction {
  readonly node: PyNode;
  readonly name: string;
  /** Index of the scope the function's body opens. */
  readonly scope: number;
  readonly parentScope: number;
  readonly decorators: DecoratorInfo[];
  readonly isAsync: boolean;
  /** Index of the class the function is a method of. */
  readonly cls?: number;
}

export interface CellClass {
  readonly node: PyNode;
  readonly name: string;
  readonly bases: PyNode[];
  readonly scope: number;
}

export interface CellPass {
  /** The unit's tree the pass walked (its nodes are the ones the records point at). */
  readonly root: PyNode;
  /** Scopes in the order the walk opens them; `scopes[0]` is the top level. */
  readonly scopes: CellScope[];
  /** Every name read, in walk order. */
  readonly references: CellReference[];
  readonly calls: CellCall[];
  readonly functions: CellFunction[];
  readonly classes: CellClass[];
  /** Import bindings (`import` / `from … import`), in walk order; star imports are on their scope. */
  readonly imports: CellBinding[];
  /** Index of the scope that directly contains a node, for nodes the walk visited. */
  readonly scopeOf: Map<PyNode, number>;
}

/** The argument passed by the first of `keywords` given, else at `position`; undefined if neither. */
export function argumentOf(call: Arguments, keywords: string | readonly string[] | undefined, position?: number): PyNode | undefined {
  for (const k of typeof keywords === 'string' ? [keywords] : (keywords ?? [])) {
    const v = call.keywords.get(k);
    if (v) return v;
  }
  return position !== undefined ? call.positional[position] : undefined;
}

export function argumentsOf(argList: PyNode | undefined): Arguments {
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
  scope: number;
  mode: Mode;
  kind?: BindingKind;
  stmt?: PyNode;
}

/** The per-cell pass of one unit (see the module comment). */
export function cellPass(input: UnitInput): CellPass {
  return new CellWalker(input).run();
}

/** The walk's state: the output arrays and the explicit stack of nodes still to visit. */
class CellWalker {
  private readonly scopes: CellScope[] = [];
  private readonly references: CellReference[] = [];
  private readonly calls: CellCall[] = [];
  private readonly functions: CellFunction[] = [];
  private readonly classes: CellClass[] = [];
  private readonly imports: CellBinding[] = [];
  private readonly scopeByNode = new Map<PyNode, number>();
  /** Class record of each class body scope (methods link to their class). */
  private readonly classOfScope = new Map<number, number>();
  /** Right-hand sides of `name = value`, keyed by the name node (set before the name binds). */
  private readonly valueOf = new Map<PyNode, PyNode>();
  private readonly stack: Task[] = [];

  constructor(private readonly input: UnitInput) {}

  run(): CellPass {
    this.newScope('module', null, -1);
    this.stack.push({ node: this.input.root, scope: 0, mode: 'load' });
    for (const m of this.input.magicBindings ?? []) this.bind(0, m.name, 'magic', m.node, m.node);
    while (this.stack.length) {
      tickBudget('building the semantic model');
      const task = this.stack.pop()!;
      this.scopeByNode.set(task.node, task.scope);
      if (task.mode !== 'load') this.visitTarget(task);
      else this.visit(task.node, task.scope);
    }
    const { scopes, references, calls, functions, classes, imports, scopeByNode } = this;
    return { root: this.input.root, scopes, references, calls, functions, classes, imports, scopeOf: scopeByNode };
  }

  private newScope(kind: ScopeKind, node: PyNode | null, parent: number, fn?: number): number {
    this.scopes.push({ kind, node, parent, bindings: new Map(), globals: new Set(), nonlocals: new Set(), starImports: [], ...(fn !== undefined ? { fn } : {}) });
    return this.scopes.length - 1;
  }

  private bind(scope: number, name: string, kind: BindingKind, node: PyNode, stmt: PyNode, extra: { qualifiedName?: string; fn?: number; cls?: number } = {}): void {
    let target = scope;
    let viaGlobal = false;
    if (this.scopes[scope]!.globals.has(name)) {
      target = 0;
      viaGlobal = scope !== 0;
    } else if (this.scopes[scope]!.kind === 'comprehension' && kind === 'walrus') {
      while (this.scopes[target]!.kind === 'comprehension' && this.scopes[target]!.parent >= 0) target = this.scopes[target]!.parent;
    }
    const value = this.valueOf.get(node);
    const b: CellBinding = { name, kind, node, scope: target, stmt, viaGlobal, ...extra, ...(value ? { value } : {}) };
    const bindings = this.scopes[target]!.bindings;
    const list = bindings.get(name);
    if (list) list.push(b);
    else bindings.set(name, [b]);
    if (kind === 'import' || kind === 'from-import') this.imports.push(b);
  }

  private push(node: PyNode | undefined, scope: number): void {
    if (node) this.stack.push({ node, scope, mode: 'load' });
  }

  private pushChildren(n: PyNode, scope: number, skip?: (c: PyNode) => boolean): void {
    for (let i = n.children.length - 1; i >= 0; i--) {
      const c = n.children[i]!;
      if (!c.named || (skip && skip(c))) continue;
      this.stack.push({ node: c, scope, mode: 'load' });
    }
  }

  /** Push a binding target: names bind, attributes and subscripts read their objects. */
  private pushTarget(n: PyNode | undefined, scope: number, kind: BindingKind, stmt: PyNode, mode: Mode = 'store'): void {
    if (n) this.stack.push({ node: n, scope, mode, kind, stmt });
  }

  private visitTarget(task: Task): void {
    const { node: n, scope } = task;
    switch (n.type) {
      case 'identifier':
        if (task.mode === 'del') this.bind(scope, text(n), 'del', n, task.stmt ?? n);
        else this.bind(scope, text(n), task.kind ?? 'assign', n, task.stmt ?? n);
        return;
      case 'attribute':
        this.push(field(n, 'object')!, scope);
        return;
      case 'subscript':
        this.pushChildren(n, scope);
        return;
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
        for (const c of n.children) if (c.named) this.stack.push({ ...task, node: c });
        return;
      default:
        this.push(n, scope);
    }
  }

  private visit(n: PyNode, scope: number): void {
    switch (n.type) {
      case 'identifier':
        this.references.push({ name: text(n), node: n, scope });
        return;
      case 'import_statement':
        return this.visitImport(n, scope);
      case 'import_from_statement':
      case 'future_import_statement':
        return this.visitFromImport(n, scope);
      case 'global_statement':
      case 'nonlocal_statement': {
        const s = this.scopes[scope]!;
        for (const c of n.children) if (c.type === 'identifier') (n.type === 'global_statement' ? s.globals : s.nonlocals).add(text(c));
        return;
      }
      case 'decorated_definition': {
        const def = field(n, 'definition');
        this.pushChildren(n, scope, (c) => c === def);
        this.push(def, scope);
        return;
      }
      case 'function_definition':
        return this.visitFunction(n, scope);
      case 'lambda': {
        const lamScope = this.newScope('lambda', n, scope);
        this.push(field(n, 'body'), lamScope);
        this.pushParameters(field(n, 'parameters'), scope, lamScope, n);
        return;
      }
      case 'class_definition':
        return this.visitClass(n, scope);
      case 'list_comprehension':
      case 'set_comprehension':
      case 'dictionary_comprehension':
      case 'generator_expression':
        return this.visitComprehension(n, scope);
      case 'assignment':
        return this.visitAssignment(n, scope);
      case 'augmented_assignment': {
        const left = field(n, 'left');
        if (left?.type === 'identifier') this.stack.push({ node: left, scope, mode: 'store', kind: 'augassign', stmt: statementOf(n) });
        this.push(left, scope);
        this.push(field(n, 'right'), scope);
        return;
      }
      case 'named_expression': {
        const name = field(n, 'name');
        if (name) this.stack.push({ node: name, scope, mode: 'store', kind: 'walrus', stmt: statementOf(n) });
        this.push(field(n, 'value'), scope);
        return;
      }
      case 'for_statement':
        this.push(field(n, 'alternative'), scope);
        this.push(field(n, 'body'), scope);
        this.pushTarget(field(n, 'left'), scope, 'for', n);
        this.push(field(n, 'right'), scope);
        return;
      case 'as_pattern': {
        // `with x as y`, `except E as e` (not match patterns: those go through case_pattern)
        const alias = field(n, 'alias');
        const kind: BindingKind = n.parent?.type === 'except_clause' ? 'except' : 'with';
        if (alias) this.pushTarget(alias, scope, kind, statementOf(n));
        this.push(n.children.find((c) => c.named && c !== alias), scope);
        return;
      }
      case 'except_clause': {
        // Older grammar shape: `except E as e` as sibling nodes.
        const asIdx = n.children.findIndex((c) => c.type === 'as');
        this.pushChildren(n, scope, (c) => asIdx >= 0 && n.children.indexOf(c) > asIdx && c.type === 'identifier');
        if (asIdx >= 0) for (const c of n.children.slice(asIdx + 1)) if (c.type === 'identifier') this.pushTarget(c, scope, 'except', n);
        return;
      }
      case 'delete_statement':
        for (const c of n.children) if (c.named) this.pushTarget(c, scope, 'del', n, 'del');
        return;
      case 'case_clause':
        this.pushChildren(n, scope, (c) => c.type === 'case_pattern');
        for (const p of n.children.filter((c) => c.type === 'case_pattern')) this.pushCapture(p, scope, n);
        return;
      case 'type_alias_statement':
        return this.visitTypeAlias(n, scope);
      case 'attribute':
        this.push(field(n, 'object'), scope);
        return;
      case 'keyword_argument':
        this.push(field(n, 'value'), scope);
        return;
      case 'call': {
        const callee = field(n, 'function');
        if (callee) {
          const fn = this.enclosingFn(scope);
          this.calls.push({ node: n, callee, scope, ...argumentsOf(field(n, 'arguments')), ...(fn !== undefined ? { fn } : {}) });
        }
        this.pushChildren(n, scope);
        return;
      }
      default:
        this.pushChildren(n, scope);
    }
  }

  private enclosingFn(scope: number): number | undefined {
    for (let s = scope; s >= 0; s = this.scopes[s]!.parent) {
      const fn = this.scopes[s]!.fn;
      if (fn !== undefined) return fn;
    }
    return undefined;
  }

  private visitImport(n: PyNode, scope: number): void {
    for (const c of fields(n, 'name')) {
      if (c.type === 'aliased_import') {
        const name = field(c, 'name');
        const alias = field(c, 'alias');
        if (name && alias) this.bind(scope, text(alias), 'import', alias, n, { qualifiedName: dottedName(name)! });
      } else {
        const dotted = dottedName(c)!;
        // `import a.b.c` binds `a`, which refers to package `a`.
        const head = dotted.split('.')[0]!;
        this.bind(scope, head, 'import', c.children[0] ?? c, n, { qualifiedName: head });
      }
    }
  }

  private visitFromImport(n: PyNode, scope: number): void {
    const modNode = field(n, 'module_name');
    const mod = n.type === 'future_import_statement' ? '__future__' : modNode ? text(modNode).replace(/\s+/g, '') : '';
    if (n.children.some((c) => c.type === 'wildcard_import')) {
      this.scopes[scope]!.starImports.push(mod);
      return;
    }
    for (const c of fields(n, 'name')) {
      if (c.type === 'aliased_import') {
        const name = field(c, 'name');
        const alias = field(c, 'alias');
        if (name && alias) this.bind(scope, text(alias), 'from-import', alias, n, { qualifiedName: joinModule(mod, dottedName(name)!) });
      } else {
        const name = dottedName(c)!;
        this.bind(scope, name, 'from-import', c, n, { qualifiedName: joinModule(mod, name) });
      }
    }
  }

  private visitFunction(n: PyNode, scope: number): void {
    const nameNode = field(n, 'name');
    const decoratorNodes = n.parent?.type === 'decorated_definition' ? n.parent.children.filter((c) => c.type === 'decorator') : [];
    const decorators: DecoratorInfo[] = decoratorNodes.map((d) => {
      const expr = d.children.find((c) => c.named)!;
      if (expr?.type === 'call') return { node: d, target: field(expr, 'function')!, call: argumentsOf(field(expr, 'arguments')) };
      return { node: d, target: expr ?? d };
    });
    const cls = this.scopes[scope]!.kind === 'class' ? this.classOfScope.get(scope) : undefined;
    const fn = this.functions.length;
    const fnScope = this.newScope('function', n, scope, fn);
    this.functions.push({
      node: n,
      name: nameNode ? text(nameNode) : '',
      scope: fnScope,
      parentScope: scope,
      decorators,
      isAsync: n.source.startsWith('async', n.start),
      ...(cls !== undefined ? { cls } : {}),
    });
    if (nameNode) this.bind(scope, text(nameNode), 'def', nameNode, n, { fn });
    this.push(field(n, 'body'), fnScope);
    // PEP 695 `def f[T](x: T) -> T`: T is visible to the annotations and the body.
    const typeParams = typeParameterNames(field(n, 'type_parameters'));
    for (const t of typeParams) this.bind(fnScope, text(t), 'param', t, n);
    const annotationScope = typeParams.length ? fnScope : scope;
    this.push(field(n, 'return_type'), annotationScope);
    this.pushParameters(field(n, 'parameters'), annotationScope, fnScope, n);
  }

  private visitClass(n: PyNode, scope: number): void {
    const nameNode = field(n, 'name');
    const clsScope = this.newScope('class', n, scope);
    const supers = field(n, 'superclasses');
    const bases = supers ? supers.children.filter((c) => c.named && c.type !== 'keyword_argument') : [];
    const cls = this.classes.length;
    this.classes.push({ node: n, name: nameNode ? text(nameNode) : '', bases, scope: clsScope });
    this.classOfScope.set(clsScope, cls);
    if (nameNode) this.bind(scope, text(nameNode), 'class', nameNode, n, { cls });
    this.push(field(n, 'body'), clsScope);
    // PEP 695 `class C[T](Base[T])`: T is visible to the bases and the body.
    const typeParams = typeParameterNames(field(n, 'type_parameters'));
    for (const t of typeParams) this.bind(clsScope, text(t), 'param', t, n);
    this.push(supers, typeParams.length ? clsScope : scope);
  }

  private visitComprehension(n: PyNode, scope: number): void {
    const compScope = this.newScope('comprehension', n, scope);
    const clauses = n.children.filter((c) => c.type === 'for_in_clause' || c.type === 'if_clause');
    // Evaluated in order: first iterable in the enclosing scope, then clauses, then body.
    this.push(field(n, 'body'), compScope);
    for (let i = clauses.length - 1; i >= 0; i--) {
      const c = clauses[i]!;
      if (c.type === 'if_clause') {
        this.pushChildren(c, compScope);
        continue;
      }
      for (const r of fields(c, 'right').reverse()) this.push(r, i === 0 ? scope : compScope);
      for (const l of fields(c, 'left')) this.pushTarget(l, compScope, 'for', c);
    }
  }

  private visitAssignment(n: PyNode, scope: number): void {
    const left = field(n, 'left');
    const right = field(n, 'right');
    // Evaluation order: right side first, then the targets.
    if (left && right) {
      if (left.type === 'identifier') {
        this.stack.push({ node: left, scope, mode: 'store', kind: 'assign', stmt: statementOf(n) });
        // keep the value for simple `name = value` (bind() attaches it when the name binds)
        this.valueOf.set(left, right.type === 'assignment' ? (field(right, 'right') ?? right) : right);
      } else this.pushTarget(left, scope, 'assign', statementOf(n));
    }
    this.push(field(n, 'type'), scope);
    this.push(right, scope);
  }

  private visitTypeAlias(n: PyNode, scope: number): void {
    // `type Alias[V] = list[V]`: binds Alias here; V lives in the alias's own scope.
    const left = field(n, 'left');
    const generic = left?.children.find((c) => c.type === 'generic_type' || c.type === 'identifier');
    const nameNode = generic?.type === 'identifier' ? generic : generic?.children.find((c) => c.type === 'identifier');
    if (nameNode) this.bind(scope, text(nameNode), 'assign', nameNode, n);
    const aliasScope = this.newScope('lambda', n, scope);
    for (const t of typeParameterNames(generic?.children.find((c) => c.type === 'type_parameter'))) this.bind(aliasScope, text(t), 'param', t, n);
    this.push(field(n, 'right'), aliasScope);
  }

  private pushParameters(params: PyNode | undefined, outer: number, inner: number, def: PyNode): void {
    for (const p of params?.children ?? []) {
      if (!p.named) continue;
      switch (p.type) {
        case 'identifier':
          this.bind(inner, text(p), 'param', p, def);
          break;
        case 'typed_parameter':
        case 'list_splat_pattern':
        case 'dictionary_splat_pattern': {
          const id = p.children.find((c) => c.type === 'identifier') ?? p.children.find((c) => c.named)?.children.find((c) => c.type === 'identifier');
          if (id) this.bind(inner, text(id), 'param', id, def);
          this.push(field(p, 'type'), outer);
          break;
        }
        case 'default_parameter':
        case 'typed_default_parameter': {
          const name = field(p, 'name');
          if (name && name.type === 'identifier') this.bind(inner, text(name), 'param', name, def);
          this.push(field(p, 'value'), outer);
          this.push(field(p, 'type'), outer);
          break;
        }
        default:
          break;
      }
    }
  }

  /** Capture names in match patterns: a bare name binds; dotted names and class names read. */
  private pushCapture(p: PyNode, scope: number, clause: PyNode): void {
    const todo: PyNode[] = [p];
    while (todo.length) {
      const n = todo.pop()!;
      if (n.type === 'dotted_name') {
        const ids = n.children.filter((c) => c.type === 'identifier');
        const only = ids[0];
        if (ids.length === 1 && only && n.parent?.type === 'case_pattern' && text(only) !== '_') this.bind(scope, text(only), 'match', only, clause);
        else this.push(ids[0], scope);
        continue;
      }
      if (n.type === 'class_pattern') {
        const cls = n.children.find((c) => c.type === 'dotted_name');
        this.push(cls?.children[0], scope);
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
          if (c.type === 'identifier' && text(c) !== '_') this.bind(scope, text(c), 'match', c, clause);
          else if (c.named) todo.push(c);
        }
        continue;
      }
      if (n.type === 'string' || n.type === 'integer' || n.type === 'float') continue;
      for (const c of n.children) if (c.named) todo.push(c);
    }
  }
}
