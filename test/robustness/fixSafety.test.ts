/**
 * Fix safety (test/robustness/fixSafety.ts) over generated Python files and notebooks, and over
 * every fix the rules offer on real notebooks of the perf corpus (read in place, never copied):
 * a sample here, all of them with PREFLIGHT_FIX_CORPUS=all (`npm run fuzz`).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import fc from 'fast-check';
import { analyze, inputFromBytes } from '../../server/src/engine/analyze';
import type { NotebookCell } from '../../server/src/engine/notebook';
import { createProject } from '../../server/src/engine/project';
import { initParser } from '../../server/src/engine/python/parser';
import { checkFixSafety, fixStats } from './fixSafety';
import { fixableSnippets, pythonish } from './properties';

const runs = Number(process.env.PREFLIGHT_FUZZ_RUNS ?? 30);
const corpusLimit = process.env.PREFLIGHT_FIX_CORPUS === 'all' ? Infinity : Number(process.env.PREFLIGHT_FIX_CORPUS ?? 4);
const PERF = path.join(__dirname, '../../../../shared/corpus/perf/notebooks');
const project = createProject(process.cwd());

const snippet = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...fixableSnippets) }, { weight: 1, arbitrary: pythonish });
/** Snippets glued into one source, sometimes with a random cut (half-typed code) or indentation. */
const source = fc
  .tuple(fc.array(snippet, { minLength: 1, maxLength: 5 }), fc.nat(), fc.constantFrom('', '', '    ', '\t'), fc.constantFrom('\n', '\n', '\r\n'))
  .map(([parts, cut, indent, eol]) => {
    const text = parts.join('\n').replace(/\n/g, eol);
    const cutText = cut % 4 === 0 ? text.slice(0, cut % (text.length + 1)) : text;
    return cut % 7 === 0 ? cutText.split(eol).map((l) => indent + l).join(eol) : cutText;
  });

function analyseCells(cells: NotebookCell[], name: string): void {
  const result = analyze({ target: 'notebook', file: `/tmp/${name}`, notebook: { cells, language: 'python' } }, { project });
  checkFixSafety({ target: 'notebook', cells }, result.findings, name);
}

describe(`fix safety (${runs} generated inputs per property)`, () => {
  before(async () => {
    await initParser();
  });

  it('generated Python files: every fix edits inside the file and parses no worse', () => {
    fc.assert(
      fc.property(source, (text) => {
        const result = analyze({ target: 'python', file: '/tmp/gen.py', text }, { project });
        checkFixSafety({ target: 'python', text }, result.findings, 'gen.py');
      }),
      { numRuns: runs },
    );
  });

  it('generated notebooks: every fix stays in its cell, inserts only new cells, and parses no worse', () => {
    const cell = fc.record({ kind: fc.constantFrom<NotebookCell['kind']>('code', 'code', 'code', 'markdown'), source, executionCount: fc.option(fc.integer({ min: 1, max: 20 }), { nil: null }) });
    fc.assert(
      fc.property(fc.array(cell, { minLength: 1, maxLength: 6 }), (cells) => analyseCells(cells, 'gen.ipynb')),
      { numRuns: runs },
    );
  });

  it('requirements files: every fix edits inside the file', () => {
    const line = fc.constantFrom('numpy', 'pandas>=2', 'torch==2.1.0', 'requests ; python_version > "3"', '-r base.txt', 'flask[async]', 'git+https://x/y.git', '# comment', 'scikit-learn~=1.3', '');
    fc.assert(
      fc.property(fc.array(line, { maxLength: 8 }), fc.constantFrom('\n', '\r\n'), (lines, eol) => {
        const text = lines.join(eol);
        const input = inputFromBytes('/tmp/requirements.txt', text)!;
        const result = analyze(input, { project });
        checkFixSafety({ target: 'manifest', text }, result.findings, 'requirements.txt');
      }),
      { numRuns: runs },
    );
  });

  const corpus = fs.existsSync(PERF) ? fs.readdirSync(PERF).filter((f) => f.endsWith('.ipynb')).sort() : [];
  const sample = corpusLimit === Infinity ? corpus : corpus.filter((_, i) => i % Math.max(1, Math.floor(corpus.length / corpusLimit)) === 0).slice(0, corpusLimit);
  it(`perf-corpus notebooks (${sample.length} of ${corpus.length}): every offered fix is safe`, { skip: corpus.length === 0 && 'no ../shared/corpus/perf' }, () => {
    for (const name of sample) {
      const input = inputFromBytes(path.join(PERF, name), fs.readFileSync(path.join(PERF, name)));
      if (input?.target !== 'notebook') continue;
      const result = analyze(input, { project });
      checkFixSafety({ target: 'notebook', cells: input.notebook.cells }, result.findings, name);
    }
    if (process.env.PREFLIGHT_FUZZ_STATS) console.log(JSON.stringify({ ...fixStats, byRule: Object.fromEntries(fixStats.byRule) }));
  });
});
