/** What the production checks share: statuses with their wording, and the training question. */
import { SKLEARN_PREPROCESSING_FITS, TRAINING_CALLS } from '../catalogues/readiness';
import { matchesAny } from '../python/patterns';
import type { CheckContext, CheckResult } from './checkContext';
import type { Evidence } from './model';

export const MAX_EVIDENCE = 10;

export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
export const note = (message: string): Evidence => ({ kind: 'note', message });
export const withCodeNotes = (ctx: CheckContext, evidence: Evidence[]): Evidence[] => [...evidence, ...ctx.code.notes().map(note)];

/** `not-applicable` only when every Python file was read; otherwise the unread ones may hold the part. */
export function notApplicable(ctx: CheckContext, summary: string): CheckResult {
  if (!ctx.code.unread().length) return { status: 'not-applicable', summary, evidence: [] };
  return { status: 'unknown', summary: `${summary.replace(/\.$/, '')} in the files read; ${plural(ctx.code.unread().length, 'file')} could not be read. Check those by hand.`, evidence: ctx.code.unread().slice(0, 5).map((f): Evidence => ({ kind: 'file', file: f, message: 'not read (too large, not text, or not a valid notebook)' })) };
}

/** Calls that train a model (fitting a scaler or a vectorizer alone is not training). */
export function trainingCalls(ctx: CheckContext) {
  return ctx.code.calls(TRAINING_CALLS).filter((c) => !matchesAny(c.name, SKLEARN_PREPROCESSING_FITS));
}

/** The production checks read every Python file and notebook the code index parsed (plus, when they say so, more). */
export function readingCode<C extends (ctx: CheckContext) => CheckResult>(check: C): (ctx: CheckContext) => CheckResult {
  return (ctx) => {
    const result = check(ctx);
    return { ...result, lookedAt: [...ctx.code.files().map((f) => f.rel), ...(result.lookedAt ?? [])] };
  };
}
