// `npm run fuzz -- --runs N`: the fuzz properties of test/robustness with N runs each.
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '10000' } } });
let r = spawnSync(process.execPath, ['scripts/build-tests.mjs'], { stdio: 'inherit' });
if (r.status !== 0) process.exit(r.status ?? 1);
r = spawnSync(process.execPath, ['--test', '--test-reporter=spec', 'out/test/robustness/fuzz.test.js'], {
  stdio: 'inherit',
  env: { ...process.env, PREFLIGHT_FUZZ_RUNS: values.runs },
});
process.exit(r.status ?? 1);
