/**
 * Places that run again: code that executes more than once for one logical request or run
 * (TAXONOMY I-effect). Retry decorators and retry loops, HTTP adapters that retry POST, agent
 * tools, task and workflow steps, queue consumers, request handlers, and the top level of
 * notebook cells (people press "Run All").
 *
 * Which decorators, base classes and registration calls make a place is DATA
 * (catalogues/rerunPlaces.ts); this module only matches it against a program.
 *
 * API (small on purpose; other rule families import it):
 *   findRerunPlaces(program)          every place, in program order
 *   placeOf(program, call)            the innermost place that runs the call again, following
 *                                     same-file helper calls at any depth (`via` names
 *                                     the call of the helper that sits in the place)
 *   placeAt(program, unit, node)      the same for any node
 * Catalogue patterns are matched with ./patterns (the one dialect of every catalogue); what an
 * expression is comes from ./resolve, what a call reaches from ./callGraph.
 * Results are a derived fact of the program (../derived.ts), so every rule may call these freely.
 */
import {
  BASE_CLASS_PLACES,
  CONSUMER_LOOPS,
  DECORATOR_PLACES,
  LOOP_RERUN,
  NAMED_FUNCTION_PLACES,
  REGISTRATION_PLACES,
  RETRY_LOOP,
  RETRYING_ADAPTERS,
  type RerunPlaceKind,
  type RerunText,
  type RetryCount,
} from '../catalogues/rerunPlaces';
import { derived, derivedKey } from '../derived';
import { callGraphOf, type EdgeKind } from './callGraph';
import { bestMatch, matchesName, namesReceiver } from './patterns';
import type { PythonProgram } from './program';
import { elementsOf, originOf, valueOf } from './resolve';
import { nodesOfTypes } from './nodeIndex';
import { rerunsOnlyOnException, retryCountOf, rerunText } from './rerunText';
import type { Arguments, Binding, CallSite, FunctionInfo } from './semantics';
import { field, parameterNames, stringValue, text, walk, type PyNode } from './syntax';

export type { RerunPlaceKind } from '../catalogues/rerunPlaces';

export interface RerunPlace {
  readonly kind: RerunPlaceKind;
  /** How a message names it: "@retry", "LangChain @tool", "a retry loop", "a notebook cell". */
  readonly label: string;
  /**
   * Which re-run it is, as the subject of a message's outcome, with the options the code writes:
   * "a tenacity retry (stop=stop_after_attempt(5))", "a redelivery after a worker crash
   * (acks_late=True)", "an agent that calls the tool again" (./rerunText.ts).
   */
  readonly rerun: string;
  /** The function (def) the place is, for decorated / registered / named functions. */
  readonly functionInfo?: FunctionInfo;
  /** The def, lambda, loop, Retry(...) call or cell root that is the place. */
  readonly node: PyNode;
  /** Unit index (a notebook cell's unit, or 0 for a file). */
  readonly unit: number;
  /** When reached through a same-file helper: the call of the helper inside the place. */
  readonly via?: CallSite;
  /** When `via` reaches the helper by name (`getattr(self, name)(…)`, `kit.run("refund")`): the helper. */
  readonly viaByName?: FunctionInfo;
  /**
   * For a framework that retries only when a count says so (Airflow): whether the place's own
   * arguments turn the count off (`retries=0`) or leave it unwritten (its DAG's `default_args` or
   * the configuration may still set it; idempotency/handRerun.ts decides). Absent when a count is
   * written, or the framework retries by default.
   */
  readonly retryCount?: RetryCount;
  /** The place runs again only when an exception escapes it (python/rerunText.ts `rerunsOnlyOnException`). */
  readonly onExceptionOnly?: true;
}

interface Index {
  readonly places: RerunPlace[];
  readonly byNode: Map<PyNode, RerunPlace>;
  readonly adapters: { place: RerunPlace; session: string; binding?: Binding }[];
  readonly helperMemo: Map<FunctionInfo, RerunPlace | null>;
  readonly fnByNode: Map<PyNode, FunctionInfo>;
}

