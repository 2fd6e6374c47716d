/**
 * The typing delay is leading-edge (server/src/lsp/typingDelay.ts): an edit after a pause is
 * analysed at once, edits inside a burst wait for the burst to pause.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TYPING_DELAY_MS, TypingClock } from '../../server/src/lsp/typingDelay';

function clockAt(times: number[]) {
  let i = 0;
  return new TypingClock(() => times[i++]!);
}

describe('TypingClock', () => {
  it('analyses the first change and a change after a pause at once', () => {
    const clock = clockAt([1000, 1000 + TYPING_DELAY_MS, 5000]);
    assert.equal(clock.changed('a', false), 0);
    assert.equal(clock.changed('a', false), 0);
    assert.equal(clock.changed('a', false), 0);
  });

  it('makes a change inside a burst wait for the pause', () => {
    const clock = clockAt([1000, 1010, 1020, 1100]);
    assert.equal(clock.changed('a', false), 0);
    assert.equal(clock.changed('a', false), TYPING_DELAY_MS);
    assert.equal(clock.changed('a', true), TYPING_DELAY_MS);
    // The burst paused (80 ms), but the timer of the burst is still pending: it keeps waiting.
    assert.equal(clock.changed('a', true), TYPING_DELAY_MS);
  });

  it('keeps documents apart, and forgets a closed one', () => {
    const clock = clockAt([1000, 1005, 1010, 1015]);
    assert.equal(clock.changed('a', false), 0);
    assert.equal(clock.changed('b', false), 0);
    clock.forget('a');
    assert.equal(clock.changed('a', false), 0);
    assert.equal(clock.changed('b', false), TYPING_DELAY_MS);
  });
});
