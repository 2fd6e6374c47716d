/**
 * `preflight/analysisSettled` (what `npm run bench` uses to see the end of an edit's analysis):
 * answered only after the pending analysis, with the version the document was analysed at —
 * also after an edit that changes no diagnostics (the edited cell is re-published, unchanged).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AnalysisSettledRequest, type AnalysisSettledResult } from '../../server/src/protocol';
import { cellUri, codes, editCell, openNotebook, rangeOf, startHarness, type Harness } from './lspHarness';

const settled = (h: Harness, params: unknown) => h.client.sendRequest(AnalysisSettledRequest.method, params) as Promise<AnalysisSettledResult>;

describe('preflight/analysisSettled', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
    await openNotebook(h, [
      { handle: 0, text: 'import random\nx = random.random()  # note\n' },
      { handle: 1, text: 'y = 1\n' },
    ]);
    await h.settle();
  });
  after(() => h.close());

  it('answers after an edit that changes no diagnostics, with the edited version', async () => {
    const before = codes(h.latest.get(cellUri(0)));
    const publishes = h.published.length;
    // A letter typed into the comment: the server re-analyses; only the edited cell is sent
    // again (edited cells are always published first), with the same diagnostics.
    await editCell(h, 0, 2, [{ range: rangeOf(1, 26, 1, 26), text: 's' }]);
    const answer = await settled(h, { uri: cellUri(0) });
    assert.equal(answer.analysedVersion, 2);
    assert.deepEqual(h.published.slice(publishes).map((p) => p.uri), [cellUri(0)]);
    assert.deepEqual(codes(h.latest.get(cellUri(0))), before);
  });

  it('answers null for a document it never analysed, and for malformed params', async () => {
    assert.deepEqual(await settled(h, { uri: 'file:///nowhere.py' }), { analysedVersion: null });
    assert.deepEqual(await settled(h, { path: 42 }), { analysedVersion: null });
  });
});
