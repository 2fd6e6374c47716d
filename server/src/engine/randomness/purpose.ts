/**
 * Why a program draws a random value, from where the value goes (TAXONOMY R-global "do not
 * flag"): a draw whose purpose is to differ on every run — an id, token or nonce, retry jitter or
 * a simulated delay, the pick of an endpoint or worker — is not a reproducibility risk, and a
 * draw whose values are never looked at (`torch.randn(2, 3).shape`) does not change results.
 *
 * The drawn value is followed through the syntax tree: up through arithmetic, f-strings, joins
 * and conversions, into assignments (then every read of that binding, through the resolver's
 * look-up), into `return` (then every call of the function, through the call graph), and into
 * the call it is an argument of. Each end of the flow is classified by the catalogue
 * (catalogues/randomness.ts `PURPOSE`): a sleep, a request target, an id, a value-free query, a
 * display, or something else (then the randomness matters). A draw is excused only when no end
 * is "matters" and at least one end names a purpose; a value that is only displayed is not.
 */
import { PURPOSE } from '../catalogues/randomness';
import { derived, derivedKey } from '../derived';
import { callGraphOf } from '../python/callGraph';
import { matchesAny, prefixFamily } from '../python/patterns';
import type { PythonProgram } from '../python/program';
import { constantOf, libraryOf, qualifiedName, valueOf } from '../python/resolve';
import { placeOf } from '../python/rerunPlaces';
import { argumentsOf, type Arguments, type CallSite, type FunctionInfo, type Reference } from '../python/semantics';
import { field, stringValue, text, type PyNode } from '../python/syntax';
import { baseName } from './receivers';

export type DrawPurpose = 'delay' | 'id' | 'endpoint' | 'value-free';

type End = { kind: 'purpose'; purpose: DrawPurpose } | { kind: 'display' } | { kind: 'matters' };

const MATTERS: End = { kind: 'matters' };
const DISPLAY: End = { kind: 'display' };
const purpose = (p: DrawPurpose): End => ({ kind: 'purpose', purpose: p });

/** How deep the flow is followed through bindings, returns and calls. */
const MAX_DEPTH = 20;
/** How many places a value is followed to, in all. */
const MAX_STARTS = 256;
/** How many reads of one binding are followed. */
const MAX_READS = 32;

interface Flow {
  /** The value has become (part of) a string. */
  readonly text: boolean;
  /** The draw picks characters from an alphabet (`random.choices(string.ascii_letters, k=8)`). */
  readonly alphabet: boolean;
}

const READS = derivedKey<Map<string, Reference[]>>('randomness.readsByName');

function readsByName(program: PythonProgram): Map<string, Reference[]> {
  return derived(program, READS, (p) => {
    const m = new Map<string, Reference[]>();
    for (const r of p.semantics.references) {
      const list = m.get(r.name);
      if (list) list.push(r);
      else m.set(r.name, [r]);
    }
    return m;
  });
}

/**
 * The purpose of a value produced at `node` (a draw call, or a generator's method call), when
 * every use of it says the randomness need not reproduce; undefined when it matters.
 */
function purposeOfValue(program: PythonProgram, node: PyNode, unit: number, population?: PyNode): DrawPurpose | undefined {
  // A pick among `servers`, `self.ports`, `endpoints`: load balancing.
  const popName = population?.type === 'identifier' ? text(population) : population?.type === 'attribute' ? text(field(population, 'attribute') ?? population) : undefined;
  if (popName && PURPOSE.endpointNames.test(popName)) return 'endpoint';
  const flow: Flow = { text: false, alphabet: !!population && isAlphabet(program, population, unit) };
  const ends = endsOf(program, node, unit, flow, 0, new Set());
  if (!ends.length || ends.some((e) => e.kind === 'matters')) return undefined;
  const purposes = ends.flatMap((e) => (e.kind === 'purpose' ? [e.purpose] : []));
  if (!purposes.length) return undefined;
  // Values shown as they are (printed) and otherwise only measured: the shown values differ.
  if (purposes.every((p) => p === 'value-free') && ends.some((e) => e.kind === 'display')) return undefined;
  return purposes.find((p) => p !== 'value-free') ?? 'value-free';
}

