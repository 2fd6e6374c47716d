/**
 * Irreversible effects (payments, e-mail and SMS to people, deletions, destructive SQL) and the
 * approval steps that gate them. Payments and messages come from the shared side-effect
 * catalogue (catalogues/sideEffects.ts); deletions and approval evidence from catalogues/agent.ts.
 */
import {
  APPROVAL_CALLS,
  APPROVAL_INTERRUPTS,
  APPROVAL_KEYWORDS,
  APPROVAL_NAMES,
  CONFIRM_PARAMETERS,
  DELETIONS,
  DESTRUCTIVE_SQL,
  IRREVERSIBLE_FROM_SIDE_EFFECTS,
  SQL_EXECUTE_CALLEES,
} from '../catalogues/agent';
import { SIDE_EFFECTS } from '../catalogues/sideEffects';
import { literalText } from '../idempotency/effects';
import type { PythonProgram } from '../python/program';
import { bestMatch, matchesAny } from '../python/patterns';
import { originOf } from '../python/resolve';
import type { CallSite, FunctionInfo } from '../python/semantics';
import { field, lastNameOf, text, walk } from '../python/syntax';

export interface IrreversibleCall {
  readonly call: CallSite;
  /** "payment", "e-mail", "file deletion", "destructive SQL". */
  readonly effect: string;
  readonly name: string;
}

const IRREVERSIBLE_ENTRIES = SIDE_EFFECTS.flatMap((e) => {
  const rule = IRREVERSIBLE_FROM_SIDE_EFFECTS.find((r) => r.family === e.family && (!r.effects || r.effects.includes(e.effect)));
  return rule ? [{ entry: e, rule }] : [];
});

/** What irreversible effect a call is, if any. */
export function irreversibleEffect(program: PythonProgram, call: CallSite): IrreversibleCall | undefined {
  const name = originOf(program, call.callee, call.unit);
  if (!name) return undefined;
  const effect = catalogueEffect(name);
  if (effect) return { call, effect, name };
  if (matchesAny(name, SQL_EXECUTE_CALLEES) && call.positional[0]) {
    const sql = literalText(program, call.positional[0], call.unit);
    if (sql && DESTRUCTIVE_SQL.test(sql)) return { call, effect: 'destructive SQL', name };
  }
  return undefined;
}

/** The irreversible effect the catalogues name `name` as (most specific entry), memoised by name. */
function catalogueEffect(name: string): string | undefined {
  let effect = effectMemo.get(name);
  if (effect === undefined) {
    const hit = bestMatch(name, IRREVERSIBLE_ENTRIES, ({ entry, rule }) => (excluded(name, rule.excludeCallees) || excluded(name, entry.exclude) ? [] : entry.callees));
    const deletion = hit ? undefined : bestMatch(name, DELETIONS, (d) => d.callees);
    effect = hit ? (hit.entry.family === 'payment' ? 'payment' : hit.entry.effect) : (deletion?.effect ?? null);
    if (effectMemo.size > 10_000) effectMemo.clear();
    effectMemo.set(name, effect);
  }
  return effect ?? undefined;
}

const effectMemo = new Map<string, string | null>();

function excluded(name: string, patterns: readonly string[] | undefined): boolean {
  return !!patterns && matchesAny(name, patterns);
}

/** A call, keyword or name anywhere in the program that configures human approval. */
export function programHasApproval(program: PythonProgram): boolean {
  for (const call of program.semantics.calls) {
    if ([...call.keywords.keys()].some((k) => APPROVAL_KEYWORDS.has(k))) return true;
    const name = originOf(program, call.callee, call.unit);
    if (matchesAny(name, APPROVAL_INTERRUPTS)) return true;
  }
  return program.units.some((u) => APPROVAL_NAMES.test(u.text));
}

/** The tool asks a person first: a confirm parameter, or an approval call in its body. */
export function functionHasApproval(program: PythonProgram, fn: FunctionInfo): boolean {
  const params = field(fn.node, 'parameters');
  let found = false;
  walk(params ?? fn.node, (n) => {
    if (found) return false;
    if (n.type === 'identifier' && CONFIRM_PARAMETERS.test(text(n))) found = true;
    return true;
  });
  if (found) return true;
  const body = field(fn.node, 'body');
  if (!body) return false;
  return program.semantics.calls.some((c) => {
    if (c.node.start < body.start || c.node.end > body.end || c.unit !== fn.unit) return false;
    const last = lastNameOf(c.callee);
    return !!last && APPROVAL_CALLS.test(last) && !irreversibleEffect(program, c);
  });
}
