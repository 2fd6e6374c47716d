/**
 * Name resolution across a notebook's cells for the hidden-state rules: which names a cell
 * reads from the notebook namespace, where the notebook defines them, which names the kernel
 * provides, and what could define names the analysis cannot see (star imports, `%run`,
 * `exec`, `globals()` writes).
 *
 * "Defined" follows Python: a name bound anywhere in a scope is local to it; the module scope
 * is shared by every cell; execution order is top-down cell order (TAXONOMY.md "before").
 */
import {
  IPYTHON_NAMES,
  IPYTHON_NAME_PATTERNS,
  NAME_INJECTING_CALLS,
  NAME_INJECTING_MAGICS,
  NAMESPACE_CALLS,
  PLACEHOLDER_NAME_PATTERNS,
  PLATFORM_NAMES,
  PYTHON2_BUILTINS,
  PYTHON3_BUILTINS,
} from '../catalogues/hiddenState';
import { derived, derivedKey, derivedOfUnit } from '../derived';
import type { PythonProgram, Unit } from '../python/program';
import type { Binding, Reference, Scope } from '../python/semantics';
import { nodesOfType, nodesOfTypes } from '../python/nodeIndex';
import { field, text, walk, type PyNode } from '../python/syntax';

const BUILTINS = new Set([...PYTHON3_BUILTINS, ...PYTHON2_BUILTINS]);
const IPYTHON = new Set(IPYTHON_NAMES);

/** A name every Python / IPython namespace has before any cell runs. */
export function isPredefinedName(name: string): boolean {
  return BUILTINS.has(name) || IPYTHON.has(name) || IPYTHON_NAME_PATTERNS.some((p) => p.test(name));
}

/** A tutorial placeholder (`your_dataset`, `YOUR_API_KEY`). */
export function isPlaceholderName(name: string): boolean {
  return PLACEHOLDER_NAME_PATTERNS.some((p) => p.test(name));
}

/** The platform that injects this name (`spark` → Databricks / PySpark), if any. */
export function platformOf(name: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(PLATFORM_NAMES, name) ? PLATFORM_NAMES[name] : undefined;
}

export function isInsideError(node: PyNode): boolean {
  for (let n: PyNode | null = node; n; n = n.parent) if (n.error) return true;
  return false;
}

/** True when the read runs when its cell runs: no function or lambda body between it and the module. */
export function isTopLevelRead(scope: Scope): boolean {
  for (let s: Scope | null = scope; s; s = s.parent) if (s.kind === 'function' || s.kind === 'lambda') return false;
  return true;
}

/** Module-level definitions of each name (everything but `del`), in execution order. */
export function moduleDefinitions(program: PythonProgram): Map<string, Binding[]> {
  const out = new Map<string, Binding[]>();
  for (const [name, list] of program.semantics.module.bindings) {
    const defs = list.filter((b) => b.kind !== 'del');
    if (defs.length) out.set(name, defs.sort((a, b) => a.unit - b.unit || a.node.start - b.node.start));
  }
  return out;
}

/**
 * The reads a rule should consider: identifiers the semantic model saw as loads, minus reads
 * inside parse errors (what they mean is unknown) and reads that resolve to a local, class or
 * comprehension binding. Each comes with the module-level definitions of its name.
 */
export interface ModuleRead {
  readonly ref: Reference;
  readonly unit: Unit;
  readonly defs: readonly Binding[];
}

/** Derived once per program: undefined-name and forward-reference both read them (readonly results). */
const MODULE_READS = derivedKey<readonly ModuleRead[]>('hiddenState.moduleReads');
const DYNAMIC_NAME_SOURCES = derivedKey<readonly DynamicNameSource[]>('hiddenState.dynamicNameSources');

export function moduleReads(program: PythonProgram): readonly ModuleRead[] {
  return derived(program, MODULE_READS, computeModuleReads);
}

function computeModuleReads(program: PythonProgram): ModuleRead[] {
  const sem = program.semantics;
  const defs = moduleDefinitions(program);
  const out: ModuleRead[] = [];
  // The joined references are the passes' references, unit after unit, in pass order.
  let first = 0;
  program.units.forEach((unit, u) => {
    const count = sem.passes[u]?.references.length ?? 0;
    const at = first;
    first += count;
    for (const i of derivedOfUnit(unit, UNIT_MODULE_READS, () => moduleLevelReads(program, u, at, count))) {
      const ref = sem.references[at + i]!;
      out.push({ ref, unit, defs: defs.get(ref.name) ?? [] });
    }
  });
  return out;
}