const PLACES = derivedKey<Index>('python.rerunPlaces');

export function findRerunPlaces(program: PythonProgram): readonly RerunPlace[] {
  return indexOf(program).places;
}

export function placeOf(program: PythonProgram, call: CallSite): RerunPlace | undefined {
  const idx = indexOf(program);
  const adapter = adapterPlace(program, idx, call);
  return adapter ?? placeAt(program, call.unit, call.node);
}

export function placeAt(program: PythonProgram, unit: number, node: PyNode): RerunPlace | undefined {
  const idx = indexOf(program);
  const own = enclosingPlace(idx, node);
  if (own !== 'function-boundary') return own;
  const fn = enclosingFunction(idx, node);
  return fn ? helperPlace(program, idx, fn) : undefined;
}

// ---------------------------------------------------------------------------------------------
// Names (matched with the catalogue pattern dialect of ./patterns)

// ---------------------------------------------------------------------------------------------
// Building the index

function indexOf(program: PythonProgram): Index {
  return derived(program, PLACES, build);
}

function build(program: PythonProgram): Index {
  const sem = program.semantics;
  const places: RerunPlace[] = [];
  const byNode = new Map<PyNode, RerunPlace>();
  const fnByNode = new Map<PyNode, FunctionInfo>();
  for (const f of sem.functions) fnByNode.set(f.node, f);
  const add = (p: RerunPlace) => {
    if (byNode.has(p.node)) return;
    byNode.set(p.node, p);
    places.push(p);
  };
  const fnPlace: FnPlace = (fn, kind, label, rerun) => {
    const retryCount = retryCountOf(program, rerun?.entry, rerun?.args, rerun?.unit ?? fn.unit);
    const onExceptionOnly = rerunsOnlyOnException(program, rerun?.entry, rerun?.args, rerun?.unit ?? fn.unit);
    add({ kind, label, rerun: rerunText(program, kind, rerun?.entry, rerun?.args, rerun?.unit ?? fn.unit, fn), functionInfo: fn, node: fn.node, unit: fn.unit, ...(retryCount ? { retryCount } : {}), ...(onExceptionOnly ? { onExceptionOnly: true as const } : {}) });
  };

  // Decorated, subclassed and named functions.
  for (const fn of sem.functions) {
    for (const d of fn.decorators) {
      const name = originOf(program, d.target, fn.unit);
      const entry = decoratorPlaceOf(name);
      if (!entry) continue;
      if (entry.firstArgPrefix !== undefined && !stringValue(d.call?.positional[0])?.startsWith(entry.firstArgPrefix)) continue;
      fnPlace(fn, entry.kind, entry.label, { entry: entry.rerun, args: d.call, unit: fn.unit });
      break;
    }
    if (fn.cls && !byNode.has(fn.node)) {
      const entry = BASE_CLASS_PLACES.find((e) => e.methods.includes(fn.name) && fn.cls!.bases.some((b) => e.bases.some((p) => matchesName(originOf(program, b, fn.unit), p))));
      if (entry) fnPlace(fn, entry.kind, entry.label, { entry: entry.rerun, args: undefined, unit: fn.unit });
    }
    if (!fn.cls && !byNode.has(fn.node) && fn.parentScope.kind === 'module') {
      const params = parameterNames(fn.node);
      const entry = NAMED_FUNCTION_PLACES.find((e) => e.names.includes(fn.name) && e.params.every((p, i) => params[i] === p));
      if (entry) fnPlace(fn, entry.kind, entry.label, { entry: entry.rerun, args: undefined, unit: fn.unit });
    }
  }

  // Registration calls (`graph.add_node("a", fn)`, `PythonOperator(python_callable=fn)`) and
  // decorators used as calls (`retry(stop=…)(fn)`, `tool(fn)`).
  for (const call of sem.calls) {
    const callee = originOf(program, call.callee, call.unit);
    const reg = registrationsOf(callee);
    for (const e of reg) {
      const candidates: PyNode[] = [];
      for (const i of e.positional ?? []) if (call.positional[i]) candidates.push(call.positional[i]!);
      for (const k of e.keywords ?? []) if (call.keywords.get(k)) candidates.push(call.keywords.get(k)!);
      const lists: PyNode[] = [];
      for (const i of e.listPositional ?? []) if (call.positional[i]) lists.push(call.positional[i]!);
      for (const k of e.listKeywords ?? []) if (call.keywords.get(k)) lists.push(call.keywords.get(k)!);
      const how = { entry: e.rerun, args: call, unit: call.unit };
      for (const c of candidates) registerCallable(program, c, call.unit, e.kind, e.label, how, fnPlace, add);
      // `tools=[search, refund]`, also a list built elsewhere (`tools = base + [refund]`).
      for (const l of lists) for (const item of elementsOf(program, l, call.unit) ?? []) registerCallable(program, item.node, item.unit, e.kind, e.label, how, fnPlace, add);
    }
    const decoratorCall = call.callee.type === 'call' ? field(call.callee, 'function') : call.callee;
    if (decoratorCall && call.positional.length === 1) {
      const entry = decoratorPlaceOf(originOf(program, decoratorCall, call.unit));
      if (entry && entry.firstArgPrefix === undefined && entry.decorators.some(namesReceiver)) {
        // `retry(stop=…)(fn)`: the options are the inner call's.
        const options = call.callee.type === 'call' ? sem.calls.find((c) => c.node === call.callee) : undefined;
        registerCallable(program, call.positional[0]!, call.unit, entry.kind, entry.label, { entry: entry.rerun, args: options, unit: call.unit }, fnPlace, add);
      }
    }
  }

  // Retry loops and consumer loops.
  program.units.forEach((u, unit) => {
    for (const n of nodesOfTypes(u, LOOP_TYPES)) {
      if (n.type === 'for_statement') {
        const right = field(n, 'right');
        const iter = right ? originOf(program, right, unit) : undefined;
        if (RETRY_LOOP.retryIterables.some((p) => matchesName(iter, p))) add({ kind: 'retry', label: 'a retry loop', rerun: LOOP_RERUN.retryingIterable, node: n, unit });
        else if (CONSUMER_LOOPS.iterables.some((p) => matchesName(iter, p))) add({ kind: 'consumer', label: 'a queue consumer loop', rerun: LOOP_RERUN.consumerLoop, node: n, unit });
        else if (isCountedRetryLoop(program, n, unit)) add({ kind: 'retry', label: 'a retry loop', rerun: LOOP_RERUN.retryLoop, node: n, unit });
      } else if (n.type === 'while_statement') {
        if (isPollingLoop(program, n, unit)) add({ kind: 'consumer', label: 'a queue consumer loop', rerun: LOOP_RERUN.consumerLoop, node: n, unit });
        else if (hasRetryingTry(field(n, 'body'))) add({ kind: 'retry', label: 'a retry loop', rerun: LOOP_RERUN.retryLoop, node: n, unit });
      }
    }
  });

  // Notebook cells: the top level runs again on every "Run All".
  if (program.kind === 'notebook') {
    program.units.forEach((u, unit) => add({ kind: 'notebook-cell', label: 'a notebook cell', rerun: LOOP_RERUN.cell, node: u.root, unit }));
  }

  const adapters = findRetryingAdapters(program, add);
  places.sort((a, b) => a.unit - b.unit || a.node.start - b.node.start);
  return { places, byNode, adapters, helperMemo: new Map(), fnByNode };
}

