import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LineIndex, type TextEdit } from '../../server/src/engine/model';
import { addKeywordEdit, editAt, importedName, importOffset } from '../../server/src/engine/python/edits';
import { programFromNotebook, programFromPython, type PythonProgram, type Unit } from '../../server/src/engine/python/program';
import { walk, type PyNode } from '../../server/src/engine/python/syntax';
import { useParser } from './helpers';

useParser();

/** Apply edits (non-overlapping) to a text, last first. */
function apply(source: string, edits: readonly TextEdit[]): string {
  const lines = new LineIndex(source);
  let out = source;
  for (const e of [...edits].sort((a, b) => lines.offsetAt(b.range.start) - lines.offsetAt(a.range.start))) {
    out = out.slice(0, lines.offsetAt(e.range.start)) + e.newText + out.slice(lines.offsetAt(e.range.end));
  }
  return out;
}

/** The first node of a type, in source order. */
function first(unit: Unit, type: string): PyNode {
  let found: PyNode | undefined;
  walk(unit.root, (n) => {
    if (found) return false;
    if (n.type === type) found = n;
    return undefined;
  });
  assert.ok(found, `no ${type}`);
  return found;
}

function notebook(...cells: string[]): PythonProgram {
  return programFromNotebook({ language: 'python', cells: cells.map((source) => ({ kind: 'code' as const, source, executionCount: null })) });
}

describe('editAt', () => {
  it('maps offsets to lines and UTF-16 columns, and carries the cell of a notebook unit', () => {
    const file = programFromPython('x = 1\ny = "é😀"\n').units[0]!;
    assert.deepEqual(editAt(file, 6, 7, 'z'), { range: { start: { line: 1, column: 0 }, end: { line: 1, column: 1 } }, newText: 'z' });
    assert.deepEqual(editAt(file, 15, 15, '!').range.start, { line: 1, column: 9 });
    const cell = notebook('a = 1', 'b = 2').units[1]!;
    assert.deepEqual(editAt(cell, 0, 1, 'c'), { range: { start: { line: 0, column: 0 }, end: { line: 0, column: 1 } }, newText: 'c', cell: 1 });
  });

  it('works on any text with its line index (manifests)', () => {
    const lines = new LineIndex('numpy\npandas>=2\n');
    assert.deepEqual(editAt({ lines }, 12, 15, '==2.2'), { range: { start: { line: 1, column: 6 }, end: { line: 1, column: 9 } }, newText: '==2.2' });
    assert.equal(editAt({ lines, cell: undefined }, 0, 0, '').cell, undefined);
  });
});

describe('addKeywordEdit', () => {
  const cases: [name: string, code: string, expected: string | undefined][] = [
    ['no arguments', 'f()', 'f(kw=1)'],
    ['only spaces inside', 'f( )', 'f(kw=1)'],
    ['only a newline inside', 'f(\n)', 'f(kw=1)'],
    ['only a comment inside', 'f(  # c\n)', 'f(kw=1  # c\n)'],
    ['one positional', 'f(a)', 'f(a, kw=1)'],
    ['space before )', 'f(a )', 'f(a, kw=1 )'],
    ['after keywords and splats', 'f(a, *b, c=2, **d)', 'f(a, *b, c=2, **d, kw=1)'],
    ['trailing comma on one line', 'f(a,)', 'f(a, kw=1)'],
    ['trailing comma and space', 'f(a, )', 'f(a, kw=1 )'],
    ['magic trailing comma over lines', 'f(\n    a,\n    b=2,\n)', 'f(\n    a,\n    b=2, kw=1,\n)'],
    ['split over lines, no comma', 'f(\n    a\n)', 'f(\n    a, kw=1\n)'],
    ['comment after the last argument', 'f(a  # c\n)', 'f(a, kw=1  # c\n)'],
    ['trailing comma then a comment', 'f(\n    a,  # c\n)', 'f(\n    a, kw=1,  # c\n)'],
    ['generator argument: no plain place', 'f(x for x in y)', undefined],
  ];
  for (const [name, code, expected] of cases) {
    it(name, () => {
      const unit = programFromPython(code).units[0]!;
      const edit = addKeywordEdit(unit, first(unit, 'call'), 'kw', '1');
      assert.equal(edit && apply(code, [edit]), expected);
    });
  }

  it('edits the cell of a notebook unit', () => {
    const unit = notebook('import os', 'os.makedirs("a")').units[1]!;
    assert.equal(addKeywordEdit(unit, first(unit, 'call'), 'exist_ok', 'True')?.cell, 1);
  });
});

