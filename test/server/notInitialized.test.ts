/**
 * Messages before `initialize` (LSP 3.17): a request is answered with ServerNotInitialized
 * (-32002), a notification is dropped, `exit` still stops the server. Over the bundled server's
 * `--stdio`, where the connection is the one `server.ts` creates.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { initializeRequest, serverBuilt, startStdioServer } from './stdioServer';

const SERVER_NOT_INITIALIZED = -32002;
const BROKEN = 'file:///tmp/preflight-not-initialized/early.py';
const LATER = 'file:///tmp/preflight-not-initialized/later.py';
const open = (uri: string) => ({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'python', version: 1, text: 'def f(:\n    pass\n' } } });

describe('before initialize', { skip: serverBuilt }, () => {
  it('requests get ServerNotInitialized, notifications are dropped, and after initialize all is served', async () => {
    const s = startStdioServer();
    s.send({ jsonrpc: '2.0', id: 1, method: 'textDocument/hover', params: { textDocument: { uri: BROKEN }, position: { line: 0, character: 0 } } });
    s.send({ jsonrpc: '2.0', id: 2, method: 'shutdown' });
    s.send(open(BROKEN));
    const hover = await s.waitFor((m) => m.id === 1);
    assert.equal(hover.error?.code, SERVER_NOT_INITIALIZED);
    assert.match(hover.error!.message, /textDocument\/hover/);
    assert.equal('result' in hover, false);
    assert.equal((await s.waitFor((m) => m.id === 2)).error?.code, SERVER_NOT_INITIALIZED);

    s.send(initializeRequest(3));
    const init = await s.waitFor((m) => m.id === 3);
    assert.ok((init.result as { capabilities?: object }).capabilities, 'initialize answered with capabilities');
    s.send({ jsonrpc: '2.0', method: 'initialized', params: {} });
    s.send(open(LATER));
    const later = await s.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && (m.params as { uri: string }).uri === LATER);
    assert.deepEqual((later.params as { diagnostics: { code: string }[] }).diagnostics.map((d) => d.code), ['syntax-error']);
    // The early didOpen was dropped: that document is not open, so it was never analysed.
    assert.equal(s.messages.some((m) => m.method === 'textDocument/publishDiagnostics' && (m.params as { uri: string }).uri === BROKEN), false);
    assert.match(s.stderr(), /Answered 'textDocument\/hover' .* before 'initialize' with ServerNotInitialized/);
    assert.match(s.stderr(), /Dropped 'textDocument\/didOpen' .* before 'initialize'/);
    // Each kind is logged once, however many early messages came.
    assert.equal(s.stderr().match(/Answered/g)?.length, 1);

    s.send({ jsonrpc: '2.0', id: 4, method: 'shutdown' });
    assert.equal((await s.waitFor((m) => m.id === 4)).error, undefined);
    s.send({ jsonrpc: '2.0', method: 'exit' });
    assert.equal(await s.exited(60_000), 0);
  });

  it('exit before initialize stops the server (non-zero: no shutdown came first)', async () => {
    const s = startStdioServer();
    s.send({ jsonrpc: '2.0', method: 'exit' });
    assert.equal(await s.exited(60_000), 1);
  });
});
