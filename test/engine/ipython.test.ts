import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { maskIPython } from '../../server/src/engine/python/ipython';
import { initParser, parse } from '../../server/src/engine/python/parser';

/** Every masked cell must keep its length and line breaks, and parse without errors. */
function check(src: string) {
  const r = maskIPython(src);
  assert.equal(r.masked.length, src.length, 'length kept');
  assert.deepEqual(
    [...r.masked].map((c, i) => (c === '\n' ? i : -1)).filter((i) => i >= 0),
    [...src].map((c, i) => (c === '\n' ? i : -1)).filter((i) => i >= 0),
    'line breaks kept',
  );
  const tree = parse(r.masked);
  assert.equal(tree.rootNode.hasError, false, `parses: ${JSON.stringify(r.masked)}`);
  tree.delete();
  return r;
}

describe('maskIPython', () => {
  it('init', async () => {
    await initParser();
  });
  const cases: { name: string; src: string; kind: string; magic: string; args?: string; extra?: (r: ReturnType<typeof maskIPython>) => void }[] = [
    { name: 'line magic', src: '%pip install -U numpy pandas\nimport numpy', kind: 'line-magic', magic: 'pip', args: 'install -U numpy pandas' },
    { name: 'line magic, continuation', src: '%pip install a \\\n    b\nx = 1', kind: 'line-magic', magic: 'pip', args: 'install a      b' },
    { name: 'shell escape', src: '!pip install torch\n', kind: 'shell', magic: 'pip', args: 'pip install torch' },
    { name: 'double bang', src: '!!ls -la', kind: 'shell', magic: 'ls' },
    { name: 'indented shell', src: 'if True:\n    !echo hi\n', kind: 'shell', magic: 'echo' },
    { name: 'assigned shell', src: 'files = !ls *.csv\nprint(files)', kind: 'shell', magic: 'ls', extra: (r) => assert.equal(r.magics[0]!.assignedTo, 'files') },
    { name: 'assigned magic', src: 'out = %sx ls', kind: 'line-magic', magic: 'sx' },
    { name: 'python cell magic', src: '%%time\nx = 1\ny = x + 1', kind: 'cell-magic', magic: 'time', extra: (r) => assert.equal(r.magics[0]!.pythonBody, true) },
    { name: 'capture cell magic', src: '%%capture\n%pip install x', kind: 'cell-magic', magic: 'capture', extra: (r) => assert.equal(r.magics[1]!.name, 'pip') },
    { name: 'bash cell magic', src: '%%bash\nfor f in *; do echo $f; done\n', kind: 'cell-magic', magic: 'bash', extra: (r) => { assert.equal(r.magics[0]!.pythonBody, false); assert.match(r.magics[0]!.body!, /for f in/); } },
    { name: 'writefile', src: '%%writefile app.py\nimport os\nprint(os', kind: 'cell-magic', magic: 'writefile' },
    { name: 'help suffix', src: 'np.random.rand?', kind: 'help', magic: 'np.random.rand' },
    { name: 'help double suffix', src: 'len??', kind: 'help', magic: 'len' },
    { name: 'help prefix', src: '?print', kind: 'help', magic: 'print' },
    { name: 'time line magic keeps python', src: '%time x = f(1)', kind: 'line-magic', magic: 'time', extra: (r) => assert.match(r.masked, /x = f\(1\)/) },
    { name: 'timeit with options', src: '%timeit -n 10 -r 3 sum(range(9))', kind: 'line-magic', magic: 'timeit', extra: (r) => assert.match(r.masked, /sum\(range\(9\)\)/) },
    { name: 'automagic pip', src: 'pip install requests\nimport requests', kind: 'automagic', magic: 'pip', args: 'install requests' },
    { name: 'automagic cd', src: 'cd /tmp', kind: 'automagic', magic: 'cd' },
    { name: 'matplotlib', src: '%matplotlib inline\nimport matplotlib', kind: 'line-magic', magic: 'matplotlib', args: 'inline' },
    { name: 'store -r', src: '%store -r df', kind: 'line-magic', magic: 'store', args: '-r df' },
    { name: 'run', src: '%run helpers.py', kind: 'line-magic', magic: 'run' },
    { name: 'CRLF', src: '%pip install a\r\nx = 1\r\n', kind: 'line-magic', magic: 'pip', args: 'install a' },
    { name: 'any magic name', src: '%mprun -f train train(model)\nx = 1', kind: 'line-magic', magic: 'mprun', extra: (r) => assert.match(r.masked, /train\(model\)/, 'the statement after `-f func` stays Python') },
    { name: 'unknown magic, any arguments', src: '%frobnicate (unbalanced [ "quote', kind: 'line-magic', magic: 'frobnicate' },
    // Issue 19: IPython calls the line magic `%timeit` (its name keeps the second `%`) and stops with a UsageError.
    { name: 'mid-cell %% is the line magic %name, a UsageError', src: 'x = 1\n%%timeit\ny = 2', kind: 'line-magic', magic: '%timeit', extra: (r) => {
      assert.match(r.masked, /y = 2/);
      assert.deepEqual(r.usageError, { start: 6, end: 14, message: 'Line magic function `%%timeit` not found.' });
    } },
    { name: 'escaped line is opaque', src: '!echo (\n%pip install x', kind: 'shell', magic: 'echo', extra: (r) => assert.equal(r.magics[1]!.name, 'pip') },
    { name: 'autocall escapes', src: '/f x y\n,g a b\n;h a b', kind: 'autocall', magic: 'f', extra: (r) => assert.deepEqual(r.magics.map((m) => m.name), ['f', 'g', 'h']) },
    { name: 'system assign to a subscript', src: 'cfg[0] = !cat x', kind: 'shell', magic: 'cat' },
    { name: 'magic assign after a colon', src: 'if a: b = %sx ls', kind: 'line-magic', magic: 'sx' },
    { name: 'help target searched in the line', src: 'x = obj.attr?', kind: 'help', magic: 'obj.attr', extra: (r) => assert.doesNotMatch(r.masked, /x =/) },
    { name: 'help on a magic', src: '%timeit?', kind: 'help', magic: '%timeit' },
    { name: 'cell magic after blank lines', src: '\n\n%%writefile a.py\nprint(', kind: 'cell-magic', magic: 'writefile' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = check(c.src);
      assert.ok(r.magics.length >= 1, 'one record at least');
      assert.equal(r.magics[0]!.kind, c.kind);
      assert.equal(r.magics[0]!.name, c.magic);
      if (c.args !== undefined) assert.equal(r.magics[0]!.args, c.args);
      c.extra?.(r);
    });
  }
  const untouched = [
    'x = "!not a shell"\ny = "%d" % 3',
    's = """\n!inside a string\n%also\n"""',
    'a = b % c\nd = e != f',
    'pip = 3\nls - x',
    'print(x)  # what? really?',
    'foo(\n  a,\n)',
    'cd(1)\npip.install',
    'if x: pass\nelse: pass',
  ];
  for (const src of untouched) {
    it(`leaves Python alone: ${JSON.stringify(src).slice(0, 40)}`, () => {
      const r = check(src);
      assert.equal(r.masked, src);
      assert.equal(r.magics.length, 0);
    });
  }
  it('IPython strips the first line\'s indentation from the lines that have it', () => {
    const r = maskIPython('    x = 1\n    if x:\n        y = 2\nz = 3');
    assert.deepEqual([...(r.stripped ?? new Map())], [[0, 4], [10, 4], [20, 4]]);
    assert.equal(r.magics.length, 0);
  });
  it('prompts are stripped', () => {
    const r = maskIPython('>>> x = 1\n... y = 2\nIn [3]: z');
    assert.equal(r.masked, '    x = 1\n    y = 2\nIn [3]: z');
    assert.deepEqual([...(r.stripped ?? new Map())], [[0, 4], [10, 4]]);
    const ip = maskIPython('In [1]: x = 1\n   ...: y = 2');
    assert.equal(ip.masked, '        x = 1\n        y = 2');
  });
  it('a %time statement running past its line is not kept (IPython passes the line only)', () => {
    const r = maskIPython('%time y = f(\n)');
    assert.equal(r.magics[0]!.name, 'time');
    assert.doesNotMatch(r.masked, /y = f/);
  });
  it('a comment after ? is not help (IPython needs ? last)', () => {
    const r = maskIPython('A?  # note');
    assert.equal(r.magics.length, 0);
  });
  it('a bracketed expression ending in ? is not help', () => {
    assert.equal(maskIPython('f(1)?').magics.length, 0);
  });
  it('escapes inside brackets are Python (IPython only looks at the first token of a line)', () => {
    assert.equal(maskIPython('x = (1,\n!ls\n)').magics.length, 0);
  });
  it('records the position of the magic', () => {
    const r = check('x = 1\n  \n%pip install y\n');
    assert.equal(r.magics[0]!.line, 2);
    assert.equal(r.magics[0]!.column, 0);
    assert.equal(r.magics[0]!.start, 9);
  });
});
