/**
 * Effects in queue consumer loops that a redelivered message does not duplicate:
 * - the place carries the entry's `placeEvidence` (a transactional consume-produce loop that
 *   commits the consumer's offsets with the producer's transaction: exactly once);
 * - in a polling loop (`while …: msg = consumer.poll(…)`), an effect that neither reads the
 *   consumed message nor runs only because a message came (a producer that sends on a timer in
 *   the same loop). Iterating the consumer (`for msg in consumer:`) runs each step per message, so
 *   everything in such a loop reacts to it.
 */
import { CONSUMER_LOOPS } from '../catalogues/rerunPlaces';
import type { PythonProgram } from '../python/program';
import { matchesAny } from '../python/patterns';
import type { RerunPlace } from '../python/rerunPlaces';
import { originOf } from '../python/resolve';
import { field, text, walk, type PyNode } from '../python/syntax';
import type { EffectSite } from './effects';

/** A call matching the entry's `placeEvidence` inside the place (or the helper the effect is in). */
export function hasPlaceEvidence(program: PythonProgram, site: EffectSite, place: RerunPlace): boolean {
  const wanted = site.entry.placeEvidence;
  if (!wanted?.length) return false;
  const scopes: { node: PyNode; unit: number }[] = [{ node: place.node, unit: place.unit }];
  if (site.call.fn) scopes.push({ node: site.call.fn.node, unit: site.call.fn.unit });
  return program.semantics.calls.some(
    (c) => scopes.some((s) => s.unit === c.unit && c.node.start >= s.node.start && c.node.end <= s.node.end) && matchesAny(originOf(program, c.callee, c.unit), wanted),
  );
}

const NESTED_SCOPES = new Set(['function_definition', 'class_definition', 'lambda']);
const EXITS = new Set(['continue_statement', 'break_statement', 'return_statement', 'raise_statement']);

/**
 * Does the effect (or the helper call that reaches it) run because of a consumed message?
 * True unless the place is a polling `while` loop where the message is visibly bound and the
 * effect neither reads it nor is controlled by it.
 */
export function reactsToMessage(program: PythonProgram, site: EffectSite, place: RerunPlace): boolean {
  if (place.kind !== 'consumer' || place.node.type !== 'while_statement') return true;
  const loop = place.node;
  const unit = place.unit;
  const isPoll = (n: PyNode) => n.type === 'call' && matchesAny(originOf(program, field(n, 'function')!, unit), CONSUMER_LOOPS.pollingCalls);
  const messages = consumedNames(loop, isPoll);
  if (!messages.size) return true; // the message is not bound to a name we can follow
  const reads = (n: PyNode | undefined) => !!n && readsAny(n, messages, isPoll);
  const anchor = place.via?.node ?? site.call.node;
  if (reads(anchor)) return true;
  for (let child = anchor, n = anchor.parent; n && child !== loop; child = n, n = n.parent) {
    switch (n.type) {
      case 'if_statement':
      case 'elif_clause':
      case 'while_statement':
        if (field(n, 'condition') !== child && reads(field(n, 'condition'))) return true;
        break;
      case 'conditional_expression':
      case 'boolean_operator':
        if (n.children.some((c) => c !== child && c.named && reads(c))) return true;
        break;
      case 'for_statement':
        if (reads(field(n, 'right'))) return true;
        break;
      case 'with_statement':
        if (n.children.some((c) => c.type === 'with_clause' && reads(c))) return true;
        break;
      case 'match_statement':
        if (reads(field(n, 'subject'))) return true;
        break;
      case 'block':
        // `if msg is None: continue` before the effect: it runs only when a message came.
        for (const s of n.children) {
          if (s === child) break;
          if (exitsOnMessage(s, reads)) return true;
        }
        break;
      default:
        break;
    }
  }
  return false;
}

/** Names bound from a polling call in the loop, and names derived from them (to a fixed point). */
function consumedNames(loop: PyNode, isPoll: (n: PyNode) => boolean): Set<string> {
  const names = new Set<string>();
  const bindings: { targets: PyNode; value: PyNode }[] = [];
  walk(loop, (n) => {
    if (n !== loop && NESTED_SCOPES.has(n.type)) return false;
    if (n.type === 'assignment' || n.type === 'augmented_assignment') {
      const left = field(n, 'left');
      const right = field(n, 'right');
      if (left && right) bindings.push({ targets: left, value: right });
    } else if (n.type === 'named_expression') {
      const name = field(n, 'name');
      const value = field(n, 'value');
      if (name && value) bindings.push({ targets: name, value });
    } else if (n.type === 'for_statement' && n !== loop) {
      const left = field(n, 'left');
      const right = field(n, 'right');
      if (left && right) bindings.push({ targets: left, value: right });
    }
    return true;
  });
  for (let changed = true; changed; ) {
    changed = false;
    for (const b of bindings) {
      if (!readsAny(b.value, names, isPoll)) continue;
      walk(b.targets, (t) => {
        if (t.type === 'identifier' && !isAttributeName(t) && !names.has(text(t))) {
          names.add(text(t));
          changed = true;
        }
        return true;
      });
    }
  }
  return names;
}

/** Does the expression read one of `names`, or call the consumer's polling method itself? */
function readsAny(n: PyNode, names: ReadonlySet<string>, isPoll: (n: PyNode) => boolean): boolean {
  let found = false;
  walk(n, (x) => {
    if (found || NESTED_SCOPES.has(x.type)) return false;
    if (x.type === 'identifier' && !isAttributeName(x) && names.has(text(x))) found = true;
    else if (isPoll(x)) found = true;
    return !found;
  });
  return found;
}

/** `value` in `msg.value` and `k` in `f(k=…)` name no variable. */
function isAttributeName(id: PyNode): boolean {
  const p = id.parent;
  if (p?.type === 'attribute' && field(p, 'attribute') === id) return true;
  if (p?.type === 'keyword_argument' && field(p, 'name') === id) return true;
  return false;
}

/** An `if` in the statement, testing the message, that leaves the iteration. */
function exitsOnMessage(stmt: PyNode, reads: (n: PyNode | undefined) => boolean): boolean {
  let found = false;
  walk(stmt, (x) => {
    if (found || NESTED_SCOPES.has(x.type) || x.type === 'for_statement' || x.type === 'while_statement') return false;
    if ((x.type === 'if_statement' || x.type === 'elif_clause') && reads(field(x, 'condition')) && containsExit(x)) found = true;
    return !found;
  });
  return found;
}

function containsExit(n: PyNode): boolean {
  let found = false;
  walk(n, (x) => {
    if (found || (x !== n && (NESTED_SCOPES.has(x.type) || x.type === 'for_statement' || x.type === 'while_statement'))) return false;
    if (EXITS.has(x.type)) found = true;
    return !found;
  });
  return found;
}
