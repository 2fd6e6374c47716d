/**
 * package.json stays in step with the code: the settings' JSON schema is the one generated from
 * the server's zod schemas (rule-id enums from the registry included), and every command the
 * client registers is contributed with the "Preflight" category. After changing a setting or
 * adding a rule, run `node scripts/generate-configuration.mjs`.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { describe, it } from 'node:test';
import { ruleIds } from '../../server/src/engine/registry';
import { configurationContribution } from '../../server/src/settings';

const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8')) as {
  contributes: { configuration: { title: string; properties: Record<string, unknown> }; commands: { command: string; category?: string; title: string }[]; menus?: Record<string, { command: string; when?: string }[]> };
  activationEvents: string[];
  capabilities: Record<string, unknown>;
};

describe('package.json', () => {
  const generated = configurationContribution();

  it('contributes.configuration equals the schema generated from server/src/settings.ts (run `node scripts/generate-configuration.mjs`)', () => {
    assert.equal(pkg.contributes.configuration.title, generated.title);
    for (const [key, schema] of Object.entries(generated.properties)) {
      assert.deepEqual(pkg.contributes.configuration.properties[key], schema, `${key} is out of date`);
    }
  });

  it('the rule customization enums list exactly the registered rules', () => {
    for (const key of ['preflight.rules.customizations', 'preflight.notebooks.rules.customizations']) {
      const p = pkg.contributes.configuration.properties[key] as { items: { properties: { rule: { enum: string[] } } } };
      assert.deepEqual(p.items.properties.rule.enum, [...ruleIds]);
    }
  });

  it('every setting has a scope, a default and a markdown description', () => {
    for (const [key, p] of Object.entries(pkg.contributes.configuration.properties) as [string, Record<string, unknown>][]) {
      assert.ok(p.scope, `${key}: scope`);
      assert.ok('default' in p, `${key}: default`);
      assert.ok(p.markdownDescription || p.description, `${key}: description`);
    }
  });

  it('contributes the client commands with the Preflight category', () => {
    const source = fs.readFileSync('client/src/commands.ts', 'utf8');
    const registered = [...source.matchAll(/run\('(preflight\.[A-Za-z]+)'/g)].map((m) => m[1]!);
    assert.ok(registered.length >= 4);
    for (const id of registered) {
      const c = pkg.contributes.commands.find((x) => x.command === id);
      assert.ok(c, `${id} is contributed`);
      assert.equal(c.category, 'Preflight');
    }
    assert.ok(pkg.contributes.menus?.commandPalette?.some((m) => m.command === 'preflight.applyCellInserts' && m.when === 'false'), 'the internal command is hidden');
  });

  it('declares untrusted and virtual workspace support', () => {
    assert.ok(pkg.capabilities.untrustedWorkspaces);
    assert.ok(pkg.capabilities.virtualWorkspaces);
  });
});
