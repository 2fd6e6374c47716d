/**
 * The differential test of `syntax-error`: every code cell of every notebook of the shared
 * corpora (`../shared/corpus/perf` and `../shared/corpus/realworld`, read in place, never
 * copied), checked by Preflight and by the real thing (ipythonOracle.ts: IPython's
 * `transform_cell`, then CPython's `compile()`, one Python process for all cells), and the two
 * verdicts compared.
 *
 * Asserted: no false error (Preflight claims an error on a cell that IPython runs), and no miss
 * except for a reason listed in ALLOWED_MISSES (syntax newer than the oracle's CPython).
 * Without the corpora or the oracle the test is skipped with a notice, except when CI=true.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import fc from 'fast-check';
import { isPythonNotebook, loadNotebook } from '../../server/src/engine/notebook';
import { initParser } from '../../server/src/engine/python/parser';
import { parseUnit } from '../../server/src/engine/python/program';
import { checkStructure } from '../../server/src/engine/python/tokens';
import { askOracle, REQUIRED } from './ipythonOracle';

const CORPUS = path.join(__dirname, '../../../../shared/corpus');
const CORPORA = ['perf', 'realworld'];

/**
 * Misses that are allowed, by reason: syntax newer than the oracle's CPython (Debian's 3.11),
 * which Preflight reads as the newest Python does. A reason names the oracle's complaint and
 * what in the cell newer Pythons accept; any other miss fails the test.
 */
const ALLOWED_MISSES: { reason: string; matches: (src: string, error: string) => boolean }[] = [
  // Python 3.12 lifted the f-string limits: any quote, a backslash or a comment inside `{…}`.
  // Preflight's tokenizer reads f-strings as 3.12 does and claims none of these errors.
  { reason: 'PEP 701 f-string (Python 3.12)', matches: (_src, error) => error.startsWith('SyntaxError: f-string') },
  // `def f[T]`, `class A[T]`, `type A[T] = …`: Python 3.12 type-parameter lists.
  { reason: 'PEP 695 type parameters (Python 3.12)', matches: (src, error) => error.startsWith('SyntaxError: invalid syntax') && checkStructure(src).typeParams.length > 0 },
];

interface Cell {
  file: string;
  index: number;
  src: string;
}

function notebooksUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...notebooksUnder(p));
    else if (e.name.endsWith('.ipynb')) out.push(p);
  }
  return out.sort();
}

/** Code cells of the Python notebooks, as Preflight loads them (other languages' cells are not code). */
function corpusCells(): Cell[] {
  const cells: Cell[] = [];
  for (const file of CORPORA.flatMap((c) => notebooksUnder(path.join(CORPUS, c)))) {
    const loaded = loadNotebook(fs.readFileSync(file, 'utf8'));
    if (!loaded.ok || !isPythonNotebook(loaded.notebook)) continue;
    loaded.notebook.cells.forEach((c, index) => {
      if (c.kind === 'code') cells.push({ file: path.relative(CORPUS, file), index, src: c.source });
    });
  }
  return cells;
}

/**
 * Generated cells: IPython syntax and Python 2 lines at random places and indentations, for the
 * corners no corpus notebook reaches. A fixed seed keeps the run the same every time.
 */
const LINES = [
  'x = 1', 'if x:', 'def f():', 'for i in range(3):', 'class A:', 'try:', 'except E, e:', 'except E as e:', 'else:', 'pass', 'return x',
  '%time y = f(x)', '%mprun -f f f(1)', '%%capture out', '%%time', '%%bash', '!ls -la', '!!pwd', 'a = !pwd', 'b = %env HOME', 'c, d = %sx ls',
  'obj?', 'a = b??', 'result = str.split??', '??len', '?x', '/f a b', ',g a b', ';h a b', 'pip install numpy', 'cd /tmp',
  'print x', 'print(x)', 'print >>f, x', 'exec code', 'y = 0777', 'n = 10L', 's = ur"a"', 'if a <> b: pass', 'y = `x`',
  '# comment', '# @title Setup', '', 'z = (1,', '2)', 'await g()', 'f"{x!r:>{w}}"', 'from __future__ import annotations', '\ty = 2', 'w = [i for i in', 'range(3)]',
];
const generatedCells = fc.sample(
  fc.array(fc.tuple(fc.constantFrom('', '', '    ', '        '), fc.constantFrom(...LINES)), { minLength: 1, maxLength: 6 }).map((ls) => ls.map(([indent, l]) => indent + l).join('\n')),
  { numRuns: 600, seed: 19 },
);

