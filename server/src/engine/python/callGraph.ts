/**
 * The call graph of one program: which of the program's own functions a call runs, who calls a
 * function, and facts about functions computed over the graph to a fixpoint (summaries). The
 * one answer to "what does this call reach"; rule families do not build their own.
 *
 *   callGraphOf(program)          the graph (a derived fact of the program: built once)
 *   graph.callees(call)           the functions a call may run, each with how it was resolved
 *   graph.callers(fn)             the calls that may run a function
 *   graph.callsIn(fn)             the calls directly in a function's body (undefined: top level)
 *   graph.functionNamed(expr)     the function a reference names (`fn`, `self.method`), for
 *                                 callables handed to frameworks rather than called
 *   graph.external(call)          the qualified name of a callee defined elsewhere (an import)
 *   graph.implementations(fn)     the methods a Protocol / abstract method may run (the
 *                                 program's classes deriving from its class); summaries join them
 *   summarize(graph, spec)        a per-function fact joined over callees, to a fixpoint
 *   functionKey(fn)               a function's name inside its module (`Client.notify`,
 *                                 `outer.<locals>.inner`), the key other modules join on
 *
 * Edges say how they were found, so a family can choose its certainty: `direct` (a name bound
 * by `def`), `constructor` (a class called: its `__init__`), `self` (`self.m()` / `cls.m()` in a
 * method), `instance` (`x.m()` where `x = Cls(…)` or `x` is the class), `dispatch` (a call
 * through a table of functions, `HANDLERS[name](…)` / `HANDLERS.get(name)(…)` with `HANDLERS =
 * {"refund": refund, …}`: any of them may run), `by-name` (a function reached by a name the code
 * spells as a known set of strings, ./byName.ts: `getattr(self, name)(…)` with `name` a literal,
 * a loop over literal names, a `Literal[…]` parameter or `f"handle_{kind}"` matched against the
 * class's methods; `globals()[name](…)`; and method-name routing, `toolkit.run("create_refund",
 * args)` where `run` calls `getattr(self, name)(**args)` or `TABLE[name](…)`: the edge goes from
 * the routing call to the one function its literal names), and `unique-method`
 * (`obj.m()` on an object nothing types, when exactly one class of the program defines `m`: a
 * guess, which only families that tolerate it follow).
 *
 * Joining modules: a summary spec may answer for external callees (`external(name)`), so a
 * project-wide pass can feed one module's exported summaries (keyed by module + functionKey)
 * into another's.
 */
import { derived, derivedKey } from '../derived';
import type { PythonProgram } from './program';
import { nameMatches, possibleNames, type NameChoice } from './byName';
import { originOf, valueOf } from './resolve';
import type { CallSite, ClassInfo, FunctionInfo, Scope } from './semantics';
import { field, parameterNames, stringValue, text, type PyNode } from './syntax';
import { qualifiedName } from './resolve';

export type EdgeKind = 'direct' | 'constructor' | 'self' | 'instance' | 'dispatch' | 'by-name' | 'unique-method';

export interface Callee {
  readonly fn: FunctionInfo;
  readonly kind: EdgeKind;
}

/** Edge kinds that follow what the code says (everything but the unique-method guess). */
export const CERTAIN_EDGES: ReadonlySet<EdgeKind> = new Set(['direct', 'constructor', 'self', 'instance', 'dispatch', 'by-name']);

export interface CallGraph {
  readonly program: PythonProgram;
  callees(call: CallSite): readonly Callee[];
  callers(fn: FunctionInfo, kinds?: ReadonlySet<EdgeKind>): readonly CallSite[];
  callsIn(fn: FunctionInfo | undefined): readonly CallSite[];
  functionNamed(expr: PyNode, unit: number): FunctionInfo | undefined;
  external(call: CallSite): string | undefined;
  /**
   * The methods that may run when `fn`, a method of a Protocol or abstract class (`class
   * Calendar(Protocol)`, `class Store(ABC)`, `metaclass=ABCMeta`), is called: the same-named
   * methods of the program's classes that derive from it. Empty for other functions.
   */
  implementations(fn: FunctionInfo): readonly FunctionInfo[];
}