// Catalogue matches by name, memoised: every call's callee is matched against the registration
// and decorator catalogues, and most callees repeat (`df.head`, `np.random.rand` …). Matching
// the patterns (regular expressions) again for each call was most of build()'s time.
type DecoratorPlace = (typeof DECORATOR_PLACES)[number];
type RegistrationPlace = (typeof REGISTRATION_PLACES)[number];
const decoratorMemo = new Map<string | undefined, DecoratorPlace | null>();
const registrationMemo = new Map<string | undefined, RegistrationPlace[]>();

function decoratorPlaceOf(name: string | undefined): DecoratorPlace | undefined {
  let entry = decoratorMemo.get(name);
  if (entry === undefined) {
    entry = bestMatch(name, DECORATOR_PLACES, (e) => e.decorators) ?? null;
    if (decoratorMemo.size > 10_000) decoratorMemo.clear();
    decoratorMemo.set(name, entry);
  }
  return entry ?? undefined;
}

function registrationsOf(name: string | undefined): RegistrationPlace[] {
  let list = registrationMemo.get(name);
  if (!list) {
    list = REGISTRATION_PLACES.filter((e) => e.callees.some((p) => matchesName(name, p)));
    if (registrationMemo.size > 10_000) registrationMemo.clear();
    registrationMemo.set(name, list);
  }
  return list;
}

