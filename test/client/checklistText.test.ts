/** What the checklist panel says about its inputs and its scope (server/src/checklistProtocol.ts). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { branchScopeUnavailable, checklistReadsText } from '../../server/src/checklistProtocol';

describe('checklist panel texts', () => {
  it('names the configuration file, or the defaults, and counts the unsaved files it did not read', () => {
    assert.equal(checklistReadsText({ configFile: 'pyproject.toml' }, 0), 'Reads like preflight checklist in CI: configuration from pyproject.toml, files as saved.');
    assert.equal(checklistReadsText({}, 1), 'Reads like preflight checklist in CI: configuration from defaults (no [tool.preflight] table found), files as saved — 1 unsaved file not included.');
    assert.match(checklistReadsText({ configFile: 'a/pyproject.toml' }, 3), / — 3 unsaved files not included\.$/);
  });

  it('branch scope: unavailable without git, fell back without a base, available otherwise', () => {
    assert.equal(branchScopeUnavailable({ requested: 'branch', mode: 'workspace', git: { available: false } }), 'No git repository: the whole workspace is checked.');
    assert.equal(branchScopeUnavailable({ requested: 'workspace', mode: 'workspace', git: { available: false } }), 'No git repository: the whole workspace is checked.');
    assert.equal(branchScopeUnavailable({ requested: 'branch', mode: 'workspace', git: { available: true } }), 'No base branch to compare with: the whole workspace is checked.');
    assert.equal(branchScopeUnavailable({ requested: 'branch', mode: 'branch', git: { available: true, base: 'main' } }), undefined);
    assert.equal(branchScopeUnavailable({ requested: 'workspace', mode: 'workspace', git: { available: true } }), undefined);
  });
});
