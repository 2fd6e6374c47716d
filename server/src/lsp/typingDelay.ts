/**
 * How long an edit waits before its document is analysed (lsp/diagnostics.ts).
 *
 * A fixed debounce puts its whole length into every keystroke's latency, also the keystroke
 * that follows a pause, which is most of them at human typing speed. So the delay only merges
 * work: a change to a document with nothing outstanding (no analysis of it waiting, queued or
 * running; its previous change already answered) is analysed at once, however soon it follows
 * the previous change. A change that arrives while an analysis of its document is outstanding
 * waits until the changes pause for `TYPING_DELAY_MS`, so a burst typed faster than the analysis
 * runs is analysed once at its end instead of once per key. (Before, "a burst" was any change
 * within `TYPING_DELAY_MS` of the previous one: a key typed right after the previous key's
 * diagnostics arrived waited the whole delay for nothing.)
 */

/** The pause that ends a burst of typing (ms). */
export const TYPING_DELAY_MS = 30;

export class TypingClock {
  constructor(private readonly pause = TYPING_DELAY_MS) {}

  /**
   * A change arrived: how long to wait before analysing its document. `outstanding`: an
   * analysis of that document is waiting for a pause, queued or running.
   */
  changed(outstanding: boolean): number {
    return outstanding ? this.pause : 0;
  }
}
