/**
 * Fix safety against the real thing (issue 19): every suppression edit ("ignore for this line /
 * cell / in this file") and every fix the engine offers, on the code cells of the perf-corpus
 * notebooks (read in place, never copied) and on a table of cells that are hard to comment (magics,
 * shell escapes, cell magics, strings opening on the line, indented first lines, continuations),
 * leaves a cell that IPython still transforms and CPython still compiles whenever the original
 * did; an edit that only adds a comment leaves exactly the code IPython made of the cell (same
 * AST: a comment that lands in a string or in a magic's arguments changes it). The harness is
 * test/robustness/fixSafety.ts, which also re-analyses: an ignore comment removes its finding,
 * and a cell a fix inserts (the seed cell) adds no finding.
 *
 * The oracle is Debian's `/usr/bin/python3` with `python3-ipython` (PREFLIGHT_PYTHON overrides
 * the path), asked once for every cell (JSON over stdin). Without it the oracle half is skipped
 * with a notice, except when CI=true, where it is required (and so is the corpus). The corpus is
 * sampled (every 20th notebook, and the first where each rule offers a fix) unless
 * PREFLIGHT_FIX_CORPUS=all, as `npm run fuzz` sets.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { analyze, inputFromBytes } from '../../server/src/engine/analyze';
import type { Finding } from '../../server/src/engine/model';
import type { NotebookCell } from '../../server/src/engine/notebook';
import { createProject } from '../../server/src/engine/project';
import { initParser } from '../../server/src/engine/python/parser';
import { createRule } from '../../server/src/engine/rule';
import { allRules } from '../../server/src/engine/registry';
import { checkFixSafety, fixStats, type EditedCell } from './fixSafety';
import { PYTHON, runPythonOracle } from '../engine/ipythonOracle';

const REQUIRED = process.env.CI === 'true';
const PERF = path.join(__dirname, '../../../../shared/corpus/perf/notebooks');
/** A sample of the corpus by default (every 8th notebook); all of it with PREFLIGHT_FIX_CORPUS=all (`npm run fuzz`). */
const all = process.env.PREFLIGHT_FIX_CORPUS === 'all';
const SAMPLE_EVERY = 20;
const project = createProject(process.cwd());

/**
 * A test rule with a finding on every row that has code, so that every row of the tricky cells
 * gets an "ignore for this line" action (the real rules report only some rows).
 */
const everyRow = createRule(
  { id: 'every-row', family: 'randomness', category: 'randomness', subtypes: [], description: 'Report every row with code, for tests', defaultSeverity: 'warning', recommended: true, appliesTo: ['python', 'notebook'] },
  (ctx) => {
    for (const unit of ctx.program?.units ?? []) {
      for (let row = 0; row < unit.lines.lineCount; row++) {
        const line = unit.lines.lineText(row);
        if (line.trim() && !line.trim().startsWith('#')) ctx.report({ ...(unit.cell !== undefined ? { cell: unit.cell } : {}), range: { start: { line: row, column: 0 }, end: { line: row, column: line.length } }, message: 'row' });
      }
    }
  },
);
const rules = [...allRules, everyRow];

/** Cells where a trailing comment is wrong or impossible, and cells whose first line is indented. */
const TRICKY: string[] = [
  '%matplotlib inline\nimport numpy as np',
  'import numpy as np\n%matplotlib inline',
  'x = 1\n!pip install numpy pandas',
  'x = 1\n%pip install -q torch',
  'x = 1\n%pip install numpy \\\n    pandas',
  'import os\nfiles = !ls *.csv\nout = %sx ls',
  'import os\nif os.name:\n    !pip install requests\n    x = 1',
  '%%time\nimport random\nrandom.shuffle(xs)',
  '%%capture\n%pip install numpy\nimport numpy',
  '%%bash\npip install numpy\necho done',
  '%%writefile app.py\nimport random\nprint(random.random())',
  'import random\ns = f("""abc {random.random()}\ndef""")\nt = 1',
  'import random\nq = """\nSELECT *\n""" + str(random.random())',
  'import random\nx = random.random() + \\\n    random.random()',
  'import random\nx = [random.random(),\n     random.random()]',
  '    import random\n    x = random.random()\n    y = 2',
  '\n\n    import random\n    random.shuffle(xs)',
  '\tx = 1\n\ty = 2',
  'import numpy as np\nnp.random.rand?\nx = np.random.rand(3)',
  'import numpy as np\nx = np.random.rand(3)  # draw\n%time y = np.random.rand(3)',
  '>>> import random\n>>> x = random.random()',
  'In [1]: import random\n   ...: x = random.random()',
  'pip install requests',
  '%pip install requests',
  '!pip install requests',
  'import random\nrandom.seed()\nr"""\\\n"""\nx = random.random()',
  'import random\nif True:\n    s = """\n    text\n    """; x = random.random()',
];

