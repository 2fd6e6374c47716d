/**
 * The command table. Commands are registered at activation, before the server runs, and say
 * so clearly when they need it (vscode-eslint's stubs, rust-analyzer's CommandFactory).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { DIAGNOSTIC_SOURCE } from '../../server/src/diagnosticSource';
import { OPEN_RULE_DOCS_COMMAND } from '../../server/src/ruleDocsCommand';
import { shippedRulePage } from './ruleDocLinks';

export const DOCS_BASE = 'https://github.com/preflight-dev/preflight/blob/main/docs/rules/';

export interface CommandHost {
  context: vscode.ExtensionContext;
  log: vscode.LogOutputChannel;
  restart(): Promise<void>;
  applyCellInserts(args: unknown): Promise<boolean>;
  applyNotebookChange(args: unknown): Promise<boolean>;
}

/** Rule ids and descriptions from the doc pages shipped in the extension (`docs/rules/*.md`). */
export function ruleDocs(docsDir: string): { id: string; description: string }[] {
  let files: string[];
  try {
    files = fs.readdirSync(docsDir).filter((f) => f.endsWith('.md'));
  } catch {
    return [];
  }
  return files.sort().map((f) => {
    const text = fs.readFileSync(path.join(docsDir, f), 'utf8');
    const m = /^---\r?\n[\s\S]*?^description:\s*(.+?)\s*$[\s\S]*?^---/m.exec(text);
    return { id: f.slice(0, -3), description: m?.[1]?.replace(/^['"]|['"]$/g, '') ?? '' };
  });
}

/** The rule of the Preflight diagnostic under the cursor, if any. */
function ruleAtCursor(): string | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return undefined;
  const at = editor.selection.active;
  const d = vscode.languages.getDiagnostics(editor.document.uri).find((x) => x.source === DIAGNOSTIC_SOURCE && x.range.contains(at));
  const code = d?.code;
  return typeof code === 'object' ? String(code.value) : code !== undefined ? String(code) : undefined;
}

async function openRuleDocs(host: CommandHost, arg: unknown): Promise<void> {
  const docsDir = host.context.asAbsolutePath(path.join('docs', 'rules'));
  let id = typeof arg === 'string' && /^[a-z0-9-]+$/.test(arg) ? arg : ruleAtCursor();
  if (!id) {
    const picked = await vscode.window.showQuickPick(
      ruleDocs(docsDir).map((r) => ({ label: r.id, detail: r.description })),
      { title: 'Preflight: Open Rule Docs', placeHolder: 'Rule', matchOnDetail: true },
    );
    id = picked?.label;
  }
  if (!id) return;
  const local = shippedRulePage(docsDir, id);
  if (local) await vscode.commands.executeCommand('markdown.showPreview', vscode.Uri.file(local));
  else await vscode.env.openExternal(vscode.Uri.parse(`${DOCS_BASE}${id}.md`));
}

export function registerCommands(host: CommandHost): vscode.Disposable[] {
  const run = (name: string, fn: (...args: unknown[]) => unknown) =>
    vscode.commands.registerCommand(name, async (...args: unknown[]) => {
      try {
        return await fn(...args);
      } catch (e) {
        host.log.error(`${name} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
        void vscode.window.showErrorMessage(`Preflight: ${name} failed. See the Preflight output for details.`);
        return undefined;
      }
    });
  return [
    run('preflight.restart', () => host.restart()),
    run('preflight.showOutput', () => host.log.show()),
    run(OPEN_RULE_DOCS_COMMAND, (arg) => openRuleDocs(host, arg)),
    run('preflight.applyCellInserts', (arg) => host.applyCellInserts(arg)),
    run('preflight.applyNotebookChange', (arg) => host.applyNotebookChange(arg)),
  ];
}
