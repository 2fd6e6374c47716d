/**
 * `npm run test:integration`: the Mocha suite in a real desktop VS Code through
 * @vscode/test-electron's runTests. These machines cannot download VS Code, so it runs only
 * against one given by VSCODE_EXECUTABLE; without it, it says so and exits 0 without claiming a
 * pass. (CI covers the same scenarios in code-server through `npm run test:e2e`; docs/e2e.md.)
 */
import { runTests } from '@vscode/test-electron';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

async function main(): Promise<number> {
  const vscodeExecutablePath = process.env['VSCODE_EXECUTABLE'];
  if (!vscodeExecutablePath) {
    console.log('integration: SKIPPED, no VS Code: set VSCODE_EXECUTABLE to a VS Code binary to run this suite (nothing was tested)');
    return 0;
  }
  const root = path.resolve(__dirname, '../..');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-integration-'));
  try {
    const workspace = path.join(tmp, 'workspace');
    fs.cpSync(path.join(root, 'test/e2e/fixture'), workspace, { recursive: true });
    return await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: root,
      extensionTestsPath: path.join(__dirname, 'index.js'),
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--user-data-dir', path.join(tmp, 'user-data')],
      extensionTestsEnv: { PREFLIGHT_REPO_ROOT: root },
    });
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