/** Where the value of `start` ends up. */
function endsOf(program: PythonProgram, start: PyNode, unit: number, flow0: Flow, depth: number, seen: Set<PyNode>): End[] {
  // Each start is followed once (so the work per draw is bounded by the program's size), and a
  // flow that spreads wide is not followed to its ends at all.
  if (depth > MAX_DEPTH || seen.has(start) || seen.size > MAX_STARTS) return [MATTERS];
  seen.add(start);
  let flow = flow0;
  let n = start;
  for (let guard = 0; guard < 64; guard++) {
    // Characters of an id alphabet made into a string: an id, token or random name.
    if (flow.text && flow.alphabet) return [purpose('id')];
    const p = n.parent;
    if (!p) return [MATTERS];
    switch (p.type) {
      case 'parenthesized_expression':
      case 'await':
      case 'unary_operator':
      case 'boolean_operator':
        n = p;
        continue;
      case 'conditional_expression': {
        const named = p.children.filter((c) => c.named);
        if (named[1] === n) return [MATTERS]; // the condition: control flow
        n = p;
        continue;
      }
      case 'binary_operator': {
        const other = field(p, 'left') === n ? field(p, 'right') : field(p, 'left');
        if (other && isText(program, other, unit)) flow = { ...flow, text: true };
        n = p;
        continue;
      }
      case 'interpolation': {
        let s: PyNode | null = p.parent;
        while (s && s.type !== 'string') s = s.parent;
        if (!s) return [MATTERS];
        flow = { ...flow, text: true };
        n = s;
        continue;
      }
      case 'concatenated_string':
      case 'tuple': // `(host, port)` of a socket address
        n = p;
        continue;
      case 'subscript':
        // `xs[random.randint(0, 9)]` is a pick from `xs`; `draw[0]` is part of the draw.
        n = p;
        continue;
      case 'generator_expression':
      case 'list_comprehension':
        if (field(p, 'body') !== n) return [MATTERS];
        n = p;
        continue;
      case 'attribute': {
        if (field(p, 'object') !== n) return [MATTERS];
        const attr = text(field(p, 'attribute') ?? p);
        if (PURPOSE.valueFreeAttributes.includes(attr)) return [purpose('value-free')];
        const call = p.parent?.type === 'call' && field(p.parent, 'function') === p ? p.parent : undefined;
        // A property of the value (`y.T`, `x.real`) is a value made from it: followed on.
        if (!call) {
          n = p;
          continue;
        }
        // Text methods (`.hex()`, `.upper()`, `.zfill(6)`) keep the value a string.
        if (call && (flow.text || attr === 'hex') && PURPOSE.textMethods.includes(attr)) {
          flow = { ...flow, text: true };
          n = call;
          continue;
        }
        // Any other method of the value (`x.expand(8, -1, -1)`, `x.reshape(2, 3)`, `x.to(dev)`)
        // makes a value from it: followed to what that value becomes, so a tensor reshaped and
        // then only measured is still value-free. A result dropped (`x.add_(1)`) is a use.
        if (call && call.parent?.type !== 'expression_statement') return endsOf(program, call, unit, flow, depth + 1, seen);
        // A method of a plot's axes picked by the value (`axs[i].imshow(…)`): layout of a display.
        if (call && displayObject(program, n, unit)) return [DISPLAY];
        return [MATTERS];
      }
      case 'call':
      case 'argument_list': {
        // `f(x for x in xs)`: the generator expression is the call's argument list.
        const call = p.type === 'call' ? (field(p, 'arguments') === n ? p : undefined) : p.parent;
        if (call?.type !== 'call') return [MATTERS];
        const r = atCall(program, call, unit, n, undefined, flow);
        if (r === 'through') {
          flow = throughFlow(program, call, unit, flow);
          n = call;
          continue;
        }
        if (r === 'follow') return endsOf(program, call, unit, flow, depth + 1, seen);
        if (r === 'parameter') return p.type === 'argument_list' ? intoParameter(program, call, unit, n, undefined, flow, depth, seen) : [MATTERS];
        return [r];
      }
      case 'keyword_argument': {
        const call = p.parent?.parent;
        if (call?.type !== 'call' || field(p, 'value') !== n) return [MATTERS];
        const keyword = text(field(p, 'name') ?? p);
        const r = atCall(program, call, unit, n, keyword, flow);
        if (r === 'through') {
          n = call;
          continue;
        }
        if (r === 'follow') return endsOf(program, call, unit, flow, depth + 1, seen);
        if (r === 'parameter') return intoParameter(program, call, unit, n, keyword, flow, depth, seen);
        return [r];
      }
      case 'pair': {
        if (field(p, 'value') !== n) return [MATTERS];
        const key = stringValue(field(p, 'key'));
        if (key && PURPOSE.headerKeys.test(key)) return [purpose('endpoint')];
        if (key && flow.text && (PURPOSE.idNames.test(key) || PURPOSE.idKeywords.test(key))) return [purpose('id')];
        if (key && PURPOSE.endpointKeywords.includes(key)) return [purpose('endpoint')];
        return [MATTERS];
      }
      case 'assignment':
      case 'augmented_assignment': {
        if (field(p, 'right') !== n) return [MATTERS];
        const left = field(p, 'left');
        return left ? stored(program, left, unit, flow, depth, seen) : [MATTERS];
      }
      case 'return_statement':
        return returned(program, p, unit, flow, depth, seen);
      case 'expression_statement':
        // The value of a notebook cell's last expression is shown; a draw that changes its
        // argument in place (`random.shuffle(xs)`) shows nothing and is a use.
        if (n === start && inPlace(start)) return [MATTERS];
        return [shownByCell(program, p, unit) ? DISPLAY : MATTERS];
      case 'for_statement':
      case 'for_in_clause': {
        // `for x in random.sample(xs, 3): …`: what the loop variable's reads do with it.
        if (field(p, 'right') !== n) return [MATTERS];
        const left = field(p, 'left');
        return left ? loopTargets(program, left, unit, flow, depth, seen) : [MATTERS];
      }
      default:
        return [MATTERS];
    }
  }
  return [MATTERS];
}

