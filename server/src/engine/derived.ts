/**
 * Per-program derived facts: what a rule family computes once from a program's semantics and
 * several rules read (module reads, rerun places, the randomness analysis, …). One typed memo
 * instead of a `WeakMap` per family: a fact is keyed by its program and a `DerivedKey`, and
 * lives exactly as long as the program (the session decides that: it keeps an open document's
 * program until an edit replaces it).
 *
 * Facts of one unit alone (a cell's or a file's own syntax, nothing joined) are kept with the
 * unit instead (`derivedOfUnit`): the session keeps an unchanged cell's unit across edits
 * (python/incremental.ts; a moved cell gets a new one), so an edit recomputes them for the edited
 * cell only, where a program fact is recomputed for every cell.
 *
 * A leaf module (it imports only types), so the families can use it without importing the
 * session above them.
 */
import type { PythonProgram, Unit } from './python/program';

/** The name of one kind of fact; `T` is the type of its value. Create each key once, at module level. */
export interface DerivedKey<T> {
  readonly name: string;
  /** Never set: carries `T` so `derived(program, key, …)` is typed by its key. */
  readonly __type?: T;
}

export function derivedKey<T>(name: string): DerivedKey<T> {
  return Object.freeze({ name });
}

type Facts<O extends object> = WeakMap<O, Map<DerivedKey<unknown>, unknown>>;

const facts: Facts<PythonProgram> = new WeakMap();
const unitFacts: Facts<Unit> = new WeakMap();

/** `owner`'s fact `key` in `store`: computed on first use, then the same value for the owner's life. */
function factOf<O extends object, T>(store: Facts<O>, owner: O, key: DerivedKey<T>, compute: (owner: O) => T): T {
  let byKey = store.get(owner);
  if (!byKey) store.set(owner, (byKey = new Map()));
  if (byKey.has(key)) return byKey.get(key) as T;
  const value = compute(owner);
  byKey.set(key, value);
  return value;
}

/**
 * The fact `key` of `program`: computed by `compute` on first use, then the same value for as
 * long as the program lives. Values are shared by every reader, so treat them as read-only.
 */
export function derived<T>(program: PythonProgram, key: DerivedKey<T>, compute: (program: PythonProgram) => T): T {
  return factOf(facts, program, key, compute);
}

/**
 * The fact `key` of one unit, computed from that unit alone (its text, syntax tree and magics;
 * never the program it is joined into): the same value for as long as the unit lives.
 */
export function derivedOfUnit<T>(unit: Unit, key: DerivedKey<T>, compute: (unit: Unit) => T): T {
  return factOf(unitFacts, unit, key, compute);
}
