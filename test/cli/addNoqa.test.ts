/**
 * `preflight check --add-noqa`: every finding gets the editor's "ignore for this line"
 * directive (Python, notebook cells, manifests in their comment syntax), `check` afterwards
 * reports nothing, and a second run changes no byte.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { project, run, read } from './cliHarness';

const cell = (id: string, source: string | string[]) => ({ cell_type: 'code', id, metadata: {}, outputs: [], execution_count: null, source });
const NOTEBOOK = `${JSON.stringify(
  {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { name: 'python3' } },
    cells: [
      cell('a1', ['import numpy as np\n', 'x = np.random.rand(3)\n']),
      cell('a2', '%pip install pandas'),
      cell('a3', ['y = (np.random.rand(2) +\n', '     np.random.rand(2))\n']),
    ],
  },
  null,
  1,
)}\n`;

const FILES = {
  'a.py': 'import requests\nimport numpy as np\nx = np.random.rand(3); r = requests.get("http://x")\n',
  'requirements.txt': 'requests\nnumpy\n',
  Dockerfile: 'FROM python\nRUN pip install requests\n',
  'n.ipynb': NOTEBOOK,
};

describe('check --add-noqa', () => {
  it('then check reports nothing; a second run changes no byte', async () => {
    const dir = project(FILES);
    assert.equal((await run(['check', dir, '--no-cache'], dir)).code, 1);
    const first = await run(['check', dir, '--no-cache', '--add-noqa'], dir);
    assert.equal(first.code, 0, first.err);
    assert.match(first.out, /Added ignore directives for \d+ findings in 4 files/);
    const after = await run(['check', dir, '--no-cache'], dir);
    assert.equal(after.code, 0);
    assert.match(after.out, /^No findings/);
    const snapshot = Object.keys(FILES).map((f) => read(dir, f));
    const second = await run(['check', dir, '--no-cache', '--add-noqa'], dir);
    assert.match(second.out, /for 0 findings in 0 files/);
    assert.deepEqual(Object.keys(FILES).map((f) => read(dir, f)), snapshot);
  });

  it('writes each file\'s comment syntax; two rules on one line share one directive', async () => {
    const dir = project(FILES);
    await run(['check', dir, '--no-cache', '--add-noqa'], dir);
    assert.equal(read(dir, 'a.py'), 'import requests\nimport numpy as np\nx = np.random.rand(3); r = requests.get("http://x")  # preflight: ignore[unseeded-global-rng, missing-timeout]\n');
    assert.equal(read(dir, 'requirements.txt'), 'requests  # preflight: ignore[unpinned-requirement]\nnumpy  # preflight: ignore[unpinned-requirement]\n');
    // A Dockerfile takes no trailing comment: the directive goes on the line above.
    assert.equal(read(dir, 'Dockerfile'), '# preflight: ignore[unpinned-base-image]\nFROM python\n# preflight: ignore[unpinned-install]\nRUN pip install requests\n');
  });

  it('a notebook changes only in the sources of the cells with findings', async () => {
    const dir = project({ 'n.ipynb': NOTEBOOK });
    await run(['check', dir, '--no-cache', '--add-noqa'], dir);
    const before = JSON.parse(NOTEBOOK);
    const after = JSON.parse(read(dir, 'n.ipynb'));
    assert.deepEqual(after.cells[0].source, ['import numpy as np\n', 'x = np.random.rand(3)  # preflight: ignore[unseeded-global-rng]\n']);
    // A magic line cannot end in a comment: the cell's first line takes the directive.
    assert.equal(after.cells[1].source, '# preflight: ignore[unpinned-install]\n%pip install pandas');
    assert.deepEqual(after.cells[2].source, ['y = (np.random.rand(2) +  # preflight: ignore[unseeded-global-rng]\n', '     np.random.rand(2))  # preflight: ignore[unseeded-global-rng]\n']);
    for (const c of [...before.cells, ...after.cells]) delete c.source;
    assert.deepEqual(after, before);
    assert.equal(read(dir, 'n.ipynb').split('\n').length, NOTEBOOK.split('\n').length, 'the file keeps its layout (one line per source line)');
  });

  it('honours the selection: --select baselines only those rules', async () => {
    const dir = project({ 'a.py': FILES['a.py'] });
    await run(['check', dir, '--no-cache', '--add-noqa', '--select', 'randomness'], dir);
    assert.match(read(dir, 'a.py'), /# preflight: ignore\[unseeded-global-rng\]\n$/);
    assert.doesNotMatch(read(dir, 'a.py'), /missing-timeout/);
  });

  it('with --fix, --diff or --statistics is a usage error that writes nothing', async () => {
    const dir = project({ 'a.py': FILES['a.py'] });
    for (const flag of ['--fix', '--diff', '--statistics']) assert.equal((await run(['check', dir, '--add-noqa', flag], dir)).code, 2, flag);
    assert.equal(read(dir, 'a.py'), FILES['a.py']);
  });
});
