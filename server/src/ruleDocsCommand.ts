/**
 * The editor command that opens a rule's documentation page shipped in the extension
 * (`docs/rules/<id>.md`, shown as a Markdown preview), and the `command:` URI a hover links to
 * it with. In a module of its own (no imports): the client registers the command and trusts
 * exactly this one in server Markdown; the server writes the links.
 */
export const OPEN_RULE_DOCS_COMMAND = 'preflight.openRuleDocs';

/** `command:preflight.openRuleDocs?["<id>"]`, the arguments JSON-encoded as VS Code expects. */
export function ruleDocsCommandUri(ruleId: string): string {
  return `command:${OPEN_RULE_DOCS_COMMAND}?${encodeURIComponent(JSON.stringify([ruleId]))}`;
}