/**
 * Per unit: which of its reads (indices into its pass's references) a module-level definition
 * can answer — not inside a parse error, not bound in an enclosing function, class or
 * comprehension scope. Computed through one program's lookups but a fact of the cell alone
 * (its function scopes and `global` statements are its own; only module-level answers depend on
 * other cells, and those are not decided here), so an edit recomputes it for the edited cell only.
 */
const UNIT_MODULE_READS = derivedKey<readonly number[]>('hiddenState.unitModuleReads');

function moduleLevelReads(program: PythonProgram, u: number, first: number, count: number): number[] {
  const sem = program.semantics;
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const ref = sem.references[first + i]!;
    if (isInsideError(ref.node)) continue;
    const b = sem.lookup(ref.name, ref.node, ref.unit);
    if (b && b.scope !== sem.module) continue;
    if (!b && boundInEnclosingScope(ref)) continue;
    out.push(i);
  }
  return out;
}

/** A name bound (even only by `del` or `nonlocal`) in a function scope around the read. */
function boundInEnclosingScope(ref: Reference): boolean {
  for (let s: Scope | null = ref.scope; s && s.kind !== 'module'; s = s.parent) {
    if (s.kind === 'class' && s !== ref.scope) continue;
    if (s.globals.has(ref.name)) return false;
    if (s.bindings.has(ref.name) || s.nonlocals.has(ref.name)) return true;
  }
  return false;
}

/** Something in the notebook that can define names the analysis cannot see. */
export interface DynamicNameSource {
  readonly unit: Unit;
  readonly start: number;
  readonly end: number;
  readonly reason: string;
}

export function dynamicNameSources(program: PythonProgram): readonly DynamicNameSource[] {
  return derived(program, DYNAMIC_NAME_SOURCES, computeDynamicNameSources);
}

function computeDynamicNameSources(program: PythonProgram): DynamicNameSource[] {
  const out: DynamicNameSource[] = [];
  for (const unit of program.units) for (const s of derivedOfUnit(unit, UNIT_DYNAMIC_SOURCES, dynamicSourcesOfUnit)) out.push(s);
  return out;
}

const UNIT_DYNAMIC_SOURCES = derivedKey<readonly DynamicNameSource[]>('hiddenState.unitDynamicNameSources');

function dynamicSourcesOfUnit(unit: Unit): DynamicNameSource[] {
  const out: DynamicNameSource[] = [];
  for (const m of unit.magics) {
    if (m.kind !== 'line-magic' && m.kind !== 'automagic') continue;
    const reason = Object.prototype.hasOwnProperty.call(NAME_INJECTING_MAGICS, m.name) ? NAME_INJECTING_MAGICS[m.name] : undefined;
    if (reason) out.push({ unit, start: m.start, end: m.end, reason });
    else if (m.name === 'store' && /(^|\s)-r\s*$/.test(m.args)) out.push({ unit, start: m.start, end: m.end, reason: '`%store -r` restores every stored variable' });
  }
  // In document order: the first source above a read is the one its message names.
  for (const n of nodesOfTypes(unit, ['import_from_statement', 'call'])) {
    if (n.type === 'import_from_statement' && n.children.some((c) => c.type === 'wildcard_import')) {
      const mod = field(n, 'module_name');
      out.push({ unit, start: n.start, end: n.end, reason: `\`from ${mod ? text(mod) : '…'} import *\` can define it` });
    }
    if (n.type !== 'call') continue;
    const callee = field(n, 'function');
    if (callee?.type !== 'identifier') continue;
    const name = text(callee);
    if (NAME_INJECTING_CALLS.includes(name)) out.push({ unit, start: n.start, end: n.end, reason: `\`${name}()\` can define names` });
    else if (NAMESPACE_CALLS.includes(name) && writesNamespace(n)) out.push({ unit, start: n.start, end: n.end, reason: `a \`${name}()\` write can define names` });
  }
  return out;
}

/** `globals()[k] = v`, `globals().update(d)`, `f(globals())` — anything but a plain read. */
function writesNamespace(call: PyNode): boolean {
  const p = call.parent;
  if (!p) return false;
  if (p.type === 'comparison_operator') return false; // `'x' in globals()`
  if (p.type === 'subscript') {
    const stmt = p.parent;
    return !!stmt && (stmt.type === 'assignment' || stmt.type === 'augmented_assignment') && field(stmt, 'left') === p;
  }
  if (p.type === 'attribute') {
    const attr = field(p, 'attribute');
    return !!attr && ['update', 'setdefault', '__setitem__', 'pop'].includes(text(attr));
  }
  return p.type === 'argument_list';
}

