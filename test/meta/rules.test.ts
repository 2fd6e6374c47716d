/**
 * Keeps the registry, the rule files, their doc pages and their tests in step (ESLint's
 * checkRuleFiles, typescript-eslint's docs tests).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { DOCS_BASE } from '../../server/src/engine/rule';
import { allRules, rulesByFamily } from '../../server/src/engine/registry';

const root = path.resolve(__dirname, '../../..');
const REQUIRED = ['## What it does', '## Why is this bad?', '## Examples', '## Options', '## When not to use it'];

describe('rule registry, files, docs and tests', () => {
  const ruleFiles = fs.readdirSync(path.join(root, 'server/src/engine/rules')).filter((f) => f.endsWith('.ts')).map((f) => f.replace(/\.ts$/, ''));
  it('registry is sorted and ids are unique kebab-case', () => {
    const ids = allRules.map((r) => r.meta.id);
    assert.deepEqual(ids, [...ids].sort((a, b) => a.localeCompare(b)));
    assert.equal(new Set(ids).size, ids.length);
    for (const id of ids) assert.match(id, /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
  });
  it("each rule's family is the family whose registry list holds it", () => {
    for (const [family, rules] of Object.entries(rulesByFamily)) {
      for (const rule of rules) assert.equal(rule.meta.family, family, `${rule.meta.id} is listed in the ${family} registry`);
    }
    assert.equal(Object.values(rulesByFamily).flat().length, allRules.length);
  });
  it('every rule file is registered and every registered rule has a file', () => {
    assert.deepEqual([...ruleFiles].sort(), allRules.map((r) => r.meta.id).sort());
  });
  for (const rule of allRules) {
    const { id } = rule.meta;
    describe(id, () => {
      it('url is derived from the id', () => assert.equal(rule.meta.url, `${DOCS_BASE}${id}.md`));
      it('declares its scope, and a program rule the joined facts it reads (incremental analysis depends on it)', () => {
        // Declared in the rule file, not left to createRule's default (which reads everything).
        const source = fs.readFileSync(path.join(root, 'server/src/engine/rules', `${id}.ts`), 'utf8');
        assert.match(source, /\bscope: '(cell|program)'/, `${id}.ts declares scope`);
        if (rule.meta.scope === 'program') {
          assert.match(source, /\breads: \[/, `${id}.ts declares reads`);
          assert.ok(rule.meta.reads?.length, 'reads at least one fact');
          // Every rule that reads code reads `source`: only rules of notebook metadata could skip it.
          assert.ok(rule.meta.reads.includes('source'), `${id} reads source`);
        } else {
          assert.equal(rule.meta.reads, undefined, 'a cell rule reads its cell only');
          assert.ok(!rule.meta.appliesTo.includes('manifest'), 'a cell rule looks at Python units');
        }
      });
      it('description is one sentence without a trailing period', () => {
        assert.ok(rule.meta.description.length > 10);
        assert.ok(!rule.meta.description.endsWith('.'));
      });
      it('has a test file', () => assert.ok(fs.existsSync(path.join(root, 'test/engine/rules', `${id}.test.ts`)), `test/engine/rules/${id}.test.ts`));
      it('has a doc page with the description and the required sections in order', () => {
        const file = path.join(root, 'docs/rules', `${id}.md`);
        assert.ok(fs.existsSync(file), `docs/rules/${id}.md`);
        const doc = fs.readFileSync(file, 'utf8');
        const fm = /^---\n([\s\S]*?)\n---\n/.exec(doc);
        assert.ok(fm, 'frontmatter');
        const desc = /^description:\s*(.*)$/m.exec(fm[1]!)?.[1]?.trim().replace(/^["']|["']$/g, '');
        assert.equal(desc, rule.meta.description);
        let at = -1;
        for (const h of REQUIRED) {
          const i = doc.indexOf(`\n${h}\n`);
          assert.ok(i > at, `"${h}" present and in order`);
          at = i;
        }
        if (rule.meta.appliesTo.includes('python') || rule.meta.appliesTo.includes('notebook')) {
          assert.match(doc, /❌/, 'a ❌ example');
          assert.match(doc, /✅/, 'a ✅ example');
        }
      });
    });
  }
});

describe('README', () => {
  it('lists every rule in the generated table (run node scripts/update-readme.mjs)', () => {
    const { rulesTable, START, END } = require('./rulesTable') as typeof import('./rulesTable');
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf(START), readme.indexOf(END) + END.length);
    assert.equal(section, rulesTable());
  });
});
