/**
 * The readiness checklist panel (placeholder until the checklist issue lands).
 * extension.ts calls registerChecklist() once the client exists.
 */
import type { ExtensionContext } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

export function registerChecklist(_context: ExtensionContext, _getClient: () => LanguageClient | undefined): void {}
