/** Semantics behaviour the randomness rules rely on (fixed for them; see the randomness issue). */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { initParser } from '../../server/src/engine/python/parser';
import { programFromPython } from '../../server/src/engine/python/program';
import { text, walk, type PyNode } from '../../server/src/engine/python/syntax';

before(async () => {
  await initParser();
});

function identifiers(root: PyNode, name: string): PyNode[] {
  const out: PyNode[] = [];
  walk(root, (n) => {
    if (n.type === 'identifier' && text(n) === name) out.push(n);
  });
  return out.sort((a, b) => a.start - b.start);
}

describe('a read on the right of an assignment sees the earlier binding', () => {
  it('ds = ds["train"].split() reads the previous ds', () => {
    const p = programFromPython('import datasets\nds = datasets.load_dataset("x")\nds = ds["train"].split()\n');
    const [, third, fourth] = identifiers(p.units[0]!.root, 'ds');
    const b = p.semantics.lookup('ds', fourth!, 0);
    assert.ok(b && b.value, 'a binding with a value');
    assert.equal(text(b.value!), 'datasets.load_dataset("x")');
    assert.notEqual(b.node, third);
  });
  it('qualify follows x = x.attr to the earlier x', () => {
    const p = programFromPython('import numpy as np\nrng = np\nrng = rng.random\nrng.rand()\n');
    const call = p.semantics.calls[0]!;
    assert.equal(p.semantics.qualify(call.callee, 0), 'numpy.random.rand');
  });
});