/** Bases that make a class an interface whose methods run in the classes deriving from it. */
const ABSTRACT_BASES: ReadonlySet<string> = new Set(['typing.Protocol', 'typing_extensions.Protocol', 'abc.ABC']);
const ABSTRACT_METACLASSES: ReadonlySet<string> = new Set(['abc.ABCMeta']);

const CALL_GRAPH = derivedKey<CallGraph>('python.callGraph');

export function callGraphOf(program: PythonProgram): CallGraph {
  return derived(program, CALL_GRAPH, buildGraph);
}

function buildGraph(program: PythonProgram): CallGraph {
  const sem = program.semantics;
  const fnByNode = new Map<PyNode, FunctionInfo>();
  const classByNode = new Map<PyNode, ClassInfo>();
  const methods = new Map<ClassInfo, Map<string, FunctionInfo>>();
  const methodsByName = new Map<string, FunctionInfo[]>();
  for (const f of sem.functions) {
    fnByNode.set(f.node, f);
    if (!f.cls) continue;
    const own = methods.get(f.cls) ?? new Map<string, FunctionInfo>();
    if (!own.has(f.name)) own.set(f.name, f);
    methods.set(f.cls, own);
    methodsByName.set(f.name, [...(methodsByName.get(f.name) ?? []), f]);
  }
  for (const c of sem.classes) classByNode.set(c.node, c);
  const callsIn = new Map<FunctionInfo | undefined, CallSite[]>();
  for (const call of sem.calls) {
    const list = callsIn.get(call.fn);
    if (list) list.push(call);
    else callsIn.set(call.fn, [call]);
  }

  const methodOf = (cls: ClassInfo | undefined, name: string) => (cls ? methods.get(cls)?.get(name) : undefined);

  /** The class whose method binds `self`/`cls` at this read. */
  const classOfSelf = (obj: PyNode, unit: number): ClassInfo | undefined => {
    const name = text(obj);
    if (name !== 'self' && name !== 'cls') return undefined;
    const b = sem.lookup(name, obj, unit);
    return b?.kind === 'param' ? fnByNode.get(b.stmt)?.cls : undefined;
  };

  /** `Cls` (the class itself) or `x` bound to `Cls(…)`: the class. */
  const classOfValue = (expr: PyNode, unit: number): ClassInfo | undefined => {
    if (expr.type !== 'identifier') return undefined;
    const b = sem.lookup(text(expr), expr, unit);
    if (!b) return undefined;
    if (b.kind === 'class') return classByNode.get(b.stmt);
    if (b.value?.type === 'call') {
      const callee = field(b.value, 'function');
      if (callee?.type === 'identifier') {
        const cb = sem.lookup(text(callee), callee, b.unit);
        if (cb?.kind === 'class') return classByNode.get(cb.stmt);
      }
    }
    return undefined;
  };

  /**
   * The program's class an instance comes from, as the resolver traces it (`self.store` set to
   * `MemoryStore()` in `__init__`, a parameter annotated `store: MemoryStore`): only when exactly
   * one class of the program has that name.
   */
  const classOfOrigin = (expr: PyNode, unit: number): ClassInfo | undefined => {
    const origin = originOf(program, expr, unit);
    const m = origin?.match(/^([A-Za-z_]\w*)\(\)$/);
    if (!m) return undefined;
    const named = sem.classes.filter((c) => c.name === m[1]);
    return named.length === 1 ? named[0] : undefined;
  };

  /** `table[key](…)` or `table.get(key)(…)` over a dict literal of functions: each function. */
  const dispatchTable = (callee: PyNode, unit: number): Callee[] | undefined => {
    const table = tableLookup(callee)?.table;
    if (!table) return undefined;
    const { node: dict, unit: at } = valueOf(program, table, unit);
    if (dict.type !== 'dictionary') return undefined;
    const out: Callee[] = [];
    for (const pair of dict.children) {
      const value = pair.type === 'pair' ? field(pair, 'value') : undefined;
      const f = value ? functionNamed(value, at) : undefined;
      if (f && !out.some((e) => e.fn === f)) out.push({ fn: f, kind: 'dispatch' });
    }
    return out.length ? out : undefined;
  };

  const isImported = (expr: PyNode, unit: number): boolean => {
    let base = expr;
    while (base.type === 'attribute') base = field(base, 'object') ?? base;
    if (base.type !== 'identifier') return false;
    return !!sem.lookup(text(base), base, unit)?.qualifiedName;
  };

  /** A receiver the resolver types as an instance of an imported class (`ctx.userdata.cal` → `calendar_api.Calendar()`): no guess. */
  // An instance of an imported class, or an attribute of one (`common.Userdata().db`): what it
  // holds is the other module's to say, never a same-named method of this file.
  const importedType = (expr: PyNode, unit: number): boolean => /^[A-Za-z_][\w]*\.[\w.]*\(\)(\.[A-Za-z_]\w*)*$/.test(originOf(program, expr, unit) ?? '');

  const functionNamed = (expr: PyNode, unit: number): FunctionInfo | undefined => {
    if (expr.type === 'identifier') {
      const b = sem.lookup(text(expr), expr, unit);
      return b?.kind === 'def' ? fnByNode.get(b.stmt) : undefined;
    }
    if (expr.type === 'attribute') {
      const obj = field(expr, 'object');
      const attr = field(expr, 'attribute');
      if (obj?.type !== 'identifier' || !attr) return undefined;
      return methodOf(classOfSelf(obj, unit), text(attr));
    }
    return undefined;
  };

  // -------------------------------------------------------------------------------------------
  // Functions reached by name (./byName.ts says which names an expression can be)

  /** `getattr(obj, name)` or `getattr(obj, name, default)`, with the builtin `getattr`. */
  const getattrCall = (expr: PyNode, unit: number): { obj: PyNode; name: PyNode } | undefined => {
    if (expr.type !== 'call') return undefined;
    const fn = field(expr, 'function');
    if (fn?.type !== 'identifier' || text(fn) !== 'getattr' || sem.lookup('getattr', fn, unit)) return undefined;
    const args = field(expr, 'arguments')?.children.filter((c) => c.named && c.type !== 'comment') ?? [];
    if (args.length < 2 || args.length > 3 || args.some((a) => a.type === 'keyword_argument' || a.type.endsWith('splat'))) return undefined;
    return { obj: args[0]!, name: args[1]! };
  };

  /** `globals()[name]` / `globals().get(name)`: the name looked up among the module's functions. */
  const globalsLookup = (expr: PyNode, unit: number): PyNode | undefined => {
    const isGlobals = (n: PyNode | undefined) => {
      const f = n?.type === 'call' ? field(n, 'function') : undefined;
      return f?.type === 'identifier' && text(f) === 'globals' && !sem.lookup('globals', f, unit);
    };
    if (expr.type === 'subscript') return isGlobals(field(expr, 'value')) ? field(expr, 'subscript') : undefined;
    const fn = expr.type === 'call' ? field(expr, 'function') : undefined;
    if (fn?.type !== 'attribute' || text(field(fn, 'attribute') ?? fn) !== 'get' || !isGlobals(field(fn, 'object'))) return undefined;
    return field(expr, 'arguments')?.children.find((c) => c.named);
  };

  const moduleFunctions = (): FunctionInfo[] => sem.functions.filter((f) => !f.cls && f.parentScope.kind === 'module');
  const classMethods = (cls: ClassInfo): FunctionInfo[] => [...(methods.get(cls)?.values() ?? [])];
  const named = (fns: readonly FunctionInfo[], names: readonly NameChoice[]): Callee[] => fns.filter((f) => nameMatches(names, f.name)).map((fn) => ({ fn, kind: 'by-name' as const }));

  /** `getattr(self, name)(…)`, `getattr(obj, f"on_{kind}")(…)`, `globals()[name](…)` over known names. */
  const byName = (callee: PyNode, unit: number): Callee[] | undefined => {
    const ga = getattrCall(callee, unit);
    if (ga) {
      const cls = (ga.obj.type === 'identifier' ? classOfSelf(ga.obj, unit) : undefined) ?? classOfValue(ga.obj, unit) ?? classOfOrigin(ga.obj, unit);
      const names = cls ? possibleNames(program, ga.name, unit) : undefined;
      const out = cls && names ? named(classMethods(cls), names) : [];
      return out.length ? out : undefined;
    }
    const key = globalsLookup(callee, unit);
    const names = key ? possibleNames(program, key, unit) : undefined;
    const out = names ? named(moduleFunctions(), names) : [];
    return out.length ? out : undefined;
  };

  /**
   * Parameters that name the function a function runs (`def run(self, name, args): return
   * getattr(self, name)(**args)`, `TOOLS[name](args)`), each with the functions a name picks.
   */
  type Route = { readonly param: string; readonly index: number; readonly pick: (names: readonly NameChoice[]) => Callee[] };
  const routeMemo = new Map<FunctionInfo, Route[]>();
  const routesOf = (fn: FunctionInfo): Route[] => {
    let routes = routeMemo.get(fn);
    if (routes) return routes;
    routes = [];
    routeMemo.set(fn, routes);
    const params = parameterNames(fn.node);
    const paramOf = (n: PyNode | undefined, unit: number): string | undefined => {
      if (n?.type !== 'identifier') return undefined;
      const b = sem.lookup(text(n), n, unit);
      return b?.kind === 'param' && b.stmt === fn.node ? text(n) : undefined;
    };
    for (const call of callsIn.get(fn) ?? []) {
      const callee = aliased(call.callee, call.unit);
      const ga = getattrCall(callee, call.unit);
      const cls = fn.cls;
      const viaGetattr = ga && cls && ga.obj.type === 'identifier' && classOfSelf(ga.obj, call.unit) === cls ? paramOf(ga.name, call.unit) : undefined;
      if (viaGetattr && cls) routes.push({ param: viaGetattr, index: params.indexOf(viaGetattr), pick: (names) => named(classMethods(cls), names) });
      const lookup = tableLookup(callee);
      const viaTable = lookup ? paramOf(lookup.key, call.unit) : undefined;
      if (lookup && viaTable) {
        const { node: dict, unit: at } = valueOf(program, lookup.table, call.unit);
        if (dict.type !== 'dictionary') continue;
        routes.push({
          param: viaTable,
          index: params.indexOf(viaTable),
          pick: (names) =>
            dict.children.flatMap((pair) => {
              const key = pair.type === 'pair' ? stringValue(field(pair, 'key')) : undefined;
              const value = pair.type === 'pair' ? field(pair, 'value') : undefined;
              const f = key !== undefined && value && nameMatches(names, key) ? functionNamed(value, at) : undefined;
              return f ? [{ fn: f, kind: 'by-name' as const }] : [];
            }),
        });
      }
    }
    return routes;
  };

  /** A call of a routing function with literal names: the functions those names pick. */
  const routed = (call: CallSite, target: Callee): Callee[] => {
    const routes = routesOf(target.fn);
    if (!routes.length) return [];
    // A method called on an instance or on self gets `self` implicitly.
    const bound = target.fn.cls && (target.kind === 'self' || target.kind === 'instance') && !target.fn.decorators.some((d) => text(d.target) === 'staticmethod') ? 1 : 0;
    const out: Callee[] = [];
    for (const r of routes) {
      const arg = call.keywords.get(r.param) ?? (r.index >= bound ? call.positional[r.index - bound] : undefined);
      const names = arg ? possibleNames(program, arg, call.unit) : undefined;
      for (const e of names ? r.pick(names) : []) if (!out.some((o) => o.fn === e.fn)) out.push(e);
    }
    return out;
  };

  /** `handler = getattr(self, name)` / `handler = TABLE[name]`, then `handler(…)`: the looked-up expression. */
  const aliased = (callee: PyNode, unit: number): PyNode => {
    if (callee.type !== 'identifier') return callee;
    const b = sem.lookup(text(callee), callee, unit);
    return (b?.kind === 'assign' || b?.kind === 'walrus') && b.value && (b.value.type === 'call' || b.value.type === 'subscript') ? b.value : callee;
  };

  const resolveCall = (call: CallSite): Callee[] => {
    const direct = resolveDirect(call);
    const routes = direct.filter((e) => e.kind !== 'unique-method').flatMap((e) => routed(call, e));
    return routes.length ? [...direct, ...routes.filter((r) => !direct.some((d) => d.fn === r.fn))] : direct;
  };

  const resolveDirect = (call: CallSite): Callee[] => {
    const callee = call.callee;
    if (callee.type === 'identifier') {
      const b = sem.lookup(text(callee), callee, call.unit);
      if (b?.kind === 'def') {
        const f = fnByNode.get(b.stmt);
        return f ? [{ fn: f, kind: 'direct' }] : [];
      }
      if (b?.kind === 'class') {
        const init = methodOf(classByNode.get(b.stmt), '__init__');
        return init ? [{ fn: init, kind: 'constructor' }] : [];
      }
      const alias = aliased(callee, call.unit);
      if (alias !== callee) return dispatchTable(alias, b!.unit) ?? byName(alias, b!.unit) ?? [];
      return [];
    }
    const table = dispatchTable(callee, call.unit) ?? byName(callee, call.unit);
    if (table) return table;
    if (callee.type !== 'attribute') return [];
    const obj = field(callee, 'object');
    const attr = field(callee, 'attribute');
    if (!obj || !attr) return [];
    const name = text(attr);
    const own = obj.type === 'identifier' ? methodOf(classOfSelf(obj, call.unit), name) : undefined;
    if (own) return [{ fn: own, kind: 'self' }];
    const cls = classOfValue(obj, call.unit) ?? classOfOrigin(obj, call.unit);
    if (cls) {
      const m = methodOf(cls, name);
      return m ? [{ fn: m, kind: 'instance' }] : [];
    }
    const candidates = methodsByName.get(name) ?? [];
    if (candidates.length === 1 && !isImported(obj, call.unit) && !importedType(obj, call.unit)) return [{ fn: candidates[0]!, kind: 'unique-method' }];
    return [];
  };

  const calleeCache = new Map<CallSite, Callee[]>();
  const callees = (call: CallSite): Callee[] => {
    let c = calleeCache.get(call);
    if (!c) calleeCache.set(call, (c = resolveCall(call)));
    return c;
  };

  let callerIndex: Map<FunctionInfo, { call: CallSite; kind: EdgeKind }[]> | undefined;
  const callers = (fn: FunctionInfo, kinds?: ReadonlySet<EdgeKind>): CallSite[] => {
    if (!callerIndex) {
      callerIndex = new Map();
      for (const call of sem.calls) {
        for (const e of callees(call)) {
          const list = callerIndex.get(e.fn);
          if (list) list.push({ call, kind: e.kind });
          else callerIndex.set(e.fn, [{ call, kind: e.kind }]);
        }
      }
    }
    return (callerIndex.get(fn) ?? []).filter((e) => !kinds || kinds.has(e.kind)).map((e) => e.call);
  };

  /** A base expression (`Base`, `Base[T]`) as the program's class it names, if any. */
  const localBase = (b: PyNode, unit: number): ClassInfo | undefined => {
    const n = b.type === 'subscript' ? field(b, 'value') : b;
    if (n?.type !== 'identifier') return undefined;
    const lb = sem.lookup(text(n), n, unit);
    return lb?.kind === 'class' ? classByNode.get(lb.stmt) : undefined;
  };
  const isAbstract = (cls: ClassInfo): boolean => {
    const q = (n: PyNode | undefined) => (n ? qualifiedName(program, n.type === 'subscript' ? (field(n, 'value') ?? n) : n, cls.unit) : undefined);
    if (cls.bases.some((b) => ABSTRACT_BASES.has(q(b) ?? ''))) return true;
    const supers = field(cls.node, 'superclasses');
    return !!supers?.children.some((k) => k.type === 'keyword_argument' && text(field(k, 'name') ?? k) === 'metaclass' && ABSTRACT_METACLASSES.has(q(field(k, 'value')) ?? ''));
  };
  /** Does `cls` derive (through the program's classes) from `ancestor`? */
  const derivesFrom = (cls: ClassInfo, ancestor: ClassInfo, seen = new Set<ClassInfo>()): boolean => {
    if (seen.has(cls)) return false;
    seen.add(cls);
    return cls.bases.some((b) => {
      const base = localBase(b, cls.unit);
      return !!base && (base === ancestor || derivesFrom(base, ancestor, seen));
    });
  };
  const implementationMemo = new Map<FunctionInfo, FunctionInfo[]>();
  const implementations = (fn: FunctionInfo): FunctionInfo[] => {
    let out = implementationMemo.get(fn);
    if (out) return out;
    out = [];
    const cls = fn.cls;
    if (cls && isAbstract(cls)) {
      for (const other of sem.classes) {
        const m = other !== cls ? methodOf(other, fn.name) : undefined;
        if (m && derivesFrom(other, cls)) out.push(m);
      }
    }
    implementationMemo.set(fn, out);
    return out;
  };

  return {
    program,
    implementations,
    callees,
    callers,
    callsIn: (fn) => callsIn.get(fn) ?? [],
    functionNamed,
    external: (call) => (callees(call).length ? undefined : externalName(program, call)),
  };
}

