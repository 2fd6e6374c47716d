/**
 * Checklist renderings: plain text for terminals, Markdown for pull-request descriptions (the
 * CLI's `--format markdown` and the panel's "Copy as Markdown"). Pure: no node imports.
 * Positions are 1-based on output, cells 1-based counting every cell (../../../../../shared/spec/TAXONOMY.md).
 */
import { byAttention, type Checklist, type ChecklistItem, type ChecklistStatus, type Evidence } from './model';

export const STATUS_LABEL: Record<ChecklistStatus, string> = { pass: 'pass', warn: 'warn', fail: 'FAIL', unknown: 'unknown', 'not-applicable': 'n/a' };
export const STATUS_EMOJI: Record<ChecklistStatus, string> = { pass: '✅', warn: '⚠️', fail: '❌', unknown: '❔', 'not-applicable': '➖' };

/** `file:cell 3:12:5`, 1-based. */
export function evidenceLocation(e: Evidence): string | undefined {
  if (!e.file) return undefined;
  let s = e.file;
  if (e.cell !== undefined) s += `:cell ${e.cell + 1}`;
  if (e.range) s += `:${e.range.start.line + 1}:${e.range.start.column + 1}`;
  return s;
}

export function scopeDescription(c: Checklist): string {
  const s = c.scope;
  if (s.mode === 'branch') {
    const against = s.git.base ? ` against ${s.git.base}${s.git.mergeBase ? ` (merge-base ${s.git.mergeBase.slice(0, 7)})` : ''}` : '';
    return `changes on ${s.git.branch ?? 'HEAD'}${against}: ${s.changedFiles.length} changed file${s.changedFiles.length === 1 ? '' : 's'}, ${s.filesAnalysed} analysed`;
  }
  return `whole workspace: ${s.filesAnalysed} file${s.filesAnalysed === 1 ? '' : 's'} analysed`;
}

function countsLine(c: Checklist): string {
  const n = c.counts;
  return `${n.fail} failed, ${n.warn} warning${n.warn === 1 ? '' : 's'}, ${n.unknown} unknown, ${n.pass} passed, ${n['not-applicable']} not applicable`;
}

