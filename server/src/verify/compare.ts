/**
 * Comparing a cell's outputs between runs, and with the saved notebook: only the text a person
 * reads (stream text, `text/plain` results, an error's type and message), after masking what
 * differs on every run without meaning anything — memory addresses, timestamps and clock times,
 * `%time` lines, and progress bars (tqdm and friends redraw with `\r`).
 *
 * These are regular expressions over output text, not over Python source.
 */
import type * as nbformat from '@jupyterlab/nbformat';
import { redactSecrets } from '../engine/redact';
import type { RunOutput } from './runDriver';

const ANSI = /\u001b\[[0-9;]*[A-Za-z]/g;
const ADDRESS = /\b0x[0-9a-fA-F]{4,}\b/g;
const DATE_TIME = /\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?/g;
const CLOCK = /\b\d{1,2}:\d{2}:\d{2}(?:[.,]\d+)?\b/g;
const TIMING_LINE = /^(?:CPU times|Wall time|\d+(?:\.\d+)? [µmn]?s ± .* per loop).*$/;
/** A progress bar line: `42%|████▌ | 42/100 [...]`, or a run of block or `=`/`#` characters with a percentage. */
const PROGRESS_LINE = /\d+%\|.*\||[█▏▎▍▌▋▊▉]{2,}|\[[=#>.\- ]{5,}\]|^\s*\d+\/\d+ \[/;

/** One output text with the noise masked (also: `\r`-redrawn lines keep only their last state). */
export function maskNoise(text: string): string {
  return text
    .replace(ANSI, '')
    .split('\n')
    .map((line) => line.slice(line.lastIndexOf('\r') + 1))
    .map((line) => (PROGRESS_LINE.test(line) ? '<progress bar>' : TIMING_LINE.test(line) ? '<timing>' : line))
    .filter((line, i, all) => !(line === '<progress bar>' && all[i - 1] === '<progress bar>'))
    .join('\n')
    .replace(ADDRESS, '0x…')
    .replace(DATE_TIME, '<timestamp>')
    .replace(CLOCK, '<time>');
}

/** The text of a run's outputs of one cell, as compared. */
export function runOutputText(outputs: readonly RunOutput[]): string {
  return maskNoise(outputs.map((o) => (o.kind === 'error' ? `${o.ename ?? 'Error'}: ${o.evalue ?? ''}\n` : o.text)).join(''));
}

const joined = (v: unknown): string => (typeof v === 'string' ? v : Array.isArray(v) ? v.filter((s) => typeof s === 'string').join('') : '');

/** The same text from a saved notebook cell's outputs (nbformat shapes). */
export function savedOutputText(outputs: readonly nbformat.IOutput[]): string {
  const parts: string[] = [];
  for (const o of outputs) {
    if (o.output_type === 'stream') parts.push(joined(o.text));
    else if (o.output_type === 'execute_result' || o.output_type === 'display_data') {
      const plain = (o.data as Record<string, unknown> | undefined)?.['text/plain'];
      if (plain !== undefined) parts.push(joined(plain));
    } else if (o.output_type === 'error') parts.push(`${joined(o.ename) || 'Error'}: ${joined(o.evalue)}\n`);
  }
  return maskNoise(parts.join(''));
}

const MAX_DIFF_LINES = 3;
const MAX_LINE = 120;
const cut = (s: string) => (s.length > MAX_LINE ? `${s.slice(0, MAX_LINE - 1)}…` : s);

/**
 * A short diff of two texts: the first lines that differ (up to three each side), prefixed with
 * `-` and `+`. Secrets a cell printed are redacted before anything is shown.
 */
export function shortDiff(a: string, b: string, labels: [string, string]): string {
  const la = a.split('\n');
  const lb = b.split('\n');
  let start = 0;
  while (start < la.length && start < lb.length && la[start] === lb[start]) start++;
  const side = (lines: string[], sign: string, label: string) => {
    const shown = lines.slice(start, start + MAX_DIFF_LINES).filter((l, i, all) => l !== '' || i < all.length - 1);
    const more = lines.length - start - MAX_DIFF_LINES;
    return [...shown.map((l) => `${sign} ${cut(redactSecrets(l))}`), ...(more > 0 ? [`${sign} … (${more} more line${more === 1 ? '' : 's'})`] : []), ...(shown.length ? [] : [`${sign} (no output) [${label}]`])];
  };
  return [...side(la, '-', labels[0]), ...side(lb, '+', labels[1])].join('\n');
}

/** The line of the cell where an error was raised, from IPython's traceback (or a SyntaxError's message). */
export function errorLine(o: RunOutput): number | undefined {
  const tb = (o.traceback ?? []).join('\n').replace(ANSI, '');
  const m = /Cell In ?\[[^\]]*\], line (\d+)/.exec(tb) ?? /<ipython-input-[^>]*>[^\n]*\n(?:[^\n]*\n)*?-+> (\d+)/.exec(tb) ?? /line (\d+)\)\s*$/.exec(o.evalue ?? '');
  return m ? Number(m[1]) : undefined;
}
