import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { initParser } from '../../server/src/engine/python/parser';
import { programFromNotebook, programFromPython, type PythonProgram } from '../../server/src/engine/python/program';
import { text, walk, type PyNode } from '../../server/src/engine/python/syntax';

before(async () => {
  await initParser();
});

/** Qualified name of the callee of every call in the program, in source order. */
function callees(p: PythonProgram): (string | undefined)[] {
  return p.semantics.calls
    .slice()
    .sort((a, b) => a.unit - b.unit || a.node.start - b.node.start || b.node.end - a.node.end)
    .map((c) => p.semantics.qualify(c.callee, c.unit));
}

function bindingKinds(p: PythonProgram, scopeKind = 'module'): Record<string, string[]> {
  const scope = p.semantics.scopes.find((s) => s.kind === scopeKind)!;
  return Object.fromEntries([...scope.bindings].map(([k, v]) => [k, v.map((b) => b.kind)]));
}

describe('qualified names of calls', () => {
  const cases: [string, (string | undefined)[]][] = [
    ['import numpy as np\nnp.random.rand(3)', ['numpy.random.rand']],
    ['import numpy.random as npr\nnpr.shuffle(x)', ['numpy.random.shuffle']],
    ['import numpy.random\nnumpy.random.seed(0)', ['numpy.random.seed']],
    ['from numpy.random import rand as r\nr()', ['numpy.random.rand']],
    ['from random import choice\nchoice([1])', ['random.choice']],
    ['import random\nrandom = 3\nrandom.random()', [undefined]],
    ['import random\ndef f():\n    return random.random()\n', ['random.random']],
    ['import random as rnd\nf = rnd.shuffle\nf(x)', ['random.shuffle']],
    ['print(len(x))', ['print', 'len']],
    ['from . import utils\nutils.go()', ['.utils.go']],
    ['import torch\ntorch.Generator().manual_seed(0)', [undefined, 'torch.Generator']],
    ['import a.b.c\na.b.c.d()', ['a.b.c.d']],
    ['def f(np):\n    np.random.rand()\nimport numpy as np', [undefined]],
    ['class C:\n    import json\n    def m(self):\n        json.dumps(1)\n', ['json.dumps']],
  ];
  for (const [src, expected] of cases) {
    it(JSON.stringify(src).slice(0, 60), () => assert.deepEqual(callees(programFromPython(src)), expected));
  }
});

describe('bindings', () => {
  it('records every binding form at module level', () => {
    const p = programFromPython(
      [
        'import os, sys as system',
        'from x import (a, b as c)',
        'd = e = 1',
        'f, (g, *h) = 1, (2, 3)',
        'i += 1',
        'j: int = 2',
        'k: int',
        'for l in []: pass',
        'with open(m) as n, o() as (p, q): pass',
        'try:\n    pass\nexcept ValueError as r:\n    pass',
        '(s := 5)',
        'def t(): pass',
        'class U: pass',
        'match v:\n    case [w, *x2] if w: pass\n    case {"k": y2, **z2}: pass\n    case Point(x=px) as pt: pass\n    case _: pass',
        'del d',
        'import a.b.c',
      ].join('\n'),
    );
    assert.deepEqual(bindingKinds(p), {
      os: ['import'], system: ['import'], a: ['from-import', 'import'], c: ['from-import'], d: ['assign', 'del'], e: ['assign'],
      f: ['assign'], g: ['assign'], h: ['assign'], i: ['augassign'], j: ['assign'], l: ['for'], n: ['with'], p: ['with'], q: ['with'],
      r: ['except'], s: ['walrus'], t: ['def'], U: ['class'], w: ['match'], x2: ['match'], y2: ['match'], z2: ['match'], px: ['match'], pt: ['match'],
    });
  });
  it('parameters bind in the function scope, defaults are read outside', () => {
    const p = programFromPython('def f(a, b: int = D, *args, c, **kw):\n    return a\n');
    assert.deepEqual(Object.keys(bindingKinds(p, 'function')).sort(), ['a', 'args', 'b', 'c', 'kw']);
    const ref = p.semantics.references.find((r) => r.name === 'D')!;
    assert.equal(ref.scope.kind, 'module');
  });
  it('global in a function binds at module level', () => {
    const p = programFromPython('def f():\n    global counter\n    counter = 1\n');
    const b = p.semantics.module.bindings.get('counter')!;
    assert.equal(b.length, 1);
    assert.equal(b[0]!.viaGlobal, true);
  });
  it('comprehension targets stay in the comprehension; walrus leaks out', () => {
    const p = programFromPython('ys = [(last := x) for x in xs if x]\n');
    assert.ok(!p.semantics.module.bindings.has('x'));
    assert.ok(p.semantics.module.bindings.has('last'));
    assert.ok(p.semantics.scopes.find((s) => s.kind === 'comprehension')!.bindings.has('x'));
    const xsRef = p.semantics.references.find((r) => r.name === 'xs')!;
    assert.equal(xsRef.scope.kind, 'module', 'the first iterable is evaluated outside');
  });
  it('class scope is not visible from its methods', () => {
    const p = programFromPython('class C:\n    k = 1\n    def m(self):\n        return k\n');
    const ref = p.semantics.references.find((r) => r.name === 'k')!;
    assert.equal(p.semantics.lookup('k', ref.node, ref.unit), undefined);
  });
  it('PEP 695 type parameters bind for annotations, bases and bodies', () => {
    const p = programFromPython('def f[T, *Ts, **P](a: T) -> T:\n    x: T = a\nclass C[K: int](Base[K]):\n    v: K\ntype Alias[V] = list[V]\n');
    const unresolved = p.semantics.references.filter((r) => ['T', 'K', 'V'].includes(r.name) && !p.semantics.lookup(r.name, r.node, r.unit));
    assert.deepEqual(unresolved.map((r) => r.name), []);
    assert.ok(p.semantics.module.bindings.has('Alias'));
    assert.ok(!p.semantics.module.bindings.has('T'));
  });
  it('star imports are recorded on the scope', () => {
    const p = programFromPython('from numpy.random import *\n');
    assert.deepEqual(p.semantics.module.starImports, ['numpy.random']);
  });
  it('simple assignments keep their value', () => {
    const p = programFromPython('model = "gpt-4o"\n');
    const b = p.semantics.module.bindings.get('model')![0]!;
    assert.equal(text(b.value!), '"gpt-4o"');
  });
  it('decorators and their arguments are kept on functions', () => {
    const p = programFromPython('from tenacity import retry, stop_after_attempt\n@retry(stop=stop_after_attempt(3))\ndef send():\n    pass\n');
    const fn = p.semantics.functions[0]!;
    assert.equal(fn.name, 'send');
    assert.equal(p.semantics.qualify(fn.decorators[0]!.target, fn.unit), 'tenacity.retry');
    assert.ok(fn.decorators[0]!.call!.keywords.has('stop'));
  });
  it('call sites know their enclosing function and arguments', () => {
    const p = programFromPython('def f():\n    g(1, *a, k=2, **kw)\n');
    const call = p.semantics.calls[0]!;
    assert.equal(call.fn?.name, 'f');
    assert.equal(call.positional.length, 1);
    assert.deepEqual([...call.keywords.keys()], ['k']);
    assert.equal(call.hasStarArgs, true);
    assert.equal(call.hasStarKwargs, true);
  });
});

