/**
 * Garbled `Content-Length` framing: the checker's verdicts on raw bytes, and the bundled server
 * over `--stdio`, which exits (non-zero, with a log line) instead of hanging silently, so the
 * client restarts it. The waits are generous bounds for a slow machine, not speed assertions.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FrameChecker, MAX_CONTENT_LENGTH, MAX_HEADER_BYTES } from '../../server/src/lsp/framing';
import { frame, initializeRequest, serverBuilt, startStdioServer } from './stdioServer';

const EXIT_WAIT_MS = 60_000;
const hover = (id: number) => ({ jsonrpc: '2.0', id, method: 'textDocument/hover', params: { textDocument: { uri: 'file:///nowhere.py' }, position: { line: 0, character: 0 } } });

function verdict(...chunks: (string | Buffer)[]): string | undefined {
  const checker = new FrameChecker();
  let problem: string | undefined;
  for (const c of chunks) problem = checker.push(typeof c === 'string' ? Buffer.from(c, 'latin1') : c) ?? problem;
  return problem;
}

describe('FrameChecker', () => {
  it('accepts well-formed frames: several per chunk, split anywhere, bodies holding blank lines, extra headers', () => {
    const messages = Buffer.concat([frame(hover(1)), frame({ jsonrpc: '2.0', method: 'x', params: { text: 'a\r\n\r\nb' } }), Buffer.from('content-length: 2\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}')]);
    assert.equal(verdict(messages), undefined);
    assert.equal(verdict(...[...messages].map((b) => Buffer.from([b]))), undefined, 'one byte at a time');
    assert.equal(verdict(`Content-Length: ${MAX_CONTENT_LENGTH}\r\n\r\n`), undefined, 'the limit itself');
    assert.equal(verdict('Content-Length: 0\r\n\r\n', frame(hover(2))), undefined, 'an empty body keeps the stream in step');
  });

  it('rejects each broken header, naming what is wrong', () => {
    assert.match(verdict('Content-Type: application/json\r\n\r\n{}')!, /without Content-Length/);
    assert.match(verdict('Content-Length: abc\r\n\r\n{}')!, /not a non-negative integer \("abc"\)/);
    assert.match(verdict('Content-Length: -5\r\n\r\n{}')!, /not a non-negative integer \("-5"\)/);
    assert.match(verdict('Content-Length: 12abc\r\n\r\n{}')!, /not a non-negative integer/);
    assert.match(verdict('Content-Length: 1.5\r\n\r\n{}')!, /not a non-negative integer/);
    assert.match(verdict(`Content-Length: ${MAX_CONTENT_LENGTH + 1}\r\n\r\n`)!, /over the \d+-byte limit/);
    assert.match(verdict('Content-Length: 99999999999999999999999\r\n\r\n')!, /over the \d+-byte limit/);
    assert.match(verdict('{"jsonrpc":"2.0"}\r\n\r\n')!, /a header name with a character no header name has \("\{"\)/);
    assert.match(verdict('garbage\r\n\r\n')!, /a header line broken by a line end/);
    assert.match(verdict(': 5\r\n\r\n')!, /a header line without a name/);
    assert.match(verdict('\r\nContent-Length: 2\r\n\r\n{}')!, /a header line without ':'/);
    assert.match(verdict('x'.repeat(MAX_HEADER_BYTES + 1))!, /without its blank line/);
  });

  it('a length longer than the body swallows the next header: the rest of it is rejected', () => {
    const body = JSON.stringify(hover(1));
    assert.match(verdict(`Content-Length: ${body.length + 10}\r\n\r\n${body}`, frame(hover(2)))!, /without Content-Length/);
    // The header and part of the next body swallowed: what is left never has a blank line, and
    // the client sends nothing more while it waits for its answer. Judged from the first bad byte.
    assert.match(verdict(`Content-Length: ${body.length + 30}\r\n\r\n${body}`, frame(hover(2)))!, /likely the middle of a message body/);
    // Shorter than the body: the body's tail is read as a header.
    assert.ok(verdict(`Content-Length: ${body.length - 3}\r\n\r\n${body}`, frame(hover(2))));
  });

  it('stays broken once broken', () => {
    const checker = new FrameChecker();
    assert.ok(checker.push(Buffer.from('bad\r\n\r\n')));
    assert.ok(checker.push(frame(hover(1))));
  });
});

describe('the bundled server over --stdio, given garbled framing', { skip: serverBuilt }, () => {
  /** Initialise, prove the server answers, send `garbage`, and wait for the exit. */
  async function exitAfter(garbage: string | Buffer, end = false) {
    const s = startStdioServer();
    s.send(initializeRequest(1));
    s.send({ jsonrpc: '2.0', method: 'initialized', params: {} });
    s.send(hover(2));
    await s.waitFor((m) => m.id === 2);
    s.write(garbage);
    // What a client keeps sending (a request it waits for) must not keep the server alive.
    s.send(hover(3));
    if (end) s.child.stdin.end();
    const code = await s.exited(EXIT_WAIT_MS);
    return { code, stderr: s.stderr(), answered3: s.messages.some((m) => m.id === 3) };
  }

  const cases: [string, string | Buffer, RegExp][] = [
    ['missing Content-Length', 'Content-Type: application/json\r\n\r\n{}', /without Content-Length/],
    ['a non-numeric length', 'Content-Length: abc\r\n\r\n{}', /not a non-negative integer/],
    ['a negative length', 'Content-Length: -5\r\n\r\n{}', /not a non-negative integer/],
    ['a huge length', 'Content-Length: 99999999999\r\n\r\n{}', /over the \d+-byte limit/],
    ['a header line without a colon', 'hello\r\n\r\n', /a header line broken by a line end/],
    ['a length longer than the body, followed by the next message', `Content-Length: 60\r\n\r\n${JSON.stringify({ jsonrpc: '2.0', method: 'x' })}`, /likely the middle of a message body/],
    ['bytes that never end a header', Buffer.alloc(MAX_HEADER_BYTES + 10, 0x41), /without its blank line/],
  ];
  for (const [name, garbage, logged] of cases) {
    it(`${name}: exits non-zero with a log line instead of hanging`, async () => {
      const r = await exitAfter(garbage);
      assert.notEqual(r.code, 'still running', `server still running ${EXIT_WAIT_MS} ms after ${name}`);
      assert.ok(typeof r.code === 'number' && r.code !== 0, `exit code ${r.code}`);
      assert.match(r.stderr, /Preflight: exiting: the client sent /);
      assert.match(r.stderr, logged);
      assert.equal(r.answered3, false, 'nothing is answered after the broken frame');
    });
  }

  it('a length longer than the body, then end of input: exits non-zero', async () => {
    const r = await exitAfter('Content-Length: 5000\r\n\r\n{"jsonrpc":"2.0","id":9,"method":"shutdown"}', true);
    assert.ok(typeof r.code === 'number' && r.code !== 0, `exit code ${r.code}`);
  });

  it('a well-framed body that is not JSON keeps the stream in step: the next request is answered', async () => {
    const s = startStdioServer();
    s.send(initializeRequest(1));
    await s.waitFor((m) => m.id === 1);
    s.write('Content-Length: 5\r\n\r\n{oops');
    s.send(hover(2));
    const answer = await s.waitFor((m) => m.id === 2);
    assert.equal(answer.result, null);
    assert.equal(s.child.exitCode, null, 'still running');
    s.send({ jsonrpc: '2.0', id: 3, method: 'shutdown' });
    await s.waitFor((m) => m.id === 3);
    s.send({ jsonrpc: '2.0', method: 'exit' });
    assert.equal(await s.exited(EXIT_WAIT_MS), 0);
  });
});
