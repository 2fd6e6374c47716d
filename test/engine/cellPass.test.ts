import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CellPass } from '../../server/src/engine/python/cellPass';
import { parseUnit, programFromNotebook, programFromUnits, type PythonProgram } from '../../server/src/engine/python/program';
import { useParser } from './helpers';

useParser();

const CELL = [
  'import numpy as np',
  'from sklearn.model_selection import train_test_split as tts',
  '%matplotlib inline',
  'files = !ls',
  'x = np.random.rand(3)',
  'def f(a, b=2):',
  '    global g',
  '    g = a',
  '    return [y for y in range(a) if (z := y)]',
  'class C(Base):',
  '    def m(self):',
  '        return f(x)',
  'print(os.getcwd(), helper())',
  '',
].join('\n');

function notebook(...sources: string[]): PythonProgram {
  return programFromNotebook({ language: 'python', cells: sources.map((s) => ({ kind: 'code' as const, source: s, executionCount: null })) });
}

/**
 * The pass as plain data: nodes become `type@start-end` (two parses of one text give equal but
 * distinct node objects), maps and sets become arrays.
 */
function plain(pass: CellPass): string {
  return JSON.stringify(pass, (_key, value: unknown) => {
    if (value instanceof Map) return [...value];
    if (value instanceof Set) return [...value];
    if (value && typeof value === 'object' && 'type' in value && 'start' in value && 'source' in value) {
      const n = value as unknown as { type: string; start: number; end: number };
      return `${n.type}@${n.start}-${n.end}`;
    }
    return value;
  });
}

describe('per-cell pass', () => {
  it('is the same for a cell whatever its neighbours', () => {
    const a = notebook('import os\nx = 1\ndef helper():\n    return 2\n', CELL, 'print(x)\n');
    const b = notebook(CELL);
    const c = notebook('from os import *\nglobal g\nnp = None\n', '%%capture out\nprint(1)\n', CELL);
    const passA = a.semantics.passes[1]!;
    const passB = b.semantics.passes[0]!;
    const passC = c.semantics.passes[2]!;
    assert.equal(plain(passA), plain(passB));
    assert.equal(plain(passC), plain(passB));
    // Not a vacuous comparison: the pass has content, and other cells' passes differ from it.
    assert.ok(passB.references.length > 10 && passB.calls.length >= 5);
    assert.notEqual(plain(a.semantics.passes[0]!), plain(passB));
  });

  it('gives positions local to the cell and no unit index', () => {
    const p = notebook('a = 1\n'.repeat(50), CELL);
    const pass = p.semantics.passes[1]!;
    assert.equal(pass.root.source, CELL);
    const np = pass.imports.find((b) => b.name === 'np')!;
    assert.equal(np.node.start, CELL.indexOf('np'));
    assert.equal(np.qualifiedName, 'numpy');
    assert.deepEqual(
      pass.imports.map((b) => [b.name, b.qualifiedName]),
      [
        ['np', 'numpy'],
        ['tts', 'sklearn.model_selection.train_test_split'],
      ],
    );
    const call = pass.calls.find((c) => c.callee.type === 'identifier' && c.callee.source.slice(c.callee.start, c.callee.end) === 'print')!;
    assert.equal(call.node.start, CELL.indexOf('print('));
    assert.ok(!plain(pass).includes('"unit"'));
    // The joined model gives the same nodes their unit.
    assert.ok(p.semantics.calls.filter((c) => c.node.source === CELL).every((c) => c.unit === 1));
  });

  it('links def and class bindings to their records', () => {
    const pass = notebook(CELL).semantics.passes[0]!;
    const top = pass.scopes[0]!;
    const f = top.bindings.get('f')![0]!;
    assert.equal(f.kind, 'def');
    assert.equal(pass.functions[f.fn!]!.name, 'f');
    assert.equal(pass.functions[f.fn!]!.node, f.stmt);
    const cls = top.bindings.get('C')![0]!;
    assert.equal(cls.kind, 'class');
    assert.equal(pass.classes[cls.cls!]!.name, 'C');
    const m = pass.scopes[pass.classes[cls.cls!]!.scope]!.bindings.get('m')![0]!;
    assert.equal(pass.functions[m.fn!]!.cls, cls.cls);
    // `global g` inside f binds in the cell's top level, marked as such.
    assert.deepEqual(top.bindings.get('g')!.map((b) => [b.kind, b.viaGlobal]), [['assign', true]]);
    // A call inside f knows its function; the magic assignment binds at the top level.
    assert.equal(pass.calls.find((c) => c.callee.source.slice(c.callee.start, c.callee.end) === 'range')!.fn, f.fn);
    assert.equal(top.bindings.get('files')![0]!.kind, 'magic');
  });

  it('links def and class bindings in the joined model', () => {
    const sem = notebook('x = 0\n', CELL).semantics;
    const f = sem.module.bindings.get('f')![0]!;
    assert.equal(f.fn, sem.functions.find((fn) => fn.name === 'f'));
    assert.equal(f.fn!.unit, 1);
    const c = sem.module.bindings.get('C')![0]!;
    assert.equal(c.cls, sem.classes.find((k) => k.name === 'C'));
    const m = sem.functions.find((fn) => fn.name === 'm')!;
    assert.equal(m.cls, c.cls);
    assert.equal(m.scope.fn, m);
    // The unit's records are index-aligned with its pass.
    const pass = sem.passes[1]!;
    const records = sem.unitRecords(1)!;
    assert.equal(records.functions[pass.scopes[0]!.bindings.get('f')![0]!.fn!], f.fn);
    assert.equal(records.classes[pass.scopes[0]!.bindings.get('C')![0]!.cls!], c.cls);
    assert.equal(records.scopes[0], sem.module);
    assert.deepEqual(records.scopes.map((s) => s.node), pass.scopes.map((s) => s.node));
  });
});

