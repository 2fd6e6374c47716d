/**
 * Growth: analysis time vs notebook length (100 to 10,000 lines, built from perf-corpus cells),
 * in-process with every default rule, median of several runs per size. Corpus-size growth is
 * measured as whole CLI processes by run.mjs.
 */
import { analyze } from '../../server/src/engine/analyze';
import type { Notebook } from '../../server/src/engine/notebook';
import { createProject } from '../../server/src/engine/project';
import { initParser } from '../../server/src/engine/python/parser';
import { codeCells, perfFiles } from './corpus';

async function main() {
  await initParser();
  const pool = perfFiles().flatMap(codeCells).filter((c) => c.trim());
  const project = createProject(__dirname);
  const out: { lines: number; cells: number; ms: number }[] = [];
  for (const target of [100, 300, 1000, 3000, 10000]) {
    const cells: Notebook['cells'] = [];
    let lines = 0;
    for (let i = 0; lines < target; i++) {
      const source = pool[i % pool.length]!;
      cells.push({ kind: 'code', source, executionCount: cells.length + 1 });
      lines += source.split('\n').length;
    }
    const times: number[] = [];
    for (let r = 0; r < 5; r++) {
      const t = performance.now();
      analyze({ target: 'notebook', file: 'growth.ipynb', notebook: { cells, language: 'python' } }, { project });
      times.push(performance.now() - t);
    }
    out.push({ lines, cells: cells.length, ms: times.sort((a, b) => a - b)[2]! });
  }
  process.stdout.write(`${JSON.stringify(out)}\n`);
}
void main();
