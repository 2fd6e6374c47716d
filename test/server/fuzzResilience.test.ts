/**
 * Server resilience: an exception in a rule, in the analysis around the rules, or in a request
 * handler is logged, the request is answered with an empty result, and the server keeps serving
 * every other document. Faults are injected in-process by swapping a registered rule's `check`
 * (and, for a fault outside the rules' try/catch, its `meta`) for the duration of a test.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import type { CodeAction, Hover } from 'vscode-languageserver';
import { ruleById } from '../../server/src/engine/registry';
import type { Rule } from '../../server/src/engine/rule';
import { cellUri, changeText, closeNotebook, codes, openNotebook, openText, rangeOf, startHarness, type Harness } from './lspHarness';

const RULE = 'unseeded-global-rng';
const SOURCE = 'import random\nxs = [1, 2]\nrandom.shuffle(xs)\n\ndef f(:\n    pass\n';

describe('server resilience (faults injected in-process)', () => {
  let h: Harness;
  let rule: Rule;
  let restore: (() => void) | undefined;
  before(async () => {
    h = await startHarness();
    rule = ruleById(RULE)!;
    assert.ok(rule, `${RULE} is registered`);
  });
  afterEach(() => {
    restore?.();
    restore = undefined;
  });
  after(async () => {
    await h.close();
  });

  const errorsLogged = (from: number, pattern: RegExp) => h.logs.slice(from).filter((l) => l.type === 1 && pattern.test(l.message));

  it('baseline: the rule reports on a .py file and a notebook cell', async () => {
    await openText(h, 'file:///tmp/preflight-resilience/base.py', 'python', SOURCE);
    await h.settle();
    assert.deepEqual(codes(h.latest.get('file:///tmp/preflight-resilience/base.py')).sort(), [RULE, 'syntax-error'].sort());
  });

  it('a rule that throws is logged; the other rules still report, in files and notebooks', async () => {
    const check = rule.check;
    rule.check = () => {
      throw new Error('injected rule failure');
    };
    restore = () => {
      rule.check = check;
    };
    const logs = h.logs.length;
    const py = 'file:///tmp/preflight-resilience/throwing-rule.py';
    await openText(h, py, 'python', SOURCE);
    const nb = 'file:///tmp/preflight-resilience/throwing-rule.ipynb';
    await openNotebook(h, [{ handle: 0, text: SOURCE }], nb);
    await h.settle();
    assert.deepEqual(codes(h.latest.get(py)), ['syntax-error']);
    assert.deepEqual(codes(h.latest.get(cellUri(0, nb))), ['syntax-error']);
    assert.ok(errorsLogged(logs, new RegExp(`Rule ${RULE} failed on .*throwing-rule\\.py: Error: injected rule failure`)).length >= 1, 'rule failure logged for the file');
    assert.ok(errorsLogged(logs, new RegExp(`Rule ${RULE} failed on .*throwing-rule\\.ipynb`)).length >= 1, 'rule failure logged for the notebook');
    await closeNotebook(h, [0], nb);
  });

  it('a failure outside the rules (the analysis itself) is logged, and other documents are still analysed', async () => {
    const meta = rule.meta;
    // `analyze` reads `meta.appliesTo` outside the per-rule try/catch: a throw there aborts the whole analysis of a document.
    Object.defineProperty(rule, 'meta', {
      configurable: true,
      get: () => ({
        ...meta,
        get appliesTo(): never {
          throw new Error('injected analysis failure');
        },
      }),
    });
    restore = () => {
      Object.defineProperty(rule, 'meta', { configurable: true, writable: true, value: meta });
    };
    const logs = h.logs.length;
    const broken = 'file:///tmp/preflight-resilience/analysis-fails.py';
    await openText(h, broken, 'python', SOURCE);
    await h.settle();
    assert.ok(errorsLogged(logs, /Analysis of file:\/\/\/tmp\/preflight-resilience\/analysis-fails\.py failed: Error: injected analysis failure/).length >= 1, 'analysis failure logged');
    restore();
    restore = undefined;
    // The server keeps serving: the next edit of the same document is analysed normally.
    await changeText(h, broken, 2, [{ range: rangeOf(4, 6, 4, 6), text: 'a)' }]);
    await h.settle();
    assert.deepEqual(codes(h.latest.get(broken)), [RULE]);
  });

  it('request handlers that throw on malformed params answer an empty result and log the error', async () => {
    const logs = h.logs.length;
    const actions = await h.client.sendRequest<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: 'file:///tmp/x.py' }, range: rangeOf(0, 0, 0, 0), context: null });
    assert.deepEqual(actions, []);
    const hover = await h.client.sendRequest<Hover | null>('textDocument/hover', { position: { line: 0, character: 0 } });
    assert.equal(hover, null);
    assert.ok(errorsLogged(logs, /^codeAction failed: TypeError/).length === 1, 'codeAction failure logged');
    assert.ok(errorsLogged(logs, /^hover failed: TypeError/).length === 1, 'hover failure logged');
    // Quick fixes computed from a diagnostic whose data a client mangled: answered, not thrown.
    const mangled = await h.client.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: 'file:///tmp/preflight-resilience/base.py' },
      range: rangeOf(0, 0, 0, 0),
      context: { diagnostics: [{ range: rangeOf(0, 0, 0, 1), message: 'x', source: 'preflight', data: { ruleId: RULE, fix: { title: 't', applicability: 'safe', edits: 'not edits' } } }] },
    });
    assert.ok(Array.isArray(mangled));
  });

  it('malformed notifications are logged and leave the server serving', async () => {
    const logs = h.logs.length;
    await h.client.sendNotification('notebookDocument/didChange', { notebookDocument: { uri: 'file:///nowhere.ipynb' }, change: null });
    await h.client.sendNotification('textDocument/didChange', { textDocument: { uri: 'file:///tmp/preflight-resilience/base.py' }, contentChanges: [{ text: 'x' }] });
    await h.client.sendNotification('preflight/cellExecution', { notebookUri: 3 });
    await h.client.sendNotification('workspace/didChangeWatchedFiles', { changes: 'none' });
    await h.settle();
    assert.ok(h.logs.length > logs, 'the malformed messages were logged');
    // Still serving: a new document gets its diagnostics.
    const next = 'file:///tmp/preflight-resilience/after-junk.py';
    await openText(h, next, 'python', SOURCE);
    await h.settle();
    assert.deepEqual(codes(h.latest.get(next)).sort(), [RULE, 'syntax-error'].sort());
    // The version-less change was ignored: the document kept its text and its diagnostics.
    assert.deepEqual(codes(h.latest.get('file:///tmp/preflight-resilience/base.py')).sort(), [RULE, 'syntax-error'].sort());
  });
});
