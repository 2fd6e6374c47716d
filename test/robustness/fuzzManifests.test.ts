/**
 * Bounded manifest and IPython-syntax fuzz inside `npm test` (PREFLIGHT_FUZZ_RUNS overrides the
 * count; `npm run fuzz -- --runs N` runs the same properties long). See manifestFuzz.ts.
 */
import { before, describe, it } from 'node:test';
import { initParser } from '../../server/src/engine/python/parser';
import { ipythonProperties, manifestProperties } from './manifestFuzz';

const runs = Number(process.env.PREFLIGHT_FUZZ_RUNS ?? 30);

describe(`manifest and IPython fuzz (${runs} runs per property)`, () => {
  before(async () => {
    await initParser();
  });
  it('manifests: truncation, byte flips, huge lines, deep nesting, invalid UTF-8, NULs, BOMs; random bytes', () => manifestProperties(runs));
  it('IPython syntax: magics, shell escapes, help syntax, cell magics anywhere, indentation, in notebooks and .py', () => ipythonProperties(runs));
});