describe('notebooks: one module over the cells, in execution order', () => {
  const nb = (...sources: string[]) => programFromNotebook({ language: 'python', cells: sources.map((s) => ({ kind: 'code' as const, source: s, executionCount: null })) });
  function refNode(p: PythonProgram, name: string, unit: number): PyNode {
    let found: PyNode | undefined;
    walk(p.units[unit]!.root, (n) => {
      if (!found && n.type === 'identifier' && text(n) === name) found = n;
    });
    return found!;
  }
  it('a name defined in an earlier cell is found before the use', () => {
    const p = nb('import numpy as np', 'np.random.rand()');
    const b = p.semantics.lookup('np', refNode(p, 'np', 1), 1)!;
    assert.equal(b.unit, 0);
    assert.deepEqual(callees(p), ['numpy.random.rand']);
  });
  it('the latest binding before the use wins across cells', () => {
    const p = nb('x = 1', 'x = 2', 'print(x)', 'x = 3');
    const b = p.semantics.lookup('x', refNode(p, 'x', 2), 2)!;
    assert.equal(b.unit, 1);
  });
  it('a name only defined in a later cell still resolves (rules decide what that means)', () => {
    const p = nb('print(y)', 'y = 1');
    const b = p.semantics.lookup('y', refNode(p, 'y', 0), 0)!;
    assert.equal(b.unit, 1);
  });
  it('units keep their cell index (counting markdown cells)', () => {
    const p = programFromNotebook({
      language: 'python',
      cells: [
        { kind: 'markdown', source: '# title', executionCount: null },
        { kind: 'code', source: 'x = 1', executionCount: 1 },
      ],
    });
    assert.equal(p.units.length, 1);
    assert.equal(p.units[0]!.cell, 1);
  });
  it('IPython assignments bind names', () => {
    const p = nb('files = !ls', '%store -r df', '%%capture out\nprint(1)', 'print(files, df, out)');
    assert.equal(p.semantics.module.bindings.get('out')![0]!.kind, 'magic');
    assert.equal(p.semantics.module.bindings.get('files')![0]!.kind, 'magic');
    assert.equal(p.semantics.module.bindings.get('df')![0]!.kind, 'magic');
  });
});

describe('robustness of the semantic pass', () => {
  it('deep nesting does not overflow the stack', () => {
    const depth = 3000;
    const src = `x = ${'('.repeat(depth)}1${')'.repeat(depth)}\n`;
    const p = programFromPython(src);
    assert.ok(p.semantics.module.bindings.has('x'));
  });
  it('syntax errors still give bindings for the parts that parse', () => {
    const p = programFromPython('import os\ndef f(:\n    pass\ny = 2\n');
    assert.ok(p.semantics.module.bindings.has('os'));
    assert.ok(p.semantics.module.bindings.has('y'));
    assert.ok(p.units[0]!.syntaxError);
  });
});
