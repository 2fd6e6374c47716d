import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { resolveConfig } from '../../server/src/engine/config';
import { inputFromBytes, inputFromNotebook, inputFromText } from '../../server/src/engine/input';
import { notebookFromCells } from '../../server/src/engine/notebook';
import { pathFilter } from '../../server/src/engine/pathFilter';

describe('pipeline input: one set of limits for bytes, text and loaded notebooks', () => {
  const small = resolveConfig({ 'max-file-size': 10, 'max-cells': 1 });
  it('the size limit applies to bytes and to text alike', () => {
    const bytes = inputFromBytes('a.py', new TextEncoder().encode('x = 1\n'.repeat(5)), small);
    const text = inputFromText('a.py', 'x = 1\n'.repeat(5), small);
    assert.equal(bytes?.target, 'invalid');
    assert.deepEqual(text, bytes);
  });
  it('NUL bytes make a Python file or manifest invalid', () => {
    assert.equal(inputFromText('a.py', 'x\u0000', resolveConfig())?.target, 'invalid');
    assert.equal(inputFromText('requirements.txt', 'a\u0000', resolveConfig())?.target, 'invalid');
  });
  it('the cell limit applies to a notebook loaded from text and to one the editor built', () => {
    const cells = [
      { kind: 'code' as const, source: 'a = 1', executionCount: null },
      { kind: 'code' as const, source: 'b = 2', executionCount: null },
    ];
    const json = JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: cells.map((c) => ({ cell_type: 'code', source: c.source, metadata: {}, outputs: [], execution_count: null })) });
    const fromText = inputFromText('a.ipynb', json, resolveConfig({ 'max-cells': 1 }));
    const fromModel = inputFromNotebook('a.ipynb', notebookFromCells(cells), resolveConfig({ 'max-cells': 1 }));
    assert.equal(fromText?.target, 'invalid');
    assert.deepEqual(fromModel, fromText);
    assert.equal(inputFromNotebook('a.ipynb', notebookFromCells(cells), resolveConfig()).target, 'notebook');
  });
  it('the editor may name the kind of an unsaved buffer; a name we do not read gives no input', () => {
    assert.equal(inputFromText('Untitled-1', 'x = 1', resolveConfig()), undefined);
    assert.equal(inputFromText('Untitled-1', 'x = 1', resolveConfig(), { target: 'python' })?.target, 'python');
  });
});

describe('pathFilter: one include/exclude matcher', () => {
  const root = path.resolve('/proj');
  const at = (rel: string) => path.join(root, ...rel.split('/'));
  it('exclude removes a file and everything under an excluded folder', () => {
    const f = pathFilter(root, { include: [], exclude: ['legacy', '**/*_test.py'] });
    assert.equal(f.accepts(at('legacy/old.py')), false);
    assert.equal(f.accepts(at('src/a_test.py')), false);
    assert.equal(f.accepts(at('src/a.py')), true);
    assert.equal(f.excluded('legacy'), true);
  });
  it('include keeps only the files it matches; files outside the root are always kept', () => {
    const f = pathFilter(root, { include: ['src/**'], exclude: [] });
    assert.equal(f.accepts(at('src/a.py')), true);
    assert.equal(f.accepts(at('notebooks/a.ipynb')), false);
    assert.equal(f.accepts(path.resolve('/elsewhere/a.py')), true);
    assert.equal(f.relative(at('src/a.py')), 'src/a.py');
  });
});
