/**
 * Issue 22: messages name other cells the way the editor shows them. VS Code numbers no cell, so
 * a forward reference in test/e2e/fixture/cell-names.ipynb must say "the cell starting
 * `radius = 2.0`", not "cell 5", and carry that cell as related information: Problems shows it as
 * a child row of the finding, and clicking the row selects that cell in the notebook.
 */
import assert from 'node:assert/strict';
import { poll } from '../processes';
import type { OracleFinding, Scenario } from '../scenarios';
import { TIMEOUT } from '../workbench';

const NOTEBOOK = 'cell-names.ipynb';
const RULE = 'forward-reference';

/** A finding of `preflight check --format json`, with the related locations the oracle type leaves out. */
type WithRelated = OracleFinding & { related?: { file: string; cell: number | null; line: number; column: number; message: string }[] };

/** "cell 12", "cells 3, 4": the numbering VS Code does not show. */
const CELL_NUMBER = /\bcells? \d/;

export const cellNamesScenarios: Scenario[] = [
  {
    name: 'notebook: a forward reference names the other cell as the editor shows it, and its related row in Problems selects that cell',
    skip: (ctx) => (ctx.oracle.some((f) => f.file === NOTEBOOK && f.rule === RULE) ? undefined : `preflight check finds no ${RULE} in ${NOTEBOOK}`),
    async run(ctx) {
      const { wb } = ctx;
      const f = ctx.oracle.find((x) => x.file === NOTEBOOK && x.rule === RULE) as WithRelated;
      // The oracle first: the CLI's message names no cell number, its related location does (1-based).
      assert.ok(!CELL_NUMBER.test(f.message), `the CLI message names a cell by number: ${f.message}`);
      const target = f.related?.find((r) => r.file === NOTEBOOK && r.cell !== null && r.cell !== f.cell);
      assert.ok(target, `the CLI finding has the defining cell as a related location: ${JSON.stringify(f.related)}`);
      await wb.closeAllEditors();
      await wb.quickOpen(NOTEBOOK);
      const ps = await wb.waitForProblems(`${RULE} on ${NOTEBOOK} cell ${f.cell}`, RULE, (p) => p.some((x) => x.code === RULE && x.line === f.line && x.column === f.column), 60_000);
      const shown = ps.find((x) => x.code === RULE && x.line === f.line)!;
      ctx.log(`  message: ${shown.message}`);
      assert.ok(!CELL_NUMBER.test(shown.message), `the editor's message names a cell by number: ${shown.message}`);
      assert.ok(shown.message.includes('the cell starting'), `the message quotes the other cell's first line: ${shown.message}`);

      // Related information: a child row of the marker, labelled with the notebook and the cell's line.
      const related = wb.page.locator('.markers-panel .monaco-list-row', { hasText: target.message }).filter({ has: wb.page.locator('.related-info-resource') });
      await poll('the related-information row under the finding in Problems', async () => (await related.count()) > 0, TIMEOUT);
      const label = (await related.first().innerText()).replace(/\s+/g, ' ');
      ctx.log(`  related row: ${label}`);
      assert.ok(label.includes(NOTEBOOK), `the related row names the notebook: ${label}`);
      await wb.screenshot('cell-names-problems');

      // Select the finding's own cell, then click the related row: the defining cell gets selected.
      const focused = () => wb.page.locator('.notebook-editor .cell-list-container .monaco-list-row.focused').first().getAttribute('data-index', { timeout: 1000 }).catch(() => null);
      await wb.page.locator('.markers-panel .monaco-list-row', { hasText: shown.message.slice(0, 30) }).filter({ has: wb.page.locator('.marker-code') }).first().click();
      await poll(`the finding's cell ${f.cell} selected`, async () => (await focused()) === String(f.cell! - 1), TIMEOUT);
      await related.first().click();
      await poll(`cell ${target.cell} selected after clicking the related row`, async () => (await focused()) === String(target.cell! - 1), TIMEOUT);
      await wb.screenshot('cell-names-related-click');
    },
  },
];
