/** Prefilters for catalogue lookups by the last name of a callee. */

/** Last names of catalogue entries (`requests.Session().get` → `get`). */
export function lastNames(names: readonly string[]): ReadonlySet<string> {
  return new Set(names.map((n) => n.split('.').pop()!.replace(/\(\)$/, '')));
}
