/**
 * A notebook whose sync lists one cell URI twice (in `notebookDocument/didOpen` or in a
 * structure change): the first occurrence is kept, the duplicate dropped with one log line, and
 * every diagnostic of that cell is published once.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { PublishDiagnosticsParams } from 'vscode-languageserver';
import { dedupeChange, dedupeOpen } from '../../server/src/documents/notebookModel';
import { cellDocument, cellUri, changeNotebook, closeNotebook, codes, lspCell, startHarness, type Harness } from './lspHarness';

const BROKEN = 'def f(:\n    pass\n';
const notebook = (name: string) => `file:///tmp/preflight-duplicates/${name}.ipynb`;

describe('duplicated cell URIs', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h.close();
  });

  const publishedFor = (uri: string, from: number): PublishDiagnosticsParams[] => h.published.slice(from).filter((p) => p.uri === uri);
  const warnings = (from: number) => h.logs.slice(from).filter((l) => /duplicated cell URI/.test(l.message));

  it('didOpen listing a cell twice: one cell in the model, each finding published once, one log line', async () => {
    const nb = notebook('open');
    const from = h.published.length;
    const logs = h.logs.length;
    const cell = { handle: 1, text: BROKEN };
    await h.client.sendNotification('notebookDocument/didOpen', {
      notebookDocument: { uri: nb, notebookType: 'jupyter-notebook', version: 1, cells: [lspCell(cell, nb), lspCell({ handle: 2, text: 'x = 1\n' }, nb), lspCell(cell, nb)] },
      cellTextDocuments: [cellDocument(cell, nb), cellDocument({ handle: 2, text: 'x = 1\n' }, nb), { ...cellDocument(cell, nb), text: 'import os\n' }],
    });
    await h.settle();
    const reports = publishedFor(cellUri(1, nb), from);
    assert.ok(reports.length >= 1);
    for (const r of reports) assert.deepEqual(codes(r.diagnostics), ['syntax-error'], 'the syntax error once, from the first text sent');
    const snapshot = h.server.diagnostics.notebookSnapshot(nb)!;
    assert.deepEqual(snapshot.cellUris, [cellUri(1, nb), cellUri(2, nb)]);
    assert.equal(snapshot.notebook.cells[0]!.source, BROKEN);
    const logged = warnings(logs);
    assert.equal(logged.length, 1);
    assert.match(logged[0]!.message, /notebookDocument\/didOpen: ignored 1 duplicated cell URI\(s\) in file:\/\/\/tmp\/preflight-duplicates\/open\.ipynb/);
    await closeNotebook(h, [1, 2], nb);
  });

  it('a structure change inserting a URI the notebook already has: dropped, findings once', async () => {
    const nb = notebook('change');
    const cell = { handle: 1, text: BROKEN };
    await h.client.sendNotification('notebookDocument/didOpen', {
      notebookDocument: { uri: nb, notebookType: 'jupyter-notebook', version: 1, cells: [lspCell(cell, nb)] },
      cellTextDocuments: [cellDocument(cell, nb)],
    });
    await h.settle();
    const from = h.published.length;
    const logs = h.logs.length;
    await changeNotebook(h, { cells: { structure: { array: { start: 1, deleteCount: 0, cells: [lspCell(cell, nb), lspCell({ handle: 3, text: '' }, nb), lspCell({ handle: 3, text: '' }, nb)] }, didOpen: [cellDocument({ handle: 3, text: 'y = 2\n' }, nb)] } } }, nb);
    await h.settle();
    assert.deepEqual(h.server.diagnostics.notebookSnapshot(nb)!.cellUris, [cellUri(1, nb), cellUri(3, nb)]);
    for (const r of publishedFor(cellUri(1, nb), from)) assert.deepEqual(codes(r.diagnostics), ['syntax-error']);
    assert.equal(warnings(logs).length, 1);
    assert.match(warnings(logs)[0]!.message, /didChange: ignored 2 duplicated cell URI\(s\)/);
    // A move (delete, then insert the same URI) is not a duplicate.
    await changeNotebook(h, { cells: { structure: { array: { start: 0, deleteCount: 1, cells: [] } } } }, nb);
    await changeNotebook(h, { cells: { structure: { array: { start: 1, deleteCount: 0, cells: [lspCell(cell, nb)] } } } }, nb);
    await h.settle();
    assert.deepEqual(h.server.diagnostics.notebookSnapshot(nb)!.cellUris, [cellUri(3, nb), cellUri(1, nb)]);
    assert.deepEqual(codes(h.latest.get(cellUri(1, nb))), ['syntax-error']);
    assert.equal(warnings(logs).length, 1, 'no warning for a move');
    await closeNotebook(h, [1, 3], nb);
  });
});

describe('dedupeOpen / dedupeChange', () => {
  const c = (n: number) => ({ kind: 2 as const, document: `cell:${n}` });
  const d = (n: number) => ({ uri: `cell:${n}`, languageId: 'python', version: 1, text: `t${n}` });

  it('leave params without duplicates untouched (the same object)', () => {
    const open = { notebookDocument: { uri: 'nb', notebookType: 'jupyter-notebook', version: 1, cells: [c(1), c(2)] }, cellTextDocuments: [d(1), d(2)] };
    assert.equal(dedupeOpen(open).params, open);
    const change = { notebookDocument: { uri: 'nb', version: 2 }, change: { cells: { structure: { array: { start: 0, deleteCount: 1, cells: [c(1)] } } } } };
    assert.equal(dedupeChange(change, [c(1), c(2)]).params, change, 'replacing a cell by itself');
  });

  it('keep the first occurrence and name each dropped URI once', () => {
    const r = dedupeOpen({ notebookDocument: { uri: 'nb', notebookType: 'jupyter-notebook', version: 1, cells: [c(1), c(1), c(2), c(1)] }, cellTextDocuments: [d(1), { ...d(1), text: 'later' }, d(2)] });
    assert.deepEqual(r.params.notebookDocument.cells, [c(1), c(2)]);
    assert.deepEqual(r.params.cellTextDocuments, [d(1), d(2)]);
    assert.deepEqual(r.duplicates, ['cell:1']);
  });

  it('pass malformed params through for the library to report', () => {
    const junk = { notebookDocument: { uri: 'nb' }, cellTextDocuments: null } as never;
    assert.equal(dedupeOpen(junk).params, junk);
    assert.deepEqual(dedupeChange({ notebookDocument: { uri: 'nb', version: 1 }, change: { cells: { structure: { array: { start: 0, deleteCount: 0, cells: 'x' } } } } } as never, [c(1)]).duplicates, []);
  });
});
