import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isPythonNotebook, loadNotebook } from '../../server/src/engine/notebook';

const nb = (extra: object = {}, cells: object[] = []) => JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells, ...extra });

describe('loadNotebook', () => {
  it('loads cells with kinds, joined sources, execution counts, ids and outputs', () => {
    const r = loadNotebook(
      nb({}, [
        { cell_type: 'markdown', source: ['# Title\n', 'text'], metadata: {}, id: 'a' },
        { cell_type: 'code', source: ['x = 1\n', 'print(x)'], metadata: {}, outputs: [{ output_type: 'stream', name: 'stdout', text: ['1\n'] }], execution_count: 3, id: 'b' },
        { cell_type: 'code', source: '', metadata: {}, outputs: [], execution_count: null },
        { cell_type: 'raw', source: 'raw', metadata: {} },
      ]),
    );
    assert.ok(r.ok);
    assert.deepEqual(
      r.notebook.cells.map((c) => [c.kind, c.source, c.executionCount, c.id ?? null]),
      [
        ['markdown', '# Title\ntext', null, 'a'],
        ['code', 'x = 1\nprint(x)', 3, 'b'],
        ['code', '', null, null],
        ['raw', 'raw', null, null],
      ],
    );
    assert.equal(r.notebook.cells[1]!.outputs!.length, 1);
    assert.equal(r.notebook.language, 'python');
  });
  // Issue 22: VS Code saves `execution_count: null` for a cell edited after its run, with its outputs.
  it('marks a code cell with outputs and no execution count as edited since its run, not one without outputs', () => {
    const r = loadNotebook(
      nb({}, [
        { cell_type: 'code', source: 'x = 1', metadata: {}, outputs: [{ output_type: 'stream', name: 'stdout', text: ['1\n'] }], execution_count: null },
        { cell_type: 'code', source: 'y = 2', metadata: {}, outputs: [], execution_count: null },
        { cell_type: 'code', source: 'z = 3', metadata: {}, outputs: [{ output_type: 'stream', name: 'stdout', text: ['3\n'] }], execution_count: 4 },
      ]),
    );
    assert.ok(r.ok);
    assert.deepEqual(
      r.notebook.cells.map((c) => c.editedSinceRun === true),
      [true, false, false],
    );
  });
  // Issue 19: a cell VS Code runs as another language is not Python (no syntax-error on it).
  it('keeps a code cell VS Code marks as another language as a raw cell', () => {
    const r = loadNotebook(
      nb({}, [
        { cell_type: 'code', source: 'console.log(1);', metadata: { vscode: { languageId: 'javascript' } }, outputs: [], execution_count: 2 },
        { cell_type: 'code', source: 'SELECT 1', metadata: { vscode: { languageId: 'sql' } }, outputs: [], execution_count: null },
        { cell_type: 'code', source: 'x = 1', metadata: { vscode: { languageId: 'python' } }, outputs: [], execution_count: 1 },
        { cell_type: 'code', source: 'y = 2', metadata: { vscode: 'odd' }, outputs: [], execution_count: 3 },
      ]),
    );
    assert.ok(r.ok);
    assert.deepEqual(r.notebook.cells.map((c) => [c.kind, c.executionCount]), [['raw', null], ['raw', null], ['code', 1], ['code', 3]]);
  });
  it('accepts a BOM and unknown metadata keys', () => {
    const r = loadNotebook(`\ufeff${nb({ metadata: { custom: { a: 1 }, kernelspec: { name: 'python3', language: 'python', display_name: 'P' } } })}`);
    assert.ok(r.ok);
  });
  it('reads the kernel language, preferring the kernelspec over a stale language_info', () => {
    const r = loadNotebook(nb({ metadata: { kernelspec: { name: 'wolfram', language: 'Wolfram Language' }, language_info: { name: 'python' } } }));
    assert.ok(r.ok);
    assert.equal(isPythonNotebook(r.notebook), false);
    const r2 = loadNotebook(nb({ metadata: { kernelspec: { name: 'ir', display_name: 'R' } } }));
    assert.ok(r2.ok);
    assert.equal(r2.notebook.language, 'ir');
  });
  const bad: [string, string, RegExp][] = [
    ['bad JSON', '{', /not valid JSON/],
    ['nbformat 3', JSON.stringify({ nbformat: 3, worksheets: [] }), /nbformat 3 is not supported/],
    ['nbformat 5', JSON.stringify({ nbformat: 5, cells: [] }), /nbformat 5 is not supported/],
    ['no cells', JSON.stringify({ nbformat: 4 }), /cells/],
    ['bad cell type', nb({}, [{ cell_type: 'weird', source: '' }]), /cells\.0\.cell_type/],
    ['bad source', nb({}, [{ cell_type: 'code', source: 3 }]), /cells\.0\.source/],
    ['not an object', '"text"', /not an object/],
  ];
  for (const [name, text, message] of bad) {
    it(`rejects ${name} with a clear message`, () => {
      const r = loadNotebook(text);
      assert.equal(r.ok, false);
      if (!r.ok) assert.match(r.message, message);
    });
  }
});
