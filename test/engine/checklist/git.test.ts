import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { resolveGitScope } from '../../../server/src/engine/checklist/git';
import { commitAll, git, initRepo, tempDir, write } from './repo';

describe('checklist git scope', () => {
  it('branch scope: files changed since the merge-base with main, plus uncommitted and untracked files', async () => {
    const dir = initRepo({ 'a.py': 'x = 1\n', 'b.py': 'y = 1\n', 'gone.py': 'z = 1\n' });
    commitAll(dir, 'base');
    git(dir, 'checkout', '-q', '-b', 'feature');
    write(dir, { 'c.py': 'c = 1\n' });
    fs.rmSync(path.join(dir, 'gone.py'));
    commitAll(dir, 'feature work');
    // main moves on after the branch point: its new file must not count as a branch change.
    git(dir, 'checkout', '-q', 'main');
    write(dir, { 'main-only.py': 'm = 1\n' });
    commitAll(dir, 'main moves');
    git(dir, 'checkout', '-q', 'feature');
    write(dir, { 'a.py': 'x = 2\n', 'new.py': 'n = 1\n' }); // uncommitted edit + untracked file

    const scope = await resolveGitScope(dir, 'branch');
    assert.equal(scope.effectiveMode, 'branch');
    assert.deepEqual(scope.changed, ['a.py', 'c.py', 'new.py']);
    assert.deepEqual(scope.uncommitted, ['a.py', 'new.py']);
    assert.equal(scope.info.branch, 'feature');
    assert.equal(scope.info.base, 'main');
    assert.equal(scope.info.mergeBase, git(dir, 'merge-base', 'feature', 'main').trim());
    assert.deepEqual(scope.notes, []);
  });

  it('prefers the remote default branch (origin/HEAD) and honours an explicit base', async () => {
    const upstream = initRepo({ 'a.py': 'x = 1\n' }, 'trunk');
    commitAll(upstream, 'base');
    const dir = tempDir();
    git(dir, 'clone', '-q', upstream, '.');
    git(dir, 'checkout', '-q', '-b', 'feature');
    write(dir, { 'b.py': 'y = 1\n' });
    commitAll(dir, 'feature');
    const auto = await resolveGitScope(dir, 'branch');
    assert.equal(auto.info.base, 'origin/trunk');
    assert.deepEqual(auto.changed, ['b.py']);
    const explicit = await resolveGitScope(dir, 'branch', 'feature');
    assert.equal(explicit.info.base, 'feature');
    assert.deepEqual(explicit.changed, []);
    const bad = await resolveGitScope(dir, 'branch', 'no-such-branch');
    assert.equal(bad.badBase, 'no-such-branch');
  });

  it('tracked .env and large data files are facts; .env.example and LFS files are not flagged', async () => {
    const dir = initRepo({
      '.env': 'OPENAI_API_KEY=sk-test\n',
      '.env.example': 'OPENAI_API_KEY=\n',
      'data/big.csv': Buffer.alloc(1_200_000, 'a'),
      'data/lfs.parquet': Buffer.alloc(1_200_000, 'b'),
      'data/small.csv': 'a,b\n1,2\n',
      '.gitattributes': 'data/lfs.parquet filter=lfs diff=lfs merge=lfs -text\n',
    });
    commitAll(dir, 'data');
    const scope = await resolveGitScope(dir, 'workspace');
    assert.ok(scope.facts);
    assert.ok(scope.facts.tracked.includes('.env'));
    assert.deepEqual(scope.facts.largeTracked.map((f) => f.file), ['data/big.csv']);
  });

  it('a folder without git: workspace scope, git unavailable', async () => {
    const dir = tempDir();
    write(dir, { 'a.py': 'x = 1\n' });
    const scope = await resolveGitScope(dir, 'branch');
    assert.equal(scope.info.available, false);
    assert.equal(scope.effectiveMode, 'workspace');
    assert.equal(scope.changed, undefined);
    assert.equal(scope.facts, undefined);
    assert.match(scope.notes[0] ?? '', /Not a git repository/);
  });

  it('a repository with no commits yet: every file is a change', async () => {
    const dir = initRepo({ 'a.py': 'x = 1\n' });
    git(dir, 'add', 'a.py');
    write(dir, { 'b.py': 'y = 1\n' });
    const scope = await resolveGitScope(dir, 'branch');
    assert.equal(scope.info.noCommits, true);
    assert.equal(scope.effectiveMode, 'branch');
    assert.equal(scope.changed, undefined);
    assert.deepEqual(scope.uncommitted, ['a.py', 'b.py']);
    assert.match(scope.notes.join(' '), /No commits yet/);
  });

  it('a shallow clone whose history misses the merge-base compares with the base tip and says so', async () => {
    const upstream = initRepo({ 'a.py': 'x = 1\n' });
    commitAll(upstream, 'one');
    git(upstream, 'checkout', '-q', '-b', 'feature');
    write(upstream, { 'f1.py': 'f = 1\n' });
    commitAll(upstream, 'feature 1');
    write(upstream, { 'f2.py': 'f = 2\n' });
    commitAll(upstream, 'feature 2');
    git(upstream, 'checkout', '-q', 'main');
    write(upstream, { 'm.py': 'm = 1\n' });
    commitAll(upstream, 'main moves');
    const dir = tempDir();
    // What CI checkouts do: depth 1 of the feature branch, plus depth 1 of the base.
    git(dir, 'clone', '-q', '--depth', '1', '--branch', 'feature', `file://${upstream}`, '.');
    git(dir, 'fetch', '-q', '--depth', '1', 'origin', 'main:refs/remotes/origin/main');
    const scope = await resolveGitScope(dir, 'branch', 'origin/main');
    assert.equal(scope.info.shallow, true);
    assert.equal(scope.effectiveMode, 'branch');
    assert.equal(scope.info.mergeBase, undefined);
    assert.match(scope.notes.join(' '), /Shallow clone/);
    // Compared with main's tip: the feature's files differ; main's new file is absent here, so
    // it is a deletion from this side's view and not a file to check.
    assert.deepEqual(scope.changed, ['f1.py', 'f2.py']);
  });

  it('a workspace folder below the repository root sees paths relative to itself', async () => {
    const dir = initRepo({ 'svc/a.py': 'x = 1\n', 'other/b.py': 'y = 1\n' });
    commitAll(dir, 'base');
    git(dir, 'checkout', '-q', '-b', 'feature');
    write(dir, { 'svc/c.py': 'c = 1\n', 'other/d.py': 'd = 1\n' });
    commitAll(dir, 'feature');
    const scope = await resolveGitScope(path.join(dir, 'svc'), 'branch');
    assert.deepEqual(scope.changed, ['c.py']);
    assert.deepEqual(scope.facts?.tracked, ['a.py', 'c.py']);
  });
});
