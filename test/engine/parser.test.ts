import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { editFor, firstSyntaxError, initParser, parse } from '../../server/src/engine/python/parser';
import { parseUnit } from '../../server/src/engine/python/program';
import { text, walk } from '../../server/src/engine/python/syntax';

before(async () => {
  await initParser();
});

describe('parser', () => {
  it('parses Python 3 syntax without errors', () => {
    const tree = parse('async def f(x: int, /, *, y=1) -> list[int]:\n    return [i async for i in g()]\n');
    assert.equal(tree.rootNode.hasError, false);
    tree.delete();
  });
  it('locates the first syntax error', () => {
    const tree = parse('x = 1\ny = (2,\n');
    const err = firstSyntaxError(tree.rootNode);
    assert.ok(err);
    assert.equal(err.startPosition.row, 1);
    tree.delete();
  });
  it('positions are UTF-16 offsets into the text', () => {
    const src = 'é = "日本😀"; rand()\n';
    const { unit } = parseUnit(src, { ipython: false });
    let call = '';
    walk(unit.root, (n) => {
      if (n.type === 'call') call = `${n.start}:${text(n)}`;
    });
    assert.equal(call, `${src.indexOf('rand')}:rand()`);
  });
  it('incremental re-parse gives the same tree as a fresh parse', () => {
    const before = 'import numpy as np\n\ndef f(x):\n    return np.random.rand(x)\n\ny = f(3)\n';
    const first = parseUnit(before, { ipython: true, keepTree: true });
    const start = before.indexOf('rand(x)');
    const after = before.slice(0, start) + 'randn' + before.slice(start + 4);
    const edit = editFor(before, start, start + 4, 'randn');
    const again = parseUnit(after, { ipython: true, keepTree: true, previous: { tree: first.tree!, edit } });
    const fresh = parse(after);
    assert.equal(again.tree!.rootNode.toString(), fresh.rootNode.toString());
    assert.ok(text(again.unit.root).includes('randn(x)'));
    first.tree!.delete();
    again.tree!.delete();
    fresh.delete();
  });
  it('incremental re-parse across lines (insert a line) keeps positions right', () => {
    const before = 'a = 1\nb = 2\n';
    const first = parseUnit(before, { ipython: false, keepTree: true });
    const inserted = 'import random\nrandom.seed(0)\n';
    const edit = editFor(before, 6, 6, inserted);
    const after = before.slice(0, 6) + inserted + before.slice(6);
    const again = parseUnit(after, { ipython: false, previous: { tree: first.tree!, edit } });
    const last = again.unit.root.children[again.unit.root.children.length - 1]!;
    assert.equal(last.startRow, 3);
    assert.equal(text(last), 'b = 2');
    first.tree!.delete();
  });
  it('masked IPython syntax is reported at the user\'s positions', () => {
    const { unit } = parseUnit('%pip install x\nimport os\n', { ipython: true });
    const imp = unit.root.children.find((c) => c.type === 'import_statement')!;
    assert.equal(imp.startRow, 1);
    assert.equal(text(imp), 'import os');
    assert.equal(unit.magics[0]!.name, 'pip');
    assert.equal(unit.syntaxError, undefined);
  });
});
