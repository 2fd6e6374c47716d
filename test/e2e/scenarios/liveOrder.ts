/**
 * Issue 22: the live path of execution order, and how fast a long notebook gets its diagnostics.
 *
 * - Execution order: cells are "run" by the test-only notebook controller (test/e2e/controller,
 *   installed next to Preflight), which gives each run cell the notebook's next execution order
 *   through VS Code's own NotebookCellExecution. The client forwards `executionSummary` to the
 *   server; running the cell that reads a name before the cell that binds it must show
 *   `out-of-order-execution` in Problems, and Run All (top down) must clear it.
 * - Open timing: a generated 700-cell notebook (written into the temporary workspace, never
 *   committed) is opened; the time from Enter in Quick Open to the tab, to the notebook reaching
 *   the extension host (noted by the test controller: VS Code's own loading ends there), to the
 *   first Preflight diagnostic in Problems and to all of them (the CLI's count for the file) is
 *   logged and written to test-artifacts/e2e/open-timing.json. Logged, not asserted: speed goals
 *   live in the bench.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { allRules } from '../../../server/src/engine/registry';
import { poll } from '../processes';
import type { OracleFinding, Scenario, ScenarioContext } from '../scenarios';
import { TIMEOUT } from '../workbench';

const LIVE_NOTEBOOK = 'live-order.ipynb';
const ORDER_RULE = 'out-of-order-execution';

interface NotebookJson {
  cells: { cell_type: string; source: string | string[]; execution_count?: number | null; outputs?: unknown[]; metadata: object }[];
  metadata: object;
  nbformat: number;
  nbformat_minor: number;
}

/** A finding of `preflight check --format json`, with the severity the oracle type leaves out. */
type CliFinding = OracleFinding & { severity: string };

