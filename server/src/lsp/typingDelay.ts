/**
 * How long an edit waits before its document is analysed (lsp/diagnostics.ts).
 *
 * A fixed debounce puts its whole length into every keystroke's latency, also the keystroke
 * that follows a pause, which is most of them at human typing speed. So the delay is
 * leading-edge: a change to a document that was quiet (its previous change at least
 * `TYPING_DELAY_MS` ago, no analysis waiting for it) is analysed at once. A change inside a
 * burst (closer than that to the previous one) waits until the burst pauses for
 * `TYPING_DELAY_MS`, so a fast burst is analysed once at its end instead of once per key.
 * Changes that arrive while an analysis runs merge into the next one anyway (the queue holds one
 * job per document, and the analysis reads the latest text).
 */

/** The pause that ends a burst of typing (ms). */
export const TYPING_DELAY_MS = 30;

export class TypingClock {
  /** When each document's last change arrived. */
  private readonly lastChange = new Map<string, number>();

  constructor(
    private readonly now: () => number = () => performance.now(),
    private readonly pause = TYPING_DELAY_MS,
  ) {}

  /**
   * Note a change of `key` and answer how long to wait before analysing it: 0 when the document
   * was quiet, `pause` in a burst or while an analysis of it is already waiting (`waiting`).
   */
  changed(key: string, waiting: boolean): number {
    const now = this.now();
    const previous = this.lastChange.get(key);
    this.lastChange.set(key, now);
    const quiet = previous === undefined || now - previous >= this.pause;
    return quiet && !waiting ? 0 : this.pause;
  }

  /** The document closed. */
  forget(key: string): void {
    this.lastChange.delete(key);
  }
}
