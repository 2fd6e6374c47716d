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
import { checkBytes } from './properties';
import type { CodeAction } from 'vscode-languageserver';
import { cellUri, changeNotebook, changeText, editCell, lspCell, openNotebook, openText, rangeOf, startHarness } from '../server/lspHarness';

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
    // (In a cell: a line above the first one would be the cell's directive; issue 19 puts it above elsewhere.)
    for (const line of ['A?', 'np.random.rand??', 'df.head()?  ']) assert.equal(lineSuppressionEdit(`${line}\nx = 1\n`, 0, 'undefined-name', undefined, true), undefined, line);
    assert.ok(lineSuppressionEdit('s = "what?"\n', 0, 'undefined-name', undefined, true), 'a ? inside a string is not help syntax');
    const cells: NotebookCell[] = [{ kind: 'code', source: 'A?\nimport numpy as np\nnp.random.rand(3)', executionCount: null }];
    checkFixSafety({ target: 'notebook', cells }, analyze({ target: 'notebook', file: '/tmp/gen.ipynb', notebook: { cells, language: 'python' } }, { project }).findings, 'gen.ipynb');
  });

  // LSP fuzz, 250 sequences: a document opened again (without a close) starts a new version
  // sequence, so after one change it was at version 1 again while the fix of the earlier text
  // was recorded for version 1: the stale "Seed random.seed(42)" edit passed the freshness check
  // and pointed outside the new text. Fixed in server/src/startServer.ts: an open forgets the
  // analysed version of its URI (text documents and notebook cells).
  it('a re-opened document offers no fix computed for its earlier text', async () => {
    const h = await startHarness();
    try {
      const py = 'file:///tmp/preflight-regressions/reopened.py';
      await openText(h, py, 'python', 'import random\nrandom.shuffle(xs)\n', 1);
      await h.settle();
      const stale = h.latest.get(py)!;
      assert.ok(stale.some((d) => (d.data as { fix?: unknown }).fix), 'the first text has a fix');
      // Opened again at the same version with other text: neither the client's stale diagnostic
      // nor a fix-all over the not yet re-analysed document may offer the old fix.
      await openText(h, py, 'python', 'numpy\n', 1);
      const ask = (only?: string[]) => h.client.sendRequest<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: py }, range: rangeOf(0, 0, 0, 0), context: { diagnostics: only ? [] : stale, ...(only ? { only } : {}) } });
      const [quick, all] = await Promise.all([ask(), ask(['source.fixAll.preflight'])]);
      assert.deepEqual([...quick, ...all].filter((a) => a.edit).map((a) => a.title).filter((t) => !t.startsWith('Ignore')), []);
      await h.settle();
      assert.deepEqual((await ask()).filter((a) => a.title.startsWith('Seed')).map((a) => a.title), [], 'after re-analysis');
      await changeText(h, py, 2, [{ text: 'numpy\npandas\n' }]);

      // The same through a notebook: a cell document opened again by a structure change.
      const nb = 'file:///tmp/preflight-regressions/reopened.ipynb';
      await openNotebook(h, [{ handle: 0, text: 'import random\nrandom.shuffle(xs)\n' }], nb);
      await h.settle();
      const staleCell = h.latest.get(cellUri(0, nb))!;
      assert.ok(staleCell.some((d) => (d.data as { fix?: unknown }).fix), 'the cell has a fix');
      await changeNotebook(h, { cells: { structure: { array: { start: 0, deleteCount: 1, cells: [lspCell({ handle: 0, text: '' }, nb)] }, didClose: [{ uri: cellUri(0, nb) }], didOpen: [{ uri: cellUri(0, nb), languageId: 'python', version: 0, text: 'x = 1\n' }] } } }, nb);
      await editCell(h, 0, 1, [{ text: 'y = 2\n' }], nb);
      const cellActions = await h.client.sendRequest<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: cellUri(0, nb) }, range: rangeOf(0, 0, 0, 0), context: { diagnostics: staleCell } });
      assert.deepEqual(cellActions.filter((a) => a.title.startsWith('Seed')).map((a) => a.title), []);
    } finally {
      await h.close();
    }
  });

  // fuzz, seed -2016872488: a whitespace-only code cell (`\t`, ` `) with an execution count gap got
  // a range from column 1 to column 0. Fixed in server/src/engine/hiddenState/executionOrder.ts.
  it('a blank cell with an execution count gap gets a well-formed range', () => {
    for (const source of ['\t', ' ', '  \n\n\t']) {
      checkBytes('gap.ipynb', JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [{ cell_type: 'code', source, metadata: {}, outputs: [], execution_count: 2 }] }));
    }
  });

  // LSP fuzz (long run): a notebook closed with only its first cell listed leaves the other cell
  // documents open in the library; a client still holding their diagnostics was offered "Ignore
  // … for this line" edits for a cell of no open notebook. Fixed in server/src/handlers/codeActions.ts:
  // actions only for diagnostics the server currently publishes.
  it('no code action for diagnostics of a closed notebook', async () => {
    const h = await startHarness();
    try {
      const nb = 'file:///tmp/preflight-regressions/half-closed.ipynb';
      const src = 'import random\nrandom.shuffle(xs)\n';
      await openNotebook(h, [{ handle: 0, text: src }, { handle: 1, text: src }], nb);
      await h.settle();
      const held = h.latest.get(cellUri(1, nb))!;
      assert.ok(held.length > 0);
      await h.client.sendNotification('notebookDocument/didClose', { notebookDocument: { uri: nb }, cellTextDocuments: [{ uri: cellUri(0, nb) }] });
      const actions = await h.client.sendRequest<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: cellUri(1, nb) }, range: rangeOf(0, 0, 9, 0), context: { diagnostics: held } });
      assert.deepEqual(actions.map((a) => a.title), []);
    } finally {
      await h.close();
    }
  });
});
