/**
 * The anchor: Ruff (as @astral-sh/ruff-wasm-nodejs) with E, F and NPY rules, as a whole process,
 * over the same notebooks `preflight check` reads.
 *
 * Ruff lints a notebook as ONE source: its code cells concatenated, each ending in a newline,
 * parsed in IPython mode (ruff_notebook). ruff-wasm's `Workspace.check` takes only a Python
 * string (its source type is fixed to Python: "TODO: Support Jupyter Notebooks" in
 * crates/ruff_wasm), so this script does the notebook step itself: each code cell is masked with
 * Preflight's own IPython masking (`maskIPython`, per cell as IPython transforms per cell; it
 * keeps offsets and line counts), the masked cells are joined as Ruff joins them, and
 * `Workspace.check` runs once per notebook.
 *
 * `--per-cell` reproduces the old harness (one `check` per code cell, 3,494 calls on the perf
 * corpus): Ruff never works that way, and the fixed cost of each call made Ruff look slower.
 * It is kept only so BENCHMARKS.md can show that artefact next to the real figure.
 */
import * as fs from 'node:fs';
import { PositionEncoding, Workspace } from '@astral-sh/ruff-wasm-nodejs';
import { maskIPython } from '../../server/src/engine/python/ipython';
import { perfFiles } from './corpus';

const perCell = process.argv.includes('--per-cell');
const limit = Number(process.argv.find((a) => /^\d+$/u.test(a)) ?? Infinity);

/** The code cells of a notebook, IPython masked, each ending in a newline (Ruff's concatenation). */
export function maskedCells(file: string): string[] {
  const nb = JSON.parse(fs.readFileSync(file, 'utf8')) as { cells?: { cell_type: string; source: string | string[] }[] };
  const out: string[] = [];
  for (const c of nb.cells ?? []) {
    if (c.cell_type !== 'code') continue;
    const masked = maskIPython(Array.isArray(c.source) ? c.source.join('') : c.source).masked;
    out.push(masked.endsWith('\n') ? masked : `${masked}\n`);
  }
  return out;
}

const ws = new Workspace({ lint: { select: ['E', 'F', 'NPY'] } }, PositionEncoding.Utf16);
let diagnostics = 0;
let checks = 0;
for (const f of perfFiles(limit)) {
  const cells = maskedCells(f);
  const sources = perCell ? cells : [cells.join('')];
  for (const src of sources) {
    diagnostics += (ws.check(src) as unknown[]).length;
    checks++;
  }
}
process.stdout.write(`${JSON.stringify({ diagnostics, checks })}\n`);
