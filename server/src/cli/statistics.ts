/**
 * `preflight check --statistics`: how many findings each rule has and how many of them
 * `--fix` (safe fixes) or `--fix --unsafe-fixes` would fix, as `ruff check --statistics` prints
 * them — most frequent rule first, then by rule id.
 */
import type { CheckReport } from '../engine';

export interface RuleStatistic {
  rule: string;
  count: number;
  /** Findings with a safe fix (`--fix`). */
  fixable: number;
  /** Findings with an unsafe fix (`--fix --unsafe-fixes`). */
  unsafeFixable: number;
}

export function statisticsOf(report: CheckReport): RuleStatistic[] {
  const byRule = new Map<string, RuleStatistic>();
  for (const f of report.findings) {
    let s = byRule.get(f.ruleId);
    if (!s) byRule.set(f.ruleId, (s = { rule: f.ruleId, count: 0, fixable: 0, unsafeFixable: 0 }));
    s.count++;
    if (f.fix?.applicability === 'safe') s.fixable++;
    else if (f.fix) s.unsafeFixable++;
  }
  return [...byRule.values()].sort((a, b) => b.count - a.count || a.rule.localeCompare(b.rule));
}

export function formatStatistics(report: CheckReport, format: 'text' | 'json'): string {
  const stats = statisticsOf(report);
  if (format === 'json') return `${JSON.stringify(stats, null, 2)}\n`;
  if (!stats.length) return '';
  const countWidth = Math.max(...stats.map((s) => String(s.count).length));
  const ruleWidth = Math.max(...stats.map((s) => s.rule.length));
  const lines = stats.map((s) => {
    const fixes = [s.fixable ? `${s.fixable} fixable` : '', s.unsafeFixable ? `${s.unsafeFixable} fixable with --unsafe-fixes` : ''].filter(Boolean).join(', ');
    return `${String(s.count).padStart(countWidth)}  ${s.rule.padEnd(ruleWidth)}${fixes ? `  ${fixes}` : ''}`.trimEnd();
  });
  const fixable = stats.reduce((n, s) => n + s.fixable, 0);
  if (fixable) lines.push(`[*] ${fixable} fixable with \`preflight check --fix\`.`);
  return `${lines.join('\n')}\n`;
}
