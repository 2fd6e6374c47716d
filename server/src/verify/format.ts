/**
 * `preflight verify` output: text for a terminal, JSON for tools, Markdown for a pull request.
 * Cells are 1-based and count every cell, as in `preflight check` (cli/formats.ts).
 */
import { relativePath } from '../cli/formats';
import type { NotebookReport } from './report';
import { cellLine, type VerifyResult } from './verifyNotebook';

export const RUNS_CODE_WARNING =
  'warning: verify runs the notebook\'s code in a fresh kernel, twice: cells that `%pip install`, write files or call the network will do so. Skip such cells with --skip-cells-tagged TAG.';

const secs = (s: number) => `${s < 10 ? s.toFixed(2) : s.toFixed(1)} s`;

function slowest(r: NotebookReport): string {
  const top = [...r.cells].filter((c) => c.seconds[0]! > 0).sort((a, b) => b.seconds[0]! - a.seconds[0]!)[0];
  return top ? `; slowest: cell ${top.cell + 1} (${secs(top.seconds[0]!)})` : '';
}

export function formatVerifyText(results: readonly VerifyResult[], cwd: string): string {
  const lines: string[] = [];
  for (const res of results) {
    const file = relativePath(res.notebook, cwd);
    if (!res.ok) {
      lines.push(`${file}: not verified: ${res.message}`, '');
      continue;
    }
    const r = res.report;
    lines.push(`${file}: ${r.outcome} — ${r.summary}`);
    lines.push(`  ${r.cellsRun} cell${r.cellsRun === 1 ? '' : 's'} run${r.cellsSkipped ? `, ${r.cellsSkipped} skipped by tag` : ''}, ${secs(r.seconds)} for two runs${slowest(r)}; Python: ${res.python.python} (${res.python.source})`);
    for (const c of r.cells.filter((x) => x.problem)) {
      lines.push(`  cell ${c.cell + 1}: ${cellLine(c)} (${c.seconds.map(secs).join(' / ')})`);
      if (c.differsBetweenRuns) lines.push(...c.differsBetweenRuns.split('\n').map((l) => `      ${l}`));
      if (c.differsFromSaved) {
        if (c.differsBetweenRuns || c.failure || c.timedOut) lines.push('    and its output differs from the saved notebook:');
        lines.push(...c.differsFromSaved.split('\n').map((l) => `      ${l}`));
      }
    }
    for (const k of r.confirmed) lines.push(`  confirmed: ${k.message}`);
    for (const g of r.gaps) lines.push(`  gap: ${g.message}`);
    lines.push('');
  }
  const ok = results.filter((r) => r.ok && r.report.outcome === 'reproduces').length;
  lines.push(`${ok} of ${results.length} notebook${results.length === 1 ? '' : 's'} reproduce${results.length === 1 ? 's' : ''}.`);
  return `${lines.join('\n')}\n`;
}

export function formatVerifyJson(results: readonly VerifyResult[], cwd: string): string {
  const notebooks = results.map((res) => {
    const file = relativePath(res.notebook, cwd);
    if (!res.ok) return { file, verified: false, error: res.kind, message: res.message };
    const r = res.report;
    return {
      file,
      verified: true,
      outcome: r.outcome,
      summary: r.summary,
      python: res.python,
      seconds: r.seconds,
      cellsRun: r.cellsRun,
      cellsSkipped: r.cellsSkipped,
      cells: r.cells.map((c) => ({
        cell: c.cell + 1,
        status: c.status,
        seconds: c.seconds,
        ...(c.failure ? { failure: c.failure } : {}),
        ...(c.timedOut ? { timedOut: c.timedOut } : {}),
        ...(c.differsBetweenRuns ? { differsBetweenRuns: c.differsBetweenRuns } : {}),
        ...(c.differsFromSaved ? { differsFromSaved: c.differsFromSaved } : {}),
      })),
      confirmed: r.confirmed.map((k) => ({ ...k, cell: k.cell + 1 })),
      gaps: r.gaps.map((g) => ({ ...g, cell: g.cell + 1 })),
    };
  });
  return `${JSON.stringify({ version: 1, notebooks }, null, 2)}\n`;
}

const ICON: Record<string, string> = { reproduces: '✅', differs: '⚠️', fails: '❌', incomplete: '❔' };
const md = (s: string) => s.replace(/([\\`*_[\]<>|])/g, '\\$1');

export function formatVerifyMarkdown(results: readonly VerifyResult[], cwd: string): string {
  const out: string[] = ['## Preflight verify', '', '| Notebook | Result | Cells | Time |', '| --- | --- | --- | --- |'];
  for (const res of results) {
    const file = md(relativePath(res.notebook, cwd));
    if (!res.ok) out.push(`| ${file} | ❔ not verified: ${md(res.message)} | | |`);
    else out.push(`| ${file} | ${ICON[res.report.outcome]} ${md(res.report.summary)} | ${res.report.cellsRun} | ${secs(res.report.seconds)} |`);
  }
  for (const res of results) {
    if (!res.ok || res.report.outcome === 'reproduces') continue;
    out.push('', `### ${md(relativePath(res.notebook, cwd))}`, '');
    for (const c of res.report.cells.filter((x) => x.problem)) {
      out.push(`- **cell ${c.cell + 1}**: ${md(cellLine(c))}`);
      const diff = c.differsBetweenRuns ?? c.differsFromSaved;
      if (diff) out.push('', '  ```diff', ...diff.split('\n').map((l) => `  ${l.replace(/```/g, "'''")}`), '  ```');
    }
    for (const k of res.report.confirmed) out.push(`- confirmed: ${k.message}`);
    for (const g of res.report.gaps) out.push(`- gap: ${md(g.message)}`);
  }
  return `${out.join('\n')}\n`;
}
