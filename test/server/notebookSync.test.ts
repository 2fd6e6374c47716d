/** Notebook sync over a real LSP connection: diagnostics per cell URI, edits, structure changes, close. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  cellDocument, cellUri, changeNotebook, closeNotebook, codes, editCell, lspCell, NOTEBOOK, openNotebook, rangeOf, startHarness, type Harness,
} from './lspHarness';

describe('notebook sync', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h.close();
  });

  it('declares static notebook sync for jupyter-notebook and interactive, python and markdown cells', () => {
    const sync = h.initializeResult.capabilities.notebookDocumentSync as { notebookSelector: { notebook: string; cells: { language: string }[] }[] };
    assert.deepEqual(sync.notebookSelector.map((s) => s.notebook).sort(), ['interactive', 'jupyter-notebook']);
    for (const s of sync.notebookSelector) assert.deepEqual(s.cells.map((c) => c.language).sort(), ['markdown', 'python']);
  });

  it('publishes for every cell, with the syntax error only on its own cell URI', async () => {
    await openNotebook(h, [
      { handle: 0, text: '# Title', kind: 'markdown' },
      { handle: 1, text: 'import numpy as np\nx = 1\n' },
      { handle: 2, text: 'def f(:\n    pass\n' },
    ]);
    await h.settle();
    for (const n of [0, 1, 2]) assert.ok(h.latest.has(cellUri(n)), `cell ${n} got a report`);
    assert.deepEqual(codes(h.latest.get(cellUri(0))), []);
    assert.deepEqual(codes(h.latest.get(cellUri(1))), []);
    assert.deepEqual(codes(h.latest.get(cellUri(2))), ['syntax-error']);
    const d = h.latest.get(cellUri(2))![0]!;
    assert.equal(d.source, 'preflight');
    assert.equal(d.range.start.line, 0);
    assert.match(d.codeDescription?.href ?? '', /docs\/rules\/syntax-error\.md$/);
    // URIs are the exact strings sent (mixed case, percent-encoding kept).
    assert.ok(h.published.every((p) => p.uri === NOTEBOOK || /#W\dsZmlsZQ%3D%3D$/.test(p.uri)));
  });

  it('an edit that fixes the cell clears its diagnostics and an edit that breaks another cell moves them', async () => {
    await editCell(h, 2, 2, [{ range: rangeOf(0, 6, 0, 6), text: 'a)' }]); // def f(a):
    await h.settle();
    assert.deepEqual(codes(h.latest.get(cellUri(2))), []);
    await editCell(h, 1, 2, [{ range: rangeOf(1, 5, 1, 5), text: ' +' }]); // x = 1 +
    await h.settle();
    const snapshot = h.server.diagnostics.notebookSnapshot(NOTEBOOK)!;
    assert.equal(snapshot.notebook.cells[1]!.source, 'import numpy as np\nx = 1 +\n');
    assert.deepEqual(codes(h.latest.get(cellUri(1))), ['syntax-error']);
    assert.deepEqual(codes(h.latest.get(cellUri(2))), []);
  });

  it('an edit that changes no diagnostic still re-publishes the edited cell first, and only it', async () => {
    const before = h.published.length;
    await editCell(h, 1, 3, [{ range: rangeOf(0, 18, 0, 18), text: ' #' }]); // import numpy as np #
    await h.settle();
    const sent = h.published.slice(before).map((p) => p.uri);
    assert.deepEqual(sent, [cellUri(1)], 'the edited cell, though its diagnostics are the same');
    assert.deepEqual(codes(h.latest.get(cellUri(1))), ['syntax-error']);
    assert.equal(h.server.diagnostics.notebookSnapshot(NOTEBOOK)!.notebook.cells[1]!.source, 'import numpy as np #\nx = 1 +\n');
    await editCell(h, 1, 4, [{ range: rangeOf(0, 18, 0, 20), text: '' }]);
    await h.settle();
  });

  it('cell inserts, moves and deletes re-index the findings onto the right URIs', async () => {
    // Insert a new broken cell at index 1.
    await changeNotebook(h, {
      cells: {
        structure: { array: { start: 1, deleteCount: 0, cells: [lspCell({ handle: 3, text: '' })] }, didOpen: [cellDocument({ handle: 3, text: 'for x in :\n    pass\n' })] },
      },
    });
    await h.settle();
    let snap = h.server.diagnostics.notebookSnapshot(NOTEBOOK)!;
    assert.deepEqual(snap.cellUris, [cellUri(0), cellUri(3), cellUri(1), cellUri(2)]);
    assert.deepEqual(codes(h.latest.get(cellUri(3))), ['syntax-error']);
    assert.deepEqual(codes(h.latest.get(cellUri(1))), ['syntax-error']);

    // Move cell 3 to the end: delete at 1, insert at the end (same document, no open/close).
    await changeNotebook(h, { cells: { structure: { array: { start: 1, deleteCount: 1 } } } });
    await changeNotebook(h, { cells: { structure: { array: { start: 3, deleteCount: 0, cells: [lspCell({ handle: 3, text: '' })] } } } });
    await h.settle();
    snap = h.server.diagnostics.notebookSnapshot(NOTEBOOK)!;
    assert.deepEqual(snap.cellUris, [cellUri(0), cellUri(1), cellUri(2), cellUri(3)]);
    assert.deepEqual(codes(h.latest.get(cellUri(3))), ['syntax-error']);
    assert.equal((h.latest.get(cellUri(3))![0]!.data as { cell: number }).cell, 3);

    // Delete the broken cell 1: its URI gets an empty report.
    await changeNotebook(h, { cells: { structure: { array: { start: 1, deleteCount: 1 }, didClose: [{ uri: cellUri(1) }] } } });
    await h.settle();
    assert.deepEqual(h.latest.get(cellUri(1)), []);
    snap = h.server.diagnostics.notebookSnapshot(NOTEBOOK)!;
    assert.deepEqual(snap.cellUris, [cellUri(0), cellUri(2), cellUri(3)]);
  });

  it('closing the notebook clears every cell', async () => {
    await closeNotebook(h, [0, 2, 3]);
    await h.settle();
    for (const n of [0, 2, 3]) assert.deepEqual(h.latest.get(cellUri(n)), [], `cell ${n} cleared`);
    assert.equal(h.server.diagnostics.notebookSnapshot(NOTEBOOK), undefined);
  });
});