describe('importOffset', () => {
  const cases: [name: string, code: string, expected: number][] = [
    ['plain file: the top', 'x = 1\n', 0],
    ['after a docstring', '"""Doc."""\nx = 1\n', 11],
    ['after __future__ imports and the docstring', '"""Doc."""\nfrom __future__ import annotations\nx = 1\n', 46],
    ['after a shebang and encoding line', '#!/usr/bin/env python\n# -*- coding: utf-8 -*-\nx = 1\n', 46],
    ['a string that is not first is no docstring', 'x = 1\n"text"\n', 0],
    ['a tuple of strings is no docstring', '"a", "b"\nx = 1\n', 0],
    ['a docstring on the last line without newline: no place', '"""Doc."""', -1],
  ];
  for (const [name, code, expected] of cases) {
    it(name, () => assert.equal(importOffset(programFromPython(code).units[0]!), expected));
  }

  it('cells: the top, or after a leading %%cell magic line', () => {
    const p = notebook('x = 1', '%%time\nx = 2', '%%time');
    assert.deepEqual(p.units.map(importOffset), [0, 7, -1]);
  });
});

describe('importedName', () => {
  const cases: [name: string, code: string, module: string, member: string | undefined, expected: { expr: string; output: string } | undefined][] = [
    ['adds import module', 'x = f()\n', 'os', undefined, { expr: 'os', output: 'import os\nx = f()\n' }],
    ['reuses import module', 'import os\nx = f()\n', 'os', undefined, { expr: 'os', output: 'import os\nx = f()\n' }],
    ['module name taken by something else: no fix', 'os = 3\nx = f()\n', 'os', undefined, undefined],
    ['reuses the module for a member', 'import tenacity\nx = f()\n', 'tenacity', 'stop_after_attempt', { expr: 'tenacity.stop_after_attempt', output: 'import tenacity\nx = f()\n' }],
    ['reuses from-import of the member', 'from tenacity import stop_after_attempt\nx = f()\n', 'tenacity', 'stop_after_attempt', { expr: 'stop_after_attempt', output: 'from tenacity import stop_after_attempt\nx = f()\n' }],
    ['adds from-import of the member', 'x = f()\n', 'tenacity', 'stop_after_attempt', { expr: 'stop_after_attempt', output: 'from tenacity import stop_after_attempt\nx = f()\n' }],
    ['member name taken: no fix', 'stop_after_attempt = 1\nx = f()\n', 'tenacity', 'stop_after_attempt', undefined],
    ['new import goes after the docstring', '"""Doc."""\nx = f()\n', 'os', undefined, { expr: 'os', output: '"""Doc."""\nimport os\nx = f()\n' }],
  ];
  for (const [name, code, module, member, expected] of cases) {
    it(name, () => {
      const program = programFromPython(code);
      const unit = program.units[0]!;
      const got = importedName(program, unit, first(unit, 'call'), module, member);
      assert.deepEqual(got && { expr: got.expr, output: apply(code, got.edits) }, expected);
    });
  }

  it('in a notebook, adds the import at the top of the cell of the place', () => {
    const program = notebook('y = 1', 'x = f()');
    const unit = program.units[1]!;
    const got = importedName(program, unit, first(unit, 'call'), 'os');
    assert.deepEqual(got?.edits, [{ range: { start: { line: 0, column: 0 }, end: { line: 0, column: 0 } }, newText: 'import os\n', cell: 1 }]);
  });
});
