// Compiles every test/**/*.test.ts to out/ (or $OUT_DIR) with esbuild (type checking is `tsc --noEmit`).
// Dependencies stay external so tests load the same packages the bundles are built from.
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import { testFiles } from './testFiles.mjs';

const files = testFiles('test', '.test.ts');
// OUT_DIR lets concurrent runs (npm test uses out-<pid>) build side by side without clobbering.
const outdir = process.env.OUT_DIR ?? 'out';
fs.rmSync(outdir, { recursive: true, force: true });
await esbuild.build({
  entryPoints: files,
  outdir,
  outbase: '.',
  bundle: true,
  packages: 'external',
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'inline',
  logLevel: 'warning',
});
