/** Code actions on notebook cells: suppressions per line and per cell, applied round trip. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CodeAction } from 'vscode-languageserver';
import { applyWorkspaceEdit, cellUri, codes, editCell, openNotebook, rangeOf, startHarness, type Harness } from './lspHarness';

describe('notebook code actions', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h.close();
  });

  it('"ignore for this cell" puts the directive on the first line and the cell goes clean', async () => {
    const text = 'x = 1\nfor i in :\n    pass\n';
    await openNotebook(h, [
      { handle: 0, text: 'import random\n' },
      { handle: 1, text },
    ]);
    await h.settle();
    const diagnostics = h.latest.get(cellUri(1))!;
    assert.deepEqual(codes(diagnostics), ['syntax-error']);
    const actions: CodeAction[] = await h.client.sendRequest('textDocument/codeAction', { textDocument: { uri: cellUri(1) }, range: diagnostics[0]!.range, context: { diagnostics } });
    const titles = actions.map((a) => a.title);
    assert.ok(titles.includes('Ignore syntax-error for this line'));
    assert.ok(!titles.includes('Ignore syntax-error in this file'), 'no file-level action in a notebook cell');
    const cell = actions.find((a) => a.title === 'Ignore syntax-error for this cell')!;
    assert.ok(cell);
    assert.deepEqual(Object.keys(cell.edit!.changes!), [cellUri(1)]);
    const fixed = applyWorkspaceEdit(text, cellUri(1), cell.edit);
    assert.equal(fixed, `# preflight: ignore[syntax-error]\n${text}`);
    await editCell(h, 1, 2, [{ range: rangeOf(0, 0, 0, 0), text: '# preflight: ignore[syntax-error]\n' }]);
    await h.settle();
    assert.deepEqual(h.latest.get(cellUri(1)), []);
  });

  // Issue 19: the cell-level directive goes where IPython accepts it, after a `%%time` line (the
  // body of a cell magic that runs Python is a cell of its own to IPython); it used to be withheld.
  it('a cell that starts with a cell magic keeps it first: the cell-level directive goes below it', async () => {
    await editCell(h, 0, 2, [{ range: rangeOf(0, 0, 1, 0), text: '%%time\ndef f(:\n' }]);
    await h.settle();
    const diagnostics = h.latest.get(cellUri(0))!;
    assert.deepEqual(codes(diagnostics), ['syntax-error']);
    const actions: CodeAction[] = await h.client.sendRequest('textDocument/codeAction', { textDocument: { uri: cellUri(0) }, range: diagnostics[0]!.range, context: { diagnostics } });
    const cell = actions.find((a) => a.title.endsWith('for this cell'));
    assert.deepEqual(cell?.edit?.changes?.[cellUri(0)], [{ range: rangeOf(1, 0, 1, 0), newText: '# preflight: ignore[syntax-error]\n' }]);
    assert.ok(actions.some((a) => a.title.endsWith('for this line')));
  });
});
