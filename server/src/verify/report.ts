/**
 * What a verify run means, cell by cell: which cell failed (exception and line), whose output
 * differs between the two runs or from the saved notebook, how long each took; which static
 * findings the run confirms, and which run failures no static finding predicted (gaps).
 * Pure: the runs, the saved notebook and the findings come in, a report goes out.
 */
import type { Finding } from '../engine/model';
import type { Notebook } from '../engine/notebook';
import { redactSecrets } from '../engine/redact';
import type { VerifyOutcome } from '../engine/verifyRecord';
import { errorLine, runOutputText, savedOutputText, shortDiff } from './compare';
import type { CellStatus, NotebookRun } from './runDriver';

export interface CellReport {
  /** 0-based, every cell counts (the report prints it 1-based). */
  cell: number;
  status: CellStatus;
  /** Seconds per run. */
  seconds: number[];
  failure?: { run: number; ename: string; evalue: string; line?: number };
  timedOut?: { run: number };
  differsBetweenRuns?: string;
  differsFromSaved?: string;
  /** Failed, timed out, or its output differs. */
  problem: boolean;
}

export interface Confirmation {
  rule: string;
  cell: number;
  line: number;
  message: string;
}

export interface Gap {
  cell: number;
  message: string;
}

export interface NotebookReport {
  outcome: VerifyOutcome;
  summary: string;
  seconds: number;
  /** Every code cell of the first run, in order (`problem` marks the ones worth a look). */
  cells: CellReport[];
  cellsRun: number;
  cellsSkipped: number;
  confirmed: Confirmation[];
  gaps: Gap[];
}

/** Exceptions each kind of static finding predicts. */
const PREDICTS: { ename: RegExp; categories?: readonly string[]; rules?: readonly string[] }[] = [
  { ename: /^(NameError|UnboundLocalError)$/, categories: ['hidden-state'] },
  { ename: /^(SyntaxError|IndentationError|TabError)$/, rules: ['syntax-error'] },
  { ename: /^(ModuleNotFoundError|ImportError)$/, categories: ['dependencies'] },
];

const quotedName = (evalue: string) => /'([^']+)'/.exec(evalue)?.[1];

function predictedFailure(findings: readonly Finding[], cell: number, ename: string, evalue: string): Finding[] {
  const kinds = PREDICTS.filter((p) => p.ename.test(ename));
  const inCell = findings.filter((f) => f.cell === cell && kinds.some((k) => k.categories?.includes(f.category) || k.rules?.includes(f.ruleId)));
  // "name 'x' is not defined": prefer the findings about x when the cell has several.
  const name = quotedName(evalue);
  const aboutName = name ? inCell.filter((f) => f.message.includes(`\`${name}\``) || f.message.includes(`'${name}'`) || f.message.includes(`"${name}"`)) : [];
  return aboutName.length ? aboutName : inCell;
}

