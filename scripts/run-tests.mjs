// Runs every compiled test file under out/test with node's test runner. Node 20 takes --test
// arguments as paths and Node 22 as globs, so we list the files ourselves (same on both).
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { testFiles } from './testFiles.mjs';

const root = path.resolve(process.env.OUT_DIR ?? 'out', 'test');
const files = testFiles(root, '.test.js');
const only = process.argv.slice(2);
const selected = only.length ? files.filter((f) => only.some((o) => f.includes(o))) : files;
const r = spawnSync(process.execPath, ['--test', '--test-reporter=spec', ...selected.sort()], { stdio: 'inherit' });
process.exit(r.status ?? 1);
