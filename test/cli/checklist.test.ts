import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { main } from '../../server/src/cli/main';
import { checklistSchema } from '../../server/src/engine/checklist/model';
import { commitAll, git, initRepo, tempDir, write } from '../engine/checklist/repo';

async function run(args: string[], cwd: string) {
  let out = '';
  let err = '';
  const code = await main(args, { out: (s) => (out += s), err: (s) => (err += s) }, cwd);
  return { code, out, err };
}

/** A repository on a feature branch: main has a tracked .env (a failing item) and a clean file. */
function repoWithFeature(): string {
  const dir = initRepo({ '.env': 'TOKEN=abc\n', 'app.py': 'x = 1\n', 'requirements.txt': 'numpy==1.26.4\n' });
  commitAll(dir, 'base');
  git(dir, 'checkout', '-q', '-b', 'feature');
  write(dir, { 'feature.py': 'def f(:\n  pass\n' });
  commitAll(dir, 'feature');
  return dir;
}

describe('preflight checklist', () => {
  it('json: the documented model, exit 1 when an item fails', async () => {
    const dir = repoWithFeature();
    const { code, out } = await run(['checklist', dir, '--format', 'json'], dir);
    assert.equal(code, 1);
    const c = checklistSchema.parse(JSON.parse(out));
    assert.equal(c.scope.mode, 'workspace');
    assert.equal(c.items.find((i) => i.id === 'no-secrets')?.status, 'fail');
    assert.deepEqual(c.groups.map((g) => g.title), ['Reproducibility', 'Notebooks', 'Agent runtime', 'Serving', 'Operations and security']);
    for (const i of c.items) {
      assert.ok(i.why && i.howToFix && i.origins.length, i.id);
      assert.ok(['pass', 'warn', 'fail', 'not-applicable', 'unknown'].includes(i.status));
    }
  });

  it('--changed-since limits analysis to the branch changes', async () => {
    const dir = repoWithFeature();
    const { out } = await run(['checklist', dir, '--format', 'json', '--changed-since', 'main'], dir);
    const c = checklistSchema.parse(JSON.parse(out));
    assert.equal(c.scope.mode, 'branch');
    assert.equal(c.scope.git.base, 'main');
    assert.deepEqual(c.scope.changedFiles, ['feature.py']);
    assert.equal(c.scope.filesAnalysed, 1);
  });

  it('text: groups, statuses, evidence with locations and fixes', async () => {
    const dir = repoWithFeature();
    const { code, out } = await run(['checklist', dir], dir);
    assert.equal(code, 1);
    assert.match(out, /^Preflight readiness checklist — whole workspace: 3 files analysed$/m);
    assert.match(out, /^Operations and security$/m);
    assert.match(out, /^ {2}\[FAIL\] {4}No secrets in code, outputs or tracked files \(no-secrets\)$/m);
    assert.match(out, /^ {12}- \.env: tracked by git: an environment file with credentials$/m);
    assert.match(out, /^ {12}fix: Read credentials from the environment/m);
    // Not a pass: which files the verdict rests on, before the fix.
    assert.match(out, /^ {12}- \.env: tracked by git[^\n]*\n {12}looked at: 4 files \(app\.py, feature\.py, requirements\.txt, …\)\n {12}fix: /m);
    assert.doesNotMatch(out.split('(dependencies-pinned)')[1]!.split('\n  [')[0]!, /looked at:/, 'a pass does not list them');
    assert.match(out, /^\d+ failed, \d+ warnings?, \d+ unknown, \d+ passed, \d+ not applicable\.$/m);
  });

  it('markdown: a pull-request section with escaped text and code-span paths', async () => {
    const dir = repoWithFeature();
    write(dir, { 'data/<img src=x onerror=alert(1)>.csv': 'a\n' });
    const { out } = await run(['checklist', dir, '--format', 'markdown'], dir);
    assert.match(out, /^## Preflight readiness checklist$/m);
    assert.match(out, /^### ❌ Operations and security$/m);
    assert.match(out, /^- ❌ \*\*No secrets in code, outputs or tracked files\*\* — 1 credential file is tracked by git\./m);
    assert.match(out, /^ {2}- `\.env` tracked by git: an environment file with credentials$/m);
    // The hostile file name appears only inside a code span, never as raw HTML.
    assert.match(out, /`data\/<img src=x onerror=alert\(1\)>\.csv`/);
    assert.equal(out.replace(/`[^`]*`/g, '').includes('<img'), false);
  });

  it('--fail-on warn is stricter; a clean project exits 0', async () => {
    const dir = tempDir();
    write(dir, { 'README.md': '# x\n' });
    const lenient = await run(['checklist', dir], dir);
    assert.equal(lenient.code, 0, lenient.out);
    const strict = await run(['checklist', dir, '--fail-on', 'warn'], dir);
    assert.equal(strict.code, 1); // no CI, tests or runbook: warnings
  });

  it('exit 2 on usage errors and on a --changed-since ref that does not exist', async () => {
    const dir = repoWithFeature();
    assert.equal((await run(['checklist', dir, '--format', 'sarif'], dir)).code, 2);
    assert.equal((await run(['checklist', dir, '--fail-on', 'error'], dir)).code, 2);
    assert.equal((await run(['checklist', path.join(dir, 'missing')], dir)).code, 2);
    const bad = await run(['checklist', dir, '--changed-since', 'origin/nope'], dir);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /cannot compare with "origin\/nope"/);
  });
});