/**
 * Qualified name of a callee defined outside the program: one an import binds
 * (`helpers.send_mail`), or a method of an instance of an imported class (`store.add(…)` with
 * `store = app.memory.MemoryStore()` → `app.memory.MemoryStore.add`). Undefined otherwise.
 */
/** `table[key]` or `table.get(key, …)`: the table and the key expression. */
function tableLookup(expr: PyNode): { table: PyNode; key: PyNode | undefined } | undefined {
  if (expr.type === 'subscript') {
    const table = field(expr, 'value');
    return table ? { table, key: field(expr, 'subscript') } : undefined;
  }
  const fn = expr.type === 'call' ? field(expr, 'function') : undefined;
  if (fn?.type !== 'attribute' || text(field(fn, 'attribute') ?? fn) !== 'get') return undefined;
  const table = field(fn, 'object');
  return table ? { table, key: field(expr, 'arguments')?.children.find((c) => c.named) } : undefined;
}

function externalName(program: PythonProgram, call: CallSite): string | undefined {
  if (call.callee.type === 'attribute') {
    const obj = field(call.callee, 'object');
    const attr = field(call.callee, 'attribute');
    const origin = obj ? originOf(program, obj, call.unit) : undefined;
    // `pkg.mod.Class()`: an instance of an imported class. Only imports give the resolver a
    // dotted name (unknown receivers are `?.…`, local classes bare names). An attribute of
    // such an instance (`common.Userdata().db`) stays a chain, for the project's modules to
    // answer (resolve.ts `projectCallee`).
    const m = origin?.match(/^([A-Za-z_.][\w.]*)\(\)((?:\.[A-Za-z_]\w*)*)$/);
    if (m && attr && m[1]!.includes('.')) return m[2] ? `${m[1]}()${m[2]}.${text(attr)}` : `${m[1]}.${text(attr)}`;
  }
  let base = call.callee;
  while (base.type === 'attribute') base = field(base, 'object') ?? base;
  if (base.type !== 'identifier') return undefined;
  const b = program.semantics.lookup(text(base), base, call.unit);
  if (!b?.qualifiedName) return undefined;
  return qualifiedName(program, call.callee, call.unit);
}

