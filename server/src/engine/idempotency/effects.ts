/**
 * Finding the side effects of catalogues/sideEffects.ts in a program, and the idempotency
 * evidence carried by the call itself (keys, dedup ids, upsert clauses, `exist_ok=True`).
 * Guards around the call (existence checks) are in guards.ts.
 */
import { READ_CALLS, type SideEffectEntry, type EffectCondition } from '../catalogues/sideEffects';
import type { PythonProgram } from '../python/program';
import { bestMatch, matchesAny, specificity } from '../python/patterns';
import { originOf, type OutsideReturns } from '../python/resolve';
import { argumentOf, type CallSite } from '../python/semantics';
import { field, text, walk, type PyNode } from '../python/syntax';
import { isReadRequest } from './reads';

export interface EffectSite {
  readonly entry: SideEffectEntry;
  readonly call: CallSite;
  /** The callee's qualified name as matched (`requests.Session().post`). */
  readonly name: string;
}

/**
 * Every call that is a catalogued side effect and carries no idempotency evidence itself.
 * `outside` says what the project's functions in other modules return (python/projectReturns.ts),
 * so a receiver built by a project helper (`get_session().begin()`) is known.
 */
export function findEffects(program: PythonProgram, catalogue: readonly SideEffectEntry[], outside?: OutsideReturns): EffectSite[] {
  const out: EffectSite[] = [];
  for (const call of program.semantics.calls) {
    const name = originOf(program, call.callee, call.unit, 0, outside);
    if (!name) continue;
    const entry = mostSpecific(name, catalogue);
    if (!entry) continue;
    if (!conditionsHold(program, call, entry)) continue;
    if (isReadRequest(program, call, entry)) continue;
    if (hasEvidence(program, call, entry)) continue;
    out.push({ entry, call, name });
  }
  return out;
}

/** The entry whose callee pattern names the call most specifically (an entry's `exclude` rules it out). */
function mostSpecific(name: string, catalogue: readonly SideEffectEntry[]): SideEffectEntry | undefined {
  // Memoised per catalogue and name: every call is looked up, and matching a name against the
  // whole catalogue's patterns was the rule's main cost (perf corpus, 20,000-call files).
  let byName = mostSpecificMemo.get(catalogue);
  if (!byName) mostSpecificMemo.set(catalogue, (byName = new Map()));
  let entry = byName.get(name);
  if (entry === undefined) {
    entry = bestMatch(name, catalogue, (e) => (e.exclude && matchesAny(name, e.exclude) ? [] : e.callees)) ?? null;
    // An SDK read (`client.chat.completions.create`) wins over an effect pattern no more specific.
    if (entry && readSpecificity(name) >= Math.max(...entry.callees.map((p) => specificity(name, p)))) entry = null;
    if (byName.size > 10_000) byName.clear();
    byName.set(name, entry);
  }
  return entry ?? undefined;
}

function readSpecificity(name: string): number {
  let best = -1;
  for (const p of READ_CALLS) best = Math.max(best, specificity(name, p));
  return best;
}

const mostSpecificMemo = new WeakMap<readonly SideEffectEntry[], Map<string, SideEffectEntry | null>>();

function conditionHolds(program: PythonProgram, call: CallSite, c: EffectCondition): boolean {
  const arg = argumentOf(call, c.keyword, c.position);
  if (!arg) return false;
  if (c.present) return true;
  if (c.matches === undefined) return true;
  const s = literalText(program, arg, call.unit);
  return s !== undefined && new RegExp(c.matches, 'i').test(s);
}

function conditionsHold(program: PythonProgram, call: CallSite, e: SideEffectEntry): boolean {
  if (e.when && !e.when.every((c) => conditionHolds(program, call, c))) return false;
  if (e.whenAny && !e.whenAny.some((c) => conditionHolds(program, call, c))) return false;
  return true;
}

/**
 * The text of a string argument: literals (f-string holes become `{}`), `"…".format(…)`,
 * `"…" % …`, `text("…")` (SQLAlchemy), and a name assigned one of those in the same file.
 */
