/**
 * Regression tests for what fuzz runs found (each with the shrunk counterexample it reported).
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { analyze } from '../../server/src/engine/analyze';
import type { NotebookCell } from '../../server/src/engine/notebook';
import { createProject } from '../../server/src/engine/project';
import { initParser } from '../../server/src/engine/python/parser';
import { lineSuppressionEdit } from '../../server/src/handlers/suppressionEdits';
import { checkFixSafety, syntaxErrorLines } from './fixSafety';

const project = createProject(process.cwd());

describe('fuzz regressions', () => {
  before(async () => {
    await initParser();
  });

  // fix safety, seed -431006684: appending an ignore comment to a broken first line made
  // tree-sitter split one ERROR node spanning both lines into two; counting ERROR start rows
  // called that "worse". The oracle now counts every row an ERROR node covers.
  it('an ignore comment on a broken IPython line in a .py file parses no worse', () => {
    const text = '%pip install -U pandas\n!pip install torch transformers==4.1\n';
    checkFixSafety({ target: 'python', text }, analyze({ target: 'python', file: '/tmp/gen.py', text }, { project }).findings, 'gen.py');
  });

  // fix safety, seed 881696604: the same recovery split on an unterminated string after a lone `.`.
  it('an ignore comment above an unterminated secret string parses no worse', () => {
    const cells: NotebookCell[] = [
      { kind: 'code', source: '    .\n    API_KEY = "sk-proj-abcdefghijklmnopqrstuvwxyz0123456', executionCount: null },
      { kind: 'code', source: '', executionCount: null },
    ];
    const findings = analyze({ target: 'notebook', file: '/tmp/gen.ipynb', notebook: { cells, language: 'python' } }, { project }).findings;
    checkFixSafety({ target: 'notebook', cells }, findings, 'gen.ipynb');
  });

  // fix safety, 3000-run seeds: "Ignore … for this line/cell" comments on code that was already
  // broken (a NUL line, ten open brackets; a half-typed call). On broken code only the structural
  // checks apply (tree-sitter's recovery is not monotone); on code that parses the check is strict.
  it('ignore comments on already-broken code are judged as comments', () => {
    const text = '\u0000\u0001\ud800\n((((((((((\nimport random\nrandom.shuffle(xs)\n';
    checkFixSafety({ target: 'python', text }, analyze({ target: 'python', file: '/tmp/gen.py', text }, { project }).findings, 'gen.py');
    const cells: NotebookCell[] = [
      { kind: 'code', source: '    .\n    import random\n    random.s', executionCount: null },
      { kind: 'code', source: '', executionCount: null },
    ];
    checkFixSafety({ target: 'notebook', cells }, analyze({ target: 'notebook', file: '/tmp/gen.ipynb', notebook: { cells, language: 'python' } }, { project }).findings, 'gen.ipynb');
  });

  // fix safety, 1500 runs: "Ignore undefined-name for this line" on an IPython help line `A?`
  // appended `  # preflight: ignore[…]`, and `A?  # …` is a syntax error in IPython (help syntax
  // must end the line). Fixed in server/src/handlers/suppressionEdits.ts: no trailing directive there.
  it('no trailing ignore comment after IPython help syntax', () => {
    assert.equal(syntaxErrorLines('A?\nimport numpy as np\n', true), 0);
    assert.equal(syntaxErrorLines('A?  # preflight: ignore[undefined-name]\nimport numpy as np\n', true), 1, 'the comment breaks the help line');
    for (const line of ['A?', 'np.random.rand??', 'df.head()?  ']) assert.equal(lineSuppressionEdit(`${line}\nx = 1\n`, 0, 'undefined-name'), undefined, line);
    assert.ok(lineSuppressionEdit('s = "what?"\n', 0, 'undefined-name'), 'a ? inside a string is not help syntax');
    const cells: NotebookCell[] = [{ kind: 'code', source: 'A?\nimport numpy as np\nnp.random.rand(3)', executionCount: null }];
    checkFixSafety({ target: 'notebook', cells }, analyze({ target: 'notebook', file: '/tmp/gen.ipynb', notebook: { cells, language: 'python' } }, { project }).findings, 'gen.ipynb');
  });
});
