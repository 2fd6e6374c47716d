/**
 * Real rules end to end: a quick fix round trip in a notebook (edits land on cell URIs, the
 * finding goes away), notebook fix-all, and execution-order findings that follow
 * `preflight/cellExecution` live.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CodeAction } from 'vscode-languageserver';
import { asksForFixAll } from '../../server/src/handlers/codeActions';
import { applyWorkspaceEdit, cellDocument, cellUri, changeNotebook, codes, editCell, lspCell, openNotebook, rangeOf, startHarness, type Harness } from './lspHarness';

const NB = 'file:///tmp/preflight-quickfix/Experiment.ipynb';

/** A client-side notebook: applies code actions (text edits and cell inserts) and syncs them to the server. */
class ClientNotebook {
  readonly order: number[];
  readonly texts = new Map<number, string>();
  readonly versions = new Map<number, number>();
  private next = 100;
  constructor(
    private readonly h: Harness,
    readonly uri: string,
    cells: string[],
  ) {
    this.order = cells.map((_, i) => i);
    cells.forEach((t, i) => this.texts.set(i, t));
  }
  open(): Promise<void> {
    return openNotebook(this.h, this.order.map((handle) => ({ handle, text: this.texts.get(handle)! })), this.uri);
  }
  async apply(action: CodeAction): Promise<void> {
    for (const uri of Object.keys(action.edit?.changes ?? {})) {
      const handle = this.order.find((k) => cellUri(k, this.uri) === uri);
      assert.ok(handle !== undefined, `edit targets a known cell: ${uri}`);
      const before = this.texts.get(handle)!;
      const after = applyWorkspaceEdit(before, uri, action.edit);
      this.texts.set(handle, after);
      const version = (this.versions.get(handle) ?? 1) + 1;
      this.versions.set(handle, version);
      const lines = before.split('\n');
      await editCell(this.h, handle, version, [{ range: rangeOf(0, 0, lines.length - 1, lines[lines.length - 1]!.length), text: after }], this.uri);
    }
    if (action.command) {
      // What client/src/cellInserts.ts does with a NotebookEdit, as the LSP client then syncs it.
      assert.equal(action.command.command, 'preflight.applyCellInserts');
      const args = action.command.arguments![0] as { notebookUri: string; inserts: { beforeCellUri?: string; kind: string; source: string }[] };
      assert.equal(args.notebookUri, this.uri);
      for (const insert of args.inserts) {
        const at = insert.beforeCellUri === undefined ? this.order.length : this.order.findIndex((k) => cellUri(k, this.uri) === insert.beforeCellUri);
        assert.ok(at >= 0);
        const handle = this.next++;
        this.order.splice(at, 0, handle);
        this.texts.set(handle, insert.source);
        const spec = { handle, text: insert.source, kind: insert.kind as 'code' | 'markdown' };
        await changeNotebook(this.h, { cells: { structure: { array: { start: at, deleteCount: 0, cells: [lspCell(spec, this.uri)] }, didOpen: [cellDocument(spec, this.uri)] } } }, this.uri);
      }
    }
  }
  codes(): string[] {
    return this.order.flatMap((k) => codes(this.h.latest.get(cellUri(k, this.uri))));
  }
  dump(): string {
    return this.order.map((k) => this.texts.get(k)).join('----\n');
  }
}

describe('asksForFixAll: which requests wait for the text being saved to be analysed', () => {
  const table: [string[] | undefined, boolean][] = [
    [['source.fixAll'], true],
    [['source.fixAll.preflight'], true],
    [['notebook.source.fixAll'], true],
    [['notebook.source.fixAll.preflight'], true],
    [['source.fixAll.eslint'], false],
    [['source'], false],
    [['quickfix'], false],
    [undefined, false],
    [[], false],
  ];
  for (const [only, expected] of table) it(`${JSON.stringify(only)} → ${expected}`, () => assert.equal(asksForFixAll(only), expected));
});