export function literalText(program: PythonProgram, n: PyNode, unit: number, depth = 0): string | undefined {
  if (depth > 4) return undefined;
  switch (n.type) {
    case 'string':
      return n.children.map((c) => (c.type === 'string_content' || c.type === 'escape_sequence' ? text(c) : c.type === 'interpolation' ? '{}' : '')).join('');
    case 'concatenated_string':
      return n.children.filter((c) => c.type === 'string').map((c) => literalText(program, c, unit, depth + 1) ?? '').join('');
    case 'parenthesized_expression': {
      const inner = n.children.find((c) => c.named);
      return inner ? literalText(program, inner, unit, depth + 1) : undefined;
    }
    case 'binary_operator': {
      const left = field(n, 'left');
      return left ? literalText(program, left, unit, depth + 1) : undefined;
    }
    case 'call': {
      const callee = field(n, 'function');
      const args = field(n, 'arguments')?.children.filter((c) => c.named) ?? [];
      if (callee?.type === 'attribute' && text(field(callee, 'attribute')!) === 'format') return literalText(program, field(callee, 'object')!, unit, depth + 1);
      if (callee && /(^|\.)text$/.test(text(callee)) && args[0]) return literalText(program, args[0], unit, depth + 1);
      return undefined;
    }
    case 'identifier': {
      const b = program.semantics.lookup(text(n), n, unit);
      return b?.value && b.value !== n ? literalText(program, b.value, b.unit, depth + 1) : undefined;
    }
    default:
      return undefined;
  }
}

function hasEvidence(program: PythonProgram, call: CallSite, e: SideEffectEntry): boolean {
  for (const [k, values] of Object.entries(e.evidenceValues ?? {})) {
    const v = call.keywords.get(k);
    if (v && values.includes(text(v))) return true;
  }
  if (e.evidence?.length) {
    // A `**kwargs` could carry the key: do not claim it is missing.
    if (call.hasStarKwargs) return true;
    const wanted = new Set(e.evidence.map((x) => x.toLowerCase()));
    const args = [...call.positional, ...call.keywords.values()];
    for (const k of call.keywords.keys()) if (wanted.has(k.toLowerCase())) return true;
    for (const a of args) if (mentions(program, a, call.unit, wanted, 0)) return true;
  }
  if (e.evidenceText) {
    const arg = e.when?.map((c) => argumentOf(call, c.keyword, c.position)).find((a) => a);
    const s = arg ? literalText(program, arg, call.unit) : undefined;
    if (s !== undefined && new RegExp(e.evidenceText, 'i').test(s)) return true;
  }
  if (e.evidenceChain?.length) {
    // insert(t).values(...).on_conflict_do_nothing()
    let cur: PyNode = call.node;
    for (let hops = 0; hops < 8 && cur.parent?.type === 'attribute' && field(cur.parent, 'object') === cur; hops++) {
      const attr = text(field(cur.parent, 'attribute')!);
      if (e.evidenceChain.includes(attr)) return true;
      if (cur.parent.parent?.type !== 'call') break;
      cur = cur.parent.parent;
    }
  }
  return false;
}

/** A keyword name or dictionary key among `wanted`, in an argument or the dict a name holds. */
function mentions(program: PythonProgram, n: PyNode, unit: number, wanted: Set<string>, depth: number): boolean {
  let found = false;
  walk(n, (x) => {
    if (found) return false;
    if (x.type === 'keyword_argument') {
      const name = field(x, 'name');
      if (name && wanted.has(text(name).toLowerCase())) found = true;
    } else if (x.type === 'pair') {
      const key = field(x, 'key');
      const s = key?.type === 'string' ? literalText(program, key, unit) : undefined;
      if (s && wanted.has(s.toLowerCase())) found = true;
    } else if (x.type === 'identifier' && depth < 2) {
      const b = program.semantics.lookup(text(x), x, unit);
      if (b?.value && b.value !== x && mentions(program, b.value, b.unit, wanted, depth + 1)) found = true;
      if (wanted.has(text(x).toLowerCase())) found = true; // f(idempotency_key)
    }
    return !found;
  });
  if (found) return true;
  // headers = {...}; headers["Idempotency-Key"] = k
  if (n.type === 'identifier') {
    const name = text(n);
    const b = program.semantics.lookup(name, n, unit);
    if (b) {
      for (const r of program.semantics.references) {
        if (r.name !== name || program.semantics.lookup(name, r.node, r.unit) !== b) continue;
        const sub = r.node.parent;
        if (sub?.type === 'subscript' && sub.parent?.type === 'assignment' && field(sub.parent, 'left') === sub) {
          const key = field(sub, 'subscript') ?? sub.children.filter((c) => c.named)[1];
          const s = key ? literalText(program, key, r.unit) : undefined;
          if (s && wanted.has(s.toLowerCase())) return true;
        }
      }
    }
  }
  return false;
}
