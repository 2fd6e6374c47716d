/**
 * The per-file time budget (`max-seconds-per-file`): checked between rules, by the parser while
 * it parses, and inside the loops that can run long on one input, so a spent budget really
 * stops the work and the file gets one finding naming what did not run.
 *
 * The budget is ambient (module state set for the length of one file's analysis) rather than a
 * parameter: analysis is synchronous, one file at a time per thread, and the loops that check
 * it sit deep inside rules and shared facts that know nothing of files or configuration.
 */

/** Thrown by `checkBudget` when the file's budget is spent; the runner turns it into the finding. */
export class BudgetExceeded extends Error {
  /** `during`: what was running (`parsing`, or a rule's work). */
  constructor(readonly during: string) {
    super(`time budget spent while ${during}`);
  }
}

let deadline = Number.POSITIVE_INFINITY;
let clock: () => number = () => performance.now();

/** Run `f` with a budget of `ms` from now (reading a file, then its rules, get one each). */
export function withBudget<T>(ms: number, f: () => T): T {
  const saved = deadline;
  deadline = clock() + ms;
  try {
    return f();
  } finally {
    deadline = saved;
  }
}

export function budgetSpent(): boolean {
  return deadline !== Number.POSITIVE_INFINITY && clock() > deadline;
}

/** Stop the current file's analysis if its budget is spent (call it in loops over outside input). */
export function checkBudget(during: string): void {
  if (budgetSpent()) throw new BudgetExceeded(during);
}

let ticks = 0;

/**
 * `checkBudget` for the inner loops of walks over trees and texts: reads the clock once every
 * 4,096 calls, so the check costs nothing next to the work it bounds.
 */
export function tickBudget(during: string): void {
  if ((++ticks & 0xfff) === 0) checkBudget(during);
}

/**
 * Replace the clock (tests: a clock that advances on every reading shows that a loop checks the
 * budget, with no timing involved). Returns a function that restores the real clock.
 */
export function useBudgetClock(next: () => number): () => void {
  const saved = clock;
  clock = next;
  return () => {
    clock = saved;
  };
}
