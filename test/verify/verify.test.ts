/**
 * `preflight verify` on real notebooks made for it (test/fixtures/verify/), run by a real Jupyter
 * kernel: Debian's /usr/bin/python3 with python3-nbclient, python3-ipykernel and python3-numpy
 * (PREFLIGHT_PYTHON overrides the path). Without them these tests skip with a notice; in CI
 * (CI=true, `.ci/run` installs them) they are required.
 *
 * Fixtures are copied to a temp folder first: verify records its results next to the project.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { run } from '../cli/cliHarness';
import { initParser, runCheck } from '../../server/src/engine';
import { formatVerifyJson, formatVerifyMarkdown, formatVerifyText } from '../../server/src/verify/format';
import { verifyNotebook, type VerifyResult } from '../../server/src/verify/verifyNotebook';

const PYTHON = process.env.PREFLIGHT_PYTHON ?? '/usr/bin/python3';
const REQUIRED = process.env.CI === 'true';
const FIXTURES = path.resolve(__dirname, '../../../test/fixtures/verify');

function jupyterMissing(): string | undefined {
  const r = spawnSync(PYTHON, ['-c', 'import nbclient, ipykernel, numpy'], { encoding: 'utf8' });
  return r.status === 0 ? undefined : `${PYTHON} cannot import nbclient, ipykernel and numpy (apt-get install python3-nbclient python3-ipykernel python3-numpy)`;
}
const missing = jupyterMissing();
if (missing && REQUIRED) throw new Error(`CI=true but ${missing}`);
if (missing) console.log(`# skipped: preflight verify kernel tests: ${missing}`);
const kernel = { skip: missing ? 'no Python with Jupyter' : false };

function copyFixtures(): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-verify-')));
  fs.cpSync(FIXTURES, dir, { recursive: true });
  return dir;
}

describe('preflight verify on real notebooks', kernel, () => {
  const results = new Map<string, VerifyResult>();
  let dir = '';
  before(async () => {
    if (missing) return;
    await initParser();
    dir = copyFixtures();
    for (const name of ['reproduces', 'unseeded', 'forward_reference', 'stale_outputs', 'timeout', 'syntax_error']) {
      const file = path.join(dir, `${name}.ipynb`);
      results.set(name, await verifyNotebook(file, { cwd: dir, python: PYTHON, cellTimeoutSeconds: 2, findings: (f) => runCheck({ paths: [f] }).findings }));
    }
  });
  const report = (name: string) => {
    const r = results.get(name);
    assert.ok(r?.ok, `${name}: ${r && !r.ok ? r.message : 'not run'}`);
    return r.report;
  };

  it('a seeded notebook reproduces, noise masked (an address, the clock), saved outputs equal', () => {
    const r = report('reproduces');
    assert.equal(r.outcome, 'reproduces', JSON.stringify(r.cells.filter((c) => c.problem)));
    assert.equal(r.cellsRun, 3);
    assert.deepEqual(r.gaps, []);
    assert.ok(r.cells.every((c) => c.seconds.length === 2 && c.status === 'ok'));
  });
  it('an unseeded draw printed differs between runs, with a short diff, and confirms unseeded-global-rng', () => {
    const r = report('unseeded');
    assert.equal(r.outcome, 'differs');
    const cell = r.cells.find((c) => c.problem)!;
    assert.equal(cell.cell, 1);
    assert.match(cell.differsBetweenRuns!, /^- 0\.\d+\n\+ 0\.\d+$/);
    assert.deepEqual(r.confirmed.map((k) => k.rule), ['unseeded-global-rng']);
    assert.match(r.confirmed[0]!.message, /`unseeded-global-rng` confirmed: output of cell 2 differs between runs/);
  });
  it('a forward reference fails with NameError at its cell and line, and confirms forward-reference', () => {
    const r = report('forward_reference');
    assert.equal(r.outcome, 'fails');
    const cell = r.cells.find((c) => c.problem)!;
    assert.deepEqual(cell.failure, { run: 1, ename: 'NameError', evalue: "name 'threshold' is not defined", line: 1 });
    assert.equal(r.cells.find((c) => c.cell === 2)?.status, 'not-run'); // Run All stops at the first failure
    assert.ok(r.confirmed.some((k) => k.rule === 'forward-reference' && k.message === '`forward-reference` confirmed: NameError at cell 2, line 1'), JSON.stringify(r.confirmed));
    assert.deepEqual(r.gaps, []);
  });
  it('saved outputs from another run differ from the saved notebook (and not between runs)', () => {
    const r = report('stale_outputs');
    assert.equal(r.outcome, 'differs');
    const cell = r.cells.find((c) => c.problem)!;
    assert.equal(cell.differsBetweenRuns, undefined);
    assert.equal(cell.differsFromSaved, '- folds: 10\n+ folds: 20');
  });
  it('a cell over the per-cell timeout is reported as timed out; later cells do not run', () => {
    const r = report('timeout');
    assert.equal(r.outcome, 'fails');
    assert.match(r.summary, /Cell 2 timed out/);
    assert.deepEqual(r.cells.map((c) => c.status), ['ok', 'timeout', 'not-run']);
  });
  it('a syntax error fails at its cell and confirms syntax-error', () => {
    const r = report('syntax_error');
    assert.equal(r.outcome, 'fails');
    assert.equal(r.cells[1]!.failure?.ename, 'SyntaxError');
    assert.equal(r.cells[1]!.failure?.line, 1);
    assert.deepEqual(r.confirmed.map((k) => k.rule), ['syntax-error']);
  });
  it('never modifies the notebooks; records each result under .preflight_cache/verify with a .gitignore', () => {
    for (const f of fs.readdirSync(FIXTURES)) assert.equal(fs.readFileSync(path.join(dir, f), 'utf8'), fs.readFileSync(path.join(FIXTURES, f), 'utf8'), f);
    assert.equal(fs.readFileSync(path.join(dir, '.preflight_cache/.gitignore'), 'utf8').trim().split('\n').pop(), '*');
    assert.equal(fs.readdirSync(path.join(dir, '.preflight_cache/verify')).length, results.size);
  });
  it('text, JSON and Markdown say the same thing', () => {
    const all = [...results.values()];
    const text = formatVerifyText(all, dir);
    assert.match(text, /^forward_reference\.ipynb: fails — Fails at cell 2: NameError \(line 1\)\.$/m);
    assert.match(text, /^ {2}confirmed: `forward-reference` confirmed: NameError at cell 2, line 1$/m);
    assert.match(text, /^1 of 6 notebooks reproduce\.$/m);
    const json = JSON.parse(formatVerifyJson(all, dir));
    assert.equal(json.version, 1);
    assert.deepEqual(json.notebooks.map((n: { file: string; outcome: string }) => `${n.file} ${n.outcome}`), ['reproduces.ipynb reproduces', 'unseeded.ipynb differs', 'forward_reference.ipynb fails', 'stale_outputs.ipynb differs', 'timeout.ipynb fails', 'syntax_error.ipynb fails']);
    assert.equal(json.notebooks[2].cells[1].cell, 2); // 1-based, every cell counts
    const md = formatVerifyMarkdown(all, dir);
    assert.match(md, /^\| forward\\_reference\.ipynb \| ❌ Fails at cell 2: NameError \(line 1\)\. \| 2 \| /m);
    assert.match(md, /```diff\n {2}- folds: 10\n {2}\+ folds: 20\n {2}```/);
  });
});

describe('preflight verify command', () => {
  it('no Python with Jupyter: a missing --python gets install advice and exit 2, no stack trace', async () => {
    const dir = copyFixtures();
    const r = await run(['verify', 'reproduces.ipynb', '--python', path.join(dir, 'no-such-python')], dir);
    assert.equal(r.code, 2);
    assert.match(r.err, /no Python with Jupyter found: --python .*no-such-python: no such file/);
    assert.match(r.err, /-m pip install nbclient ipykernel/);
    assert.match(r.err, /apt-get install python3-nbclient python3-ipykernel/);
    assert.doesNotMatch(r.err, /\n\s+at /);
    assert.equal(r.out, '');
  });
  it('a Python without Jupyter (the project .venv, found before PATH) names itself in the advice, exit 2', { skip: spawnSync(PYTHON, ['-c', 'import venv']).status === 0 ? false : 'no venv module' }, async () => {
    const dir = copyFixtures();
    const made = spawnSync(PYTHON, ['-m', 'venv', '--without-pip', path.join(dir, '.venv')]);
    if (made.status !== 0) return; // venv cannot be made here (Debian without python3-venv): nothing to test
    const r = await run(['verify', 'reproduces.ipynb'], dir);
    assert.equal(r.code, 2);
    assert.match(r.err, new RegExp(`no Python with Jupyter found: ${path.join(dir, '.venv', 'bin')}/python3? cannot import (nbformat|nbclient|jupyter_client)`));
    assert.match(r.err, /\.venv\/bin\/python3? -m pip install nbclient ipykernel/);
    assert.doesNotMatch(r.err, /Traceback|\n\s+at /);
  });
  it('usage errors exit 2', async () => {
    const dir = copyFixtures();
    assert.equal((await run(['verify', '--format', 'sarif'], dir)).code, 2);
    assert.equal((await run(['verify', '--cell-timeout', '0'], dir)).code, 2);
    assert.equal((await run(['verify', path.join(dir, 'missing.ipynb')], dir)).code, 2);
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-verify-empty-'));
    const r = await run(['verify'], empty);
    assert.equal(r.code, 2);
    assert.match(r.err, /no notebooks to verify/);
  });
  it('--skip-cells-tagged skips the tagged cell; warns that it runs code; exit 0; the checklist then passes the item', kernel, async () => {
    const dir = copyFixtures();
    fs.writeFileSync(path.join(dir, 'pyproject.toml'), '[project]\nname = "t"\nversion = "0"\ndependencies = ["numpy==1.26.4"]\n');
    for (const f of fs.readdirSync(dir)) if (f.endsWith('.ipynb') && f !== 'tagged.ipynb') fs.rmSync(path.join(dir, f));
    const unskipped = await run(['verify', 'tagged.ipynb', '--python', PYTHON], dir);
    assert.equal(unskipped.code, 1);
    assert.match(unskipped.out, /cell 2: SystemExit: this cell must be skipped/);
    assert.match(unskipped.out, /gap: SystemExit at cell 2 .*no static finding predicted it/);
    const r = await run(['verify', 'tagged.ipynb', '--python', PYTHON, '--skip-cells-tagged', 'effect'], dir);
    assert.equal(r.code, 0, r.out + r.err);
    assert.match(r.err, /warning: verify runs the notebook's code/);
    assert.match(r.out, /^tagged\.ipynb: reproduces — /m);
    assert.match(r.out, /1 cell run, 1 skipped by tag/);
    const checklist = JSON.parse((await run(['checklist', dir, '--format', 'json'], dir)).out);
    const item = checklist.items.find((i: { id: string }) => i.id === 'notebooks-run-top-down');
    assert.equal(item.status, 'pass', item.summary);
    assert.match(item.summary, /preflight verify ran the notebook top to bottom twice: it reproduces/);
  });
});