export function formatChecklistText(c: Checklist, opts: { color?: boolean; maxEvidence?: number } = {}): string {
  const paint = (code: string, s: string) => (opts.color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const statusColor: Record<ChecklistStatus, string> = { pass: '32', warn: '33', fail: '31', unknown: '35', 'not-applicable': '2' };
  const maxEvidence = opts.maxEvidence ?? 5;
  const lines: string[] = [`Preflight readiness checklist — ${scopeDescription(c)}`];
  for (const note of c.scope.notes) lines.push(`  note: ${note}`);
  for (const g of c.groups) {
    lines.push('', paint('1', g.title));
    for (const item of c.items.filter((i) => i.group === g.id)) {
      const label = paint(statusColor[item.status], `[${STATUS_LABEL[item.status]}]`.padEnd(9));
      lines.push(`  ${label} ${item.title} (${item.id})`);
      if (item.summary) lines.push(`            ${item.summary}`);
      for (const e of item.evidence.slice(0, maxEvidence)) {
        const where = evidenceLocation(e);
        lines.push(`            - ${where ? `${where}: ` : ''}${e.ruleId ? `${e.ruleId} ` : ''}${e.message}`);
      }
      if (item.evidenceTotal > Math.min(maxEvidence, item.evidence.length)) lines.push(`            … ${item.evidenceTotal - Math.min(maxEvidence, item.evidence.length)} more`);
      // What a verdict rests on matters most where it is not a pass: say which files were read.
      if (item.status !== 'pass' && item.status !== 'not-applicable' && item.lookedAt.total > 0) lines.push(`            looked at: ${lookedAtText(item.lookedAt)}`);
      if (item.status === 'fail' || item.status === 'warn') lines.push(`            fix: ${item.howToFix}`);
    }
  }
  lines.push('', `${countsLine(c)}.`);
  return `${lines.join('\n')}\n`;
}

const LOOKED_AT_SHOWN = 3;

/** "2 files (a.py, b.py)", "71 files (a.py, b.py, c.py, …)". */
function lookedAtText(l: ChecklistItem['lookedAt']): string {
  const shown = l.files.slice(0, LOOKED_AT_SHOWN);
  const more = l.total > shown.length ? ', …' : '';
  return `${l.total} file${l.total === 1 ? '' : 's'} (${shown.join(', ')}${more})`;
}

/** Escape text so Markdown (and the HTML GitHub allows in it) shows it literally. */
export function escapeMarkdown(s: string): string {
  return s.replace(/[\\`*_[\]|<>~&]/g, (ch) => (ch === '<' ? '&lt;' : ch === '>' ? '&gt;' : ch === '&' ? '&amp;' : `\\${ch}`)).replace(/\r?\n/g, ' ');
}

/**
 * Prose that may hold code spans (rule messages, summaries: "`np.random.rand` draws…"): each
 * well-formed `…` span stays a code span (Markdown shows its text literally, HTML included) and
 * the text between is escaped, so the copy reads as the panel does, not with "\`" in it.
 */
export function markdownText(s: string): string {
  const flat = s.replace(/\r?\n/g, ' ');
  let out = '';
  let at = 0;
  for (const m of flat.matchAll(/`([^`]+)`/g)) {
    out += escapeMarkdown(flat.slice(at, m.index)) + codeSpan(m[1]!);
    at = m.index + m[0].length;
  }
  return out + escapeMarkdown(flat.slice(at));
}

/** A code span that holds any text (a fence longer than any backtick run inside). */
export function codeSpan(s: string): string {
  const flat = s.replace(/\r?\n/g, ' ');
  const longest = Math.max(0, ...[...flat.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

function itemMarkdown(item: ChecklistItem, maxEvidence: number): string[] {
  const lines = [`- ${STATUS_EMOJI[item.status]} **${escapeMarkdown(item.title)}** — ${markdownText(item.summary || STATUS_LABEL[item.status])}`];
  for (const e of item.evidence.slice(0, maxEvidence)) {
    const where = evidenceLocation(e);
    lines.push(`  - ${where ? `${codeSpan(where)} ` : ''}${e.ruleId ? `${codeSpan(e.ruleId)} ` : ''}${markdownText(e.message)}`);
  }
  if (item.evidenceTotal > Math.min(maxEvidence, item.evidence.length)) lines.push(`  - … ${item.evidenceTotal - Math.min(maxEvidence, item.evidence.length)} more`);
  if (item.status === 'fail' || item.status === 'warn') lines.push(`  - *Fix:* ${markdownText(item.howToFix)}`);
  return lines;
}

/**
 * A pull-request section, short: the items that need attention (fail, warn, then unknown) under
 * their groups with evidence and fix, then every pass in one line and everything not applicable
 * in another.
 */
export function formatChecklistMarkdown(c: Checklist, opts: { maxEvidence?: number } = {}): string {
  const maxEvidence = opts.maxEvidence ?? 5;
  const lines = ['## Preflight readiness checklist', '', `${STATUS_EMOJI[c.status]} ${escapeMarkdown(countsLine(c))} — ${escapeMarkdown(scopeDescription(c))}`];
  for (const note of c.scope.notes) lines.push('', `> ${markdownText(note)}`);
  const attention = (i: ChecklistItem) => i.status === 'fail' || i.status === 'warn' || i.status === 'unknown';
  const groups = c.groups.filter((g) => c.items.some((i) => i.group === g.id && attention(i))).sort(byAttention);
  for (const g of groups) {
    lines.push('', `### ${STATUS_EMOJI[g.status]} ${escapeMarkdown(g.title)}`, '');
    const items = c.items.filter((i) => i.group === g.id && attention(i)).sort(byAttention);
    // An unknown item's summary says what to check by hand: its files (two at most), not its notes on where it looked.
    for (const item of items) {
      if (item.status !== 'unknown') lines.push(...itemMarkdown(item, maxEvidence));
      else {
        const files = item.evidence.filter((e) => e.kind !== 'note');
        lines.push(...itemMarkdown({ ...item, evidence: files, evidenceTotal: files.length }, Math.min(2, maxEvidence)));
      }
    }
  }
  const line = (status: ChecklistStatus, label: string) => {
    const items = c.items.filter((i) => i.status === status);
    if (items.length) lines.push('', `${STATUS_EMOJI[status]} **${label} (${items.length}):** ${items.map((i) => escapeMarkdown(i.title)).join(' · ')}`);
  };
  line('pass', 'Passed');
  line('not-applicable', 'Not applicable');
  return `${lines.join('\n')}\n`;
}
