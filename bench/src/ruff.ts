/**
 * The anchor: Ruff (as @astral-sh/ruff-wasm-nodejs) linting the same code cells with E, F and
 * NPY rules, IPython syntax masked the same way Preflight masks it, as a whole process.
 */
import * as fs from 'node:fs';
import { PositionEncoding, Workspace } from '@astral-sh/ruff-wasm-nodejs';
import { maskIPython } from '../../server/src/engine/python/ipython';
import { perfFiles } from './corpus';

const files = perfFiles(Number(process.argv[2] ?? Infinity));
const ws = new Workspace({ lint: { select: ['E', 'F', 'NPY'] } }, PositionEncoding.Utf16);
let diagnostics = 0;
for (const f of files) {
  const nb = JSON.parse(fs.readFileSync(f, 'utf8')) as { cells: { cell_type: string; source: string | string[] }[] };
  for (const c of nb.cells) {
    if (c.cell_type !== 'code') continue;
    const src = Array.isArray(c.source) ? c.source.join('') : c.source;
    diagnostics += (ws.check(maskIPython(src).masked) as unknown[]).length;
  }
}
process.stdout.write(`${diagnostics}\n`);