/** The catalogue's words for a re-run and the call whose options fill them in. */
interface RerunSource {
  readonly entry: RerunText | undefined;
  readonly args: Arguments | undefined;
  readonly unit: number;
}
type FnPlace = (fn: FunctionInfo, kind: RerunPlaceKind, label: string, rerun: RerunSource) => void;

/** A function (or lambda, or `self.method`) passed to a framework becomes a place. */
function registerCallable(
  program: PythonProgram,
  expr: PyNode,
  unit: number,
  kind: RerunPlaceKind,
  label: string,
  how: RerunSource,
  fnPlace: FnPlace,
  add: (p: RerunPlace) => void,
): void {
  if (expr.type === 'lambda') {
    const retryCount = retryCountOf(program, how.entry, how.args, how.unit);
    add({ kind, label, rerun: rerunText(program, kind, how.entry, how.args, how.unit), node: expr, unit, ...(retryCount ? { retryCount } : {}) });
    return;
  }
  const fn = callGraphOf(program).functionNamed(expr, unit);
  if (fn) fnPlace(fn, kind, label, how);
}

/** Statements of a block, looking through `if`/`with`/`try` but not into loops, defs or classes. */
function* exits(block: PyNode | undefined, types: ReadonlySet<string>): Generator<PyNode> {
  if (!block) return;
  const stack = [block];
  while (stack.length) {
    const n = stack.pop()!;
    if (types.has(n.type)) yield n;
    if (n !== block && (LOOPS.has(n.type) || n.type === 'function_definition' || n.type === 'class_definition' || n.type === 'lambda')) continue;
    for (const c of n.children) stack.push(c);
  }
}

const LOOP_TYPES = ['for_statement', 'while_statement'];
const LOOPS = new Set(LOOP_TYPES);
const SUCCESS_EXITS = new Set(['break_statement', 'return_statement']);

/** `for attempt in range(3):` whose body leaves on success and does not use the counter. */
function isCountedRetryLoop(program: PythonProgram, loop: PyNode, unit: number): boolean {
  const right = field(loop, 'right');
  const left = field(loop, 'left');
  const body = field(loop, 'body');
  if (!right || !left || !body || right.type !== 'call') return false;
  const callee = field(right, 'function');
  const name = callee ? originOf(program, callee, unit) : undefined;
  if (!RETRY_LOOP.countIterables.some((p) => matchesName(name, p))) return false;
  if (!hasRetryingTry(body) && [...exits(body, SUCCESS_EXITS)].length === 0) return false;
  // The counter is only an attempt number when the work does not depend on it (items[i] is
  // iteration, not a retry); logging or back-off in the handler may use it.
  const counters = new Set<string>();
  walk(left, (n) => {
    if (n.type === 'identifier') counters.add(text(n));
  });
  const work = [...exits(body, new Set(['try_statement']))].map((t) => t.children.find((c) => c.type === 'block')).filter((b): b is PyNode => !!b);
  const scan = work.length ? work : [body];
  let usesCounter = false;
  for (const b of scan) {
    walk(b, (n) => {
      if (n.type === 'identifier' && counters.has(text(n)) && !isInsideBackoff(n)) usesCounter = true;
      return !usesCounter;
    });
  }
  return !usesCounter;
}

