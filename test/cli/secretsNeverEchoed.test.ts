/**
 * Secrets are never echoed (issue 19): a token in a requirement URL and an AWS key in a saved
 * traceback appear in no output format of `preflight check` (serial and parallel) nor of
 * `preflight checklist`. The leak check looks for any 8-character piece of each secret, so a
 * mask that showed more than its first characters would fail too.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { main } from '../../server/src/cli/main';
import { leaked, NOTEBOOK, REQUIREMENTS, secretsProject } from '../secretsFixture';

async function run(args: string[], cwd: string) {
  let out = '';
  let err = '';
  await main(args, { out: (s) => (out += s), err: (s) => (err += s) }, cwd);
  return out + err;
}

describe('secrets are never echoed by the CLI', () => {
  const dir = secretsProject();
  it('the fixture holds the secrets and the rules report on those lines', async () => {
    assert.deepEqual(leaked(REQUIREMENTS + NOTEBOOK), ['GITHUB', 'AWS', 'AWS_SECRET', 'PASSWORD']);
    const json = JSON.parse(await run(['check', dir, '--format', 'json'], dir));
    const rules = new Set(json.findings.map((f: { rule: string }) => f.rule));
    for (const r of ['unpinned-requirement', 'hardcoded-secret', 'secret-in-output']) assert.ok(rules.has(r), `${r} reports`);
    assert.ok(json.findings.some((f: { message: string }) => f.message.includes('git+https://***@github.com/acme/other.git')), 'the requirement is still named, its token hidden');
  });
  for (const format of ['text', 'json', 'sarif', 'github']) {
    it(`check --format ${format}`, async () => {
      const out = await run(['check', dir, '--format', format], dir);
      assert.ok(out.length > 200, 'there is output');
      assert.deepEqual(leaked(out), []);
    });
  }
  it('check --jobs 2 (findings made in worker threads)', async () => {
    assert.deepEqual(leaked(await run(['check', dir, '--format', 'json', '--jobs', '2'], dir)), []);
  });
  for (const format of ['text', 'json', 'markdown']) {
    it(`checklist --format ${format} (evidence quotes the saved traceback)`, async () => {
      const out = await run(['checklist', dir, '--format', format], dir);
      assert.match(out, /traceback: ClientError: An error occurred \(InvalidAccessKeyId\)/);
      assert.deepEqual(leaked(out), []);
    });
  }
});
