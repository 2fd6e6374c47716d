/** The parts of `preflight verify` that need no kernel: noise masking, interpreter order, the checklist's record lookup. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { main } from '../../server/src/cli/main';
import { notebookContentHash, writeVerifyRecord } from '../../server/src/engine/verifyRecord';
import { maskNoise, shortDiff } from '../../server/src/verify/compare';
import { findPython } from '../../server/src/verify/interpreter';

function tmp(files: Record<string, string> = {}): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-verify-parts-')));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text, { mode: 0o755 });
  }
  return dir;
}

describe('output noise masking', () => {
  it('masks addresses, timestamps, clock times, %time lines and tqdm bars, but not values', () => {
    assert.equal(maskNoise('<Model at 0x7f3a2c1b4e60>'), maskNoise('<Model at 0x55d0aa01ff00>'));
    assert.equal(maskNoise('saved 2024-05-01 10:00:00.123'), maskNoise('saved 2025-01-31T23:59:59Z'));
    assert.equal(maskNoise('took 00:01:02'), maskNoise('took 12:00:59'));
    assert.equal(maskNoise('CPU times: user 1 s\nWall time: 2 s\n42'), maskNoise('CPU times: user 3 s\nWall time: 9 s\n42'));
    assert.equal(maskNoise(' 10%|█         | 1/10 [00:00<00:01]\r100%|██████████| 10/10 [00:01<00:00, 9.1it/s]\ndone'), maskNoise('100%|██████████| 10/10 [00:02<00:00, 4.7it/s]\ndone'));
    assert.notEqual(maskNoise('0.25007'), maskNoise('0.899599'));
    assert.notEqual(maskNoise('accuracy 0.91'), maskNoise('accuracy 0.92'));
  });
  it('a short diff shows the first differing lines and caps the rest', () => {
    assert.equal(shortDiff('a\nb\nc\nd\ne\nf', 'a\nB\nC\nD\nE\nF', ['run 1', 'run 2']), '- b\n- c\n- d\n- … (2 more lines)\n+ B\n+ C\n+ D\n+ … (2 more lines)');
  });
});

describe('interpreter discovery (VS Code Python extension order)', () => {
  const base = (dir: string, env: NodeJS.ProcessEnv = {}) => ({ notebookDir: path.join(dir, 'nb'), projectRoot: dir, cwd: dir, env, platform: 'linux' as const });
  it('--python, then [tool.preflight] python, then $VIRTUAL_ENV, then .venv/, then python3 on PATH', () => {
    const dir = tmp({ 'opt/py': '', 'cfg/bin/python': '', 'active/bin/python3': '', '.venv/bin/python3': '', 'path/python3': '', 'nb/a.ipynb': '{}' });
    const venvEnv = { VIRTUAL_ENV: path.join(dir, 'active'), PATH: path.join(dir, 'path') };
    const configured = { python: 'cfg/bin/python', configFile: path.join(dir, 'pyproject.toml') };
    assert.deepEqual(findPython({ ...base(dir, venvEnv), option: 'opt/py', configured }), { found: { python: path.join(dir, 'opt/py'), source: '--python' } });
    assert.deepEqual(findPython({ ...base(dir, venvEnv), configured }), { found: { python: path.join(dir, 'cfg/bin/python'), source: '[tool.preflight] python' } });
    assert.deepEqual(findPython(base(dir, venvEnv)), { found: { python: path.join(dir, 'active/bin/python3'), source: '$VIRTUAL_ENV' } });
    assert.deepEqual(findPython(base(dir, { PATH: path.join(dir, 'path') })), { found: { python: path.join(dir, '.venv/bin/python3'), source: '.venv' } });
    fs.rmSync(path.join(dir, '.venv'), { recursive: true });
    assert.deepEqual(findPython(base(dir, { PATH: path.join(dir, 'path') })), { found: { python: path.join(dir, 'path/python3'), source: 'PATH' } });
    assert.match((findPython(base(dir, { PATH: path.join(dir, 'nothing') })) as { error: string }).error, /no Python found/);
    assert.match((findPython({ ...base(dir), option: 'missing' }) as { error: string }).error, /--python missing: no such file/);
  });
});

describe('the checklist reads a verify record only for the notebook\'s current code', () => {
  const nb = (code: string) => JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [{ cell_type: 'code', source: code, metadata: {}, outputs: [], execution_count: null }] });
  const item = async (dir: string) => {
    let out = '';
    await main(['checklist', dir, '--format', 'json'], { out: (s) => (out += s), err: () => undefined }, dir);
    return (JSON.parse(out) as { items: { id: string; status: string; summary: string; evidence: { message: string; cell?: number }[] }[] }).items.find((i) => i.id === 'notebooks-run-top-down')!;
  };
  it('no record: unknown — run `preflight verify`; a failing record fails with the cell; changed code: unknown again', async () => {
    const dir = tmp({ 'pyproject.toml': '[project]\nname = "t"\nversion = "0"\n', 'a.ipynb': nb('x = 1\nprint(x)') });
    let i = await item(dir);
    assert.equal(i.status, 'unknown');
    assert.match(i.summary, /unknown — run `preflight verify`/);
    writeVerifyRecord(path.join(dir, 'a.ipynb'), { contentHash: notebookContentHash(nb('x = 1\nprint(x)'))!, verifiedAt: '2025-01-01T00:00:00Z', outcome: 'fails', summary: 'Fails at cell 1: KeyError.', cells: [{ cell: 0, message: 'KeyError at line 2' }] });
    i = await item(dir);
    assert.equal(i.status, 'fail');
    assert.deepEqual(i.evidence.map((e) => [e.cell, e.message]), [[0, 'preflight verify: KeyError at line 2']]);
    // Saving outputs does not change what a run executes; editing code does.
    const withOutputs = JSON.parse(nb('x = 1\nprint(x)'));
    withOutputs.cells[0].outputs = [{ output_type: 'stream', name: 'stdout', text: '1\n' }];
    fs.writeFileSync(path.join(dir, 'a.ipynb'), JSON.stringify(withOutputs));
    assert.equal((await item(dir)).status, 'fail');
    fs.writeFileSync(path.join(dir, 'a.ipynb'), nb('x = 2\nprint(x)'));
    i = await item(dir);
    assert.equal(i.status, 'unknown');
    assert.match(i.evidence[0]!.message, /verified before its code last changed/);
  });
});
