/** Editor settings: validation with defaults, and merging over [tool.preflight]. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { configFromTable, defaultConfig } from '../../server/src/engine/config';
import { defaultSettings, effectiveConfig, settingsFrom } from '../../server/src/settings';

describe('settingsFrom', () => {
  it('reads nested sections and keeps valid values', () => {
    const { settings, problems } = settingsFrom({ enable: false, seed: 7, include: ['src/**'], rules: { customizations: [{ rule: 'syntax-error', severity: 'hint' }] }, trace: { server: 'verbose' } });
    assert.deepEqual(problems, []);
    assert.equal(settings.enable, false);
    assert.equal(settings.seed, 7);
    assert.deepEqual(settings.include, ['src/**']);
    assert.deepEqual(settings.rulesCustomizations, [{ rule: 'syntax-error', severity: 'hint' }]);
    assert.equal(settings.traceServer, 'verbose');
  });

  it('replaces each invalid value by its default and says why', () => {
    const { settings, problems } = settingsFrom({ enable: 'no', seed: 1.5, exclude: 'x', notebooks: { rules: { customizations: [{ rule: 'syntax-error', severity: 'off' }, { rule: 'nope', severity: 'off' }, 3] } } });
    assert.deepEqual({ ...settings, notebooksRulesCustomizations: [] }, { ...defaultSettings(), notebooksRulesCustomizations: [] });
    assert.deepEqual(settings.notebooksRulesCustomizations, [{ rule: 'syntax-error', severity: 'off' }]);
    assert.equal(problems.length, 5, problems.join('\n'));
    assert.ok(problems.some((p) => p.startsWith('preflight.enable:')));
    assert.ok(problems.some((p) => p.startsWith('preflight.notebooks.rules.customizations[1]:')));
  });

  it('never throws on garbage', () => {
    for (const raw of [null, undefined, 42, 'x', [], { rules: null }, { rules: { customizations: null } }]) {
      assert.deepEqual(settingsFrom(raw).settings, defaultSettings());
    }
  });
});

describe('effectiveConfig', () => {
  it('applies file customizations, then notebook ones for notebooks; default keeps the project severity', () => {
    const base = configFromTable({ severity: { 'syntax-error': 'info' }, seed: 3 });
    const s = { ...defaultSettings(), rulesCustomizations: [{ rule: 'syntax-error', severity: 'warning' as const }], notebooksRulesCustomizations: [{ rule: 'syntax-error', severity: 'default' as const }] };
    assert.equal(effectiveConfig(base, s, false).severityOf('syntax-error', 'error'), 'warning');
    assert.equal(effectiveConfig(base, s, true).severityOf('syntax-error', 'error'), 'info');
    assert.equal(effectiveConfig(base, s, false).seed, 3);
    assert.equal(effectiveConfig(base, { ...s, seed: 11 }, false).seed, 11);
  });

  it('off disables, any other severity enables the rule; include replaces and exclude adds', () => {
    const base = configFromTable({ exclude: ['build/**'], include: ['src/**'] });
    const off = effectiveConfig(base, { ...defaultSettings(), rulesCustomizations: [{ rule: 'syntax-error', severity: 'off' }] }, false);
    assert.equal(off.isEnabled('syntax-error'), false);
    const globs = effectiveConfig(base, { ...defaultSettings(), include: ['lib/**'], exclude: ['tmp/**'] }, false);
    assert.deepEqual(globs.include, ['lib/**']);
    assert.deepEqual(globs.exclude, ['build/**', 'tmp/**']);
    assert.equal(effectiveConfig(defaultConfig, defaultSettings(), true), defaultConfig);
  });
});
