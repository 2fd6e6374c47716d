import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { analyze } from '../../server/src/engine/analyze';
import { initParser } from '../../server/src/engine/python/parser';
import { createRule } from '../../server/src/engine/rule';
import { walk } from '../../server/src/engine/python/syntax';

before(async () => {
  await initParser();
});

// A test rule that reports every call, so suppressions have something to remove.
const everyCall = createRule(
  { id: 'every-call', family: 'randomness', category: 'randomness', subtypes: [], description: 'Report every call for tests', defaultSeverity: 'warning', recommended: true, appliesTo: ['python', 'notebook', 'manifest'] },
  (ctx) => {
    for (const unit of ctx.program?.units ?? []) walk(unit.root, (n) => (n.type === 'call' ? ctx.reportNode(unit, n, 'call') : undefined));
    if (ctx.manifest) ctx.manifest.text.split('\n').forEach((l, i) => l.trim() && !l.trim().startsWith('#') && ctx.report({ range: { start: { line: i, column: 0 }, end: { line: i, column: l.length } }, message: 'line' }));
  },
);

const lines = (code: string) => analyze({ target: 'python', file: 'a.py', text: code }, { rules: [everyCall] }).findings.map((f) => f.range.start.line + 1);
const cells = (...sources: string[]) =>
  analyze({ target: 'notebook', file: 'a.ipynb', notebook: { language: 'python', cells: sources.map((source) => ({ kind: 'code' as const, source, executionCount: null })) } }, { rules: [everyCall] }).findings.map((f) => `${f.cell! + 1}:${f.range.start.line + 1}`);

describe('suppressions', () => {
  it('end-of-line ignore, all rules', () => assert.deepEqual(lines('f()  # preflight: ignore\ng()'), [2]));
  it('end-of-line ignore for the named rule', () => assert.deepEqual(lines('f()  # preflight: ignore[every-call]\ng()'), [2]));
  it('end-of-line ignore for another rule does not suppress', () => assert.deepEqual(lines('f()  # preflight: ignore[other-rule, x]\ng()'), [1, 2]));
  it('a directive inside a string is not a suppression', () => assert.deepEqual(lines('f("# preflight: ignore")\ng()'), [1, 2]));
  it('ignore-file anywhere', () => assert.deepEqual(lines('f()\ng()\n# preflight: ignore-file[every-call]\n'), []));
  it('ignore-file for another rule', () => assert.deepEqual(lines('f()\n# preflight: ignore-file[nope]\n'), [1]));
  it('first line of a cell ignores the whole cell', () => assert.deepEqual(cells('# preflight: ignore[every-call]\nf()\ng()', 'h()'), ['2:1']));
  // Issue 19: a directive on a line of its own covers the statement below it (it used to cover
  // only its own, empty, line), the form the quick fix writes above lines that cannot end in a comment.
  it('a comment on its own line later in a cell covers the statement below it', () => assert.deepEqual(cells('f()\n# preflight: ignore\ng()\nh()'), ['1:1', '1:4']));
  it('ignore-file in any cell covers the notebook', () => assert.deepEqual(cells('f()', '# preflight: ignore-file'), []));
  it('manifests use # comments', () => {
    const f = analyze({ target: 'manifest', file: 'requirements.txt', text: 'numpy  # preflight: ignore\npandas\n', manifestKind: 'requirements' }, { rules: [everyCall] }).findings;
    assert.deepEqual(f.map((x) => x.range.start.line + 1), [2]);
  });
  // Issue 19: the form the quick fix writes above lines that cannot end in a comment.
  it('a directive above an IPython line covers it (and its continuation rows)', () =>
    assert.deepEqual(cells('f()\n# preflight: ignore[every-call]\n%time g(1, \\\n  2)\nh()'), ['1:1', '1:5']));
  it('a directive above a statement covers every row of it (a string opening on the line)', () =>
    assert.deepEqual(lines('f()\n# preflight: ignore\nx = g("""\n""", h())\nk()'), [1, 5]));
  it('the directive above covers only the statement right below it', () => assert.deepEqual(lines('# preflight: ignore\n\nf()'), [3]));
  it("a cell directive keeps the cell's indentation", () => assert.deepEqual(cells('    # preflight: ignore[every-call]\n    f()'), []));
  it('a cell directive right after a %%time line covers the cell', () => assert.deepEqual(cells('%%time\n# preflight: ignore[every-call]\nf()\ng()'), []));
  it('unpinned-install on !pip / %pip / automagic lines is suppressed by the directive above', () => {
    const source = 'x = 1\n# preflight: ignore[unpinned-install]\n!pip install numpy\n# preflight: ignore[unpinned-install]\n%pip install pandas\nif x:\n    # preflight: ignore[unpinned-install]\n    pip install torch';
    const found = (src: string) => analyze({ target: 'notebook', file: 'a.ipynb', notebook: { language: 'python', cells: [{ kind: 'code', source: src, executionCount: null }] } }).findings.filter((f) => f.ruleId === 'unpinned-install');
    assert.equal(found(source.split('\n').filter((l) => !l.includes('preflight')).join('\n')).length, 3, 'three findings without the directives');
    assert.deepEqual(found(source), []);
  });
});