/** `time.sleep(2 ** attempt)`, `log(f"attempt {attempt}")`: a counter used there is still a retry. */
function isInsideBackoff(id: PyNode): boolean {
  for (let n: PyNode | null = id.parent; n; n = n.parent) {
    if (n.type === 'call') {
      const callee = field(n, 'function');
      const t = callee ? text(callee) : '';
      if (/(^|\.)(sleep|print|info|debug|warning|warn|error|exception|log)$/.test(t)) return true;
    }
    if (n.type === 'expression_statement' || n.type === 'block') return false;
  }
  return false;
}

/** A `try` in the loop body whose block leaves on success and whose handler loops again. */
function hasRetryingTry(body: PyNode | undefined): boolean {
  for (const t of exits(body, new Set(['try_statement']))) {
    const block = t.children.find((c) => c.type === 'block');
    const handlers = t.children.filter((c) => c.type === 'except_clause' || c.type === 'except_group_clause');
    if (!block || !handlers.length) continue;
    if ([...exits(block, SUCCESS_EXITS)].length === 0) continue;
    const loopsAgain = handlers.some((h) => {
      const hb = h.children.find((c) => c.type === 'block');
      const last = hb?.children.filter((c) => c.named && c.type !== 'comment').at(-1);
      return !last || !['raise_statement', 'return_statement', 'break_statement'].includes(last.type);
    });
    if (loopsAgain) return true;
  }
  return false;
}

function isPollingLoop(program: PythonProgram, loop: PyNode, unit: number): boolean {
  let found = false;
  walk(loop, (n) => {
    if (found || (n !== loop && (n.type === 'function_definition' || n.type === 'class_definition' || n.type === 'lambda'))) return false;
    if (n.type === 'call') {
      const callee = field(n, 'function');
      const name = callee ? originOf(program, callee, unit) : undefined;
      if (CONSUMER_LOOPS.pollingCalls.some((p) => matchesName(name, p))) found = true;
    }
    return !found;
  });
  return found;
}