export function buildNotebookReport(notebook: Notebook, runs: readonly NotebookRun[], findings: readonly Finding[]): NotebookReport {
  const [first, second] = runs;
  const savedAny = notebook.cells.some((c) => c.kind === 'code' && (c.outputs?.length ?? 0) > 0);
  const cells: CellReport[] = [];
  const confirmed: Confirmation[] = [];
  const gaps: Gap[] = [];
  const confirmedKeys = new Set<string>();
  const confirm = (f: Finding, message: string) => {
    const key = `${f.ruleId}:${f.cell}:${f.range.start.line}:${f.range.start.column}`;
    if (confirmedKeys.has(key)) return;
    confirmedKeys.add(key);
    confirmed.push({ rule: f.ruleId, cell: f.cell ?? 0, line: f.range.start.line + 1, message });
  };
  let cellsRun = 0;
  let cellsSkipped = 0;
  for (const c1 of first?.cells ?? []) {
    const c2 = second?.cells.find((c) => c.index === c1.index);
    if (c1.status === 'skipped') cellsSkipped++;
    if (c1.status === 'ok' || c1.status === 'error' || c1.status === 'timeout') cellsRun++;
    const report: CellReport = { cell: c1.index, status: c1.status, seconds: [c1.seconds, ...(c2 ? [c2.seconds] : [])], problem: false };
    const failedRun = [c1, c2].findIndex((c) => c?.status === 'error');
    if (failedRun >= 0) {
      const err = [c1, c2][failedRun]!.outputs.find((o) => o.kind === 'error');
      const ename = err?.ename || 'Error';
      const evalue = redactSecrets(err?.evalue ?? '');
      const line = err ? errorLine(err) : undefined;
      report.failure = { run: failedRun + 1, ename, evalue, ...(line !== undefined ? { line } : {}) };
      const predicted = predictedFailure(findings, c1.index, ename, evalue);
      for (const f of predicted) confirm(f, `\`${f.ruleId}\` confirmed: ${ename} at cell ${c1.index + 1}${line !== undefined ? `, line ${line}` : ''}`);
      if (!predicted.length) gaps.push({ cell: c1.index, message: `${ename} at cell ${c1.index + 1}${line !== undefined ? `, line ${line}` : ''} (${evalue.slice(0, 160)}): no static finding predicted it` });
    }
    const timedOut = [c1, c2].findIndex((c) => c?.status === 'timeout');
    if (timedOut >= 0) report.timedOut = { run: timedOut + 1 };
    if (c1.status === 'ok' && c2?.status === 'ok') {
      const a = runOutputText(c1.outputs);
      const b = runOutputText(c2.outputs);
      if (a !== b) {
        report.differsBetweenRuns = shortDiff(a, b, ['run 1', 'run 2']);
        // An unseeded draw in this cell or an earlier one explains an output that changes.
        const predicted = findings.filter((f) => f.category === 'randomness' && f.cell !== undefined && f.cell <= c1.index);
        for (const f of predicted) confirm(f, `\`${f.ruleId}\` confirmed: output of cell ${c1.index + 1} differs between runs`);
        if (!predicted.length) gaps.push({ cell: c1.index, message: `output of cell ${c1.index + 1} differs between runs: no static finding predicted it` });
      }
    }
    const saved = notebook.cells[c1.index];
    if (savedAny && saved && c1.status === 'ok') {
      const a = savedOutputText(saved.outputs ?? []);
      const b = runOutputText(c1.outputs);
      if (a !== b) report.differsFromSaved = shortDiff(a, b, ['saved', 'run 1']);
    }
    report.problem = !!(report.failure || report.timedOut || report.differsBetweenRuns || report.differsFromSaved);
    cells.push(report);
  }
  const seconds = runs.reduce((s, r) => s + r.seconds, 0);
  const stoppedByTotal = runs.some((r) => r.stopped === 'total-timeout');
  const failed = cells.filter((c) => c.failure || c.timedOut);
  const between = cells.filter((c) => c.differsBetweenRuns);
  const fromSaved = cells.filter((c) => c.differsFromSaved);
  const at = (cs: CellReport[]) => cs.map((c) => c.cell + 1).join(', ');
  let outcome: VerifyOutcome;
  let summary: string;
  if (failed.length) {
    const f = failed[0]!;
    outcome = 'fails';
    summary = f.failure ? `Fails at cell ${f.cell + 1}: ${f.failure.ename}${f.failure.line !== undefined ? ` (line ${f.failure.line})` : ''}.` : `Cell ${f.cell + 1} timed out.`;
  } else if (stoppedByTotal) {
    outcome = 'incomplete';
    summary = 'Stopped at the total timeout before the last cell.';
  } else if (between.length || fromSaved.length) {
    outcome = 'differs';
    summary = [between.length ? `Output differs between two runs at cell${between.length === 1 ? '' : 's'} ${at(between)}.` : '', fromSaved.length ? `Output differs from the saved notebook at cell${fromSaved.length === 1 ? '' : 's'} ${at(fromSaved)}.` : ''].filter(Boolean).join(' ');
  } else {
    outcome = 'reproduces';
    summary = `Runs top to bottom and reproduces its outputs (${cellsRun} cell${cellsRun === 1 ? '' : 's'}, two fresh runs).`;
  }
  return { outcome, summary, seconds, cells, cellsRun, cellsSkipped, confirmed, gaps };
}
