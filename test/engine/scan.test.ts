import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { scanPaths } from '../../server/src/engine/scan';

function tree(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-scan-'));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

const rels = (dir: string, files: string[]) => files.map((f) => path.relative(dir, f).split(path.sep).join('/')).sort();

describe('scanPaths', () => {
  it('finds notebooks, python files and every kind of manifest', () => {
    const dir = tree({
      'a.ipynb': '{}', 'b.py': '', 'requirements.txt': '', 'requirements-dev.txt': '', 'constraints.txt': '', 'environment.yml': '',
      Pipfile: '', 'Pipfile.lock': '', 'pyproject.toml': '', 'poetry.lock': '', 'uv.lock': '', 'pdm.lock': '', 'setup.py': '', 'setup.cfg': '',
      Dockerfile: '', 'bot.Dockerfile': '', 'notes.md': '', 'data.csv': '',
    });
    assert.deepEqual(rels(dir, scanPaths([dir], dir).files), [
      'Dockerfile', 'Pipfile', 'Pipfile.lock', 'a.ipynb', 'b.py', 'bot.Dockerfile', 'constraints.txt', 'environment.yml', 'pdm.lock', 'poetry.lock',
      'pyproject.toml', 'requirements-dev.txt', 'requirements.txt', 'setup.cfg', 'setup.py', 'uv.lock',
    ].sort());
  });
  it('skips .git, node_modules, virtualenvs, site-packages and checkpoints', () => {
    const dir = tree({
      'keep.py': '', '.git/x.py': '', 'node_modules/p/x.py': '', '.venv/lib/x.py': '', 'myenv/pyvenv.cfg': '', 'myenv/lib/x.py': '',
      'lib/site-packages/x.py': '', '.ipynb_checkpoints/a-checkpoint.ipynb': '{}',
    });
    assert.deepEqual(rels(dir, scanPaths([dir], dir).files), ['keep.py']);
  });
  it('honours .gitignore files, nested ones included', () => {
    const dir = tree({ '.gitignore': 'build_out/\n*.gen.py\n', 'a.py': '', 'x.gen.py': '', 'build_out/b.py': '', 'sub/.gitignore': 'secret.py\n', 'sub/secret.py': '', 'sub/ok.py': '' });
    assert.deepEqual(rels(dir, scanPaths([dir], dir).files), ['a.py', 'sub/ok.py']);
  });
  it('applies include and exclude globs relative to the root', () => {
    const dir = tree({ 'src/a.py': '', 'src/b.ipynb': '{}', 'tests/t.py': '' });
    assert.deepEqual(rels(dir, scanPaths([dir], dir, { exclude: ['tests/**'] }).files), ['src/a.py', 'src/b.ipynb']);
    assert.deepEqual(rels(dir, scanPaths([dir], dir, { include: ['**/*.ipynb'] }).files), ['src/b.ipynb']);
  });
  it('never follows a symlink loop and reports broken links', () => {
    const dir = tree({ 'a/x.py': '' });
    fs.symlinkSync(dir, path.join(dir, 'a', 'loop'));
    fs.symlinkSync(path.join(dir, 'missing'), path.join(dir, 'broken.py'));
    const r = scanPaths([dir], dir);
    assert.deepEqual(rels(dir, r.files), ['a/x.py']);
    assert.ok(r.problems.some((p) => /broken symbolic link/.test(p.message)));
  });
  it('reports a missing path and an unreadable folder without failing', () => {
    const dir = tree({ 'ok.py': '', 'locked/x.py': '' });
    fs.chmodSync(path.join(dir, 'locked'), 0o000);
    const r = scanPaths([dir, path.join(dir, 'nope')], dir);
    fs.chmodSync(path.join(dir, 'locked'), 0o755);
    assert.ok(r.files.some((f) => f.endsWith('ok.py')));
    assert.ok(r.problems.some((p) => /no such file/.test(p.message)));
    // root can read anything; only assert the folder problem when permissions apply
    if (process.getuid?.() !== 0) assert.ok(r.problems.some((p) => /cannot read folder/.test(p.message)));
  });
});
