// Compiles every test/**/*.test.ts to out/ (or $OUT_DIR) with esbuild (type checking is `tsc --noEmit`).
// Dependencies stay external so tests load the same packages the bundles are built from.
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';

const skip = new Set(['integration', 'e2e', 'fixtures']);
const files = [];
const walk = (dir) => {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (!skip.has(e.name)) walk(p);
    } else if (e.name.endsWith('.test.ts')) files.push(p);
  }
};
walk('test');
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
