/**
 * A unit's syntax nodes by type, from one walk, kept with the unit (../derived.ts
 * `derivedOfUnit`): rules and derived facts that look for a few node types (`while` loops,
 * string literals, `try` statements) read their lists instead of walking every tree again.
 * An edit re-indexes the edited cell only; the other cells keep their units and their index.
 *
 * Lists are in document order (a pre-order walk), shared by every reader: treat them as read-only.
 */
import { derivedKey, derivedOfUnit } from '../derived';
import type { Unit } from './program';
import { walk, type PyNode } from './syntax';

const NODES_BY_TYPE = derivedKey<ReadonlyMap<string, readonly PyNode[]>>('python.nodesByType');
const NONE: readonly PyNode[] = [];

function indexUnit(unit: Unit): Map<string, PyNode[]> {
  const byType = new Map<string, PyNode[]>();
  walk(unit.root, (n) => {
    const list = byType.get(n.type);
    if (list) list.push(n);
    else byType.set(n.type, [n]);
  });
  return byType;
}

/** The unit's nodes of `type`, in document order. */
export function nodesOfType(unit: Unit, type: string): readonly PyNode[] {
  return derivedOfUnit(unit, NODES_BY_TYPE, indexUnit).get(type) ?? NONE;
}

/** The unit's nodes of any of `types`, in document order. */
export function nodesOfTypes(unit: Unit, types: readonly string[]): readonly PyNode[] {
  if (types.length === 1) return nodesOfType(unit, types[0]!);
  const lists = types.map((t) => nodesOfType(unit, t)).filter((l) => l.length);
  if (lists.length <= 1) return lists[0] ?? NONE;
  return lists.flat().sort((a, b) => a.start - b.start || b.end - a.end);
}