/**
 * Names the notebook itself guards against being undefined: `'x' in globals()`,
 * `'x' in dir()`, `try: x … except NameError:`. Such reads are deliberate.
 */
export function guardedNames(program: PythonProgram): Set<string> {
  return derived(program, GUARDED_NAMES, () => {
    const out = new Set<string>();
    for (const unit of program.units) for (const name of derivedOfUnit(unit, UNIT_GUARDED_NAMES, guardedInUnit)) out.add(name);
    return out;
  });
}

const GUARDED_NAMES = derivedKey<Set<string>>('hiddenState.guardedNames');
const UNIT_GUARDED_NAMES = derivedKey<ReadonlySet<string>>('hiddenState.unitGuardedNames');

function guardedInUnit(unit: Unit): Set<string> {
  const out = new Set<string>();
  for (const n of nodesOfType(unit, 'comparison_operator')) {
    const [left, right] = n.children.filter((c) => c.named);
    if (left?.type === 'string' && right?.type === 'call') {
      const callee = field(right, 'function');
      if (callee && ['globals', 'locals', 'dir', 'vars'].includes(text(callee))) out.add(text(left).replace(/^[rRbBuUfF]*['"]+|['"]+$/g, ''));
    }
  }
  for (const n of nodesOfType(unit, 'try_statement')) {
    const catchesNameError = n.children.some((c) => c.type === 'except_clause' && /\b(NameError|Exception|BaseException)\b|^except\s*:/.test(c.source.slice(c.start, c.children.find((k) => k.type === 'block')?.start ?? c.end)));
    const body = catchesNameError ? field(n, 'body') : undefined;
    if (body) walk(body, (k) => {
      if (k.type === 'identifier') out.add(text(k));
    });
  }
  return out;
}

/**
 * Identifiers that appear in cells that do not parse: what those cells define is unknown, so a
 * name they mention may be defined there.
 */
export function namesInBrokenCells(program: PythonProgram): Set<string> {
  const out = new Set<string>();
  for (const unit of program.units) {
    if (!unit.syntaxError) continue;
    for (const m of unit.text.matchAll(/[\p{L}_][\p{L}\p{N}_]*/gu)) out.add(m[0]);
  }
  return out;
}

/** Names IPython cell magics bind that the semantic model does not see (`%%capture out`). */
export function cellMagicBindings(program: PythonProgram): Map<string, Unit> {
  const out = new Map<string, Unit>();
  for (const unit of program.units) {
    for (const m of unit.magics) {
      if (m.kind === 'cell-magic' && m.name === 'capture') {
        const name = m.args.split(/\s+/).filter((a) => a && !a.startsWith('-')).pop();
        if (name && !out.has(name)) out.set(name, unit);
      }
      // `%%sql result <<` and `%sql result << …` store the result set in `result`.
      if ((m.name === 'sql' || m.name === 'sparksql') && /^\s*(?:--?\S+\s+)*([\p{L}_][\p{L}\p{N}_]*)\s*<</u.test(m.args)) {
        const name = /([\p{L}_][\p{L}\p{N}_]*)\s*<</u.exec(m.args)![1]!;
        if (!out.has(name)) out.set(name, unit);
      }
    }
  }
  return out;
}

/** What the name rules (undefined-name, forward-reference) know of a notebook's names. */
export interface NotebookNames {
  /** Names read behind `'x' in globals()` / `try: x except NameError`. */
  readonly guarded: Set<string>;
  /** Names IPython cell magics bind (`%%capture out`, `%%sql x <<`), by the cell that binds them. */
  readonly magicDefined: Map<string, Unit>;
  /** Star imports, `%run`, `exec`… that could define names unseen. */
  readonly dynamic: readonly DynamicNameSource[];
  /** Names the kernel provides, from `[tool.preflight.hidden-state] known-names`. */
  readonly known: Set<string>;
}

export function notebookNames(program: PythonProgram, knownNames: readonly string[] = []): NotebookNames {
  return { guarded: guardedNames(program), magicDefined: cellMagicBindings(program), dynamic: dynamicNameSources(program), known: new Set(knownNames) };
}

/** A name that is there whatever the cells do: builtins, IPython names, configured kernel names, guarded reads. */
export function isProvidedName(names: NotebookNames, name: string): boolean {
  return isPredefinedName(name) || names.known.has(name) || names.guarded.has(name);
}

/** Keeps one finding per cell and name: true the first time `(unit, name)` is seen. */
export function firstInCell(): (unit: number, name: string) => boolean {
  const seen = new Set<string>();
  return (unit, name) => {
    const key = `${unit}:${name}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  };
}