/** Automation modules and everything below them. */
const AUTOMATION = PURPOSE.automationModules.flatMap(prefixFamily);

/** Into a call as an argument: the call's verdict, `through` (keeps the value), or `follow` its result. */
function atCall(program: PythonProgram, call: PyNode, unit: number, arg: PyNode, keyword: string | undefined, flow: Flow): End | 'through' | 'follow' | 'parameter' {
  const callee = field(call, 'function');
  if (!callee) return MATTERS;
  const q = qualifiedName(program, callee, unit);
  if (keyword !== undefined) {
    if (PURPOSE.delayKeywords.includes(keyword)) return purpose('delay');
    if (PURPOSE.endpointKeywords.includes(keyword)) return purpose('endpoint');
    if (PURPOSE.idKeywords.test(keyword) && (flow.text || flow.alphabet)) return purpose('id');
  }
  if (q && matchesAny(q, PURPOSE.sleeps)) return purpose('delay');
  if (q && matchesAny(q, PURPOSE.idConstructors)) return purpose('id');
  if (q && PURPOSE.numericWrappers.includes(q)) return 'through';
  if (q && PURPOSE.textWrappers.includes(q)) return 'through';
  if (q && PURPOSE.valueFreeCalls.includes(q)) return purpose('value-free');
  if (q && matchesAny(q, PURPOSE.displays)) return DISPLAY;
  if (callee.type === 'attribute') {
    const attr = text(field(callee, 'attribute') ?? callee);
    const recv = field(callee, 'object');
    // `"".join(random.choice(chars) for _ in range(8))`, `"{}-{}".format(...)`
    if ((attr === 'join' || attr === 'format') && recv && isText(program, recv, unit)) return 'through';
    if (PURPOSE.sleepMethods.includes(attr)) return purpose('delay');
    const lib = recv ? libraryOf(program, recv, unit) : undefined;
    if (lib && matchesAny(lib, AUTOMATION)) return purpose('delay');
    if (!lib && PURPOSE.automationMethods.includes(attr)) return purpose('delay');
    if (PURPOSE.logMethods.includes(attr) && (!lib || lib.startsWith('logging') || lib.startsWith('loguru') || lib.startsWith('structlog'))) return DISPLAY;
  }
  if (callee.type === 'attribute') {
    // `ax.imshow(x)`, `fig.suptitle(...)`: any method of a plotting library's objects.
    const recv = field(callee, 'object');
    if (recv && displayObject(program, recv, unit)) return DISPLAY;
  }
  const origin = requestTarget(program, callee, unit);
  if (origin && keyword === undefined && argumentsOf(field(call, 'arguments')).positional[0] === arg) return purpose('endpoint');
  // Through any other call the value is followed to what its result becomes (a dummy input's
  // output that is only measured, a URL built by a helper); a call whose result is dropped
  // (`train(x)`) does something with the value itself — unless it is a function of this program
  // that, too, only shows the value (`pred_and_plot_image(model, path)`), or a notebook cell ends
  // with it and shows its result (`model(dummy_x)`).
  if (call.parent?.type !== 'expression_statement') return 'follow';
  // Shown by the cell: a call of an object the notebook built (`model = TinyVGG(…)`, then
  // `model(dummy_x)`: a look at its output). A function (`train(x)`, imported or defined) or a
  // method (`state.append(x)`) may do something with the value.
  if (callee.type === 'identifier' && shownByCell(program, call.parent, unit) && builtObject(program, callee, unit)) return 'follow';
  return 'parameter';
}

