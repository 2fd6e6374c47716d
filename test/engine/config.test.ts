import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError, configFromTable, findConfig, loadConfigFile } from '../../server/src/engine/config';
import { parseConfigTable } from '../../server/src/engine/config/resolved';
import { nodeFileSystem } from '../../server/src/engine/project';
import { severityFor } from '../../server/src/engine/rule';
import { missingTimeout } from '../../server/src/engine/rules/missing-timeout';

function project(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-cfg-'));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

describe('configuration', () => {
  it('defaults: seed 42, recommended rules on, 20 MB limit', () => {
    const c = configFromTable({});
    assert.equal(c.seed, 42);
    assert.equal(c.maxFileSize, 20 * 1024 * 1024);
    assert.equal(c.isEnabled('syntax-error'), true);
  });
  it('reads [tool.preflight] from the nearest pyproject.toml upwards', () => {
    const dir = project({ 'pyproject.toml': '[project]\nname = "x"\n\n[tool.preflight]\nseed = 7\nmax-file-size = "1MB"\n[tool.preflight.severity]\nsyntax-error = "warning"\n', 'sub/deep/a.py': '' });
    const c = findConfig(path.join(dir, 'sub/deep'), nodeFileSystem);
    assert.equal(c.seed, 7);
    assert.equal(c.maxFileSize, 1e6);
    assert.equal(c.severityOf('syntax-error', 'error'), 'warning');
    assert.equal(c.source, path.join(dir, 'pyproject.toml'));
  });
  it('dotted keys under [tool] work too', () => {
    const dir = project({ 'pyproject.toml': '[tool]\npreflight.seed = 3\n' });
    assert.equal(findConfig(dir, nodeFileSystem).seed, 3);
  });
  it('severity off disables a rule; ignore by rule id', () => {
    assert.equal(configFromTable({ severity: { 'syntax-error': 'off' } }).isEnabled('syntax-error'), false);
    assert.equal(configFromTable({ ignore: ['syntax-error'] }).isEnabled('syntax-error'), false);
  });
  const errors: [string, object, RegExp][] = [
    ['unknown key', { sede: 1 }, /tool\.preflight: unknown key "sede"/],
    ['bad type', { seed: 'x' }, /tool\.preflight\.seed:/],
    ['negative seed', { seed: -1 }, /tool\.preflight\.seed:/],
    ['bad severity', { severity: { 'syntax-error': 'loud' } }, /tool\.preflight\.severity\.syntax-error/],
    ['unknown rule in severity', { severity: { 'no-such-rule': 'error' } }, /unknown rule "no-such-rule"/],
    ['unknown selector', { select: ['nonsense'] }, /"nonsense" is neither a rule id nor a category/],
    ['bad size', { 'max-file-size': 'huge' }, /max-file-size/],
  ];
  for (const [name, table, message] of errors) {
    it(`rejects ${name}, naming the key`, () => {
      assert.throws(() => configFromTable(table, 'pyproject.toml'), (e: unknown) => e instanceof ConfigError && message.test(e.message) && e.message.startsWith('pyproject.toml: '));
    });
  }
  it('an explicit config file with broken TOML is an error naming the file', () => {
    const dir = project({ 'preflight.toml': '[tool.preflight\nseed = 1' });
    assert.throws(() => loadConfigFile(path.join(dir, 'preflight.toml'), nodeFileSystem), /preflight\.toml: invalid TOML/);
  });
  it('a broken pyproject.toml found while searching is skipped (the dependency rules report it)', () => {
    const dir = project({ 'pyproject.toml': '[project\nname=' });
    assert.equal(findConfig(dir, nodeFileSystem).seed, 42);
  });
});

describe('configuration leaf: family settings and known rules', () => {
  it("settingsOf gives a family's validated section, the same object each time, and {} when absent", () => {
    const c = configFromTable({ agent: { timeout: 5 }, 'hidden-state': { 'known-names': ['spark'] } });
    assert.deepEqual(c.settingsOf('agent'), { timeout: 5 });
    assert.equal(c.settingsOf('agent'), c.settingsOf('agent'));
    assert.deepEqual(c.settingsOf('hidden-state')['known-names'], ['spark']);
    assert.deepEqual(c.settingsOf('randomness'), {});
    assert.deepEqual(c.settingsOf('core'), {});
  });

  it('checks rule ids and categories against the rules it is given, not the registry', () => {
    const rules = [{ id: 'only-rule', category: 'timeouts' as const, recommended: false }];
    const c = parseConfigTable({ select: ['timeouts'], severity: { 'only-rule': 'error' } }, rules);
    assert.equal(c.isEnabled('only-rule'), true);
    assert.equal(c.isEnabled('missing-timeout'), false);
    assert.throws(() => parseConfigTable({ severity: { 'missing-timeout': 'error' } }, rules), /unknown rule "missing-timeout"/);
  });

  it("severityFor: the user's severity, else the notebook default in notebooks, else the default", () => {
    const meta = missingTimeout.meta;
    assert.equal(meta.notebookSeverity, 'info');
    assert.equal(severityFor(meta, 'notebook', configFromTable({})), 'info');
    assert.equal(severityFor(meta, 'python', configFromTable({})), 'warning');
    assert.equal(severityFor(meta, 'notebook', configFromTable({ severity: { 'missing-timeout': 'error' } })), 'error');
    assert.equal(severityFor(meta, 'python', configFromTable({ severity: { 'missing-timeout': 'hint' } })), 'hint');
  });
});
