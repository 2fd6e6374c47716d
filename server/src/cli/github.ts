/**
 * `preflight check --format github`: GitHub Actions workflow commands, so findings show as
 * annotations on the pull request's diff. Escaping follows the runner's rules (actions/toolkit
 * `command.ts`): data escapes `%`, CR, LF; property values also escape `:` and `,`. A notebook's
 * cell lines are not lines of the `.ipynb` file, so a notebook finding is placed on line 1 with
 * its cell and position in the title.
 */
import type { Finding, Severity } from '../engine';
import { relativePath, summarize, type CheckReport } from './formats';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' };

export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function annotation(f: Finding, cwd: string): string {
  const file = relativePath(f.file, cwd);
  const props: [string, string][] = [['file', file]];
  if (f.cell === undefined) {
    props.push(['line', String(f.range.start.line + 1)], ['endLine', String(f.range.end.line + 1)]);
    // The runner rejects col/endColumn on annotations that span several lines.
    if (f.range.start.line === f.range.end.line) props.push(['col', String(f.range.start.column + 1)], ['endColumn', String(f.range.end.column + 1)]);
    props.push(['title', `Preflight ${f.ruleId}`]);
  } else {
    props.push(['line', '1'], ['title', `Preflight ${f.ruleId} (cell ${f.cell + 1}, line ${f.range.start.line + 1}, column ${f.range.start.column + 1})`]);
  }
  return `::${COMMAND[f.severity]} ${props.map(([k, v]) => `${k}=${escapeProperty(v)}`).join(',')}::${escapeData(f.message)}`;
}

export function formatGithub(report: CheckReport, cwd: string): string {
  const s = summarize(report);
  const lines = report.findings.map((f) => annotation(f, cwd));
  lines.push(`Preflight: ${s.findings} finding${s.findings === 1 ? '' : 's'} in ${s.files} file${s.files === 1 ? '' : 's'}.`);
  return `${lines.join('\n')}\n`;
}