/** A name bound by assignment to a value built by a call (`model = Net().to(device)`). */
function builtObject(program: PythonProgram, name: PyNode, unit: number): boolean {
  const b = program.semantics.lookup(text(name), name, unit);
  return b?.kind === 'assign' && b.value?.type === 'call';
}

/** Libraries whose every object only shows values. */
const DISPLAY_LIBRARIES = PURPOSE.displayLibraries.flatMap(prefixFamily);

/**
 * An object of a plotting library: traced to it (`plt.gca()`), or a name (possibly subscripted,
 * `axs[i]`) that an assignment binds from a call into it (`fig, axs = plt.subplots(1, 5)`).
 */
function displayObject(program: PythonProgram, expr: PyNode, unit: number): boolean {
  const lib = libraryOf(program, expr, unit);
  if (lib && matchesAny(lib, DISPLAY_LIBRARIES)) return true;
  const base = baseName(expr);
  const b = base ? program.semantics.lookup(text(base), base, unit) : undefined;
  const stmt = b?.stmt.type === 'expression_statement' ? b.stmt.children.find((c) => c.named) : b?.stmt;
  if (b?.kind !== 'assign' || stmt?.type !== 'assignment') return false;
  const right = field(stmt, 'right');
  const callee = right?.type === 'call' ? field(right, 'function') : undefined;
  const q = callee ? qualifiedName(program, callee, b.unit) : undefined;
  return !!q && matchesAny(q, DISPLAY_LIBRARIES);
}

/** The statement is a notebook cell's last, whose value the notebook shows. */
function shownByCell(program: PythonProgram, stmt: PyNode, unit: number): boolean {
  if (program.kind !== 'notebook' || program.units[unit]?.cell === undefined) return false;
  const root = program.units[unit]!.root;
  if (stmt.parent !== root) return false;
  // The last statement (from the end: a cell may hold thousands).
  const kids = root.children;
  let last: PyNode | undefined;
  for (let i = kids.length - 1; i >= 0 && !last; i--) if (kids[i]!.named && kids[i]!.type !== 'comment') last = kids[i];
  if (last !== stmt) return false;
  // A trailing `;` hides the value.
  const t = program.units[unit]!.text;
  let i = stmt.end;
  while (i < t.length && /\s/.test(t[i]!)) i++;
  return t[i] !== ';';
}

/** A draw that changes its argument in place (`random.shuffle(xs)`, `nn.init.normal_(w)`). */
function inPlace(call: PyNode): boolean {
  const callee = field(call, 'function');
  const name = callee ? text(callee).split('.').pop() ?? '' : '';
  return PURPOSE.inPlaceDraws.includes(name) || name.endsWith('_');
}

