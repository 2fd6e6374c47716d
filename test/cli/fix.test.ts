/**
 * `preflight check --fix / --unsafe-fixes / --diff` on real files: fixes applied until nothing
 * more is fixable, a second run a byte-identical no-op, `--diff` writing nothing, notebooks
 * written back so that they validate against nbformat's schema and differ from the original
 * only in the edited cells, and the notebook fixes (reorder, clear outputs, seed cell).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { project, run, read } from './cliHarness';
import { REQUIRED, validateNotebooks } from './nbformatOracle';

/** Asserts nbformat accepts every text (skips with a notice when nbformat is not installed, outside CI). */
function assertValid(t: { diagnostic(s: string): void; skip(s: string): void }, texts: string[]): boolean {
  const verdicts = validateNotebooks(texts);
  if (typeof verdicts === 'string') {
    if (REQUIRED) assert.fail(`nbformat is required in CI: ${verdicts}`);
    t.diagnostic(`nbformat validation skipped: ${verdicts}`);
    return false;
  }
  verdicts.forEach((v, i) => assert.equal(v, null, `notebook ${i} is not valid nbformat: ${v}`));
  return true;
}

interface Cell {
  cell_type: string;
  source: string | string[];
  [k: string]: unknown;
}
const code = (source: string | string[], extra: Record<string, unknown> = {}): Cell => ({ cell_type: 'code', execution_count: null, metadata: {}, outputs: [], source, ...extra });
const nb = (cells: Cell[], minor = 5, indent: number | string = 1) =>
  `${JSON.stringify({ cells, metadata: { kernelspec: { display_name: 'Python 3', language: 'python', name: 'python3' } }, nbformat: 4, nbformat_minor: minor }, null, indent)}\n`;
const sources = (text: string) => (JSON.parse(text) as { cells: Cell[] }).cells.map((c) => (Array.isArray(c.source) ? c.source.join('') : c.source));

describe('check --fix', () => {
  it('applies the safe fixes to a .py file, reports what remains and how many were fixed; a second run is a byte-identical no-op', async () => {
    const dir = project({ 'a.py': 'import random\nimport numpy as np\nx = random.random()\nrng = np.random.default_rng()\n' });
    const r = await run(['check', dir, '--fix'], dir);
    assert.equal(read(dir, 'a.py'), 'import random\nimport numpy as np\nrandom.seed(42)\nx = random.random()\nrng = np.random.default_rng(42)\n');
    assert.match(r.out, /No findings in 1 file\.\nFixed 2 findings in 1 file\.\n$/);
    assert.equal(r.code, 0);
    const again = await run(['check', dir, '--fix'], dir);
    assert.equal(read(dir, 'a.py'), 'import random\nimport numpy as np\nrandom.seed(42)\nx = random.random()\nrng = np.random.default_rng(42)\n');
    assert.match(again.out, /Fixed 0 findings in 0 files\./);
  });

  it('leaves unsafe fixes alone unless --unsafe-fixes, and says how many there are', async () => {
    const src = 'import requests\nrequests.get("https://example.com")\n';
    const dir = project({ 'a.py': src });
    const safe = await run(['check', dir, '--fix'], dir);
    assert.equal(read(dir, 'a.py'), src);
    assert.match(safe.out, /1 finding more has an unsafe fix: review them and use --unsafe-fixes\./);
    assert.equal(safe.code, 1);
    await run(['check', dir, '--fix', '--unsafe-fixes'], dir);
    assert.match(read(dir, 'a.py'), /requests\.get\("https:\/\/example\.com", timeout=\d+\)/);
  });

  it('keeps a CRLF file CRLF and a byte order mark in front', async () => {
    const dir = project({ 'a.py': '\ufeffimport numpy as np\r\nrng = np.random.default_rng()\r\n' });
    await run(['check', dir, '--fix'], dir);
    assert.equal(read(dir, 'a.py'), '\ufeffimport numpy as np\r\nrng = np.random.default_rng(42)\r\n');
  });

  it('--diff prints a unified diff, writes nothing and exits 1; 0 when there is nothing to fix', async () => {
    const src = 'import numpy as np\nrng = np.random.default_rng()\n';
    const dir = project({ 'a.py': src });
    const r = await run(['check', dir, '--diff'], dir);
    assert.equal(r.code, 1);
    assert.equal(read(dir, 'a.py'), src);
    assert.equal(r.out, '--- a.py\n+++ a.py\n@@ -1,2 +1,2 @@\n import numpy as np\n-rng = np.random.default_rng()\n+rng = np.random.default_rng(42)\n');
    assert.match(r.err, /Would fix 1 finding in 1 file\./);
    const clean = project({ 'b.py': 'x = 1\n' });
    const none = await run(['check', clean, '--diff'], clean);
    assert.deepEqual([none.code, none.out], [0, '']);
  });

  it('flag errors exit 2 with a clear message', async () => {
    const dir = project({ 'a.py': 'x = 1\n' });
    const unsafeAlone = await run(['check', dir, '--unsafe-fixes'], dir);
    assert.equal(unsafeAlone.code, 2);
    assert.match(unsafeAlone.err, /--unsafe-fixes applies with --fix or --diff/);
    const diffJson = await run(['check', dir, '--diff', '--format', 'json'], dir);
    assert.equal(diffJson.code, 2);
    assert.match(diffJson.err, /--diff prints a diff/);
    const help = await run(['check', '--help'], dir);
    for (const flag of ['--fix', '--unsafe-fixes', '--diff']) assert.ok(help.out.includes(flag), `--help names ${flag}`);
  });
});

