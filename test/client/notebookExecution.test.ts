/** The `preflight/cellExecution` payload the client builds from VS Code's notebook API. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CellExecutionForwarder, cellExecutionParams, type NotebookLike } from '../../client/src/notebookExecution';

const uri = (s: string) => ({ toString: () => s });
function notebook(cells: { uri: string; executionSummary?: { executionOrder?: number; success?: boolean } }[]): NotebookLike {
  return { uri: uri('file:///nb.ipynb'), getCells: () => cells.map((c) => ({ document: { uri: uri(c.uri) }, ...(c.executionSummary ? { executionSummary: c.executionSummary } : {}) })) };
}
const asUri = (u: unknown) => String(u);

describe('cellExecutionParams', () => {
  it('forwards executionOrder without success (as VS Code sets it for a notebook opened from disk)', () => {
    const p = cellExecutionParams(notebook([{ uri: 'c0', executionSummary: { executionOrder: 4 } }, { uri: 'c1' }, { uri: 'c2', executionSummary: { executionOrder: 5, success: false } }]), asUri);
    assert.deepEqual(p, { notebookUri: 'file:///nb.ipynb', cells: [{ uri: 'c0', executionOrder: 4 }, { uri: 'c1' }, { uri: 'c2', executionOrder: 5, success: false }] });
  });
  it('says which cells have outputs (a cell with outputs and no order was edited after its run)', () => {
    const nb: NotebookLike = {
      uri: uri('file:///nb.ipynb'),
      getCells: () => [
        { document: { uri: uri('c0') }, executionSummary: { executionOrder: 1 }, outputs: [{}] },
        { document: { uri: uri('c1') }, outputs: [{}] },
        { document: { uri: uri('c2') }, outputs: [] },
      ],
    };
    assert.deepEqual(cellExecutionParams(nb, asUri).cells, [{ uri: 'c0', executionOrder: 1, hasOutputs: true }, { uri: 'c1', hasOutputs: true }, { uri: 'c2' }]);
  });
});

describe('CellExecutionForwarder', () => {
  it('sends on open (forced) and then only when the orders change', async () => {
    const sent: unknown[] = [];
    const f = new CellExecutionForwarder(async (p) => void sent.push(p), asUri);
    const cells: { uri: string; executionSummary?: { executionOrder?: number } }[] = [{ uri: 'c0' }];
    await f.forward(notebook(cells), true);
    await f.forward(notebook(cells)); // an output streamed in: same orders
    assert.equal(sent.length, 1);
    cells[0]!.executionSummary = { executionOrder: 1 };
    await f.forward(notebook(cells));
    assert.equal(sent.length, 2);
    f.forget(notebook(cells));
    await f.forward(notebook(cells));
    assert.equal(sent.length, 3);
  });
});
