/**
 * Registers the readiness checklist view and command at activation. The panel itself
 * (checklistView.ts, with zod schemas and the checklist protocol) is loaded on first use, so
 * activation stays cheap (BENCHMARKS.md: activation target 50 ms).
 */
import { commands, window, type Disposable, type ExtensionContext, type LogOutputChannel, type WebviewViewProvider } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { ChecklistViewProvider } from './checklistView';

export const CHECKLIST_VIEW_ID = 'preflight.checklist';
export const RUN_CHECKLIST_COMMAND = 'preflight.runChecklist';

/**
 * `ensureClient` starts the language server if needed and resolves once it runs (undefined when
 * it cannot). Returns `refreshIfOpen` (re-run when the panel has been shown: verify recorded a
 * result) and `serverRunning` (the client reached Running: a panel still waiting for the server,
 * or showing that it was not running, re-runs by itself).
 */
export function registerChecklist(
  context: ExtensionContext,
  ensureClient: () => Promise<LanguageClient | undefined>,
  log: LogOutputChannel,
): { refreshIfOpen(): void; serverRunning(): void } {
  let provider: ChecklistViewProvider | undefined;
  const real = (): ChecklistViewProvider => {
    if (!provider) {
      // Loaded here, not at the top: esbuild evaluates a require()d module when it is called.
      const { ChecklistViewProvider: Provider } = require('./checklistView') as typeof import('./checklistView');
      provider = new Provider(context.extensionUri, ensureClient, log);
    }
    return provider;
  };
  const lazy: WebviewViewProvider = { resolveWebviewView: (view) => real().resolveWebviewView(view) };
  const dispose: Disposable = { dispose: () => provider?.dispose() };
  context.subscriptions.push(
    dispose,
    window.registerWebviewViewProvider(CHECKLIST_VIEW_ID, lazy),
    commands.registerCommand(RUN_CHECKLIST_COMMAND, async () => {
      // Focusing the view resolves it; its "ready" message runs the checklist the first time.
      await commands.executeCommand(`${CHECKLIST_VIEW_ID}.focus`);
      await real().run();
    }),
  );
  return { refreshIfOpen: () => void provider?.run(), serverRunning: () => provider?.serverRunning() };
}