describe('quick fixes from real rules', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h.close();
  });

  it('unseeded-global-rng: the quick fix seeds the RNG (a new cell after the imports) and the finding goes away', async () => {
    const nb = new ClientNotebook(h, NB, ['import numpy as np\n', 'x = np.random.rand(3)\n']);
    await nb.open();
    await h.settle();
    const diagnostics = h.latest.get(cellUri(1, NB))!;
    assert.deepEqual(codes(diagnostics), ['unseeded-global-rng']);
    assert.deepEqual(h.latest.get(cellUri(0, NB)), []);
    const actions: CodeAction[] = await h.client.sendRequest('textDocument/codeAction', { textDocument: { uri: cellUri(1, NB) }, range: diagnostics[0]!.range, context: { diagnostics, only: ['quickfix'] } });
    const fix = actions.find((a) => a.isPreferred);
    assert.ok(fix, `a preferred quick fix among: ${actions.map((a) => a.title).join(', ')}`);
    // The docs' wording (docs/editor.md, docs/rules/unseeded-global-rng.md); plain text, no backticks.
    assert.equal(fix.title, 'Seed the random number generators (np.random.seed(42))');
    assert.ok(actions.every((a) => !a.title.includes('`')), actions.map((a) => a.title).join(', '));
    await nb.apply(fix);
    await h.settle();
    assert.deepEqual(nb.codes(), [], nb.dump());
    assert.equal(nb.order.length, 3);
  });

  it('a stale fix is not offered between an edit and the next report', async () => {
    const uri = 'file:///tmp/preflight-quickfix/Stale.ipynb';
    const nb = new ClientNotebook(h, uri, ['import random\nv = random.random()\n']);
    await nb.open();
    await h.settle();
    const diagnostics = h.latest.get(cellUri(0, uri))!;
    assert.deepEqual(codes(diagnostics), ['unseeded-global-rng']);
    const ask = async () => (await h.client.sendRequest<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: cellUri(0, uri) }, range: diagnostics[0]!.range, context: { diagnostics } })).map((a) => a.title);
    assert.ok((await ask()).some((t) => !t.startsWith('Ignore')), 'fix offered while fresh');
    // The edit is held back (as inside a burst of typing) so the request sees it not yet re-analysed.
    const typingDelay = h.server.diagnostics.typingDelay;
    h.server.diagnostics.typingDelay = { changed: () => 300 };
    try {
      await editCell(h, 0, 2, [{ range: rangeOf(0, 0, 0, 0), text: '\n' }], uri);
      const stale = await ask();
      assert.ok(stale.every((t) => t.startsWith('Ignore')), stale.join(', '));
    } finally {
      h.server.diagnostics.typingDelay = typingDelay;
    }
    await h.settle();
  });

  it('notebook fix-all applies every safe fix once', async () => {
    const uri = 'file:///tmp/preflight-quickfix/FixAll.ipynb';
    const nb = new ClientNotebook(h, uri, ['import random\n', 'a = random.random()\n', 'b = random.choice([1, 2])\n']);
    await nb.open();
    await h.settle();
    assert.deepEqual(nb.codes(), ['unseeded-global-rng', 'unseeded-global-rng']);
    const actions: CodeAction[] = await h.client.sendRequest('textDocument/codeAction', {
      textDocument: { uri: cellUri(0, uri) },
      range: rangeOf(0, 0, 0, 0),
      context: { diagnostics: [], only: ['notebook.source.fixAll.preflight'] },
    });
    assert.equal(actions.length, 1);
    assert.equal(actions[0]!.kind, 'notebook.source.fixAll.preflight');
    assert.equal(actions[0]!.diagnostics?.length, 2);
    await nb.apply(actions[0]!);
    await h.settle();
    assert.deepEqual(nb.codes(), [], nb.dump());
    assert.equal(nb.order.length, 4, 'one seed cell, not two');
  });

  // Issue 22, seen in CI: a save right after typing asked fix-all before the edit was analysed,
  // and the save went through without its fixes.
  it('fix-all asked right after an edit (before the pause in typing ends) fixes the text being saved', async () => {
    const uri = 'file:///tmp/preflight-quickfix/SaveAfterTyping.ipynb';
    const nb = new ClientNotebook(h, uri, ['import random\n', 'a = 1\n']);
    await nb.open();
    await h.settle();
    assert.deepEqual(nb.codes(), []);
    const typingDelay = h.server.diagnostics.typingDelay;
    // Held back far longer than the request takes: only the fix-all request brings the analysis forward.
    h.server.diagnostics.typingDelay = { changed: () => 5_000 };
    try {
      nb.texts.set(1, 'a = random.random()\n');
      await editCell(h, 1, 2, [{ range: rangeOf(0, 4, 0, 5), text: 'random.random()' }], uri);
      nb.versions.set(1, 2);
      const actions: CodeAction[] = await h.client.sendRequest('textDocument/codeAction', { textDocument: { uri: cellUri(0, uri) }, range: rangeOf(0, 0, 0, 0), context: { diagnostics: [], only: ['notebook.source.fixAll'] } });
      assert.equal(actions.length, 1, 'the draw typed a moment ago is fixed on this save');
      assert.equal(actions[0]!.diagnostics?.length, 1);
      await nb.apply(actions[0]!);
    } finally {
      h.server.diagnostics.typingDelay = typingDelay;
    }
    await h.settle();
    assert.deepEqual(nb.codes(), [], nb.dump());
    assert.equal(nb.order.length, 3, 'one seed cell');
  });

  // Issue 22: VS Code asks notebook-level kinds of the FIRST cell only, which is often markdown.
  it('notebook fix-all is answered on a leading markdown cell: one seed cell, after the imports cell', async () => {
    const uri = 'file:///tmp/preflight-quickfix/MarkdownFirst.ipynb';
    const cells = [
      { handle: 0, text: '# Experiment\n', kind: 'markdown' as const },
      { handle: 1, text: 'import numpy as np\nimport pandas as pd\npd.set_option("display.precision", 2)\n' },
      { handle: 2, text: 'a = np.random.rand(3)\n' },
      { handle: 3, text: 'b = np.random.permutation(10)\n' },
    ];
    await openNotebook(h, cells, uri);
    await h.settle();
    assert.deepEqual([2, 3].flatMap((k) => codes(h.latest.get(cellUri(k, uri)))), ['unseeded-global-rng', 'unseeded-global-rng']);
    const ask = (only: string[]) => h.client.sendRequest<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: cellUri(0, uri) }, range: rangeOf(0, 0, 0, 0), context: { diagnostics: [], only } });
    // Cell-level kinds get nothing on a markdown cell.
    assert.deepEqual(await ask(['source.fixAll.preflight']), []);
    assert.deepEqual(await ask(['quickfix']), []);
    const actions = await ask(['notebook.source.fixAll']);
    assert.equal(actions.length, 1, actions.map((a) => a.title).join(', '));
    assert.equal(actions[0]!.kind, 'notebook.source.fixAll.preflight');
    const args = actions[0]!.command?.arguments?.[0] as { inserts: { beforeCellUri?: string; source: string }[] };
    assert.deepEqual(args.inserts, [{ beforeCellUri: cellUri(2, uri), kind: 'code', source: 'np.random.seed(42)' }], 'one seed cell right after the imports cell, reusing `np`');
  });

    it('forward-reference: the reorder quick fix names the synced cells in their new order (preflight.applyNotebookChange), never in fix-all', async () => {
    const uri = 'file:///tmp/preflight-quickfix/Reorder.ipynb';
    await openNotebook(h, [{ handle: 0, text: 'print(df)\n' }, { handle: 1, text: 'df = 1\n' }], uri);
    await h.settle();
    const diagnostics = h.latest.get(cellUri(0, uri))!;
    assert.deepEqual(codes(diagnostics), ['forward-reference']);
    const actions: CodeAction[] = await h.client.sendRequest('textDocument/codeAction', { textDocument: { uri: cellUri(0, uri) }, range: diagnostics[0]!.range, context: { diagnostics, only: ['quickfix'] } });
    const reorder = actions.find((a) => a.title.startsWith('Reorder the cells'));
    assert.ok(reorder, actions.map((a) => a.title).join(', '));
    assert.equal(reorder.isPreferred, false, 'unsafe: not preferred');
    assert.deepEqual(reorder.command?.command, 'preflight.applyNotebookChange');
    assert.deepEqual(reorder.command?.arguments, [{ notebookUri: uri, change: { kind: 'reorder-cells', cellUris: [cellUri(1, uri), cellUri(0, uri)] } }]);
    const fixAll: CodeAction[] = await h.client.sendRequest('textDocument/codeAction', { textDocument: { uri: cellUri(0, uri) }, range: rangeOf(0, 0, 0, 0), context: { diagnostics: [], only: ['notebook.source.fixAll.preflight'] } });
    assert.deepEqual(fixAll, []);
  });

  it('execution-order findings follow preflight/cellExecution as cells run', async () => {
    const nb = 'file:///tmp/preflight-quickfix/Order.ipynb';
    await openNotebook(h, [{ handle: 0, text: 'a = 1\n' }, { handle: 1, text: 'b = a + 1\n' }], nb);
    await h.settle();
    const all = () => [...codes(h.latest.get(cellUri(0, nb))), ...codes(h.latest.get(cellUri(1, nb)))];
    assert.ok(!all().includes('out-of-order-execution'));
    // The user ran the second cell first (orders 1 then 2 reversed).
    await h.client.sendNotification('preflight/cellExecution', { notebookUri: nb, cells: [{ uri: cellUri(0, nb), executionOrder: 2 }, { uri: cellUri(1, nb), executionOrder: 1 }] });
    await h.settle();
    assert.ok(all().includes('out-of-order-execution'), all().join(', '));
    // Re-run top-down: the finding goes away.
    await h.client.sendNotification('preflight/cellExecution', { notebookUri: nb, cells: [{ uri: cellUri(0, nb), executionOrder: 3 }, { uri: cellUri(1, nb), executionOrder: 4 }] });
    await h.settle();
    assert.ok(!all().includes('out-of-order-execution'), all().join(', '));
  });

  // Issue 22: VS Code keeps the outputs of a cell edited after its run and drops its order; the
  // client forwards `hasOutputs`, and the cell is "edited since run", not "never ran".
  it('a cell with outputs and no execution order (edited after its run) is not reported as never run, and leaves no gap', async () => {
    const nb = 'file:///tmp/preflight-quickfix/Edited.ipynb';
    await openNotebook(h, [{ handle: 0, text: 'a = 1\n' }, { handle: 1, text: 'b = a + 1  # edited\n' }, { handle: 2, text: 'print(b)\n' }], nb);
    const diags = () => [0, 1, 2].flatMap((i) => (h.latest.get(cellUri(i, nb)) ?? []).map((d) => ({ cell: i, code: String(d.code), severity: d.severity })));
    const send = (hasOutputs: boolean) =>
      h.client.sendNotification('preflight/cellExecution', {
        notebookUri: nb,
        cells: [{ uri: cellUri(0, nb), executionOrder: 1 }, { uri: cellUri(1, nb), ...(hasOutputs ? { hasOutputs: true } : {}) }, { uri: cellUri(2, nb), executionOrder: 3 }],
      });
    // No outputs: the cell never ran, yet cell 3 read `b` (and count 2 is missing).
    await send(false);
    await h.settle();
    assert.deepEqual(diags().filter((d) => d.code === 'skipped-cell').map((d) => [d.cell, d.severity]), [[1, 2]], JSON.stringify(diags()));
    assert.ok(diags().some((d) => d.code === 'execution-count-gap'), JSON.stringify(diags()));
    // Outputs: it ran and was edited since; a hint at most, and no gap.
    await send(true);
    await h.settle();
    assert.deepEqual(diags().filter((d) => d.code === 'skipped-cell').map((d) => [d.cell, d.severity]), [[1, 4]], JSON.stringify(diags()));
    assert.ok(!diags().some((d) => d.code === 'execution-count-gap'), JSON.stringify(diags()));
  });
});
