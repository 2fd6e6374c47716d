// Bundles the extension client, the language server, the CLI and the webview script into dist/,
// and copies the tree-sitter wasm files and codicons beside them. `--production` minifies,
// `--watch` rebuilds on change.
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { createHash } from 'node:crypto';

const require = createRequire(import.meta.url);
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const node = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  // web-tree-sitter is not bundled: the parser loads a fresh copy of its CJS build (copied to
  // dist/ below) whenever its wasm module aborts (server/src/engine/python/parser.ts).
};

/**
 * The build id the CLI's result cache keys results by (server/src/cli/cacheKey.ts): a hash of
 * the server sources, the locked dependencies and this script, so a rebuilt engine never
 * reuses results of another while an unchanged rebuild keeps them. Not stamped in watch mode,
 * where the sources change under one build: the CLI then hashes its own bundle.
 */
function sourceBuildId() {
  const hash = createHash('sha256');
  const files = [];
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else files.push(p);
    }
  };
  walk('server/src');
  files.push('package-lock.json', 'esbuild.mjs');
  for (const f of files) hash.update(`${f}\0`).update(fs.readFileSync(f)).update('\0');
  return hash.digest('base64url').slice(0, 16);
}
if (!watch) node.define = { PREFLIGHT_BUILD_ID: JSON.stringify(`${production ? 'p' : 'd'}-${sourceBuildId()}`) };

const entries = [
  { ...node, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] },
  { ...node, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' },
  { ...node, entryPoints: ['server/src/cli/bin.ts'], outfile: 'dist/cli.js' },
];
if (fs.existsSync('media/checklist.ts')) {
  entries.push({ bundle: true, platform: 'browser', format: 'iife', target: 'es2022', sourcemap: !production, minify: production, logLevel: 'warning', entryPoints: ['media/checklist.ts'], outfile: 'dist/media/checklist.js' });
}

function copyAssets() {
  fs.mkdirSync('dist/media', { recursive: true });
  fs.copyFileSync(require.resolve('web-tree-sitter/tree-sitter.wasm'), 'dist/tree-sitter.wasm');
  fs.copyFileSync(require.resolve('web-tree-sitter'), 'dist/web-tree-sitter.cjs'); // its CJS build
  fs.copyFileSync(require.resolve('tree-sitter-python/tree-sitter-python.wasm'), 'dist/tree-sitter-python.wasm');
  const codicons = path.dirname(require.resolve('@vscode/codicons/dist/codicon.css'));
  for (const f of ['codicon.css', 'codicon.ttf']) fs.copyFileSync(path.join(codicons, f), path.join('dist/media', f));
  // The Python script `preflight verify` runs in the user's interpreter (server/src/verify/runDriver.ts finds it here).
  fs.copyFileSync('server/src/verify/driver.py', 'dist/verify_driver.py');
  if (fs.existsSync('media/checklist.css')) fs.copyFileSync('media/checklist.css', 'dist/media/checklist.css');
}

copyAssets();
if (watch) {
  for (const e of entries) await (await esbuild.context(e)).watch();
  console.log('[watch] build started');
} else {
  await Promise.all(entries.map((e) => esbuild.build(e)));
}
