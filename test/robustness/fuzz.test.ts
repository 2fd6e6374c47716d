/**
 * Bounded fuzz run inside `npm test` (PREFLIGHT_FUZZ_RUNS overrides the count; `npm run fuzz --
 * --runs N` runs the same properties long).
 */
import { before, describe, it } from 'node:test';
import { initParser } from '../../server/src/engine/python/parser';
import { checkBytes, notebookProperties, pathological, pythonProperties } from './properties';

const runs = Number(process.env.PREFLIGHT_FUZZ_RUNS ?? 30);

describe(`fuzz (${runs} runs per property)`, () => {
  before(async () => {
    await initParser();
  });
  it('notebooks: random bytes, generated and damaged, real ones mutated', () => notebookProperties(runs));
  it('python: random fragments, binary strings, generated notebooks', () => pythonProperties(runs));
  for (const [name, src] of pathological) {
    it(`pathological input: ${name}`, () => {
      checkBytes('p.py', src);
      checkBytes('p.ipynb', JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [{ cell_type: 'code', source: src, metadata: {}, outputs: [], execution_count: 1 }] }));
    });
  }
});
