import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { ITEMS } from '../../../server/src/engine/checklist/items';
import { PROJECT_CHECKS } from '../../../server/src/engine/checklist/checks';

describe('checklist docs and hooks', () => {
  const doc = fs.readFileSync('docs/checklist.md', 'utf8');
  it('docs/checklist.md lists every item and every project check', () => {
    for (const item of ITEMS) assert.ok(doc.includes(`| \`${item.id}\` | ${item.title} | ${item.importance} |`), item.id);
    for (const check of Object.keys(PROJECT_CHECKS)) assert.ok(doc.includes(`\`${check}\``), check);
  });
  it('item ids are unique kebab-case; every item says why, cites an origin and says how to fix', () => {
    assert.equal(new Set(ITEMS.map((i) => i.id)).size, ITEMS.length);
    for (const i of ITEMS) {
      assert.match(i.id, /^[a-z]+(-[a-z]+)*$/);
      assert.ok(i.why.length > 20 && i.howToFix.length > 20 && i.origins.length > 0, i.id);
      assert.ok((i.rules?.length ?? 0) + (i.checks?.length ?? 0) > 0, `${i.id} has nothing that decides it`);
    }
  });
  it('.pre-commit-hooks.yaml runs the CLI commands', () => {
    const hooks = parse(fs.readFileSync('.pre-commit-hooks.yaml', 'utf8')) as { id: string; entry: string; language: string; files?: string }[];
    assert.deepEqual(hooks.map((h) => [h.id, h.entry, h.language]), [['preflight', 'preflight check', 'node'], ['preflight-checklist', 'preflight checklist', 'node'], ['preflight-fix', 'preflight check --fix', 'node']]);
    const files = new RegExp(hooks[0]!.files!);
    for (const f of ['a.py', 'nb/x.ipynb', 'requirements-dev.txt', 'pyproject.toml', 'svc/Dockerfile', 'environment.yml']) assert.ok(files.test(f), f);
    for (const f of ['README.md', 'data.csv']) assert.ok(!files.test(f), f);
  });
});
