/**
 * Rule pages ship in the extension (`docs/rules/<id>.md`), so the editor opens them locally and
 * offline. The server's diagnostics carry the repository URL as `codeDescription` (what the CLI's
 * SARIF and other clients need); the client points it at the shipped page instead. VS Code opens
 * a diagnostic's code link without running commands, so it is the page's `file:` URI (an editor
 * tab), while hovers use the trusted `preflight.openRuleDocs` command (a Markdown preview).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { DIAGNOSTIC_SOURCE } from '../../server/src/diagnosticSource';

/** The shipped page of a rule, or undefined when this copy of the extension has none. */
export function shippedRulePage(docsDir: string, ruleId: string): string | undefined {
  if (!/^[a-z0-9-]+$/.test(ruleId)) return undefined;
  const page = path.join(docsDir, `${ruleId}.md`);
  return fs.existsSync(page) ? page : undefined;
}

/** Preflight diagnostics with their rule link on the shipped page (in place; returns the array). */
export function withShippedDocLinks(diagnostics: vscode.Diagnostic[], docsDir: string): vscode.Diagnostic[] {
  for (const d of diagnostics) {
    if (d.source !== DIAGNOSTIC_SOURCE || typeof d.code !== 'object') continue;
    const page = shippedRulePage(docsDir, String(d.code.value));
    if (page) d.code = { value: d.code.value, target: vscode.Uri.file(page) };
  }
  return diagnostics;
}