/**
 * Do the chains of calls that lead to `fn` start at module level (code the file runs when it
 * runs)? `'some'`: at least one chain does — running the file runs `fn`. `'every'`: `fn` has
 * callers and every chain does — `fn` runs only as part of the file's own run (a function
 * nothing in the file calls may be called from elsewhere). Chains through cycles start nowhere.
 */
export function calledFromModuleLevel(graph: CallGraph, fn: FunctionInfo, quantifier: 'some' | 'every', kinds?: ReadonlySet<EdgeKind>): boolean {
  const memo = new Map<FunctionInfo, boolean | undefined>();
  const decide = (f: FunctionInfo): boolean => {
    if (memo.has(f)) return memo.get(f) ?? false; // undefined: being decided (a cycle)
    memo.set(f, undefined);
    const callers = graph.callers(f, kinds);
    const starts = (c: CallSite) => !c.fn || decide(c.fn);
    const result = quantifier === 'some' ? callers.some(starts) : callers.length > 0 && callers.every(starts);
    memo.set(f, result);
    return result;
  };
  return decide(fn);
}

/** The function enclosing a function (its def sits in that function's body), if any. */
export function enclosingFunction(f: FunctionInfo): FunctionInfo | undefined {
  for (let s: Scope | null = f.parentScope; s; s = s.parent) if (s.fn) return s.fn;
  return undefined;
}

