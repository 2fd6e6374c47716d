import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze, inputFromBytes } from '../../../server/src/engine/analyze';
import { resolveConfig } from '../../../server/src/engine/config';

function findingsFor(file: string, bytes: Uint8Array | string, raw = {}) {
  const config = resolveConfig(raw);
  const input = inputFromBytes(file, bytes, config);
  assert.ok(input);
  return analyze(input, { config }).findings;
}

/** Two test rules: one that spends 30 ms, one that reports when it runs (after the budget). */
async function budgetRules() {
  const { initParser } = await import('../../../server/src/engine/python/parser');
  const { createRule } = await import('../../../server/src/engine/rule');
  await initParser();
  const slow = createRule({ id: 'slow-rule', family: 'core', category: 'file', subtypes: [], description: 'Spin for a while in tests', defaultSeverity: 'info', recommended: true, appliesTo: ['python'] }, () => {
    const until = performance.now() + 30;
    while (performance.now() < until);
  });
  const never = createRule({ id: 'later-rule', family: 'core', category: 'file', subtypes: [], description: 'Report when it runs', defaultSeverity: 'info', recommended: true, appliesTo: ['python'] }, (ctx) =>
    ctx.report({ range: { start: { line: 0, column: 0 }, end: { line: 0, column: 0 } }, message: 'ran' }),
  );
  return [slow, never] as const;
}

describe('invalid-file', () => {
  const cases: { name: string; file: string; bytes: Uint8Array | string; message: RegExp; raw?: object }[] = [
    { name: 'bad JSON', file: 'a.ipynb', bytes: '{"cells": [', message: /not valid JSON/ },
    { name: 'nbformat 3', file: 'a.ipynb', bytes: '{"nbformat": 3, "worksheets": []}', message: /nbformat 3 is not supported/ },
    { name: 'bad schema', file: 'a.ipynb', bytes: '{"nbformat": 4, "cells": [{"cell_type": "code"}]}', message: /cells\.0\.source/ },
    { name: 'JSON array', file: 'a.ipynb', bytes: '[]', message: /not an object/ },
    { name: 'merge conflict', file: 'a.ipynb', bytes: '<<<<<<< HEAD\n{}', message: /not valid JSON/ },
    { name: 'not UTF-8', file: 'a.py', bytes: new Uint8Array([0x78, 0x20, 0x3d, 0x20, 0xff, 0xfe]), message: /not valid UTF-8/ },
    { name: 'binary', file: 'a.py', bytes: 'x\u0000y', message: /binary/ },
    { name: 'too large', file: 'a.py', bytes: 'x = 1\n'.repeat(100), message: /over the .* limit/, raw: { 'max-file-size': 100 } },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const f = findingsFor(c.file, c.bytes, c.raw);
      assert.equal(f.length, 1);
      assert.equal(f[0]!.ruleId, 'invalid-file');
      assert.equal(f[0]!.category, 'file');
      assert.match(f[0]!.message, c.message);
    });
  }
  it('a file over its time budget runs no more rules and says which were skipped', async () => {
    const [slow, never] = await budgetRules();
    const config = resolveConfig({ 'max-seconds-per-file': 0.01 });
    const f = analyze({ target: 'python', file: 'a.py', text: 'x = 1\n' }, { config, rules: [slow, never] }).findings;
    assert.deepEqual(f.map((x) => x.ruleId), ['invalid-file']);
    assert.match(f[0]!.message, /analysis stopped after 0 s \(tool\.preflight\.max-seconds-per-file\): 1 rule not run \(later-rule\)/);
  });
  it('severity.invalid-file = "off" also silences the time-budget finding (it was built by hand)', async () => {
    const [slow, never] = await budgetRules();
    const input = { target: 'python' as const, file: 'a.py', text: 'x = 1\n' };
    const off = resolveConfig({ 'max-seconds-per-file': 0.01, severity: { 'invalid-file': 'off' } });
    assert.deepEqual(analyze(input, { config: off, rules: [slow, never] }).findings, []);
    const error = resolveConfig({ 'max-seconds-per-file': 0.01, severity: { 'invalid-file': 'error' } });
    assert.deepEqual(analyze(input, { config: error, rules: [slow, never] }).findings.map((f) => [f.ruleId, f.severity]), [['invalid-file', 'error']]);
  });
  it('severity.invalid-file applies to every file-level problem, an unreadable file included', async () => {
    const { unreadableInput } = await import('../../../server/src/engine/input');
    const { checkFile } = await import('../../../server/src/engine/runner');
    const { AnalysisSession } = await import('../../../server/src/engine/session');
    const { createProject } = await import('../../../server/src/engine/project');
    const missing = '/nonexistent-preflight-dir/a.py';
    const project = createProject('/nonexistent-preflight-dir');
    const session = new AnalysisSession();
    assert.deepEqual(checkFile(session, missing, resolveConfig({ severity: { 'invalid-file': 'off' } }), project).findings, []);
    const [f] = checkFile(session, missing, resolveConfig({ severity: { 'invalid-file': 'info' } }), project).findings;
    assert.equal(f?.severity, 'info');
    assert.match(f!.message, /cannot read: ENOENT/);
    assert.deepEqual(analyze(unreadableInput('b.py', new Error('boom')), { config: resolveConfig({ ignore: ['invalid-file'] }) }).findings, []);
    assert.deepEqual(findingsFor('a.py', 'x\u0000y', { severity: { 'invalid-file': 'off' } }), []);
  });
  it('a valid notebook of another kernel is quietly skipped', () => {
    const nb = JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: { kernelspec: { language: 'R', name: 'ir' } }, cells: [{ cell_type: 'code', source: 'x <- c(1,2', metadata: {}, outputs: [], execution_count: 1 }] });
    assert.deepEqual(findingsFor('r.ipynb', nb), []);
  });
});
