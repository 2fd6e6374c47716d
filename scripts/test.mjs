// `npm test` after type checking and bundling: compile the tests into a folder of this run's own
// (out-<pid>, so several runs at once never overwrite each other's files), run them, clean up.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';

const outDir = `out-${process.pid}`;
const env = { ...process.env, OUT_DIR: outDir };
let status = 1;
try {
  const build = spawnSync(process.execPath, ['scripts/build-tests.mjs'], { stdio: 'inherit', env });
  status = build.status ?? 1;
  if (status === 0) status = spawnSync(process.execPath, ['scripts/run-tests.mjs', ...process.argv.slice(2)], { stdio: 'inherit', env }).status ?? 1;
} finally {
  fs.rmSync(outDir, { recursive: true, force: true });
}
process.exit(status);
