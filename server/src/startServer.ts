/**
 * Language server wiring (placeholder until the language-server issue lands): analyses open
 * Python documents and publishes diagnostics. Exported for in-process tests.
 */
import { TextDocuments, type Connection, DiagnosticSeverity, TextDocumentSyncKind } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, initParser } from './engine';

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  connection.onInitialize(async () => {
    await initParser();
    return { capabilities: { textDocumentSync: TextDocumentSyncKind.Incremental } };
  });
  const severity = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information, hint: DiagnosticSeverity.Hint };
  documents.onDidChangeContent(({ document }) => {
    if (document.languageId !== 'python') return;
    const { findings } = analyze({ target: 'python', file: document.uri, text: document.getText() });
    void connection.sendDiagnostics({
      uri: document.uri,
      diagnostics: findings.map((f) => ({
        range: { start: { line: f.range.start.line, character: f.range.start.column }, end: { line: f.range.end.line, character: f.range.end.column } },
        message: f.message,
        severity: severity[f.severity],
        source: 'preflight',
        code: f.ruleId,
      })),
    });
  });
  documents.listen(connection);
  connection.listen();
}
