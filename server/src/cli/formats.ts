/**
 * Output formats of `preflight check`. Positions are 1-based on output (lines and columns,
 * columns in UTF-16 code units as the engine counts them); notebook cells are 1-based and count
 * every cell, as ../shared/spec/TAXONOMY.md says.
 */
import * as path from 'node:path';
import type { CheckReport, Finding, Severity } from '../engine';

export type { CheckReport } from '../engine';

export function relativePath(file: string, cwd: string): string {
  const r = path.relative(cwd, file);
  return (r === '' ? path.basename(file) : r).split(path.sep).join('/');
}

export interface JsonFinding {
  file: string;
  cell: number | null;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  category: string;
  rule: string;
  severity: Severity;
  message: string;
  /** Other places the message speaks of (the cell that defines a name, a module with the effect); only when there are some. */
  related?: JsonRelated[];
}

/** A related location: its file (relative), 1-based cell (notebooks) and 1-based position. */
export interface JsonRelated {
  file: string;
  cell: number | null;
  line: number;
  column: number;
  message: string;
}

export function toJsonFinding(f: Finding, cwd: string): JsonFinding {
  return {
    file: relativePath(f.file, cwd),
    cell: f.cell === undefined ? null : f.cell + 1,
    line: f.range.start.line + 1,
    column: f.range.start.column + 1,
    endLine: f.range.end.line + 1,
    endColumn: f.range.end.column + 1,
    category: f.category,
    rule: f.ruleId,
    severity: f.severity,
    message: f.message,
    ...(f.related?.length
      ? {
          related: f.related.map((r) => {
            const file = r.file ?? f.file;
            // A cell only means something in the finding's own notebook.
            const cell = r.cell !== undefined ? r.cell + 1 : r.file === undefined && f.cell !== undefined ? f.cell + 1 : null;
            return { file: relativePath(file, cwd), cell, line: r.range.start.line + 1, column: r.range.start.column + 1, message: r.message };
          }),
        }
      : {}),
  };
}

/** `file:cell 3:12:5` (1-based; no cell outside notebooks). */
function place(p: { file: string; cell: number | null; line: number; column: number }): string {
  return `${p.file}${p.cell !== null ? `:cell ${p.cell}` : ''}:${p.line}:${p.column}`;
}

export function summarize(report: CheckReport) {
  const bySeverity: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  const byCategory: Record<string, number> = {};
  for (const f of report.findings) {
    bySeverity[f.severity]++;
    byCategory[f.category] = (byCategory[f.category] ?? 0) + 1;
  }
  return { files: report.filesChecked, findings: report.findings.length, bySeverity, byCategory };
}

export function formatJson(report: CheckReport, cwd: string): string {
  return `${JSON.stringify({ version: 1, findings: report.findings.map((f) => toJsonFinding(f, cwd)), summary: summarize(report) }, null, 2)}\n`;
}

/** `quiet`: the findings only, without the summary line (`--quiet`). */
export function formatText(report: CheckReport, cwd: string, color = false, quiet = false): string {
  const paint = (code: string, s: string) => (color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const sevColor: Record<Severity, string> = { error: '31', warning: '33', info: '36', hint: '2' };
  const lines: string[] = [];
  for (const f of report.findings) {
    const j = toJsonFinding(f, cwd);
    lines.push(`${paint('1', place(j))}: ${paint(sevColor[f.severity], f.severity)} ${paint('2', f.ruleId)} ${f.message}`);
    // Related places on lines of their own, cells by position (the message names them as the editor shows them).
    for (const r of j.related ?? []) lines.push(`  ${paint('2', `${place(r)}:`)} ${r.message}`);
  }
  if (quiet) return lines.length ? `${lines.join('\n')}\n` : '';
  const s = summarize(report);
  const parts = (['error', 'warning', 'info', 'hint'] as const).filter((k) => s.bySeverity[k]).map((k) => `${s.bySeverity[k]} ${k}${s.bySeverity[k] === 1 ? '' : 's'}`);
  if (lines.length) lines.push('');
  lines.push(
    s.findings === 0
      ? `No findings in ${s.files} file${s.files === 1 ? '' : 's'}.`
      : `Found ${s.findings} finding${s.findings === 1 ? '' : 's'} (${parts.join(', ')}) in ${s.files} file${s.files === 1 ? '' : 's'}.`,
  );
  return `${lines.join('\n')}\n`;
}
