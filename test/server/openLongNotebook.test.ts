/**
 * Opening a long notebook (EARLY_CELL_RULES_MIN_CELLS code cells or more) sends an early pass
 * first (the cell rules and the prefix-stable program rules on its first cells), then the rest
 * of the analysis; what the cells end with is what a short notebook's single analysis gives. A
 * short notebook gets no early pass.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { analyze } from '../../server/src/engine/analyze';
import { resolveConfig } from '../../server/src/engine/config';
import { notebookFromCells } from '../../server/src/engine/notebook';
import { EARLY_CELL_RULES_MIN_CELLS, EARLY_VISIBLE_CELLS } from '../../server/src/lsp/diagnostics';
import { cellUri, codes, openNotebook, startHarness, type CellSpec, type Harness } from './lspHarness';

const LONG = 'file:///tmp/preflight-open/Long.ipynb';
const SHORT = 'file:///tmp/preflight-open/Short.ipynb';

/**
 * Cells: a user path early and another past the first EARLY_VISIBLE_CELLS (cell rules' findings),
 * an unpinned install early (a prefix-stable program rule's), an unseeded draw early and another
 * last (a program rule that reads further down: a later seed would change what it says).
 */
function cells(count: number): CellSpec[] {
  const text = (i: number) => {
    if (i === 1) return "import random\ndf = open('/Users/ana/data.csv')\n";
    if (i === 2) return '%pip install requests\n';
    if (i === 3) return 'y = random.random()\n';
    if (i === count - 2) return "log = open('/home/ana/run.log')\n";
    if (i === count - 1) return 'x = random.random()\n';
    return `v${i} = ${i}\n`;
  };
  return Array.from({ length: count }, (_, i) => ({ handle: i, text: text(i) }));
}

describe('opening a long notebook', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.close());

  it('publishes the early pass first (cell rules, prefix-stable rules), then every cell with the whole analysis', async () => {
    const specs = cells(EARLY_CELL_RULES_MIN_CELLS);
    const from = h.published.length;
    await openNotebook(h, specs, LONG);
    await h.settle();
    const sent = h.published.slice(from);
    // The first message is the early pass's: the user-path cell, with the cell rule's finding only.
    assert.equal(sent[0]!.uri, cellUri(1, LONG));
    assert.deepEqual(codes(sent[0]!.diagnostics), ['absolute-user-path']);
    // The early pass covers the first cells only: the later user path comes with the whole analysis.
    assert.ok(specs.length - 2 >= EARLY_VISIBLE_CELLS, 'the fixture has a cell-rule finding past the early cells');
    // The early pass sends only cells with findings; the whole analysis then sends every other cell, `[]` included.
    const early = sent.slice(0, sent.findIndex((p) => p.diagnostics.length === 0));
    assert.deepEqual(early.map((p) => p.uri), [cellUri(1, LONG), cellUri(2, LONG)], 'the later user path and the draws are not in the early pass');
    assert.deepEqual(codes(early[1]!.diagnostics), ['unpinned-install'], 'a prefix-stable program rule is');
    assert.deepEqual(codes(h.latest.get(cellUri(specs.length - 2, LONG))), ['absolute-user-path']);
    // Then every cell is reported (the early cell again only if it changed: here it did not).
    const uris = specs.map((c) => cellUri(c.handle, LONG));
    assert.deepEqual(new Set(sent.map((p) => p.uri)), new Set(uris));
    assert.equal(sent.filter((p) => p.uri === cellUri(1, LONG)).length, 1);
    // The end state is the one-shot analysis's.
    const fresh = analyze({ target: 'notebook', file: '/tmp/preflight-open/Long.ipynb', notebook: notebookFromCells(specs.map((c) => ({ kind: 'code', source: c.text, executionCount: null }))) }, { config: resolveConfig() }).findings;
    const expected = new Map(uris.map((u) => [u, [] as string[]]));
    for (const f of fresh) expected.get(uris[f.cell!]!)!.push(f.ruleId);
    for (const u of uris) assert.deepEqual(codes(h.latest.get(u)), expected.get(u), u);
    assert.deepEqual(codes(h.latest.get(cellUri(specs.length - 1, LONG))), ['unseeded-global-rng']);
    assert.deepEqual(codes(h.latest.get(cellUri(3, LONG))), ['unseeded-global-rng']);
  });

  it('analyses a short notebook in one pass', async () => {
    const specs = cells(EARLY_CELL_RULES_MIN_CELLS - 1);
    const from = h.published.length;
    await openNotebook(h, specs, SHORT);
    await h.settle();
    const sent = h.published.slice(from);
    assert.equal(sent.length, specs.length);
    assert.deepEqual(codes(h.latest.get(cellUri(1, SHORT))), ['absolute-user-path']);
  });
});