/** A function's name inside its module, as Python's `__qualname__` spells it. */
export function functionKey(fn: FunctionInfo): string {
  const parts: string[] = [];
  for (let f: FunctionInfo | undefined = fn; f; f = enclosingFunction(f)) {
    parts.unshift(f.cls ? `${f.cls.name}.${f.name}` : f.name);
    if (enclosingFunction(f)) parts.unshift('<locals>');
  }
  return parts.join('.');
}

export interface SummarySpec<T> {
  /** What a function does by itself (its own calls, statements…). */
  local(fn: FunctionInfo): T;
  /** What a call adds to its function beyond its callees' summaries (default: nothing). */
  atCall?(call: CallSite): T | undefined;
  join(a: T, b: T): T;
  equals(a: T, b: T): boolean;
  /**
   * What a callee's summary means at one call (default: all of it). A fact about the callee's
   * own `self` holds for the caller only when the caller passes its own state as receiver.
   */
  through?(call: CallSite, calleeSummary: T): T | undefined;
  /** Edges to follow (default: every edge). */
  follow?: ReadonlySet<EdgeKind>;
  /** Summaries of callees defined in other modules, by qualified name (project-wide joins). */
  external?(qualifiedName: string): T | undefined;
  /**
   * Join a Protocol / abstract method's summary with its implementations' (graph.implementations):
   * a call on an interface-typed receiver may run any of them (default: true).
   */
  implementations?: boolean;
}

