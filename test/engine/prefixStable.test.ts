/**
 * Rules marked `prefixStable` (engine/rule.ts) run in the early pass of a long notebook just
 * opened, on its first cells alone. What they report there must never be taken back by the
 * whole notebook's analysis: on real notebooks (the perf corpus and the labelled dev notebooks,
 * read in place from ../shared/corpus; skipped with a notice when absent, required when CI=true),
 * cut after 3, 10 and 40 cells, every finding of a prefix-stable rule in the cut notebook is a
 * finding of the whole notebook, message and related locations included. A second test shows
 * the check has teeth: rules that look further down (a later seed, a later definition) do take
 * findings back on the same notebooks, and are not marked.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { analyze, inputFromText } from '../../server/src/engine/analyze';
import { resolveConfig } from '../../server/src/engine/config';
import type { Finding } from '../../server/src/engine/model';
import type { Notebook } from '../../server/src/engine/notebook';
import { initParser } from '../../server/src/engine/python/parser';
import { createProject } from '../../server/src/engine/project';
import { allRules } from '../../server/src/engine/registry';

const CORPUS = path.resolve(process.env.PREFLIGHT_CORPUS ?? path.join(__dirname, '../../../../shared/corpus'));
const FOLDERS = ['perf/notebooks', 'dev/notebooks'];
const REQUIRED = process.env.CI === 'true';
const CUTS = [3, 10, 40];
const config = resolveConfig();

const PREFIX_STABLE = allRules.filter((r) => r.meta.prefixStable);
/** Program rules whose findings read cells further down (seeds, definitions, later runs): not marked. */
const LOOKS_DOWN = ['unseeded-global-rng', 'undefined-name', 'forward-reference', 'out-of-order-execution'];

const key = (f: Finding) => JSON.stringify([f.ruleId, f.cell, f.range, f.severity, f.message, f.related?.map((r) => [r.cell, r.range, r.message])]);

function notebooks(): { name: string; notebook: Notebook }[] {
  const out: { name: string; notebook: Notebook }[] = [];
  for (const folder of FOLDERS) {
    const dir = path.join(CORPUS, folder);
    if (!fs.existsSync(dir)) continue;
    for (const name of fs.readdirSync(dir).filter((f) => f.endsWith('.ipynb')).sort()) {
      const input = inputFromText(name, fs.readFileSync(path.join(dir, name), 'utf8'), config);
      if (input?.target === 'notebook') out.push({ name: `${folder}/${name}`, notebook: input.notebook });
    }
  }
  return out;
}

/** Findings in the first `cut` cells that the cut notebook reports and the whole one does not, per rule. */
function takenBack(notebook: Notebook, ruleIds: readonly string[], cut: number): Map<string, string[]> {
  const rules = allRules.filter((r) => ruleIds.includes(r.meta.id));
  const project = createProject(path.join(__dirname, 'no-such-project'));
  const whole = new Set(analyze({ target: 'notebook', file: 'nb.ipynb', notebook }, { config, project, rules }).findings.map(key));
  const first = analyze({ target: 'notebook', file: 'nb.ipynb', notebook: { ...notebook, cells: notebook.cells.slice(0, cut) } }, { config, project, rules }).findings;
  const out = new Map<string, string[]>();
  for (const f of first) {
    if (whole.has(key(f))) continue;
    out.set(f.ruleId, [...(out.get(f.ruleId) ?? []), f.message]);
  }
  return out;
}

describe('prefix-stable rules', () => {
  let corpus: { name: string; notebook: Notebook }[] = [];
  before(async () => {
    await initParser();
    corpus = notebooks();
  });

  it('are few and are program rules', () => {
    assert.ok(PREFIX_STABLE.length > 0);
    for (const r of PREFIX_STABLE) assert.equal(r.meta.scope, 'program', r.meta.id);
    for (const id of LOOKS_DOWN) assert.ok(!PREFIX_STABLE.some((r) => r.meta.id === id), `${id} reads cells further down`);
  });

  it('report nothing on the first cells of a real notebook that the whole notebook takes back', (t) => {
    if (!corpus.length) {
      assert.ok(!REQUIRED, `CI=true requires the corpus at ${CORPUS}`);
      t.diagnostic(`corpus not found at ${CORPUS}: skipped (required when CI=true)`);
      return;
    }
    let compared = 0;
    for (const { name, notebook } of corpus) {
      for (const cut of CUTS) {
        if (notebook.cells.length <= cut) continue;
        compared++;
        const back = takenBack(notebook, PREFIX_STABLE.map((r) => r.meta.id), cut);
        assert.deepEqual(Object.fromEntries(back), {}, `${name} cut after ${cut} cells`);
      }
    }
    assert.ok(compared > 100, `compared ${compared} cuts`);
  });

  it('the check catches rules that read further down (why they are not marked)', (t) => {
    if (!corpus.length) {
      assert.ok(!REQUIRED, `CI=true requires the corpus at ${CORPUS}`);
      t.diagnostic(`corpus not found at ${CORPUS}: skipped (required when CI=true)`);
      return;
    }
    const caught = new Set<string>();
    for (const { notebook } of corpus) {
      for (const cut of CUTS) {
        if (notebook.cells.length <= cut) continue;
        for (const id of takenBack(notebook, LOOKS_DOWN, cut).keys()) caught.add(id);
      }
    }
    assert.deepEqual([...caught].sort(), [...LOOKS_DOWN].sort());
  });
});
