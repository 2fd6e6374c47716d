/**
 * LSP message-sequence fuzzing against the in-process server (test/robustness/lspSequences.ts).
 * Bounded here; `npm run fuzz -- --runs N` runs N/PREFLIGHT_FUZZ_LSP_DIVISOR sequences.
 */
import { after, before, describe, it } from 'node:test';
import { lspProperties, lspStats } from '../robustness/lspSequences';
import { startHarness, type Harness } from './lspHarness';

const runs = Number(process.env.PREFLIGHT_FUZZ_LSP_RUNS ?? 6);

describe(`LSP message-sequence fuzz (${runs} sequences)`, () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h.close();
  });
  it('random sync, request and junk sequences: the server answers, diagnostics stay inside live documents, closing clears them', async () => {
    await lspProperties(h, runs);
    if (process.env.PREFLIGHT_FUZZ_STATS) console.log(JSON.stringify(lspStats), h.logs.filter((l) => l.type === 1).map((l) => l.message.split('\n')[0]).slice(0, 40));
  });
});
