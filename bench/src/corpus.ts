/** The perf corpus: notebooks read from ../shared/corpus/perf (inputs only, never copied). */
import * as fs from 'node:fs';
import * as path from 'node:path';

export const PERF_DIR = path.resolve(process.env.PREFLIGHT_PERF_CORPUS ?? path.join(__dirname, '../../../shared/corpus/perf/notebooks'));

export function perfFiles(limit = Infinity): string[] {
  return fs
    .readdirSync(PERF_DIR)
    .filter((f) => f.endsWith('.ipynb'))
    .sort()
    .slice(0, limit)
    .map((f) => path.join(PERF_DIR, f));
}

/** Code cell sources of a notebook file (no validation: the benchmark inputs are known good). */
export function codeCells(file: string): string[] {
  const nb = JSON.parse(fs.readFileSync(file, 'utf8')) as { cells?: { cell_type: string; source: string | string[] }[] };
  return (nb.cells ?? []).filter((c) => c.cell_type === 'code').map((c) => (Array.isArray(c.source) ? c.source.join('') : c.source));
}
