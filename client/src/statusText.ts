/**
 * The language status item's text from VS Code's diagnostics, counted with the one counting
 * function (../../server/src/findingCounts.ts). Pure (no vscode import): `vscode.DiagnosticSeverity`
 * is passed as its numbers, so it is unit-tested without an editor.
 */
import { countFindings, findingCountText, type CountedSeverity, type FindingCounts } from '../../server/src/findingCounts';

/** `vscode.DiagnosticSeverity`: Error 0, Warning 1, Information 2, Hint 3. */
const SEVERITY_BY_NUMBER: readonly CountedSeverity[] = ['error', 'warning', 'info', 'hint'];

export function countDiagnostics(diagnostics: Iterable<{ severity: number; source?: string | undefined }>, source: string): FindingCounts {
  const severities: CountedSeverity[] = [];
  for (const d of diagnostics) if (d.source === source) severities.push(SEVERITY_BY_NUMBER[d.severity] ?? 'hint');
  return countFindings(severities);
}

/** The status item's text and detail while the server runs. */
export function runningStatusText(c: FindingCounts): { text: string; detail: string } {
  if (!c.findings && !c.hints) return { text: '$(check) Preflight', detail: 'No findings in open files' };
  const summary = findingCountText(c);
  return { text: `${c.findings ? '$(warning)' : '$(check)'} Preflight: ${summary}`, detail: `${summary} in open files` };
}
