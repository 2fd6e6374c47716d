/**
 * Incremental analysis in the session (engine/ruleResults.ts) gives exactly what a fresh
 * analysis gives. A property test over random edit sequences on real notebooks of the perf
 * corpus (read in place from ../shared/corpus/perf; skipped with a notice when absent, required
 * when CI=true): characters, lines and whole cells inserted and deleted, cells moved, execution
 * counts changed; after every edit the session's findings deep-equal a fresh `analyze`.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import fc from 'fast-check';
import { analyze } from '../../server/src/engine/analyze';
import { resolveConfig } from '../../server/src/engine/config';
import type { Finding } from '../../server/src/engine/model';
import { loadNotebook, notebookFromCells, type NotebookCell } from '../../server/src/engine/notebook';
import { initParser } from '../../server/src/engine/python/parser';
import { createProject } from '../../server/src/engine/project';
import { AnalysisSession } from '../../server/src/engine/session';

const PERF = path.resolve(process.env.PREFLIGHT_PERF_CORPUS ?? path.join(__dirname, '../../../../shared/corpus/perf/notebooks'));
const REQUIRED = process.env.CI === 'true';
const config = resolveConfig();
const project = createProject(path.join(__dirname, 'no-such-project'));

const code = (source: string, executionCount: number | null = null): NotebookCell => ({ kind: 'code', source, executionCount });

/** An open notebook as the editor holds it: cells with stable keys (their URIs). */
interface OpenNotebook {
  cells: NotebookCell[];
  keys: string[];
  nextKey: number;
}

type Edit =
  | { kind: 'type'; cell: number; at: number; text: string }
  | { kind: 'delete'; cell: number; at: number; length: number }
  | { kind: 'line'; cell: number; line: number; text: string }
  | { kind: 'delete-line'; cell: number; line: number }
  | { kind: 'insert-cell'; at: number; from: number }
  | { kind: 'delete-cell'; cell: number }
  | { kind: 'move-cell'; cell: number; to: number }
  | { kind: 'run-cell'; cell: number; count: number | null };

/** Text worth typing into Python: names, brackets, quotes, comments, magics, newlines, indents. */
const typed = fc.oneof(
  fc.constantFrom('x', 'np', '(', ')', ':', '"', "'", '#', '%', '!', '=', ' ', '\n', '    ', ',', '.', '[', ']', '\\'),
  fc.constantFrom('import random\n', 'random.seed(1)\n', 'import numpy as np\n', 'np.random.rand(3)\n', 'def f():\n    return y\n', 'y = 2\n', 'del y\n', 'global z\n', "open('/Users/ana/x.csv')\n", '%%writefile app.py\nimport random\nrandom.random()\n', 'requests.get(url)\n', '!pip install pandas\n', 'try:\n    pass\nexcept Exception:\n    pass\n'),
);

const editArb: fc.Arbitrary<Edit> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('type' as const), cell: fc.nat(), at: fc.nat(), text: typed }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('delete' as const), cell: fc.nat(), at: fc.nat(), length: fc.integer({ min: 1, max: 12 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('line' as const), cell: fc.nat(), line: fc.nat(), text: typed }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete-line' as const), cell: fc.nat(), line: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('insert-cell' as const), at: fc.nat(), from: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete-cell' as const), cell: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('move-cell' as const), cell: fc.nat(), to: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('run-cell' as const), cell: fc.nat(), count: fc.option(fc.integer({ min: 1, max: 60 }), { nil: null }) }) },
);

/** Apply an edit (indices taken modulo what exists, so every generated edit applies). */
function apply(nb: OpenNotebook, e: Edit): void {
  const n = nb.cells.length;
  if (e.kind === 'insert-cell') {
    const at = e.at % (n + 1);
    nb.cells.splice(at, 0, { ...(nb.cells[e.from % Math.max(1, n)] ?? code('x = 1\n')) });
    nb.keys.splice(at, 0, `new${nb.nextKey++}`);
    return;
  }
  if (!n) return;
  const i = ('cell' in e ? e.cell : 0) % n;
  const cell = nb.cells[i]!;
  switch (e.kind) {
    case 'type': {
      const at = e.at % (cell.source.length + 1);
      nb.cells[i] = { ...cell, source: cell.source.slice(0, at) + e.text + cell.source.slice(at) };
      return;
    }
    case 'delete': {
      const at = e.at % (cell.source.length + 1);
      nb.cells[i] = { ...cell, source: cell.source.slice(0, at) + cell.source.slice(at + e.length) };
      return;
    }
    case 'line':
    case 'delete-line': {
      const lines = cell.source.split('\n');
      const line = e.line % (lines.length + (e.kind === 'line' ? 1 : 0));
      if (e.kind === 'line') lines.splice(line, 0, e.text.replace(/\n$/, ''));
      else lines.splice(line, 1);
      nb.cells[i] = { ...cell, source: lines.join('\n') };
      return;
    }
    case 'delete-cell':
      nb.cells.splice(i, 1);
      nb.keys.splice(i, 1);
      return;
    case 'move-cell': {
      const to = e.to % n;
      const [c] = nb.cells.splice(i, 1);
      const [k] = nb.keys.splice(i, 1);
      nb.cells.splice(to, 0, c!);
      nb.keys.splice(to, 0, k!);
      return;
    }
    case 'run-cell':
      nb.cells[i] = { ...cell, executionCount: e.count };
      return;
  }
}

