/**
 * `check --fix --unsafe-fixes` on every fix case of the rule tables (test/engine/rules: the
 * invalid cases with an `output` or `outputCells`): the file the command writes is the table's
 * expected text, with only that rule turned on. The tables are loaded with `ruleTester.run`
 * collecting their cases instead of registering tests.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { stringify } from 'smol-toml';
import { main } from '../../server/src/cli/main';
import { allRules } from '../../server/src/engine/registry';
import type { Rule } from '../../server/src/engine/rule';
import { caseLayout, type CellSpec, type InvalidCase } from '../engine/ruleTester';

const collected: { rule: Rule; cases: InvalidCase[] }[] = [];
const RULE_TESTS = path.join(__dirname, '../engine/rules');
const RULE_SOURCES = path.join(__dirname, '../../../test/engine/rules');
(globalThis as { collectRuleCases?: unknown }).collectRuleCases = (rule: Rule, cases: InvalidCase[]) => collected.push({ rule, cases });
try {
  for (const f of fs.readdirSync(RULE_TESTS).filter((f) => f.endsWith('.test.js')).sort()) {
    // Only the table files: a file with tests of its own besides the table would register them here too.
    const source = fs.readFileSync(path.join(RULE_SOURCES, f.replace(/\.js$/, '.ts')), 'utf8');
    if (!source.includes('ruleTester.run(') || /^(describe|it|test)\(/m.test(source)) continue;
    require(path.join(RULE_TESTS, f));
  }
} finally {
  delete (globalThis as { collectRuleCases?: unknown }).collectRuleCases;
}

const cellSource = (c: CellSpec) => (typeof c === 'string' ? c : c.source);
const notebookText = (cells: CellSpec[]) =>
  `${JSON.stringify(
    {
      cells: cells.map((c, i) => {
        const spec = typeof c === 'string' ? { source: c } : c;
        const kind = spec.kind ?? 'code';
        return kind === 'code' ? { cell_type: 'code', execution_count: spec.executionCount ?? null, id: `c${i}`, metadata: {}, outputs: spec.outputs ?? [], source: spec.source } : { cell_type: kind, id: `c${i}`, metadata: {}, source: spec.source };
      }),
      metadata: { kernelspec: { display_name: 'Python 3', language: 'python', name: 'python3' } },
      nbformat: 4,
      nbformat_minor: 5,
    },
    null,
    1,
  )}\n`;

async function fixCase(rule: Rule, c: InvalidCase): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-fixtable-'));
  const cfgDir = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-fixtable-cfg-'));
  try {
    const file = caseLayout(dir, c);
    fs.writeFileSync(file, c.cells ? notebookText(c.cells) : (c.manifest ?? c.code ?? ''));
    // Only this rule: every other one off (the table applies this rule's fixes only).
    const severity: Record<string, unknown> = { ...((c.config?.severity as object) ?? {}) };
    for (const r of allRules) if (r.meta.id !== rule.meta.id) severity[r.meta.id] = 'off';
    if (!(rule.meta.id in severity)) severity[rule.meta.id] = rule.meta.defaultSeverity;
    const config = path.join(cfgDir, 'preflight.toml');
    fs.writeFileSync(config, stringify({ tool: { preflight: { ...(c.config ?? {}), severity } } }));
    let err = '';
    await main(['check', file, '--fix', '--unsafe-fixes', '--config', config], { out: () => {}, err: (s) => (err += s) }, dir);
    assert.doesNotMatch(err, /preflight: .*(not applied|cannot|failed)/, err);
    return fs.readFileSync(file, 'utf8');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(cfgDir, { recursive: true, force: true });
  }
}

describe('check --fix on the rule tables\' fix cases', () => {
  it('found the tables', () => assert.ok(collected.length >= 10, `${collected.length} rule tables`));
  for (const { rule, cases } of collected) {
    cases.forEach((c, i) => {
      if (typeof c.output !== 'string' && !c.outputCells) return;
      it(`${rule.meta.id} ${c.name ?? `#${i}`}`, async () => {
        const written = await fixCase(rule, c);
        if (c.outputCells) {
          const cells = (JSON.parse(written) as { cells: { source: string | string[] }[] }).cells.map((x) => (Array.isArray(x.source) ? x.source.join('') : x.source));
          assert.deepEqual(cells, c.outputCells);
        } else assert.equal(written, c.output);
        assert.ok(c.cells === undefined || c.cells.every((x) => typeof cellSource(x) === 'string'));
      });
    });
  }
});
