/**
 * code-server (VS Code's own workbench and Node extension host, served over HTTP) as installed
 * by scripts/e2e-setup.sh into the cache outside the repo. See ../../docs/e2e.md.
 */
import type { ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { freePort, poll, run, startBackground } from './processes';

export const CODE_SERVER_VERSION = '4.139.1';

export interface CodeServerInstall {
  node: string;
  entry: string;
}

export function codeServerInstall(cache: string): CodeServerInstall {
  const node = path.join(cache, 'node24/node_modules/node/bin/node');
  const entry = path.join(cache, `code-server-${CODE_SERVER_VERSION}/node_modules/code-server/out/node/entry.js`);
  for (const f of [node, entry]) if (!fs.existsSync(f)) throw new Error(`${f} is missing: run scripts/e2e-setup.sh`);
  return { node, entry };
}

function env(install: CodeServerInstall): NodeJS.ProcessEnv {
  // code-server's own scripts and the extension host it forks run on this Node.
  return { ...process.env, PATH: `${path.dirname(install.node)}:${process.env['PATH'] ?? ''}` };
}

/** `code-server --install-extension file.vsix` into a throwaway extensions dir. */
export function installExtension(install: CodeServerInstall, vsix: string, extensionsDir: string, userDataDir: string): void {
  run(install.node, [install.entry, '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir, '--install-extension', vsix], { env: env(install) });
}

export interface RunningCodeServer {
  url: string;
  process: ChildProcess;
}

/** Starts code-server on loopback with no auth and waits until it answers HTTP. */
export async function startCodeServer(install: CodeServerInstall, opts: { userDataDir: string; extensionsDir: string; folder: string; logFile: string; configFile: string }): Promise<RunningCodeServer> {
  const port = await freePort();
  const args = [
    install.entry,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    // Its own config file, so code-server does not create ~/.config/code-server/config.yaml.
    '--config', opts.configFile,
    '--user-data-dir', opts.userDataDir,
    '--extensions-dir', opts.extensionsDir,
    opts.folder,
  ];
  const child = startBackground(install.node, args, opts.logFile, { env: env(install) });
  const url = `http://127.0.0.1:${port}`;
  await poll(
    `code-server on ${url} (log: ${opts.logFile})`,
    () => {
      if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}; see ${opts.logFile}`);
      return new Promise<boolean>((resolve) => {
        const req = http.get(`${url}/healthz`, (res) => {
          res.resume();
          resolve(res.statusCode === 200);
        });
        req.on('error', () => resolve(false));
        req.setTimeout(2000, () => req.destroy());
      });
    },
    60_000,
  );
  return { url, process: child };
}

/** Settings for the throwaway profile: no trust prompt, no welcome page, no update/telemetry noise. */
export function writeUserSettings(userDataDir: string): void {
  const dir = path.join(userDataDir, 'User');
  fs.mkdirSync(dir, { recursive: true });
  const settings = {
    'security.workspace.trust.enabled': false,
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'extensions.ignoreRecommendations': true,
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'files.autoSave': 'off',
    'chat.disableAIFeatures': true,
    'editor.hover.delay': 200,
    'notebook.experimental.remoteSave': false,
  };
  fs.writeFileSync(path.join(dir, 'settings.json'), `${JSON.stringify(settings, null, 2)}\n`);
}