/** `session.mount("https://", HTTPAdapter(max_retries=Retry(allowed_methods=[…"POST"…])))`. */
function findRetryingAdapters(program: PythonProgram, add: (p: RerunPlace) => void): Index['adapters'] {
  const sem = program.semantics;
  const out: Index['adapters'] = [];
  const resolve = (e: PyNode | undefined, unit: number): PyNode | undefined => (e ? valueOf(program, e, unit).node : undefined);
  for (const mount of sem.calls) {
    if (mount.callee.type !== 'attribute' || text(field(mount.callee, 'attribute')!) !== 'mount') continue;
    const adapter = resolve(mount.positional[1] ?? mount.keywords.get('adapter'), mount.unit);
    if (adapter?.type !== 'call') continue;
    const adapterCallee = field(adapter, 'function');
    if (!adapterCallee || !RETRYING_ADAPTERS.adapterClasses.some((p) => matchesName(originOf(program, adapterCallee, mount.unit), p))) continue;
    const adapterArgs = sem.calls.find((c) => c.node === adapter);
    const retry = resolve(adapterArgs?.keywords.get('max_retries'), mount.unit);
    if (retry?.type !== 'call') continue;
    const retryCallee = field(retry, 'function');
    if (!retryCallee || !RETRYING_ADAPTERS.retryClasses.some((p) => matchesName(originOf(program, retryCallee, mount.unit), p))) continue;
    const retryArgs = sem.calls.find((c) => c.node === retry);
    const methods = RETRYING_ADAPTERS.methodKeywords.map((k) => retryArgs?.keywords.get(k)).find((v) => v);
    if (!methods) continue; // the default retries only idempotent methods
    const all = methods.type === 'none' || methods.type === 'false';
    const strings: string[] = [];
    walk(methods, (n) => {
      const s = n.type === 'string' ? stringValue(n) : undefined;
      if (s) strings.push(s.toUpperCase());
      return n.type !== 'string';
    });
    const retried = RETRYING_ADAPTERS.nonIdempotentMethods.filter((m) => all || strings.includes(m));
    if (!retried.length) continue;
    const place: RerunPlace = { kind: 'retry', label: `an HTTPAdapter that retries ${retried.join('/')}`, rerun: LOOP_RERUN.adapter, node: retry, unit: mount.unit };
    add(place);
    const session = mount.callee.children.find((c) => c.field === 'object')!;
    const binding = session.type === 'identifier' ? sem.lookup(text(session), session, mount.unit) : undefined;
    out.push({ place, session: text(session).replace(/\s+/g, ''), ...(binding ? { binding } : {}) });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Looking places up

function adapterPlace(program: PythonProgram, idx: Index, call: CallSite): RerunPlace | undefined {
  if (!idx.adapters.length || call.callee.type !== 'attribute') return undefined;
  const obj = field(call.callee, 'object');
  if (!obj) return undefined;
  for (const a of idx.adapters) {
    if (text(obj).replace(/\s+/g, '') !== a.session) continue;
    if (a.binding && obj.type === 'identifier' && program.semantics.lookup(text(obj), obj, call.unit) !== a.binding) continue;
    return a.place;
  }
  return undefined;
}

/** The innermost place around a node, or 'function-boundary' at an un-catalogued def. */
function enclosingPlace(idx: Index, node: PyNode): RerunPlace | undefined | 'function-boundary' {
  for (let n: PyNode | null = node; n; n = n.parent) {
    const p = idx.byNode.get(n);
    if (p && n !== node) return p;
    if (n !== node && n.type === 'function_definition') return 'function-boundary';
  }
  return undefined;
}

function enclosingFunction(idx: Index, node: PyNode): FunctionInfo | undefined {
  for (let n: PyNode | null = node.parent; n; n = n.parent) if (n.type === 'function_definition') return idx.fnByNode.get(n);
  return undefined;
}

/**
 * Edges a helper is followed along: calls the code names (`helper()`, `self.helper()`,
 * `TABLE[name]()`, `getattr(self, "refund")()`, `kit.run("refund")` routed by name).
 */
const HELPER_EDGES: ReadonlySet<EdgeKind> = new Set(['direct', 'self', 'dispatch', 'by-name']);

/**
 * Same-file helpers at any depth: a plain function called from inside a place, or from a helper
 * that is (`task → save → insert_row`). `via` is the call that sits in the place. The memo's
 * `null` while a function is being looked at cuts recursion.
 */
function helperPlace(program: PythonProgram, idx: Index, fn: FunctionInfo): RerunPlace | undefined {
  const cached = idx.helperMemo.get(fn);
  if (cached !== undefined) return cached ?? undefined;
  idx.helperMemo.set(fn, null);
  const graph = callGraphOf(program);
  const callers = graph.callers(fn, HELPER_EDGES);
  // A call directly in a place first; else the place of a helper that makes the call.
  let found: RerunPlace | undefined;
  for (const c of callers) {
    const p = enclosingPlace(idx, c.node);
    if (p && p !== 'function-boundary') {
      const byName = graph.callees(c).some((e) => e.fn === fn && e.kind === 'by-name');
      found = { ...p, via: c, ...(byName ? { viaByName: fn } : {}) };
      break;
    }
  }
  for (const c of callers) {
    if (found) break;
    if (c.fn && enclosingPlace(idx, c.node) === 'function-boundary') found = helperPlace(program, idx, c.fn);
  }
  idx.helperMemo.set(fn, found ?? null);
  return found;
}