/**
 * Summary of every function: its local fact joined with its callees' summaries, iterated to a
 * fixpoint. Recursion (direct or mutual) converges because `join` only grows a summary; a cap on
 * rounds guards against a spec whose join does not.
 */
export function summarize<T>(graph: CallGraph, spec: SummarySpec<T>): Map<FunctionInfo, T> {
  const fns = graph.program.semantics.functions;
  const out = new Map<FunctionInfo, T>(fns.map((f) => [f, spec.local(f)]));
  const queue = [...fns];
  const queued = new Set(fns);
  const maxSteps = Math.max(1000, fns.length * 64);
  // Interface methods, by the implementations whose summaries they join.
  const implemented = new Map<FunctionInfo, FunctionInfo[]>();
  if (spec.implementations !== false) {
    for (const f of fns) for (const impl of graph.implementations(f)) implemented.set(impl, [...(implemented.get(impl) ?? []), f]);
  }
  const enqueue = (f: FunctionInfo) => {
    if (queued.has(f)) return;
    queue.push(f);
    queued.add(f);
  };
  for (let steps = 0; queue.length && steps < maxSteps; steps++) {
    const fn = queue.shift()!;
    queued.delete(fn);
    let value = spec.local(fn);
    for (const call of graph.callsIn(fn)) {
      const extra = callFact(graph, spec, out, call);
      if (extra !== undefined) value = spec.join(value, extra);
    }
    if (spec.implementations !== false) for (const impl of graph.implementations(fn)) value = spec.join(value, out.get(impl)!);
    if (spec.equals(value, out.get(fn)!)) continue;
    out.set(fn, value);
    for (const caller of graph.callers(fn, spec.follow)) if (caller.fn) enqueue(caller.fn);
    for (const iface of implemented.get(fn) ?? []) enqueue(iface);
  }
  return out;
}

/** What one call contributes, given the summaries so far: its own fact and its callees'. */
export function callFact<T>(graph: CallGraph, spec: SummarySpec<T>, summaries: ReadonlyMap<FunctionInfo, T>, call: CallSite): T | undefined {
  let value = spec.atCall?.(call);
  for (const e of graph.callees(call)) {
    if (spec.follow && !spec.follow.has(e.kind)) continue;
    const raw = summaries.get(e.fn);
    const s = raw !== undefined && spec.through ? spec.through(call, raw) : raw;
    if (s !== undefined) value = value === undefined ? s : spec.join(value, s);
  }
  const ext = spec.external ? graph.external(call) : undefined;
  const outside = ext ? spec.external!(ext) : undefined;
  const fromOutside = outside !== undefined && spec.through ? spec.through(call, outside) : outside;
  if (fromOutside !== undefined) value = value === undefined ? fromOutside : spec.join(value, fromOutside);
  return value;
}