describe('notebook join', () => {
  it('merges the cells\' top levels into one module scope, in cell order', () => {
    const sem = notebook('x = 1\nimport numpy as np\n', 'x = 2\ny = x\nnp.zeros(3)\n', 'def h():\n    global x\n    x = 3\n').semantics;
    assert.deepEqual(sem.module.bindings.get('x')!.map((b) => [b.unit, b.viaGlobal]), [[0, false], [1, false], [2, true]]);
    assert.deepEqual([...sem.module.bindings.keys()], ['x', 'np', 'y', 'h']);
    const read = sem.references.find((r) => r.name === 'x' && r.unit === 1)!;
    assert.equal(sem.lookup('x', read.node, 1)!.unit, 1);
    assert.equal(sem.scopeOf(read.node), sem.module);
    const zeros = sem.calls.find((c) => c.unit === 1)!;
    assert.equal(sem.qualify(zeros.callee, 1), 'numpy.zeros');
    assert.equal(sem.scopes[0], sem.module);
    assert.deepEqual(sem.scopes.map((s) => [s.kind, s.unit]), [['module', 0], ['function', 2]]);
  });

  it('reuses an unchanged cell\'s pass when another cell changes', () => {
    const first = [parseUnit('import random\n', { cell: 0, ipython: true }).unit, parseUnit(CELL, { cell: 1, ipython: true }).unit];
    const p1 = programFromUnits('notebook', first);
    const edited = [parseUnit('import random as rnd\n', { cell: 0, ipython: true }).unit, first[1]!];
    const p2 = programFromUnits('notebook', edited);
    assert.equal(p2.semantics.passes[1], p1.semantics.passes[1]);
    assert.notEqual(p2.semantics.passes[0], p1.semantics.passes[0]);
    // A moved cell (same parse, new index) keeps its pass too.
    const moved = programFromUnits('notebook', [{ ...first[1]!, cell: 0 }]);
    assert.equal(moved.semantics.passes[0], p1.semantics.passes[1]);
    // Each program still has its own records.
    assert.notEqual(p2.semantics.module, p1.semantics.module);
    assert.equal(p2.semantics.module.bindings.get('rnd')![0]!.unit, 0);
  });
});
