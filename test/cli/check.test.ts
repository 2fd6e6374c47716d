import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { project, run } from './cliHarness';

const notebook = (sources: string[]) =>
  JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [{ cell_type: 'markdown', source: '# t', metadata: {} }, ...sources.map((s, i) => ({ cell_type: 'code', source: s, metadata: {}, outputs: [], execution_count: i + 1 }))] });

describe('preflight check', () => {
  it('JSON output has the documented shape, 1-based cells counting markdown, paths relative to cwd', async () => {
    const dir = project({ 'nb/a.ipynb': notebook(['x = 1', 'def f(:\n  pass']) });
    const json = JSON.parse((await run(['check', path.join(dir, 'nb'), '--format', 'json'], dir)).out);
    assert.equal(json.version, 1);
    assert.equal(json.findings.length, 1);
    assert.deepEqual(Object.keys(json.findings[0]), ['file', 'cell', 'line', 'column', 'endLine', 'endColumn', 'category', 'rule', 'severity', 'message']);
    assert.equal(json.findings[0].file, 'nb/a.ipynb');
    assert.equal(json.findings[0].cell, 3);
    assert.equal(json.findings[0].line, 1);
    assert.equal(json.findings[0].rule, 'syntax-error');
    assert.equal(json.summary.files, 1);
  });
  it('text output in the linters\' habit with a summary', async () => {
    const dir = project({ 'a.py': 'x = (\n' });
    const { code, out } = await run(['check', path.join(dir, 'a.py')], dir);
    assert.equal(code, 1);
    assert.match(out, /^a\.py:1:\d+: error syntax-error Syntax error/m);
    assert.match(out, /Found 1 finding \(1 error\) in 1 file\./);
  });
  it('exit 0 when nothing is at or above --fail-on', async () => {
    const dir = project({ 'a.py': 'x = 1\n' });
    const { code, out } = await run(['check', dir], dir);
    assert.equal(code, 0);
    assert.match(out, /No findings in 1 file\./);
  });
  it('--fail-on error ignores warnings; severity comes from [tool.preflight]', async () => {
    const dir = project({ 'a.py': 'x = (\n', 'pyproject.toml': '[tool.preflight.severity]\nsyntax-error = "warning"\n' });
    assert.equal((await run(['check', dir, '--fail-on', 'error'], dir)).code, 0);
    assert.equal((await run(['check', dir], dir)).code, 1);
  });
  it('exit 2 on usage errors', async () => {
    const dir = project({});
    assert.equal((await run(['check', '--format', 'xml'], dir)).code, 2);
    assert.equal((await run(['check', '--fail-on', 'loud'], dir)).code, 2);
    assert.equal((await run(['check', '--bogus'], dir)).code, 2);
    assert.equal((await run(['frobnicate'], dir)).code, 2);
    assert.equal((await run(['check', path.join(dir, 'missing')], dir)).code, 2);
  });
  it('exit 2 on a configuration error, naming the key and file', async () => {
    const dir = project({ 'a.py': '', 'pyproject.toml': '[tool.preflight]\nsede = 4\n' });
    const r = await run(['check', dir], dir);
    assert.equal(r.code, 2);
    assert.match(r.err, /pyproject\.toml: tool\.preflight: unknown key "sede"/);
  });
  it('a bad notebook gets one file-level finding and the rest is still checked', async () => {
    const dir = project({ 'bad.ipynb': '{"cells": [', 'good.py': 'x = 1\n' });
    const json = JSON.parse((await run(['check', dir, '--format', 'json'], dir)).out);
    assert.equal(json.summary.files, 2);
    assert.deepEqual(json.findings.map((f: { rule: string; file: string }) => `${f.file} ${f.rule}`), ['bad.ipynb invalid-file']);
  });
});
