/**
 * `preflight check --jobs`: the bundled CLI (dist/cli.js, built by `npm test` before the tests)
 * spreads big scans over worker threads; the report must be exactly the serial one.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { main } from '../../server/src/cli/main';

const cli = path.resolve(__dirname, '../../../dist/cli.js');

const notebook = (sources: string[]) =>
  JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: sources.map((s, i) => ({ cell_type: 'code', source: s, metadata: {}, outputs: [], execution_count: i + 1 })) });

/** 60 files with findings of several rules (randomness, installs, syntax errors, one unreadable notebook). */
function bigProject(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-jobs-'));
  for (let i = 0; i < 60; i++) {
    const name = `f${String(i).padStart(2, '0')}`;
    if (i % 3 === 0) fs.writeFileSync(path.join(dir, `${name}.py`), `import random\nx = random.random() * ${i}\n`);
    else if (i === 31) fs.writeFileSync(path.join(dir, `${name}.ipynb`), '{ not json');
    else fs.writeFileSync(path.join(dir, `${name}.ipynb`), notebook(['%pip install pandas', `import numpy as np\nnp.random.rand(${i})`, i % 2 ? 'def f(:\n  pass' : 'y = 1']));
  }
  fs.writeFileSync(path.join(dir, 'requirements.txt'), 'numpy>=1\n');
  return dir;
}

function check(dir: string, jobs: string) {
  const r = spawnSync(process.execPath, [cli, 'check', dir, '--format', 'json', '--jobs', jobs], { encoding: 'utf8', cwd: dir });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('preflight check --jobs', { skip: !fs.existsSync(cli) && 'dist/cli.js not built' }, () => {
  it('two threads give byte-for-byte the serial report and exit code', () => {
    const dir = bigProject();
    const serial = check(dir, '1');
    const parallel = check(dir, '2');
    assert.equal(serial.code, 1);
    const json = JSON.parse(serial.out) as { findings: { rule: string }[]; summary: { files: number } };
    assert.equal(json.summary.files, 61);
    for (const rule of ['unseeded-global-rng', 'unpinned-install', 'syntax-error', 'invalid-file']) assert.ok(json.findings.some((f) => f.rule === rule), rule);
    assert.equal(parallel.code, serial.code);
    assert.equal(parallel.out, serial.out);
    assert.equal(parallel.err, serial.err);
  });

  it('rejects a --jobs that is not a whole number of threads', async () => {
    let err = '';
    const code = await main(['check', '.', '--jobs', '0'], { out: () => {}, err: (s) => (err += s) });
    assert.equal(code, 2);
    assert.match(err, /--jobs must be a whole number/);
  });
});