interface OracleAnswer {
  before: string | null;
  after: string | null;
  /** The AST IPython's code compiles to is the same before and after. */
  same: boolean;
}

const ORACLE = String.raw`
import ast, json, os, sys, tempfile
os.environ["IPYTHONDIR"] = tempfile.mkdtemp()
from IPython.core.interactiveshell import InteractiveShell
from traitlets.config import Config
config = Config()
config.HistoryManager.enabled = False
shell = InteractiveShell.instance(config=config)
class CellMagicBodies(ast.NodeTransformer):
    # A cell magic gets its body as a string; one whose body is Python (%%time) transforms it as
    # a cell of its own: compare what that body becomes, so that a comment in it is no change.
    def visit_Call(self, node):
        self.generic_visit(node)
        f = node.func
        if isinstance(f, ast.Attribute) and f.attr == "run_cell_magic" and len(node.args) == 3 and isinstance(node.args[2], ast.Constant) and isinstance(node.args[2].value, str):
            try:
                body = ast.parse(shell.transform_cell(node.args[2].value))
                node.args[2] = ast.Constant(ast.dump(self.visit(body)))
            except (SyntaxError, ValueError):
                pass
        return node
def code(src, ipython):
    # IPython's TransformerManager (and its prefilter for one-line automagics), as the shell runs a cell.
    text = shell.transform_cell(src) if ipython else src
    compile(text, "<cell>", "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT, dont_inherit=True)
    return ast.dump(CellMagicBodies().visit(ast.parse(text)))
def verdict(src, ipython):
    try:
        return code(src, ipython), None
    except (SyntaxError, ValueError) as e:
        return None, type(e).__name__ + ": " + str(e)
out = []
seen = {}
for case in json.load(sys.stdin):
    key = (case["before"], case["ipython"])
    if key not in seen:
        seen[key] = verdict(*key)
    a, ea = seen[key]
    b, eb = verdict(case["after"], case["ipython"])
    out.append({"before": ea, "after": eb, "same": a is not None and a == b})
json.dump(out, sys.stdout)
`;

function askOracle(cells: EditedCell[]): OracleAnswer[] | string {
  return runPythonOracle<OracleAnswer[]>(ORACLE, [], cells.map((c) => ({ before: c.before, after: c.after, ipython: c.ipython })));
}

function analyseNotebook(cells: readonly NotebookCell[], file: string, withRules?: typeof rules): readonly Finding[] {
  return analyze({ target: 'notebook', file, notebook: { cells: [...cells], language: 'python' } }, { project, ...(withRules ? { rules: withRules } : {}) }).findings;
}

/** Check the edits the harness collected: the oracle's verdict on each. */
function assertOracleAgrees(edited: EditedCell[]): void {
  const answers = askOracle(edited);
  if (typeof answers === 'string') {
    assert.ok(!REQUIRED, `CI=true requires the oracle: ${answers}`);
    console.log(`# fix-safety oracle skipped: ${answers} (required when CI=true)`);
    return;
  }
  const broken: string[] = [];
  edited.forEach((c, i) => {
    const a = answers[i]!;
    if (a.before !== null) return; // the original does not run either
    const show = `${c.what}\n--- before\n${c.before}\n--- after\n${c.after}`;
    if (a.after !== null) broken.push(`${show}\n--- IPython: ${a.after}`);
    else if (c.commentOnly && !a.same) broken.push(`${show}\n--- IPython runs other code after the comment was added`);
  });
  if (process.env.PREFLIGHT_FIX_ORACLE_OUT) fs.writeFileSync(process.env.PREFLIGHT_FIX_ORACLE_OUT, broken.join('\n\n'));
  assert.deepEqual(broken.slice(0, 5), [], `${broken.length} of ${edited.length} edited cells break in IPython`);
}

