/**
 * Execution order in the engine's notebook model: forwarded by the client
 * (`preflight/cellExecution`), from the LSP `executionSummary`, or (headless clients only) from
 * the saved `.ipynb` on disk.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { cellUri, changeNotebook, closeNotebook, lspCell, openNotebook, startHarness, type Harness } from './lspHarness';

const counts = (h: Harness, nb: string) => h.server.diagnostics.notebookSnapshot(nb)?.notebook.cells.map((c) => c.executionCount);

describe('cell execution order', () => {
  let h: Harness;
  let dir: string;
  let nbUri: string;
  before(async () => {
    h = await startHarness();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-exec-'));
    const file = path.join(dir, 'Saved Run.ipynb');
    const code = (source: string, n: number | null) => ({ cell_type: 'code', source, metadata: {}, execution_count: n, outputs: [] });
    fs.writeFileSync(
      file,
      JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [code('a = 1\n', 3), { cell_type: 'markdown', source: '# notes', metadata: {} }, code('b = a\n', 1), code('c = 2\n', 2)] }),
    );
    nbUri = pathToFileURL(file).href;
  });
  after(async () => {
    await h.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('falls back to the saved execution_count when the client sent none (matched by source)', async () => {
    await openNotebook(
      h,
      [
        { handle: 0, text: 'a = 1\n' },
        { handle: 1, text: '# notes', kind: 'markdown' },
        { handle: 2, text: 'b = a\n' },
        { handle: 3, text: 'c = 3  # edited since the save\n' },
      ],
      nbUri,
    );
    await h.settle();
    assert.deepEqual(counts(h, nbUri), [3, null, 1, null]);
  });

  it('uses the LSP executionSummary when the cell has one', async () => {
    await changeNotebook(h, { cells: { data: [lspCell({ handle: 3, text: '', executionOrder: 7, success: true }, nbUri)] } }, nbUri);
    await h.settle();
    assert.deepEqual(counts(h, nbUri), [3, null, 1, 7]);
  });

  it('prefers what the client forwards with preflight/cellExecution, and follows every update', async () => {
    await h.client.sendNotification('preflight/cellExecution', {
      notebookUri: nbUri,
      cells: [{ uri: cellUri(0, nbUri), executionOrder: 5 }, { uri: cellUri(1, nbUri) }, { uri: cellUri(2, nbUri), executionOrder: 6, success: true }, { uri: cellUri(3, nbUri) }],
    });
    await h.settle();
    // Cell 3 has no forwarded order but an LSP summary (7); the disk is no longer consulted.
    assert.deepEqual(counts(h, nbUri), [5, null, 6, 7]);
    await h.client.sendNotification('preflight/cellExecution', {
      notebookUri: nbUri,
      cells: [{ uri: cellUri(0, nbUri), executionOrder: 8, success: false }, { uri: cellUri(1, nbUri) }, { uri: cellUri(2, nbUri), executionOrder: 6 }, { uri: cellUri(3, nbUri), executionOrder: 9 }],
    });
    await h.settle();
    assert.deepEqual(counts(h, nbUri), [8, null, 6, 9]);
  });

  it('keeps orders that arrive before the notebook opens', async () => {
    await closeNotebook(h, [0, 1, 2, 3], nbUri);
    await h.settle();
    await h.client.sendNotification('preflight/cellExecution', { notebookUri: nbUri, cells: [{ uri: cellUri(0, nbUri), executionOrder: 2 }, { uri: cellUri(2, nbUri), executionOrder: 1 }] });
    await openNotebook(h, [{ handle: 0, text: 'a = 1\n' }, { handle: 2, text: 'b = a\n' }], nbUri);
    await h.settle();
    assert.deepEqual(counts(h, nbUri), [2, 1]);
  });
});
