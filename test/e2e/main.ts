/**
 * `npm run test:e2e`: package the .vsix, install it into code-server (VS Code's workbench and
 * extension host), open test/e2e/fixture in headless Chromium and run the scenarios as a
 * person would. Screenshots go to test-artifacts/e2e/. Ends with a line `N passed, N failed`;
 * exits non-zero when a scenario fails or none passed. Every process started is stopped by pid,
 * on failure too. See docs/e2e.md.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { codeServerInstall, installExtension, startCodeServer, writeUserSettings, type RunningCodeServer } from './codeServer';
import { killAllStartedSync, run, stop } from './processes';
import { scenarios, type OracleFinding, type ScenarioContext } from './scenarios';
import { Workbench } from './workbench';

const SCENARIO_TIMEOUT_MS = 180_000;
const root = path.resolve(__dirname, '../..');
const artifacts = path.join(root, 'test-artifacts/e2e');
const t0 = Date.now();
const log = (line: string) => console.log(`[e2e ${((Date.now() - t0) / 1000).toFixed(1).padStart(6)}s] ${line}`);

async function main(): Promise<number> {
  fs.rmSync(artifacts, { recursive: true, force: true });
  fs.mkdirSync(artifacts, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-e2e-'));
  let server: RunningCodeServer | undefined;
  let browser: Browser | undefined;
  let passed = 0;
  let failed = 0;
  const skipped: string[] = [];
  try {
    const vsix = path.join(tmp, 'preflight.vsix');
    log('packaging the .vsix (vsce runs vscode:prepublish = npm run package)');
    run('npx', ['--no-install', 'vsce', 'package', '--no-dependencies', '--skip-license', '-o', vsix], { cwd: root });
    log('setup (apt packages, Node 24, code-server; cached)');
    const setupOut = run('bash', [path.join(root, 'scripts/e2e-setup.sh')], { capture: true });
    const cache = /^PREFLIGHT_E2E_CACHE=(.*)$/m.exec(setupOut)?.[1];
    if (!cache) throw new Error('scripts/e2e-setup.sh did not report its cache');
    const install = codeServerInstall(cache);

    const workspace = path.join(tmp, 'workspace');
    fs.cpSync(path.join(root, 'test/e2e/fixture'), workspace, { recursive: true });
    const userDataDir = path.join(tmp, 'user-data');
    const extensionsDir = path.join(tmp, 'extensions');
    writeUserSettings(userDataDir);
    log('installing the .vsix and the test notebook controller with code-server --install-extension');
    installExtension(install, vsix, extensionsDir, userDataDir);
    // The test-only notebook controller (runs cells by giving them an execution order), beside Preflight.
    const controllerVsix = path.join(tmp, 'e2e-controller.vsix');
    run('npx', ['--no-install', 'vsce', 'package', '--no-dependencies', '--skip-license', '--allow-missing-repository', '-o', controllerVsix], { cwd: path.join(root, 'test/e2e/controller'), capture: true });
    installExtension(install, controllerVsix, extensionsDir, userDataDir);

    // What the editor should show: the CLI built from the same sources, on the same files.
    const report = JSON.parse(run(process.execPath, [path.join(root, 'dist/cli.js'), 'check', '.', '--format', 'json'], { cwd: workspace, capture: true, okStatus: [0, 1] })) as { findings: OracleFinding[] };
    fs.writeFileSync(path.join(artifacts, 'expected-findings.json'), `${JSON.stringify(report.findings, null, 2)}\n`);
    log(`preflight check on the fixture: ${report.findings.length} findings`);

    log('starting code-server');
    server = await startCodeServer(install, { userDataDir, extensionsDir, folder: workspace, logFile: path.join(artifacts, 'code-server.log'), configFile: path.join(tmp, 'config.yaml') });
    log(`code-server at ${server.url} (pid ${server.process.pid})`);
    browser = await chromium.launch({
      executablePath: process.env['PREFLIGHT_E2E_CHROMIUM'] ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    });
    const page = await browser.newPage({ viewport: { width: 1440, height: 1200 } });
    const consoleLog = fs.createWriteStream(path.join(artifacts, 'browser-console.log'));
    page.on('console', (m) => consoleLog.write(`${m.type()}: ${m.text()}\n`));
    const wb = new Workbench(page, artifacts);
    await wb.open(server.url, workspace);
    await wb.screenshot('workbench');
    log('workbench open');

    const ctx: ScenarioContext = { wb, root, workspace, oracle: report.findings, log };
    // PREFLIGHT_E2E_ONLY=text runs only the scenarios whose name contains it (while iterating on one).
    const only = process.env.PREFLIGHT_E2E_ONLY;
    for (const s of scenarios) {
      if (only && !s.name.includes(only)) continue;
      const reason = s.skip(ctx);
      if (reason) {
        skipped.push(s.name);
        log(`SKIPPED ${s.name}: ${reason}`);
        continue;
      }
      const started = Date.now();
      try {
        await withTimeout(s.run(ctx), SCENARIO_TIMEOUT_MS, s.name);
        passed++;
        log(`PASSED  ${s.name} (${((Date.now() - started) / 1000).toFixed(1)}s)`);
      } catch (e) {
        failed++;
        log(`FAILED  ${s.name} (${((Date.now() - started) / 1000).toFixed(1)}s): ${(e as Error).message}`);
        await wb.screenshot(`FAILED-${s.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)}`).catch(() => undefined);
        await page.keyboard.press('Escape').catch(() => undefined);
      }
    }
  } catch (e) {
    failed++;
    log(`FAILED  setup: ${(e as Error).stack ?? String(e)}`);
  } finally {
    await browser?.close().catch(() => undefined);
    if (server) await stop(server.process);
    killAllStartedSync();
    // VS Code's own logs (the Preflight output channel, the extension host) go with the screenshots.
    try {
      fs.cpSync(path.join(tmp, 'user-data', 'logs'), path.join(artifacts, 'logs'), { recursive: true });
    } catch {
      // No logs written (code-server did not start): nothing to keep.
    }
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  log(`${skipped.length} skipped${skipped.length ? `: ${skipped.join('; ')}` : ''}`);
  log(`screenshots and logs in ${path.relative(process.cwd(), artifacts) || artifacts}`);
  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0 && passed > 0 ? 0 : 1;
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no result within ${ms / 1000}s`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.once(sig, () => {
    killAllStartedSync();
    process.exit(130);
  });
}
process.once('exit', killAllStartedSync);

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    killAllStartedSync();
    console.error(e);
    console.log('0 passed, 1 failed');
    process.exitCode = 1;
  },
);