const where = (c: Cell) => `${c.file} cell ${c.index}: ${JSON.stringify(c.src.slice(0, 160))}`;

describe('syntax-error agrees with IPython + CPython on every corpus cell', () => {
  let cells: Cell[] = [];
  let oracle: ReturnType<typeof askOracle> = 'not asked';
  before(async () => {
    await initParser();
    cells = corpusCells();
    if (!cells.length) {
      assert.ok(!REQUIRED, `CI=true requires the corpora in ${CORPUS}`);
      console.log(`# syntax differential skipped: no notebooks in ${CORPUS} (required when CI=true)`);
      return;
    }
    oracle = askOracle(cells.map((c) => ({ src: c.src, cell: true })));
    if (typeof oracle === 'string') {
      assert.ok(!REQUIRED, `CI=true requires the oracle: ${oracle}`);
      console.log(`# syntax differential skipped: ${oracle} (required when CI=true)`);
    }
  });

  it('generated IPython and Python 2 cells: no false syntax error', (t) => {
    const verdicts = askOracle(generatedCells.map((src) => ({ src, cell: true })));
    if (typeof verdicts === 'string') {
      assert.ok(!REQUIRED, `CI=true requires the oracle: ${verdicts}`);
      return t.skip(verdicts);
    }
    const falseErrors: string[] = [];
    let agreed = 0;
    generatedCells.forEach((src, i) => {
      const err = parseUnit(src, { ipython: true, cell: 0 }).unit.syntaxError;
      const claimed = err?.confirmed === true;
      if (claimed && verdicts.answers[i]!.ok) falseErrors.push(`${JSON.stringify(src)}\n    Preflight: ${err.message ?? err.unexpected}`);
      if (claimed !== verdicts.answers[i]!.ok) agreed++;
    });
    t.diagnostic(`${generatedCells.length} generated cells, ${agreed} verdicts agree`);
    assert.equal(falseErrors.length, 0, `${falseErrors.length} false syntax errors:\n${falseErrors.join('\n')}`);
  });

  it('no false syntax error, and misses only for syntax newer than the oracle', (t) => {
    if (typeof oracle === 'string') return t.skip(oracle);
    const answers = oracle.answers;
    const falseErrors: string[] = [];
    const misses: string[] = [];
    const allowed = new Map<string, number>();
    cells.forEach((c, i) => {
      const a = answers[i]!;
      const err = parseUnit(c.src, { ipython: true, cell: 0 }).unit.syntaxError;
      const claimed = err?.confirmed === true;
      if (claimed && a.ok) falseErrors.push(`${where(c)}\n    Preflight: ${err.message ?? err.unexpected}`);
      if (!claimed && !a.ok) {
        const why = ALLOWED_MISSES.find((m) => m.matches(c.src, a.error ?? ''));
        if (why) allowed.set(why.reason, (allowed.get(why.reason) ?? 0) + 1);
        else misses.push(`${where(c)}\n    oracle: ${a.error}`);
      }
    });
    t.diagnostic(`${cells.length} cells; allowed misses: ${[...allowed].map(([r, n]) => `${r} ×${n}`).join(', ') || 'none'}`);
    // Lists in the message, not deepEqual: its diff would print each cell twice.
    assert.equal(falseErrors.length, 0, `${falseErrors.length} false syntax errors:\n${falseErrors.join('\n')}`);
    assert.equal(misses.length, 0, `${misses.length} missed syntax errors:\n${misses.join('\n')}`);
  });
});
