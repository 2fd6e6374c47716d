/**
 * `preflight check`'s result cache (server/src/cli/cache.ts): a warm run prints exactly what a
 * cold run prints, and re-analyses exactly the files whose bytes, configuration, tool or
 * project facts (manifests, lock files, local modules, imported modules) changed. Which files
 * a run analysed comes from the debug lines of PREFLIGHT_CACHE_DEBUG, not from timing.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { main } from '../../server/src/cli/main';

const cli = path.resolve(__dirname, '../../../dist/cli.js');

const notebook = (sources: string[], counts = sources.map((_, i) => i + 1)) =>
  JSON.stringify({
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { name: 'python3', language: 'python', display_name: 'Python 3' } },
    cells: sources.map((s, i) => ({ cell_type: 'code', source: s, metadata: {}, outputs: [], execution_count: counts[i] })),
  });

/**
 * Two scripts whose randomness is seeded through a chain of project modules (a.py, b.py →
 * helpers.py → deep.py), notebooks importing a library, a local name and numpy, a manifest
 * and its lock file, and a notebook whose findings carry whole-notebook fixes (reorder the
 * cells, clear the outputs).
 */
function project(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-cache-'));
  const files: Record<string, string> = {
    'deep.py': 'import random\n\ndef seed_all():\n    random.seed(0)\n',
    'helpers.py': 'from deep import seed_all\n\ndef setup():\n    seed_all()\n',
    'a.py': 'import random\nfrom helpers import setup\nsetup()\nx = random.random()\n',
    'b.py': 'import random\nfrom helpers import setup\nsetup()\ny = random.randint(1, 6)\n',
    'requirements.txt': 'numpy>=1\n',
    'uv.lock': 'version = 1\n[[package]]\nname = "numpy"\nversion = "1.26.0"\n',
    'n1.ipynb': notebook(['import pandas\nimport mylib\nimport numpy as np', 'np.random.rand(3)']),
    'n2.ipynb': notebook(['%pip install requests', 'import random\nrandom.shuffle([1, 2])']),
    'n3.ipynb': notebook(['import numpy as np\nrng = np.random.default_rng()']),
    'n4.ipynb': notebook(['y = x + 1', 'x = 1', 'print(y)'], [3, 1, 2]),
  };
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

interface Run {
  code: number;
  out: string;
  /** stderr without the cache's debug lines. */
  err: string;
  /** Files the run analysed (project-relative), from the debug lines. */
  analysed: string[];
}

async function check(dir: string, args: string[] = [], build?: string): Promise<Run> {
  let out = '';
  let err = '';
  const code = await main(['check', dir, '--format', 'json', ...args], { out: (s) => (out += s), err: (s) => (err += s) }, dir, build ? { build } : {});
  const analysed = [...err.matchAll(/^preflight: cache: analysed (.*)$/gm)].map((m) => path.relative(dir, m[1]!));
  return { code, out, err: err.replace(/^preflight: cache: .*\n/gm, ''), analysed };
}

/** The report of a run that neither reads nor writes the cache: the truth to compare with. */
const fresh = async (dir: string) => (await check(dir, ['--no-cache'])).out;

const rules = (out: string) => (JSON.parse(out) as { findings: { file: string; rule: string; message: string }[] }).findings;

const write = (dir: string, name: string, text: string) => fs.writeFileSync(path.join(dir, name), text);

describe('preflight check: result cache', () => {
  let saved: string | undefined;
  before(() => {
    saved = process.env.PREFLIGHT_CACHE_DEBUG;
    process.env.PREFLIGHT_CACHE_DEBUG = '1';
  });
  after(() => {
    if (saved === undefined) delete process.env.PREFLIGHT_CACHE_DEBUG;
    else process.env.PREFLIGHT_CACHE_DEBUG = saved;
  });

  it('a warm run prints byte for byte what the cold run printed, and analyses nothing', async () => {
    const dir = project();
    for (const format of ['json', 'text', 'sarif']) {
      const args = ['--format', format];
      const cold = await check(dir, args, `cold-${format}`);
      const warm = await check(dir, args, `cold-${format}`);
      assert.equal(cold.analysed.length, 10, format);
      assert.deepEqual(warm.analysed, [], format);
      assert.equal(warm.out, cold.out, format);
      assert.equal(warm.err, cold.err, format);
      assert.equal(warm.code, cold.code, format);
    }
    assert.ok(rules((await check(dir)).out).length >= 4);
    // Findings whose fixes change the notebook as a whole are among those read back.
    const n4 = rules((await check(dir)).out).filter((f) => f.file === 'n4.ipynb').map((f) => f.rule);
    assert.ok(n4.includes('forward-reference') && n4.includes('out-of-order-execution'), n4.join());
    assert.equal((await check(dir)).out, await fresh(dir));
  });

  it('the cache folder is git-ignored and tagged, at the project root', async () => {
    const dir = project();
    await check(dir);
    assert.equal(fs.readFileSync(path.join(dir, '.preflight_cache/.gitignore'), 'utf8').split('\n').filter((l) => l && !l.startsWith('#')).join(), '*');
    assert.match(fs.readFileSync(path.join(dir, '.preflight_cache/CACHEDIR.TAG'), 'utf8'), /^Signature: 8a477f597d28d172789f06886806bc55/);
    // And a check of the project does not pick its own cache up as files to check.
    assert.deepEqual((await check(dir)).analysed, []);
  });

  it('after one notebook changes, only that notebook is analysed again', async () => {
    const dir = project();
    await check(dir);
    write(dir, 'n2.ipynb', notebook(['%pip install requests==2.32.3', 'import random\nrandom.shuffle([1, 2])']));
    const warm = await check(dir);
    assert.deepEqual(warm.analysed, ['n2.ipynb']);
    assert.equal(warm.out, await fresh(dir));
  });

  it('a change to an imported project module re-analyses its importers, through a chain of modules', async () => {
    const dir = project();
    const cold = await check(dir);
    assert.ok(!rules(cold.out).some((f) => f.rule === 'unseeded-global-rng' && /^[ab]\.py$/.test(f.file)));
    // deep.py no longer seeds: a.py and b.py (which reach it only through helpers.py) now draw unseeded.
    write(dir, 'deep.py', 'import random\n\ndef seed_all():\n    pass\n');
    const warm = await check(dir);
    assert.deepEqual(warm.analysed.sort(), ['a.py', 'b.py', 'deep.py', 'helpers.py']);
    assert.deepEqual(rules(warm.out).filter((f) => f.rule === 'unseeded-global-rng' && /^[ab]\.py$/.test(f.file)).map((f) => f.file), ['a.py', 'b.py']);
    assert.equal(warm.out, await fresh(dir));
  });

  it('a new local module file makes its import the project\'s own', async () => {
    const dir = project();
    const cold = await check(dir);
    assert.ok(rules(cold.out).some((f) => f.rule === 'undeclared-import' && f.message.includes("'mylib'")));
    write(dir, 'mylib.py', 'VALUE = 1\n');
    const warm = await check(dir);
    assert.ok(warm.analysed.includes('n1.ipynb') && warm.analysed.includes('mylib.py'));
    assert.ok(!rules(warm.out).some((f) => f.message.includes("'mylib'")));
    assert.equal(warm.out, await fresh(dir));
  });

  it('a data file or a plot added beside the notebooks keeps every entry; a new module file there does not', async () => {
    const dir = project();
    await check(dir);
    write(dir, 'data.csv', 'a,b\n1,2\n');
    fs.writeFileSync(path.join(dir, 'plot.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    const warm = await check(dir);
    assert.deepEqual(warm.analysed, []);
    assert.equal(warm.out, await fresh(dir));
    // A module a notebook could import changes which imports are the project's own.
    write(dir, 'helper.py', 'VALUE = 1\n');
    const again = await check(dir);
    assert.ok(again.analysed.includes('n1.ipynb'), again.analysed.join());
    assert.ok(again.analysed.includes('helper.py'));
    assert.equal(again.out, await fresh(dir));
  });

  it('a manifest change re-analyses what reads the manifest', async () => {
    const dir = project();
    await check(dir);
    write(dir, 'requirements.txt', 'numpy>=1\npandas==2.2.2\n');
    const warm = await check(dir);
    assert.ok(warm.analysed.includes('n1.ipynb') && warm.analysed.includes('requirements.txt'));
    assert.ok(!rules(warm.out).some((f) => f.message.includes("'pandas'")));
    assert.equal(warm.out, await fresh(dir));
  });

  it('a lock-file change re-analyses the manifests it locks', async () => {
    const dir = project();
    const cold = await check(dir);
    assert.ok(rules(cold.out).some((f) => f.rule === 'unpinned-requirement' && f.message.includes('numpy==1.26.0')));
    write(dir, 'uv.lock', 'version = 1\n[[package]]\nname = "numpy"\nversion = "2.1.0"\n');
    const warm = await check(dir);
    assert.ok(warm.analysed.includes('requirements.txt'));
    assert.ok(rules(warm.out).some((f) => f.rule === 'unpinned-requirement' && f.message.includes('numpy==2.1.0')));
    assert.equal(warm.out, await fresh(dir));
  });

  it('a configuration change re-analyses every file', async () => {
    const dir = project();
    await check(dir);
    write(dir, 'pyproject.toml', '[tool.preflight]\nignore = ["unpinned-requirement"]\n');
    const warm = await check(dir);
    assert.equal(warm.analysed.length, 11); // the ten files and the new pyproject.toml
    assert.ok(!rules(warm.out).some((f) => f.rule === 'unpinned-requirement'));
    assert.equal(warm.out, await fresh(dir));
    assert.deepEqual((await check(dir)).analysed, []);
  });

  it('another tool version or build re-analyses every file', async () => {
    const dir = project();
    await check(dir, [], 'build-1');
    assert.deepEqual((await check(dir, [], 'build-1')).analysed, []);
    const other = await check(dir, [], 'build-2');
    assert.equal(other.analysed.length, 10);
    assert.equal(other.out, await fresh(dir));
  });

  it('a corrupt entry (garbage, truncated JSON, a forged result) is ignored and rebuilt', async () => {
    const dir = project();
    const cold = await check(dir);
    const entries = path.join(dir, '.preflight_cache', fs.readdirSync(path.join(dir, '.preflight_cache')).find((n) => /^\d/.test(n))!);
    const files = fs.readdirSync(entries).sort();
    assert.equal(files.length, 10);
    const damage = [
      (t: string) => Buffer.from([0xff, 0x00, 0xfe, 0x13, 0x37]).toString('latin1') + t.slice(0, 10),
      (t: string) => t.slice(0, Math.floor(t.length / 2)),
      (t: string) => t.slice(0, t.indexOf('\n')),
      (t: string) => t.replace('"checked":true', '"checked":false'), // valid, but not what was written
      () => '',
    ];
    damage.forEach((d, i) => {
      const f = path.join(entries, files[i]!);
      fs.writeFileSync(f, d(fs.readFileSync(f, 'latin1')), 'latin1');
    });
    const warm = await check(dir);
    assert.equal(warm.analysed.length, damage.length);
    assert.equal(warm.out, cold.out);
    assert.deepEqual((await check(dir)).analysed, []); // rewritten whole
  });

  it('--no-cache neither writes nor reads the cache', async () => {
    const dir = project();
    const r = await check(dir, ['--no-cache']);
    assert.equal(r.analysed.length, 10);
    assert.ok(!fs.existsSync(path.join(dir, '.preflight_cache')));
    await check(dir);
    assert.equal((await check(dir, ['--no-cache'])).analysed.length, 10);
  });

  it('cache-dir in [tool.preflight] moves the cache (relative to the pyproject.toml)', async () => {
    const dir = project();
    write(dir, 'pyproject.toml', '[tool.preflight]\ncache-dir = "tmp/pf"\n');
    await check(dir);
    assert.ok(!fs.existsSync(path.join(dir, '.preflight_cache')));
    assert.ok(fs.existsSync(path.join(dir, 'tmp/pf/CACHEDIR.TAG')));
    assert.deepEqual((await check(dir)).analysed, []);
  });

  it('a cache folder that cannot be created leaves the check as it is', async () => {
    const dir = project();
    write(dir, 'pyproject.toml', '[tool.preflight]\ncache-dir = "blocked/cache"\n');
    write(dir, 'blocked', 'a file where the folder would go\n');
    const r = await check(dir);
    assert.equal(r.analysed.length, 11);
    assert.equal(r.err, '');
    assert.equal(r.out, await fresh(dir));
  });

  describe('concurrent runs (the bundled CLI)', { skip: !fs.existsSync(cli) && 'dist/cli.js not built' }, () => {
    const spawnCheck = (dir: string, jobs: string, debug = '') =>
      new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
        const p = spawn(process.execPath, [cli, 'check', dir, '--format', 'json', '--jobs', jobs], { cwd: dir, env: { ...process.env, PREFLIGHT_CACHE_DEBUG: debug } });
        let out = '';
        let err = '';
        p.stdout.on('data', (d: Buffer) => (out += d.toString()));
        p.stderr.on('data', (d: Buffer) => (err += d.toString()));
        p.on('close', (code) => resolve({ code, out, err }));
      });

    it('two checks of one project at once both succeed with the right report, and leave a valid cache', async () => {
      const dir = project();
      // Enough files for a worker thread: entries are written from both threads' results.
      for (let i = 0; i < 60; i++) write(dir, `s${String(i).padStart(2, '0')}.py`, `import random\nx = random.random() * ${i}\n`);
      const truth = await fresh(dir);
      const [one, two] = await Promise.all([spawnCheck(dir, '2'), spawnCheck(dir, '2')]);
      for (const r of [one, two]) {
        assert.equal(r.code, 1, r.err);
        assert.equal(r.out, truth);
      }
      const again = await spawnCheck(dir, '2', '1');
      assert.equal(again.out, truth);
      assert.equal(again.err, 'preflight: cache: 70 from cache, 0 analysed\n');
    });
  });
});
