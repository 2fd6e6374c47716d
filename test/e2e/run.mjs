// Entry of `npm run test:e2e`: bundles the TypeScript driver (test/e2e/main.ts) with esbuild,
// then runs it on this Node. playwright-core stays external (loaded from node_modules).
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';

const outfile = 'out/e2e/main.js';
await esbuild.build({
  entryPoints: ['test/e2e/main.ts'],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  packages: 'external',
  sourcemap: 'inline',
  logLevel: 'warning',
});
const r = spawnSync(process.execPath, ['--enable-source-maps', outfile], { stdio: 'inherit' });
process.exit(r.status ?? 1);
