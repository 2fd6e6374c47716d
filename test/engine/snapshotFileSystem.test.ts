/**
 * The CLI's snapshot file system answers `exists` from one listing per folder (module resolution
 * asks about many names that are not there): the answers must be those of the disk.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { nodeFileSystem, snapshotFileSystem } from '../../server/src/engine/project';

describe('snapshotFileSystem', () => {
  it('exists agrees with the disk for files, folders, missing names, names under missing or file parents, and the root', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-snapshot-'));
    fs.mkdirSync(path.join(dir, 'pkg', 'sub'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'pkg', '__init__.py'), '');
    fs.writeFileSync(path.join(dir, 'app.py'), 'x = 1\n');
    const snap = snapshotFileSystem();
    const asked = [
      'app.py', 'pkg', 'pkg/__init__.py', 'pkg/sub', 'pkg/sub/__init__.py', 'missing.py', 'missing/x.py',
      'app.py/x', 'pkg/.', 'pkg/..', 'pkg/sub/',
    ].map((p) => path.join(dir, p));
    for (const p of [...asked, dir, path.parse(dir).root]) assert.equal(snap.exists(p), nodeFileSystem.exists(p), p);
    assert.deepEqual(asked.map((p) => snap.exists(p)), [true, true, true, true, false, false, false, false, true, true, true]);
    // A snapshot: what appears on disk afterwards is not seen by the same run.
    fs.writeFileSync(path.join(dir, 'late.py'), '');
    assert.equal(snap.exists(path.join(dir, 'late.py')), false);
  });
});