/** Findings in one canonical order (the analysis sorts by position and rule; ties by content). */
const sorted = (fs: readonly Finding[]) => fs.map((f) => JSON.stringify(f)).sort();

function perfNotebooks(): { name: string; cells: NotebookCell[] }[] {
  if (!fs.existsSync(PERF)) return [];
  const files = fs.readdirSync(PERF).filter((f) => f.endsWith('.ipynb')).sort();
  const out: { name: string; cells: NotebookCell[] }[] = [];
  // Every 17th notebook of at most 80 cells: a spread of real notebooks, quick enough to re-analyse often.
  for (const [i, f] of files.entries()) {
    if (i % 17) continue;
    const loaded = loadNotebook(fs.readFileSync(path.join(PERF, f), 'utf8'));
    if (loaded.ok && loaded.notebook.cells.length <= 80) out.push({ name: f, cells: loaded.notebook.cells });
  }
  return out;
}

describe('incremental analysis in the session', () => {
  before(() => initParser());

  it('re-runs cell rules for the edited cell only and program rules only when a fact they read changed', () => {
    const session = new AnalysisSession();
    const doc = { key: 'nb', cellKeys: ['a', 'b', 'c'] };
    const run = (cells: NotebookCell[]) => session.analyzeDocument(doc, { target: 'notebook', file: 'a.ipynb', notebook: notebookFromCells(cells) }, { config, project });
    run([code('import random\n', 1), code('x = random.random()\n', 2), code('print(x)\n', 3)]);
    run([code('import random\n', 1), code('x = random.random() + 1\n', 2), code('print(x)\n', 3)]);
    const edited = session.lastRuleRun('nb')!;
    assert.equal(edited.cell.get('syntax-error'), 1, 'the edited cell only');
    assert.ok(edited.program.includes('unseeded-global-rng'));
    // Running a cell changes execution counts only: rules reading code alone are not run again.
    run([code('import random\n', 1), code('x = random.random() + 1\n', 4), code('print(x)\n', 3)]);
    const ran = session.lastRuleRun('nb')!;
    assert.equal(ran.cell.get('syntax-error'), 0);
    assert.ok(!ran.program.includes('unseeded-global-rng'));
    assert.ok(ran.program.includes('out-of-order-execution'));
  });

  it('a fresh run (incremental: false) runs every rule again', () => {
    const session = new AnalysisSession();
    const input = { target: 'notebook' as const, file: 'a.ipynb', notebook: notebookFromCells([code('import random\nrandom.random()\n')]) };
    session.analyzeDocument({ key: 'nb' }, input, { config, project });
    session.analyzeDocument({ key: 'nb' }, input, { config, project, incremental: false });
    assert.ok(session.lastRuleRun('nb')!.program.includes('unseeded-global-rng'));
    assert.equal(session.lastRuleRun('nb')!.cell.get('syntax-error'), 1);
  });

  it('a cell moved keeps findings that name its new index', () => {
    const session = new AnalysisSession();
    const a = code('open("/Users/ana/data.csv")\n');
    const b = code('y = 1\n');
    session.analyzeDocument({ key: 'nb', cellKeys: ['a', 'b'] }, { target: 'notebook', file: 'a.ipynb', notebook: notebookFromCells([a, b]) }, { config, project });
    const moved = session.analyzeDocument({ key: 'nb', cellKeys: ['b', 'a'] }, { target: 'notebook', file: 'a.ipynb', notebook: notebookFromCells([b, a]) }, { config, project });
    assert.deepEqual(moved.findings.filter((f) => f.ruleId === 'absolute-user-path').map((f) => f.cell), [1]);
  });

  it('equals a fresh analysis after every edit of random edit sequences on real notebooks', (t) => {
    const notebooks = perfNotebooks();
    if (!notebooks.length) {
      assert.ok(!REQUIRED, `CI=true requires the perf corpus at ${PERF}`);
      t.diagnostic(`perf corpus not found at ${PERF}: skipped (required when CI=true)`);
      return;
    }
    fc.assert(
      fc.property(fc.integer({ min: 0, max: notebooks.length - 1 }), fc.array(editArb, { minLength: 1, maxLength: 12 }), (which, edits) => {
        const start = notebooks[which]!;
        const nb: OpenNotebook = { cells: start.cells.map((c) => ({ ...c })), keys: start.cells.map((_, i) => `cell${i}`), nextKey: 0 };
        const session = new AnalysisSession();
        const analyseBoth = (step: string) => {
          const input = { target: 'notebook' as const, file: 'nb.ipynb', notebook: notebookFromCells(nb.cells.map((c) => ({ ...c }))) };
          const open = session.analyzeDocument({ key: 'nb', cellKeys: [...nb.keys] }, input, { config, project });
          const fresh = analyze(input, { config, project });
          assert.deepEqual(sorted(open.findings), sorted(fresh.findings), `${start.name} after ${step}`);
          assert.deepEqual(open.ruleErrors, fresh.ruleErrors);
        };
        analyseBoth('opening');
        for (const [i, e] of edits.entries()) {
          apply(nb, e);
          analyseBoth(`edit ${i + 1} ${JSON.stringify(e)}`);
        }
      }),
      { seed: 1818, numRuns: 25 },
    );
  });
});