/** The loop variables of `for <left> in …`: what their reads do with the drawn values. */
function loopTargets(program: PythonProgram, left: PyNode, unit: number, flow: Flow, depth: number, seen: Set<PyNode>): End[] {
  const names: PyNode[] = [];
  const collect = (t: PyNode): void => {
    if (t.type === 'identifier') names.push(t);
    else if (t.type === 'pattern_list' || t.type === 'tuple_pattern' || t.type === 'list_pattern' || t.type === 'parenthesized_expression') t.children.filter((c) => c.named).forEach(collect);
  };
  collect(left);
  if (!names.length) return [MATTERS];
  const ends: End[] = [];
  for (const t of names) {
    const reads = readsOf(program, t);
    if (reads.length > MAX_READS) return [MATTERS];
    ends.push(...reads.flatMap((r) => endsOf(program, r.node, r.unit, flow, depth + 1, seen)));
  }
  return ends.length ? ends : [MATTERS];
}

/**
 * A value passed to a function of this program whose result is dropped: what the function's
 * parameter's reads do with it (the function is found through the call graph).
 */
function intoParameter(program0: PythonProgram, call: PyNode, unit: number, arg: PyNode, keyword: string | undefined, flow: Flow, depth: number, seen: Set<PyNode>): End[] {
  const callee = field(call, 'function');
  let program = program0;
  let fn = callee ? callGraphOf(program).functionNamed(callee, unit) : undefined;
  if (!fn && importedFunctions) {
    // A function of another module of the project (`from going_modular.predictions import …`).
    const site = program.semantics.calls.find((c) => c.node === call);
    const other = site ? importedFunctions(program, site) : undefined;
    if (other) ({ program, fn } = other);
  }
  const params = fn ? field(fn.node, 'parameters') : undefined;
  if (!fn || !params || fn.cls) return [MATTERS];
  const names = params.children.filter((c) => c.named).map((c) => (c.type === 'identifier' ? c : field(c, 'name') ?? c.children.find((x) => x.type === 'identifier'))).filter((x): x is PyNode => x?.type === 'identifier');
  const position = keyword === undefined ? argumentsOf(field(call, 'arguments')).positional.indexOf(arg) : -1;
  const target = keyword !== undefined ? names.find((x) => text(x) === keyword) : position >= 0 ? names[position] : undefined;
  if (!target) return [MATTERS];
  const reads = readsOf(program, target);
  if (!reads.length || reads.length > MAX_READS) return [MATTERS];
  return reads.flatMap((r) => endsOf(program, r.node, r.unit, flow, depth + 1, seen));
}

function throughFlow(program: PythonProgram, call: PyNode, unit: number, flow: Flow): Flow {
  const callee = field(call, 'function');
  const q = callee ? qualifiedName(program, callee, unit) : undefined;
  if ((q && PURPOSE.textWrappers.includes(q)) || callee?.type === 'attribute') return { ...flow, text: true };
  return flow;
}

function requestTarget(program: PythonProgram, callee: PyNode, unit: number): boolean {
  const q = qualifiedName(program, callee, unit);
  if (q && matchesAny(q, PURPOSE.requests)) return true;
  if (callee.type !== 'attribute') return false;
  const recv = field(callee, 'object');
  const lib = recv ? libraryOf(program, recv, unit) : undefined;
  if (!lib) return false;
  const attr = text(field(callee, 'attribute') ?? callee);
  return matchesAny(`${lib}().${attr}`, PURPOSE.requests);
}

/** `target = value`: what the target's reads do with it (or what its name says, for ids). */
function stored(program: PythonProgram, target: PyNode, unit: number, flow: Flow, depth: number, seen: Set<PyNode>): End[] {
  const sem = program.semantics;
  const name = target.type === 'identifier' ? text(target) : target.type === 'attribute' ? text(field(target, 'attribute') ?? target) : target.type === 'subscript' ? stringValue(field(target, 'subscript')) : undefined;
  if (name === undefined) return [MATTERS];
  if ((flow.text || flow.alphabet) && PURPOSE.idNames.test(name)) return [purpose('id')];
  if (!flow.text && PURPOSE.endpointNames.test(name)) return [purpose('endpoint')];
  if (target.type !== 'identifier') return [MATTERS];
  const reads = readsOf(program, target);
  if (!reads.length || reads.length > MAX_READS) return [MATTERS];
  return reads.flatMap((r) => endsOf(program, r.node, r.unit, flow, depth + 1, seen));
}