describe('fix and suppression edits pass IPython and CPython', () => {
  before(async () => {
    await initParser();
  });

  it(`tricky cells (${TRICKY.length}): every ignore action on every row, and every fix`, () => {
    const edited: EditedCell[] = [];
    for (const [i, source] of TRICKY.entries()) {
      // Alone, and run (an execution count) below a never-run first cell, as real notebooks are.
      for (const cells of [[{ kind: 'code' as const, source, executionCount: null }], [{ kind: 'code' as const, source: 'import os', executionCount: 1 }, { kind: 'code' as const, source, executionCount: 2 }]]) {
        const name = `tricky ${i + 1}`;
        // The test rule reports in an inserted cell too: a fix's insert is judged by the real rules.
        const reanalyse = (c: readonly NotebookCell[], why: 'ignore' | 'insert') => analyseNotebook(c, '/tmp/tricky.ipynb', why === 'ignore' ? rules : undefined);
        checkFixSafety({ target: 'notebook', cells }, reanalyse(cells, 'ignore'), name, { edited, reanalyse });
      }
    }
    assert.ok(edited.some((c) => c.commentOnly) && edited.some((c) => !c.commentOnly), 'the table gives both kinds of edit');
    assertOracleAgrees(edited);
  });

  // Issue 19 (perf corpus p008): the seed cell bound `np`, which the executed cell read before
  // the cell that imports it (from the live kernel): the never-run seed cell became a
  // skipped-cell. It now imports `numpy` under a name that no cell reads that way.
  it('the seed cell a fix inserts adds no finding (minimal input)', () => {
    const cells: NotebookCell[] = [
      { kind: 'code', source: 'a = np.random.rand(3)', executionCount: 2 },
      { kind: 'code', source: 'import numpy as np', executionCount: 1 },
    ];
    const findings = analyseNotebook(cells, '/tmp/seed.ipynb');
    const seed = findings.find((f) => f.fix?.cellInserts?.length);
    assert.equal(seed?.fix?.cellInserts?.[0]?.source, 'import numpy\nnumpy.random.seed(42)');
    checkFixSafety({ target: 'notebook', cells }, findings, 'seed.ipynb', { reanalyse: (c) => analyseNotebook(c, '/tmp/seed.ipynb') });
  });

  const corpus = fs.existsSync(PERF) ? fs.readdirSync(PERF).filter((f) => f.endsWith('.ipynb')).sort() : [];
  it(`perf-corpus notebooks (${all ? 'all' : `every ${SAMPLE_EVERY}th`} of ${corpus.length}, and the first where each rule offers a fix)`, { skip: corpus.length === 0 && !REQUIRED && 'no ../shared/corpus/perf' }, () => {
    assert.ok(corpus.length > 0, 'CI=true requires ../shared/corpus/perf');
    const edited: EditedCell[] = [];
    const firstWithFix = new Map<string, string>();
    let checked = 0;
    for (const [k, name] of corpus.entries()) {
      const input = inputFromBytes(path.join(PERF, name), fs.readFileSync(path.join(PERF, name)));
      if (input?.target !== 'notebook') continue;
      const findings = analyze(input, { project }).findings;
      let fresh = false;
      for (const f of findings) if (f.fix && !firstWithFix.has(f.ruleId)) fresh = !!firstWithFix.set(f.ruleId, name);
      if (!all && !fresh && k % SAMPLE_EVERY !== 0) continue;
      checked++;
      const reanalyse = (cells: readonly NotebookCell[]) => analyseNotebook(cells, input.file);
      checkFixSafety({ target: 'notebook', cells: input.notebook.cells }, findings, name, { edited, reanalyse });
    }
    if (process.env.PREFLIGHT_FUZZ_STATS) console.log(JSON.stringify({ checked, edited: edited.length, rulesWithFixes: Object.fromEntries(firstWithFix), ...fixStats, byRule: Object.fromEntries(fixStats.byRule) }));
    assertOracleAgrees(edited);
  });
});