describe('check --fix on notebooks', () => {
  it('changes only the edited cell\'s source: other bytes (2-space indent, key order, string sources, escapes, no trailing newline) stay', async (t) => {
    // Not nbformat's own layout on purpose: keys out of order, a string source, an escaped é, no final newline.
    const text = `{\n  "nbformat_minor": 4,\n  "metadata": {"kernelspec": {"name": "python3", "language": "python", "display_name": "P\\u00e9"}},\n  "cells": [\n    {\n      "source": "import numpy as np\\nrng = np.random.default_rng()",\n      "cell_type": "code",\n      "metadata": {"collapsed": false},\n      "outputs": [{"output_type": "stream", "name": "stdout", "text": "\\u00e9\\n"}],\n      "execution_count": 7\n    },\n    {"cell_type": "markdown", "metadata": {}, "source": ["# Notes"]}\n  ],\n  "nbformat": 4\n}`;
    const dir = project({ 'n.ipynb': text });
    await run(['check', dir, '--fix'], dir);
    const after = read(dir, 'n.ipynb');
    assert.equal(after, text.replace('default_rng()"', 'default_rng(42)"'));
    assertValid(t, [after]);
  });

  it('list-of-lines sources keep the unchanged lines\' own bytes; a seed cell inserted into a 4.5 notebook gets an id, into 4.4 none', async (t) => {
    const cells = [{ cell_type: 'markdown', id: 'intro', metadata: {}, source: ['# Title'] }, code(['import random\n', 'x = random.random()\n', 'print("\\u00e9")'], { id: 'c1' })];
    const dir = project({ 'a.ipynb': nb(cells), 'b.ipynb': nb(cells.map(({ id: _id, ...c }) => c), 4) });
    await run(['check', dir, '--fix'], dir);
    const a = JSON.parse(read(dir, 'a.ipynb'));
    const b = JSON.parse(read(dir, 'b.ipynb'));
    assert.deepEqual(sources(read(dir, 'a.ipynb')), ['# Title', 'import random\nrandom.seed(42)', 'import random\nx = random.random()\nprint("\\u00e9")']);
    assert.match(a.cells[1].id, /^[a-zA-Z0-9-_]{1,64}$/);
    assert.equal(b.cells[1].id, undefined);
    // Keys in the order the notebook's own code cells have them.
    assert.deepEqual(Object.keys(a.cells[1]), ['cell_type', 'execution_count', 'metadata', 'outputs', 'source', 'id']);
    // Everything but the inserted cell is the original text.
    const original = nb(cells);
    const written = read(dir, 'a.ipynb');
    const inserted = /  \{\n   "cell_type": "code",\n   "execution_count": null,[\s\S]*?"id": "[0-9a-f]+"\n  \},\n/.exec(written)!;
    assert.equal(written.replace(inserted[0], ''), original);
    assertValid(t, [written, read(dir, 'b.ipynb')]);
    const before = [read(dir, 'a.ipynb'), read(dir, 'b.ipynb')];
    await run(['check', dir, '--fix'], dir);
    assert.deepEqual([read(dir, 'a.ipynb'), read(dir, 'b.ipynb')], before, 'a second --fix changes nothing');
    assert.ok(b);
  });

  it('reorders cells for forward-reference when the dependencies are acyclic (unsafe; stable otherwise)', async (t) => {
    const cells = [code('print(df)', { id: 'use', execution_count: 3 }), { cell_type: 'markdown', id: 'md', metadata: {}, source: 'Load' }, code('import pandas as pd', { id: 'imp', execution_count: 1 }), code('df = pd.DataFrame()', { id: 'load', execution_count: 2 })];
    const dir = project({ 'n.ipynb': nb(cells) });
    const safe = await run(['check', dir, '--fix'], dir);
    assert.equal(read(dir, 'n.ipynb'), nb(cells), 'the reorder is unsafe: --fix alone leaves it');
    assert.match(safe.out, /forward-reference/);
    await run(['check', dir, '--fix', '--unsafe-fixes'], dir);
    const after = JSON.parse(read(dir, 'n.ipynb')) as { cells: { id: string }[] };
    assert.deepEqual(after.cells.map((c) => c.id), ['md', 'imp', 'load', 'use']);
    assertValid(t, [read(dir, 'n.ipynb')]);
    const again = read(dir, 'n.ipynb');
    await run(['check', dir, '--fix', '--unsafe-fixes'], dir);
    assert.equal(read(dir, 'n.ipynb'), again);
  });

  it('offers no reorder on a cycle and says why', async () => {
    const cells = [code('a = b + 1', { id: 'x' }), code('b = 1\nc = a', { id: 'y' })];
    const dir = project({ 'n.ipynb': nb(cells) });
    const r = await run(['check', dir, '--fix', '--unsafe-fixes'], dir);
    assert.equal(read(dir, 'n.ipynb'), nb(cells));
    assert.match(r.out, /forward-reference `b` is defined only in the cell below: .*Reordering the cells cannot fix this: the cell starting `b = 1` and the cell starting `a = b \+ 1` need names from each other \(a cycle through the names they share\)\./);
    // The related location on a line of its own, the cell by its 1-based position.
    assert.match(r.out, /\n {2}n\.ipynb:cell 2:1:1: `b` is defined here\n/);
  });

  it('JSON findings carry the cell their message names as a related location (1-based cell, line, column)', async () => {
    const cells = [code('import os', { id: 'a' }), { cell_type: 'markdown', id: 'm', metadata: {}, source: ['# Use'] }, code('print(df)', { id: 'b' }), code('x = 1', { id: 'c' }), code('df = 2', { id: 'd' })];
    const dir = project({ 'n.ipynb': nb(cells) });
    const json = JSON.parse((await run(['check', dir, '--format', 'json', '--select', 'forward-reference'], dir)).out) as { findings: { cell: number; message: string; related?: unknown[] }[] };
    const f = json.findings.find((x) => x.cell === 3)!;
    assert.match(f.message, /^`df` is defined only in the cell starting `df = 2` further down:/);
    assert.deepEqual(f.related, [{ file: 'n.ipynb', cell: 5, line: 1, column: 1, message: '`df` is defined here' }]);
  });

  it('clears saved outputs and execution counts for out-of-order-execution with --unsafe-fixes; metadata and ids stay', async (t) => {
    const cells = [code('x = 1', { id: 'a', execution_count: 2, outputs: [{ output_type: 'execute_result', execution_count: 2, data: { 'text/plain': ['1'] }, metadata: {} }] }), code('x = x + 1\nx', { id: 'b', execution_count: 1, metadata: { tags: ['keep'] }, outputs: [] })];
    const dir = project({ 'n.ipynb': nb(cells) });
    await run(['check', dir, '--fix'], dir);
    assert.equal(read(dir, 'n.ipynb'), nb(cells));
    await run(['check', dir, '--fix', '--unsafe-fixes'], dir);
    const after = JSON.parse(read(dir, 'n.ipynb')) as { cells: Cell[] };
    assert.deepEqual(
      after.cells.map((c) => [c.id, c.execution_count, c.outputs, c.metadata]),
      [
        ['a', null, [], {}],
        ['b', null, [], { tags: ['keep'] }],
      ],
    );
    assert.equal(read(dir, 'n.ipynb'), nb(cells.map((c) => ({ ...c, execution_count: null, outputs: [] }))));
    assertValid(t, [read(dir, 'n.ipynb')]);
  });

  it('a fix that would add a syntax error is not written, and the run says so', async () => {
    // A notebook whose written-back JSON could not be checked is refused the same way: nothing is lost.
    const dir = project({ 'n.ipynb': '{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}' });
    const r = await run(['check', dir, '--fix', '--unsafe-fixes'], dir);
    assert.equal(r.code, 0);
    assert.equal(read(dir, 'n.ipynb'), '{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}');
  });
});
