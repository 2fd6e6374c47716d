/** `.py` files and dependency manifests over a real LSP connection; code actions; settings; robustness. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, Diagnostic } from 'vscode-languageserver';
import { applyWorkspaceEdit, changeText, codes, openText, rangeOf, startHarness, type Harness } from './lspHarness';

const PY = 'file:///tmp/preflight-tests/Train%20Model.py';
const BROKEN = 'import os\n\ndef train(:\n    return 1\n';

async function actionsFor(h: Harness, uri: string, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
  return h.client.sendRequest('textDocument/codeAction', {
    textDocument: { uri },
    range: diagnostics[0]?.range ?? rangeOf(0, 0, 0, 0),
    context: { diagnostics, ...(only ? { only } : {}) },
  });
}

describe('text documents', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h.close();
  });

  it('reports a syntax error in a .py file and clears it when fixed', async () => {
    await openText(h, PY, 'python', BROKEN);
    await h.settle();
    assert.deepEqual(codes(h.latest.get(PY)), ['syntax-error']);
    const d = h.latest.get(PY)![0]!;
    assert.equal(d.range.start.line, 2);
    assert.equal(d.severity, 1);
    assert.deepEqual(d.data, { ruleId: 'syntax-error' });
    await changeText(h, PY, 2, [{ range: rangeOf(2, 10, 2, 10), text: 'x)' }]);
    await h.settle();
    assert.deepEqual(codes(h.latest.get(PY)), []);
  });

  it('analyses untitled Python documents by language id', async () => {
    const uri = 'untitled:Untitled-1';
    await openText(h, uri, 'python', 'if True\n    pass\n');
    await h.settle();
    assert.deepEqual(codes(h.latest.get(uri)), ['syntax-error']);
  });

  it('gives a manifest a report whatever its language id, and ignores unrelated files', async () => {
    const req = 'file:///tmp/preflight-tests/requirements-dev.txt';
    await openText(h, req, 'plaintext', 'requests\n');
    const other = 'file:///tmp/preflight-tests/notes.txt';
    await openText(h, other, 'plaintext', 'hello\n');
    await h.settle();
    assert.ok(h.latest.has(req), 'manifest got a report');
    assert.ok(h.published.every((p) => p.uri !== other || p.diagnostics.length === 0));
  });

  it('"ignore for this line" round trip: apply the edit and the diagnostic goes away', async () => {
    await changeText(h, PY, 3, [{ range: rangeOf(0, 0, 4, 0), text: BROKEN }]);
    await h.settle();
    const diagnostics = h.latest.get(PY)!;
    assert.deepEqual(codes(diagnostics), ['syntax-error']);
    const actions = await actionsFor(h, PY, diagnostics);
    const titles = actions.map((a) => a.title);
    assert.ok(titles.includes('Ignore syntax-error for this line'), titles.join(', '));
    assert.ok(titles.includes('Ignore syntax-error in this file'));
    const line = actions.find((a) => a.title === 'Ignore syntax-error for this line')!;
    const fixed = applyWorkspaceEdit(BROKEN, PY, line.edit);
    assert.equal(fixed.split('\n')[2], 'def train(:  # preflight: ignore[syntax-error]');
    await changeText(h, PY, 4, [{ range: rangeOf(0, 0, 4, 0), text: fixed }]);
    await h.settle();
    assert.deepEqual(codes(h.latest.get(PY)), []);
    // Asking again on the suppressed line offers no duplicate directive.
    const again = await actionsFor(h, PY, diagnostics);
    assert.ok(!again.some((a) => a.title === 'Ignore syntax-error for this line'));
  });

  it('a fix-all request with nothing fixable returns no action', async () => {
    const actions = await actionsFor(h, PY, [], ['source.fixAll.preflight']);
    assert.deepEqual(actions, []);
  });

  it('hover on a diagnostic shows the rule summary and a link to its docs', async () => {
    await changeText(h, PY, 5, [{ range: rangeOf(0, 0, 4, 0), text: BROKEN }]);
    await h.settle();
    const d = h.latest.get(PY)![0]!;
    const hover = await h.client.sendRequest<{ contents: { kind: string; value: string } } | null>('textDocument/hover', { textDocument: { uri: PY }, position: d.range.start });
    assert.ok(hover);
    assert.equal(hover.contents.kind, 'markdown');
    assert.match(hover.contents.value, /syntax-error/);
    // The doc link opens the page shipped in the extension (works offline), not a web URL.
    assert.match(hover.contents.value, /\(command:preflight\.openRuleDocs\?[^)]*syntax-error[^)]*\)/);
    assert.doesNotMatch(hover.contents.value, /https?:\/\//);
    const none = await h.client.sendRequest('textDocument/hover', { textDocument: { uri: PY }, position: { line: 0, character: 0 } });
    assert.equal(none, null);
  });

  it('settings: a customization changes the severity, off removes it, disable clears the file', async () => {
    h.settings = { rules: { customizations: [{ rule: 'syntax-error', severity: 'warning' }] } };
    await h.client.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await h.settle();
    assert.equal(h.latest.get(PY)![0]!.severity, 2);

    h.settings = { rules: { customizations: [{ rule: 'syntax-error', severity: 'off' }] } };
    await h.client.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await h.settle();
    assert.deepEqual(codes(h.latest.get(PY)), []);

    h.settings = { enable: false };
    await h.client.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await h.settle();
    assert.deepEqual(codes(h.latest.get(PY)), []);

    // Invalid values fall back to the defaults and are logged, never thrown.
    h.settings = { enable: 'yes', rules: { customizations: [{ rule: 'no-such-rule', severity: 'loud' }] }, seed: -1 };
    await h.client.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await h.settle();
    assert.deepEqual(codes(h.latest.get(PY)), ['syntax-error']);
    assert.equal(h.latest.get(PY)![0]!.severity, 1);
    assert.ok(h.logs.some((l) => /preflight\.enable/.test(l.message)));
    assert.ok(h.logs.some((l) => /preflight\.rules\.customizations\[0\]/.test(l.message)));
    h.settings = {};
  });

  it('closing a document clears its diagnostics', async () => {
    await h.client.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await h.settle();
    assert.deepEqual(codes(h.latest.get(PY)), ['syntax-error']);
    await h.client.sendNotification('textDocument/didClose', { textDocument: { uri: PY } });
    await h.settle();
    assert.deepEqual(h.latest.get(PY), []);
  });

  it('a handler that throws logs, answers empty, and the server keeps working', async () => {
    const actions = await h.client.sendRequest('textDocument/codeAction', { textDocument: null, range: null, context: null });
    assert.deepEqual(actions, []);
    const hover = await h.client.sendRequest('textDocument/hover', { textDocument: null, position: null });
    assert.equal(hover, null);
    await h.client.sendNotification('preflight/cellExecution', { notebookUri: 42, cells: 'nope' });
    assert.ok(h.logs.some((l) => /codeAction failed/.test(l.message)));
    // Still alive: a new document is analysed.
    const uri = 'file:///tmp/preflight-tests/after.py';
    await openText(h, uri, 'python', 'while:\n');
    await h.settle();
    assert.deepEqual(codes(h.latest.get(uri)), ['syntax-error']);
    assert.ok(h.logs.some((l) => /preflight\/cellExecution: ignored malformed/.test(l.message)));
  });
});