/** `preflight check --format json` (the CLI built with the .vsix) on files in `cwd`. */
function cliFindings(ctx: ScenarioContext, cwd: string, files: readonly string[]): CliFinding[] {
  const r = spawnSync(process.execPath, [path.join(ctx.root, 'dist/cli.js'), 'check', ...files, '--format', 'json'], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  assert.ok(r.status === 0 || r.status === 1, `preflight check exited with ${r.status}: ${r.stderr}`);
  return (JSON.parse(r.stdout) as { findings: CliFinding[] }).findings;
}

/** Code cells of a notebook file, as indices into its cells (the editor's data-index). */
function codeCells(nb: NotebookJson): number[] {
  return nb.cells.flatMap((c, i) => (c.cell_type === 'code' ? [i] : []));
}

/**
 * What the CLI reports on the fixture once its second code cell ran before its first: the same
 * notebook with those execution counts, in a folder of its own. This is the finding the editor
 * must show live after the same runs.
 */
function expectedOutOfOrder(ctx: ScenarioContext, nb: NotebookJson, first: number, second: number): OracleFinding {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-e2e-order-'));
  try {
    const ran: NotebookJson = structuredClone(nb);
    ran.cells[second]!.execution_count = 1;
    ran.cells[first]!.execution_count = 2;
    fs.writeFileSync(path.join(dir, LIVE_NOTEBOOK), JSON.stringify(ran));
    const f = cliFindings(ctx, dir, [LIVE_NOTEBOOK]).find((x) => x.rule === ORDER_RULE);
    assert.ok(f && f.cell === second + 1, `preflight check reports ${ORDER_RULE} on cell ${second + 1} after running it before cell ${first + 1}: fixture or rule changed`);
    return f;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const liveOrderScenario: Scenario = {
  name: 'notebook: running cells out of order (test controller) shows out-of-order-execution live; Run All clears it',
  skip: () => (allRules.some((r) => r.meta.id === ORDER_RULE) ? undefined : `rule ${ORDER_RULE} not registered`),
  async run(ctx) {
    const { wb, log } = ctx;
    const nb = JSON.parse(fs.readFileSync(path.join(ctx.workspace, LIVE_NOTEBOOK), 'utf8')) as NotebookJson;
    const [first, second] = codeCells(nb);
    assert.ok(first !== undefined && second !== undefined, 'two code cells');
    // As saved, nothing ran: the CLI (and so the editor) has no execution-order finding.
    assert.deepEqual(ctx.oracle.filter((f) => f.file === LIVE_NOTEBOOK).map((f) => f.rule), [], `${LIVE_NOTEBOOK} has no finding as saved`);
    const want = expectedOutOfOrder(ctx, nb, first, second);
    const isWanted = (p: { code: string; line: number; column: number; resource: string }) => p.code === ORDER_RULE && p.line === want.line && p.column === want.column && p.resource.startsWith(LIVE_NOTEBOOK);

    await wb.closeAllEditors();
    await wb.quickOpen(LIVE_NOTEBOOK);
    await poll('the notebook rendered its code cells', async () => (await wb.cellText(second)).includes('sum(rows)'), 60_000);
    // The second code cell first (it reads `rows`), then the first (which binds it).
    for (const cell of [second, first]) {
      await wb.cursorInCell(cell, 1, 1);
      await wb.runCommand('Notebook: Execute Cell');
      await poll(`cell ${cell + 1} ran (an execution order in its status bar)`, async () => (await executionOrderShown(ctx, cell)) !== undefined, TIMEOUT);
    }
    log(`  ran cell ${second + 1} then cell ${first + 1}: orders [${await executionOrderShown(ctx, first)}] [${await executionOrderShown(ctx, second)}]`);
    await wb.screenshot('live-order-ran-out-of-order');
    const ps = await wb.waitForProblems(`${ORDER_RULE} on cell ${want.cell} Ln ${want.line}, Col ${want.column}`, ORDER_RULE, (p) => p.some(isWanted), 30_000);
    const shown = ps.find(isWanted)!;
    assert.equal(shown.severity, 'warning', 'a shared name makes it a warning, as the CLI says');
    assert.equal(shown.source, 'preflight');
    await wb.screenshot('live-order-finding');

    await wb.runCommand('Notebook: Run All');
    await poll('Run All gave both cells new orders', async () => {
      const a = await executionOrderShown(ctx, first);
      const b = await executionOrderShown(ctx, second);
      return a !== undefined && b !== undefined && a > 2 && b === a + 1;
    }, TIMEOUT);
    await wb.waitForProblems(`${ORDER_RULE} to clear after Run All`, ORDER_RULE, (p) => !p.some((x) => x.code === ORDER_RULE && x.resource.startsWith(LIVE_NOTEBOOK)), 30_000);
    await wb.screenshot('live-order-cleared');
    // Leave the notebook unmodified on disk for the other scenarios: close without saving.
    await wb.runCommand('View: Revert and Close Editor').catch(() => wb.closeAllEditors());
  },
};

/** The execution order VS Code shows left of a code cell (`[3]`), or undefined before a run. */
async function executionOrderShown(ctx: ScenarioContext, cellIndex: number): Promise<number | undefined> {
  await ctx.wb.revealCell(cellIndex);
  const text = await ctx.wb.page
    .locator(`.notebook-editor .cell-list-container .monaco-list-row[data-index="${cellIndex}"] .execution-count-label`)
    .first()
    .innerText({ timeout: 2000 })
    .catch(() => '');
  const m = /\[(\d+)\]/.exec(text);
  return m ? Number(m[1]) : undefined;
}

// ---- opening a long notebook -------------------------------------------------------------------

const LONG_NOTEBOOK = 'long-700.ipynb';
const LONG_CELLS = 700;
const TOPICS = ['sales', 'churn', 'sensors', 'reviews', 'traffic', 'energy', 'claims'];

/**
 * A 700-cell analysis notebook of the kind the issue timed (course and tutorial notebooks):
 * per section a heading, a load, a cleaning step, a helper function, a summary and a plot; some
 * sections draw unseeded random samples that are saved, and some install a package unpinned.
 */
export function longNotebook(cells = LONG_CELLS): NotebookJson {
  const out: NotebookJson['cells'] = [];
  const md = (text: string) => out.push({ cell_type: 'markdown', metadata: {}, source: text });
  const code = (text: string) => out.push({ cell_type: 'code', metadata: {}, source: text, execution_count: null, outputs: [] });
  md('# Course notebook\n\nEach section loads one data set, cleans it, summarises it and plots it.');
  code('import numpy as np\nimport pandas as pd\nimport matplotlib.pyplot as plt');
  for (let i = 0; out.length < cells; i++) {
    const topic = TOPICS[i % TOPICS.length]!;
    const steps = [
      () => md(`## ${i + 1}. ${topic[0]!.toUpperCase()}${topic.slice(1)}\n\nLoad the ${topic} extract, drop incomplete rows and look at the ratio column.`),
      () => code(`df_${i} = pd.read_csv("data/${topic}_${i}.csv")\ndf_${i}.head()`),
      () => code(`df_${i} = df_${i}.dropna()\ndf_${i}["ratio"] = df_${i}["a"] / df_${i}["b"]\nprint(len(df_${i}))`),
      () => code(`def summarise_${i}(frame):\n    """Mean and spread of the numeric columns."""\n    stats = frame.describe().T\n    return stats[["mean", "std"]]\n\nsummary_${i} = summarise_${i}(df_${i})\nsummary_${i}`),
      () =>
        i % 5 === 0
          ? code(`sample_${i} = np.random.rand(100)\nnp.save("sample_${i}.npy", sample_${i})`)
          : code(`fig, ax = plt.subplots()\nax.hist(df_${i}["ratio"], bins=20)\nax.set_title("${topic} ratio")\nplt.show()`),
      () => (i % 17 === 3 ? code('%pip install scikit-learn') : code(`top_${i} = df_${i}.sort_values("ratio", ascending=False).head(10)\ntop_${i}`)),
    ];
    for (const step of steps) if (out.length < cells) step();
  }
  return {
    cells: out,
    metadata: { kernelspec: { display_name: 'Python 3', language: 'python', name: 'python3' }, language_info: { name: 'python' } },
    nbformat: 4,
    nbformat_minor: 4,
  };
}

/** Written by the test controller (test/e2e/controller/extension.js): when each notebook reached the extension host. */
const NOTEBOOK_OPENS = path.join(os.tmpdir(), 'preflight-e2e-notebook-opens.log');

const openTimingScenario: Scenario = {
  name: 'long notebook: time from open to first and to all Preflight diagnostics (700 cells, logged)',
  skip: () => undefined,
  async run(ctx) {
    const { wb, log } = ctx;
    fs.writeFileSync(path.join(ctx.workspace, LONG_NOTEBOOK), `${JSON.stringify(longNotebook(), null, 1)}\n`);
    const expected = cliFindings(ctx, ctx.workspace, [LONG_NOTEBOOK]);
    // Problems shows errors, warnings and infos; hints are not in it.
    const inProblems = expected.filter((f) => f.severity !== 'hint').length;
    assert.ok(inProblems > 0, `the generated notebook has findings Problems shows (CLI: ${expected.length} findings)`);
    log(`  ${LONG_NOTEBOOK}: ${LONG_CELLS} cells; CLI: ${expected.length} findings, ${inProblems} above hint`);

    await wb.closeAllEditors();
    await wb.filterProblems(LONG_NOTEBOOK);
    assert.equal(await wb.problemCount(LONG_NOTEBOOK), undefined, 'nothing in Problems for the notebook before it opens');
    fs.rmSync(NOTEBOOK_OPENS, { force: true });
    const opened = await wb.quickOpen(LONG_NOTEBOOK);
    const tabMs = Date.now() - opened;
    const first = await poll('a first Preflight diagnostic of the long notebook in Problems', async () => ((await wb.problemCount(LONG_NOTEBOOK)) ?? 0) > 0 && Date.now(), 60_000, 25);
    let lastCount = 0;
    const all = await poll(`${inProblems} diagnostics of the long notebook in Problems (the CLI's count)`, async () => {
      lastCount = (await wb.problemCount(LONG_NOTEBOOK)) ?? 0;
      return lastCount === inProblems && Date.now();
    }, 120_000, 25).catch((e: Error) => {
      throw new Error(`${e.message}; Problems counted ${lastCount}`);
    });
    await wb.screenshot('long-notebook-diagnostics');
    // When the notebook reached the extension host (the test controller notes it): before it,
    // VS Code loads the notebook; after it, the time is Preflight's (and the Problems view's).
    const inHost = fs.existsSync(NOTEBOOK_OPENS)
      ? fs.readFileSync(NOTEBOOK_OPENS, 'utf8').split('\n').map((l) => l.split(' ')).find(([, uri]) => uri?.endsWith(`/${LONG_NOTEBOOK}`))?.[0]
      : undefined;
    const timing = {
      notebook: LONG_NOTEBOOK,
      cells: LONG_CELLS,
      diagnosticsInProblems: inProblems,
      cliFindings: expected.length,
      openToTabMs: tabMs,
      openToExtensionHostMs: inHost ? Number(inHost) - opened : null,
      extensionHostToFirstDiagnosticMs: inHost ? first - Number(inHost) : null,
      openToFirstDiagnosticMs: first - opened,
      openToAllDiagnosticsMs: all - opened,
      measuredFrom: 'Enter on the file in Quick Open',
      pollIntervalMs: 25,
      at: new Date().toISOString(),
    };
    const artifacts = path.join(ctx.root, 'test-artifacts/e2e');
    fs.mkdirSync(artifacts, { recursive: true });
    fs.writeFileSync(path.join(artifacts, 'open-timing.json'), `${JSON.stringify(timing, null, 2)}\n`);
    log(`  open → tab ${timing.openToTabMs} ms, → notebook in the extension host ${timing.openToExtensionHostMs ?? '?'} ms, → first diagnostic ${timing.openToFirstDiagnosticMs} ms (${timing.extensionHostToFirstDiagnosticMs ?? '?'} ms after the extension host had it), → all ${inProblems} ${timing.openToAllDiagnosticsMs} ms (test-artifacts/e2e/open-timing.json)`);
    await wb.closeAllEditors();
    // Scenarios after this one see the workspace the oracle was computed on.
    fs.rmSync(path.join(ctx.workspace, LONG_NOTEBOOK));
  },
};

export const liveOrderScenarios: Scenario[] = [liveOrderScenario, openTimingScenario];
