// Bundles the integration suite for VS Code's extension host (vscode and mocha stay external).
import * as esbuild from 'esbuild';

await esbuild.build({
  entryPoints: ['test/integration/runTests.ts', 'test/integration/index.ts', 'test/integration/extension.suite.ts'],
  outdir: 'out/integration',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  packages: 'external',
  external: ['vscode'],
  sourcemap: 'inline',
  logLevel: 'warning',
});
