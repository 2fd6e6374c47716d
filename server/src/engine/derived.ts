/**
 * Per-program derived facts: what a rule family computes once from a program's semantics and
 * several rules read (module reads, rerun places, the randomness analysis, …). One typed memo
 * instead of a `WeakMap` per family: a fact is keyed by its program and a `DerivedKey`, and
 * lives exactly as long as the program (the session decides that: it keeps an open document's
 * program until an edit replaces it).
 *
 * A leaf module (it imports only types), so the families can use it without importing the
 * session above them.
 */
import type { PythonProgram } from './python/program';

/** The name of one kind of fact; `T` is the type of its value. Create each key once, at module level. */
export interface DerivedKey<T> {
  readonly name: string;
  /** Never set: carries `T` so `derived(program, key, …)` is typed by its key. */
  readonly __type?: T;
}

export function derivedKey<T>(name: string): DerivedKey<T> {
  return Object.freeze({ name });
}

const facts = new WeakMap<PythonProgram, Map<DerivedKey<unknown>, unknown>>();

/**
 * The fact `key` of `program`: computed by `compute` on first use, then the same value for as
 * long as the program lives. Values are shared by every reader, so treat them as read-only.
 */
export function derived<T>(program: PythonProgram, key: DerivedKey<T>, compute: (program: PythonProgram) => T): T {
  let byKey = facts.get(program);
  if (!byKey) facts.set(program, (byKey = new Map()));
  if (byKey.has(key)) return byKey.get(key) as T;
  const value = compute(program);
  byKey.set(key, value);
  return value;
}
