/**
 * The typing delay only merges work (server/src/lsp/typingDelay.ts): a change whose document has
 * nothing outstanding is analysed at once, however soon it follows the previous change; changes
 * that arrive while an analysis of their document is outstanding wait for the burst to pause
 * and are analysed once. Driven over a real LSP connection.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TYPING_DELAY_MS, TypingClock } from '../../server/src/lsp/typingDelay';
import { changeText, codes, openText, rangeOf, startHarness, type Harness } from './lspHarness';

describe('TypingClock', () => {
  it('waits only when an analysis of the document is outstanding', () => {
    const clock = new TypingClock();
    assert.equal(clock.changed(false), 0);
    assert.equal(clock.changed(true), TYPING_DELAY_MS);
  });
});

describe('typing delay in the server', () => {
  let h: Harness;
  /** The delay each change got, in order. */
  let asked: number[];
  before(async () => {
    h = await startHarness();
    const clock = h.server.diagnostics.typingDelay;
    h.server.diagnostics.typingDelay = {
      changed: (outstanding) => {
        const delay = clock.changed(outstanding);
        asked.push(delay);
        return delay;
      },
    };
  });
  after(async () => {
    await h.close();
  });

  const URI = 'file:///tmp/preflight-typing/keys.py';

  it('a key typed right after the previous key was answered is analysed at once', async () => {
    await openText(h, URI, 'python', 'import random\nx = 1\n');
    await h.settle();
    asked = [];
    // Two keystrokes, each sent as soon as the previous one's diagnostics are in: well inside
    // TYPING_DELAY_MS of each other, and neither waits for it.
    await changeText(h, URI, 2, [{ range: rangeOf(1, 5, 1, 5), text: '0' }]);
    await h.settle();
    await changeText(h, URI, 3, [{ range: rangeOf(1, 0, 1, 6), text: 'x = random.random()' }]);
    await h.settle();
    assert.deepEqual(asked, [0, 0]);
    assert.deepEqual(codes(h.latest.get(URI)), ['unseeded-global-rng']);
  });

  it('changes that find an analysis outstanding wait for the pause; the burst ends analysed at its last text', async () => {
    await h.settle();
    asked = [];
    // Three changes in one turn of the event loop (as a fast burst reaches the server): the
    // first is queued at once, the second finds it queued, the third finds the pause timer.
    const job = { kind: 'text', uri: URI } as const;
    h.server.diagnostics.typed(job);
    h.server.diagnostics.typed(job);
    h.server.diagnostics.typed(job);
    assert.deepEqual(asked, [0, TYPING_DELAY_MS, TYPING_DELAY_MS]);
    await h.settle();
    // Over the wire: whatever each change found, the last text is what is reported.
    await changeText(h, URI, 4, [{ range: rangeOf(2, 0, 2, 0), text: 'y' }]);
    await changeText(h, URI, 5, [{ range: rangeOf(2, 1, 2, 1), text: ' = 2' }]);
    await changeText(h, URI, 6, [{ range: rangeOf(0, 0, 1, 19), text: 'import random\nrandom.seed(0)\nx = random.random()' }]);
    await h.settle();
    assert.deepEqual(codes(h.latest.get(URI)), [], 'the seeded text is what was analysed last');
  });
});
