/**
 * Which re-run a place is, in words, from its catalogue entry (catalogues/rerunPlaces.ts
 * `RerunText`) and the options its decorator or registration call writes: "a tenacity retry
 * (stop=stop_after_attempt(5))", "a Celery retry (max_retries=3) or a redelivery after a worker
 * crash (acks_late=True)". Messages put it before their outcome ("… sends it twice").
 */
import { DEFAULT_RERUN, type RerunPlaceKind, type RerunText, type RetryCount } from '../catalogues/rerunPlaces';
import type { PythonProgram } from './program';
import { constantOf } from './resolve';
import type { Arguments, FunctionInfo } from './semantics';
import { stringValue, text, type PyNode } from './syntax';

/** Longest option value quoted; longer ones end in "…". */
const MAX_VALUE = 40;

export function rerunText(
  program: PythonProgram,
  kind: RerunPlaceKind,
  entry: RerunText | undefined,
  args: Arguments | undefined,
  unit: number,
  fn?: FunctionInfo,
): string {
  if (!entry) return DEFAULT_RERUN[kind];
  const route = stringValue(args?.positional[0]);
  const byRoute = route !== undefined ? entry.routes?.find((r) => route.toLowerCase().includes(r.contains)) : undefined;
  if (byRoute) return byRoute.who;
  const written = (entry.options ?? []).filter((k) => args?.keywords.has(k));
  const off = (entry.counts ?? []).some((k) => args?.keywords.has(k) && constantOf(program, args.keywords.get(k)!, unit) === 0);
  const flags = (entry.flags ?? []).filter((f) => args?.keywords.has(f.keyword) && constantOf(program, args.keywords.get(f.keyword)!, unit) === true);
  const retryCall = fn && entry.retryCalls?.length ? program.semantics.calls.find((c) => c.fn === fn && entry.retryCalls!.includes(text(c.callee))) : undefined;
  const parts: string[] = [];
  if (off) {
    if (!flags.length && entry.off) parts.push(entry.off);
  } else if (written.length) {
    parts.push(`${entry.who} (${written.map((k) => `${k}=${quoted(args!.keywords.get(k)!)}`).join(', ')})`);
  } else if (retryCall) {
    parts.push(`${entry.who} (${text(retryCall.callee)}())`);
  } else if (!flags.length) {
    parts.push(entry.bare ?? entry.who);
  }
  for (const f of flags) parts.push(`${f.who} (${f.keyword}=True)`);
  return parts.length ? parts.join(' or ') : DEFAULT_RERUN[kind];
}

/**
 * For an entry whose framework retries only when a count says so (`retriesOnlyWhenCounted`,
 * Airflow): is the count turned off by the place's own arguments (`retries=0`), or not written
 * there? Undefined when a count is written (a retry is configured) or the entry retries anyway.
 */
export function retryCountOf(program: PythonProgram, entry: RerunText | undefined, args: Arguments | undefined, unit: number): RetryCount | undefined {
  const counted = entry?.retriesOnlyWhenCounted;
  if (!counted) return undefined;
  const written = (entry.counts ?? []).filter((k) => args?.keywords.has(k));
  if (!written.length) return args?.hasStarKwargs ? undefined : { state: 'unset', entry: counted };
  return written.every((k) => constantOf(program, args!.keywords.get(k)!, unit) === 0) ? { state: 'off', entry: counted } : undefined;
}

function quoted(value: PyNode): string {
  const t = text(value).replace(/\s+/g, ' ');
  return t.length > MAX_VALUE ? `${t.slice(0, MAX_VALUE - 1)}…` : t;
}

/**
 * Whether the place runs again only when an exception escapes it (`RerunText.onExceptionOnly`):
 * not when a flag adds a re-run of its own (`acks_late=True`) or a keyword makes it retry on a
 * returned value too.
 */
export function rerunsOnlyOnException(program: PythonProgram, entry: RerunText | undefined, args: Arguments | undefined, unit: number): boolean {
  if (!entry?.onExceptionOnly || args?.hasStarKwargs) return false;
  if ((entry.retriesOnResultWith ?? []).some((k) => args?.keywords.has(k))) return false;
  return !(entry.flags ?? []).some((f) => args?.keywords.has(f.keyword) && constantOf(program, args.keywords.get(f.keyword)!, unit) !== false);
}