/** Reads of the binding an identifier target makes (`x` of `x = …`), through the resolver's look-up. */
export function readsOf(program: PythonProgram, target: PyNode): Reference[] {
  const name = text(target);
  return (readsByName(program).get(name) ?? []).filter((r) => program.semantics.lookup(name, r.node, r.unit)?.node === target);
}

/** `return value`: what every call of the function does with it. */
function returned(program: PythonProgram, ret: PyNode, unit: number, flow: Flow, depth: number, seen: Set<PyNode>): End[] {
  const fn = enclosingFunctionOf(program, ret);
  if (!fn) return [MATTERS];
  if ((flow.text || flow.alphabet) && PURPOSE.idNames.test(fn.name.replace(/^_+/, ''))) return [purpose('id')];
  const callers = callGraphOf(program).callers(fn);
  if (!callers.length || callers.length > MAX_READS) return [MATTERS];
  return callers.flatMap((c) => endsOf(program, c.node, c.unit, flow, depth + 1, seen));
}

function enclosingFunctionOf(program: PythonProgram, node: PyNode): FunctionInfo | undefined {
  for (let n = node.parent; n; n = n.parent) {
    if (n.type === 'lambda' || n.type === 'class_definition') return undefined;
    if (n.type === 'function_definition') return program.semantics.functions.find((f) => f.node === n);
  }
  return undefined;
}

/** A string literal, an f-string, or a name bound to one. */
function isText(program: PythonProgram, expr: PyNode, unit: number): boolean {
  if (expr.type === 'string' || expr.type === 'concatenated_string') return true;
  return typeof constantOf(program, expr, unit) === 'string' || valueOf(program, expr, unit).node.type === 'string';
}

/**
 * A population of characters: `string.ascii_letters + string.digits`, or a string literal of at
 * least ten distinct letters and digits (an id alphabet, not `"ACGT"`).
 */
function isAlphabet(program: PythonProgram, expr: PyNode, unit: number, depth = 0): boolean {
  if (depth > 8) return false;
  if (expr.type === 'binary_operator') {
    const l = field(expr, 'left');
    const r = field(expr, 'right');
    return !!l && !!r && (isAlphabet(program, l, unit, depth + 1) || isAlphabet(program, r, unit, depth + 1)) && [l, r].every((x) => isAlphabet(program, x, unit, depth + 1) || isText(program, x, unit));
  }
  if (expr.type === 'parenthesized_expression') {
    const inner = expr.children.find((c) => c.named);
    return !!inner && isAlphabet(program, inner, unit, depth + 1);
  }
  const q = expr.type === 'attribute' || expr.type === 'identifier' ? qualifiedName(program, expr, unit) : undefined;
  if (q && PURPOSE.alphabets.some((m) => q.startsWith(`${m}.`))) return true;
  const { node, unit: at } = valueOf(program, expr, unit);
  if (node !== expr) return isAlphabet(program, node, at, depth + 1);
  const s = stringValue(node);
  return s !== undefined && new Set(s.replace(/[^A-Za-z0-9]/g, '')).size >= 10;
}

/** Draws that pick from a population passed first (`choice(xs)`, `choices(xs, k=8)`, `sample(xs, 3)`). */
const PICKS = new Set(['choice', 'choices', 'sample']);

/** The population a draw named `method` picks from, if it is a pick. */
function populationOf(method: string, args: Arguments): PyNode | undefined {
  if (!PICKS.has(method)) return undefined;
  return args.positional[0] ?? args.keywords.get('population') ?? args.keywords.get('seq') ?? args.keywords.get('a');
}

/** The function of another project module a call reaches, with that module's program. */
export type ImportedFunctions = (program: PythonProgram, call: CallSite) => { program: PythonProgram; fn: FunctionInfo } | undefined;

/** Set while `onlyDisplayed` follows a value: how to reach functions of other modules. */
let importedFunctions: ImportedFunctions | undefined;

