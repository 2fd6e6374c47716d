/**
 * Project context in the editor: unsaved manifest text is what rules read (overlay file
 * system), a manifest edit re-analyses the other open documents of its project, and closing the
 * manifest (discarding its edits) goes back to the disk.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { changeText, codes, openText, rangeOf, startHarness, type Harness } from './lspHarness';

describe('project overlay', () => {
  let h: Harness;
  let dir: string;
  let py: string;
  let req: string;
  before(async () => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-overlay-')));
    fs.writeFileSync(path.join(dir, 'requirements.txt'), 'numpy==1.26.4\n');
    fs.writeFileSync(path.join(dir, 'app.py'), 'import requests\n');
    py = pathToFileURL(path.join(dir, 'app.py')).href;
    req = pathToFileURL(path.join(dir, 'requirements.txt')).href;
    h = await startHarness({ rootUri: pathToFileURL(dir).href });
  });
  after(async () => {
    await h.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('an import the manifest on disk does not declare is reported', async () => {
    await openText(h, py, 'python', 'import requests\n');
    await h.settle();
    assert.deepEqual(codes(h.latest.get(py)), ['undeclared-import']);
  });

  it('declaring it in the open, unsaved manifest clears the finding in the other file', async () => {
    await openText(h, req, 'pip-requirements', 'numpy==1.26.4\n');
    await h.settle();
    assert.deepEqual(codes(h.latest.get(py)), ['undeclared-import']);
    await changeText(h, req, 2, [{ range: rangeOf(1, 0, 1, 0), text: 'requests==2.32.3\n' }]);
    await h.settle();
    assert.deepEqual(codes(h.latest.get(py)), []);
  });

  it('closing the manifest without saving goes back to the disk', async () => {
    await h.client.sendNotification('textDocument/didClose', { textDocument: { uri: req } });
    await h.settle();
    assert.deepEqual(codes(h.latest.get(py)), ['undeclared-import']);
  });

  it('a manifest changed on disk (watched files) re-analyses the project', async () => {
    fs.writeFileSync(path.join(dir, 'requirements.txt'), 'numpy==1.26.4\nrequests==2.32.3\n');
    await h.client.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: req, type: 2 }] });
    await h.settle();
    assert.deepEqual(codes(h.latest.get(py)), []);
  });

  it('a Python module created on disk (watched files) becomes the project\'s own import', async () => {
    const nb = pathToFileURL(path.join(dir, 'tool.py')).href;
    await openText(h, nb, 'python', 'import slack_helpers\n');
    await h.settle();
    assert.deepEqual(codes(h.latest.get(nb)), ['undeclared-import']);
    const helper = path.join(dir, 'slack_helpers.py');
    fs.writeFileSync(helper, 'def post(text):\n    return text\n');
    await h.client.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(helper).href, type: 1 }] });
    await h.settle();
    assert.deepEqual(codes(h.latest.get(nb)), []);
    fs.rmSync(helper);
    await h.client.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(helper).href, type: 3 }] });
    await h.settle();
    assert.deepEqual(codes(h.latest.get(nb)), ['undeclared-import']);
    await h.client.sendNotification('textDocument/didClose', { textDocument: { uri: nb } });
  });

  it('[tool.preflight] exclude and the editor exclude setting silence matching files', async () => {
    h.settings = { exclude: ['app.py'] };
    await h.client.sendNotification('workspace/didChangeConfiguration', { settings: null });
    fs.writeFileSync(path.join(dir, 'requirements.txt'), 'numpy==1.26.4\n');
    await h.client.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: req, type: 2 }] });
    await h.settle();
    assert.deepEqual(codes(h.latest.get(py)), []);
    h.settings = {};
    await h.client.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await h.settle();
    assert.deepEqual(codes(h.latest.get(py)), ['undeclared-import']);
  });
});
