/**
 * Secrets are never echoed over LSP (issue 19): diagnostics (messages, related information,
 * the fix stored in `data`), code action titles and the checklist the panel shows carry no
 * piece of a token in a requirement URL or of an AWS key in a saved traceback.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { AWS, GITHUB, leaked, REQUIREMENTS, secretsProject } from '../secretsFixture';
import { openText, startHarness, type Harness } from './lspHarness';

describe('secrets are never echoed by the language server', () => {
  let h: Harness;
  let dir: string;
  before(async () => {
    dir = secretsProject();
    h = await startHarness({ rootUri: pathToFileURL(dir).href });
  });
  after(() => h.close());

  it('diagnostics and code actions of a requirements file with a token URL', async () => {
    const uri = pathToFileURL(path.join(dir, 'requirements.txt')).href;
    await openText(h, uri, 'pip-requirements', REQUIREMENTS);
    await h.settle();
    const diagnostics = h.latest.get(uri) ?? [];
    const codes = new Set(diagnostics.map((d) => d.code));
    assert.ok(codes.has('unpinned-requirement') && codes.has('hardcoded-secret'), `both rules report (${[...codes].join(', ')})`);
    const actions = await h.client.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 3, character: 0 } },
      context: { diagnostics },
    });
    assert.deepEqual(leaked(JSON.stringify(h.published)), []);
    assert.deepEqual(leaked(JSON.stringify(actions)), []);
  });

  it('diagnostics of a Python file quoting a traceback with a key', async () => {
    const uri = pathToFileURL(path.join(dir, 'debug.py')).href;
    await openText(h, uri, 'python', `# ClientError: key ${AWS} is not valid\nTOKEN = "${GITHUB}"\n`);
    await h.settle();
    assert.equal((h.latest.get(uri) ?? []).filter((d) => d.code === 'hardcoded-secret').length, 2);
    assert.deepEqual(leaked(JSON.stringify(h.published)), []);
  });

  it('the checklist quoting the saved traceback', async () => {
    const result = await h.client.sendRequest<{ ok: boolean; checklist?: unknown }>('preflight/checklist', { root: dir, scope: 'workspace' });
    assert.equal(result.ok, true);
    const text = JSON.stringify(result);
    assert.match(text, /saved output is a traceback: ClientError/);
    assert.deepEqual(leaked(text), []);
  });
});