/**
 * The drawn value only reaches displays — printed, plotted, or shown as a notebook cell's value
 * (TAXONOMY R-global: a pick of items to show, a random tensor only printed or fed to a model for
 * a look at its output) — possibly besides value-free measurements (`x.shape`).
 */
export function onlyDisplayed(program: PythonProgram, call: CallSite, imported?: ImportedFunctions): boolean {
  const name = text(call.callee).split('.').pop() ?? '';
  const population = populationOf(name, call);
  const flow: Flow = { text: false, alphabet: !!population && isAlphabet(program, population, call.unit) };
  importedFunctions = imported;
  let ends: End[];
  try {
    ends = endsOf(program, call.node, call.unit, flow, 0, new Set());
  } finally {
    importedFunctions = undefined;
  }
  return ends.some((e) => e.kind === 'display') && ends.every((e) => e.kind === 'display' || (e.kind === 'purpose' && e.purpose === 'value-free'));
}

/** The purpose of a draw call's value, when it need not reproduce (see the module comment). */
export function purposeOfDraw(program: PythonProgram, call: CallSite): DrawPurpose | undefined {
  const name = text(call.callee).split('.').pop() ?? '';
  return purposeOfValue(program, call.node, call.unit, populationOf(name, call));
}

/**
 * Code that answers requests: a web request handler or an agent tool (python/rerunPlaces.ts,
 * directly or through a helper). A draw there is per-request behaviour (mock data of a demo
 * server or tool, a sampled reply), not a run that has to reproduce.
 */
export function servesRequests(program: PythonProgram, call: CallSite): boolean {
  const place = placeOf(program, call);
  return place?.kind === 'handler' || place?.kind === 'tool';
}

/**
 * The purpose of an explicit generator's draws (`random.Random().choice(ports)`, or
 * `rng = random.Random()` whose every use is `rng.<draw>(…)`), when every draw has one.
 */
export function purposeOfGenerator(program: PythonProgram, call: CallSite): DrawPurpose | undefined {
  const draws: PyNode[] = [];
  const methodCall = (recv: PyNode): PyNode | undefined => {
    let n = recv;
    while (n.parent?.type === 'parenthesized_expression') n = n.parent;
    const attr = n.parent;
    if (attr?.type !== 'attribute' || field(attr, 'object') !== n) return undefined;
    const c = attr.parent;
    return c?.type === 'call' && field(c, 'function') === attr ? c : undefined;
  };
  const direct = methodCall(call.node);
  if (direct) draws.push(direct);
  else {
    const stmt = call.node.parent;
    const left = stmt?.type === 'assignment' && field(stmt, 'right') === call.node ? field(stmt, 'left') : undefined;
    if (left?.type !== 'identifier') return undefined;
    const reads = readsOf(program, left);
    for (const r of reads) {
      const c = methodCall(r.node);
      if (!c) return undefined;
      draws.push(c);
    }
  }
  if (!draws.length) return undefined;
  let found: DrawPurpose | undefined;
  for (const d of draws) {
    const callee = field(d, 'function');
    const method = callee ? text(field(callee, 'attribute') ?? callee) : '';
    // Seeding the generator is handled by the rule; any other method is a draw.
    const p = purposeOfValue(program, d, call.unit, populationOf(method, argumentsOf(field(d, 'arguments'))));
    if (!p) return undefined;
    found ??= p;
  }
  return found;
}

/**
 * Code that says it makes mock data: a function, class or file named so (`fake_orders()`,
 * `class MockLLM`, `mock_server.py`), around the draw.
 */
export function inMockCode(program: PythonProgram, call: CallSite, file: string): boolean {
  const base = file.replace(/\\/g, '/').split('/').pop()!.replace(/\.(py|ipynb)$/, '');
  if (PURPOSE.mockNames.test(base)) return true;
  for (let n = call.node.parent; n; n = n.parent) {
    if (n.type !== 'function_definition' && n.type !== 'class_definition') continue;
    const name = field(n, 'name');
    if (name && PURPOSE.mockNames.test(text(name))) return true;
  }
  return false;
}
