import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/engine/analyze';
import { createRule } from '../../server/src/engine/rule';
import { cellSuppressionEdit, lineSuppressionEdit } from '../../server/src/handlers/suppressionEdits';
import { applyEdits } from '../engine/ruleTester';

// Reports every FROM line, so the test sees what a suppression removes.
const everyFrom = createRule(
  { id: 'every-from', family: 'dependencies', category: 'dependencies', subtypes: [], description: 'Report every FROM for tests', defaultSeverity: 'warning', recommended: true, appliesTo: ['manifest'] },
  (ctx) => ctx.manifest!.text.split('\n').forEach((l, i) => l.startsWith('FROM') && ctx.report({ range: { start: { line: i, column: 0 }, end: { line: i, column: l.length } }, message: 'from' })),
);
const fromLines = (text: string) => analyze({ target: 'manifest', file: 'Dockerfile', text, manifestKind: 'dockerfile' }, { rules: [everyFrom] }).findings.map((f) => f.range.start.line + 1);

describe('ignore for this line in a Dockerfile', () => {
  it('goes on its own line above (a trailing # would be part of the instruction)', () => {
    const text = 'FROM python:latest AS base\nRUN echo hi\n';
    const edit = lineSuppressionEdit(text, 0, 'every-from', 'dockerfile')!;
    const fixed = applyEdits(text, [{ range: { start: { line: edit.range.start.line, column: edit.range.start.character }, end: { line: edit.range.end.line, column: edit.range.end.character } }, newText: edit.newText }]);
    assert.equal(fixed, '# preflight: ignore[every-from]\nFROM python:latest AS base\nRUN echo hi\n');
    assert.deepEqual(fromLines(text), [1]);
    assert.deepEqual(fromLines(fixed), [], 'the directive above suppresses the line');
  });
  it('extends a directive already above', () => {
    const text = '# preflight: ignore[other]\nFROM python\n';
    const edit = lineSuppressionEdit(text, 1, 'every-from', 'dockerfile')!;
    assert.equal(edit.range.start.line, 0);
    assert.equal(edit.newText, ', every-from');
  });
  it('covers only the next line', () => assert.deepEqual(fromLines('# preflight: ignore\nFROM a\nFROM b\n'), [3]));
  it('no line action in Pipfile.lock (JSON)', () => assert.equal(lineSuppressionEdit('{}', 0, 'x', 'pipfile-lock'), undefined));
});

// Issue 19: where "ignore for this line / cell" puts the directive in Python and notebook cells.
const edited = (text: string, edit: ReturnType<typeof lineSuppressionEdit>) =>
  edit && applyEdits(text, [{ range: { start: { line: edit.range.start.line, column: edit.range.start.character }, end: { line: edit.range.end.line, column: edit.range.end.character } }, newText: edit.newText }]);
const inCell = (text: string, line: number) => edited(text, lineSuppressionEdit(text, line, 'r', undefined, true));

describe('ignore for this line in Python and notebook cells', () => {
  it('above a line magic, never after it (`%matplotlib inline  # …` is a UsageError)', () =>
    assert.equal(inCell('x = 1\n%matplotlib inline', 1), 'x = 1\n# preflight: ignore[r]\n%matplotlib inline'));
  it('above a shell escape and an assignment from one', () => {
    assert.equal(inCell('x = 1\n!pip install numpy', 1), 'x = 1\n# preflight: ignore[r]\n!pip install numpy');
    assert.equal(inCell('x = 1\nfiles = !ls \\\n  -l', 2), 'x = 1\n# preflight: ignore[r]\nfiles = !ls \\\n  -l');
  });
  it('above an indented automagic, with its indentation', () =>
    assert.equal(inCell('if x:\n    pip install numpy', 1), 'if x:\n    # preflight: ignore[r]\n    pip install numpy'));
  it('above a statement whose string opens on the line; after it on the row that closes it', () => {
    assert.equal(inCell('x = 1\ns = f("""abc\ndef""")', 1), 'x = 1\n# preflight: ignore[r]\ns = f("""abc\ndef""")');
    assert.equal(inCell('x = 1\ns = f("""abc\ndef""")', 2), 'x = 1\ns = f("""abc\ndef""")  # preflight: ignore[r]');
  });
  it('above a backslash continuation', () => assert.equal(inCell('x = 1\ns = f(1, \\\n  2)', 1), 'x = 1\n# preflight: ignore[r]\ns = f(1, \\\n  2)'));
  it('above a line that ends the text with a backslash (fuzz: `0.\\` as a last line), in a cell and a .py', () => {
    assert.equal(inCell('x = 1\ny = 0.\\', 1), 'x = 1\n# preflight: ignore[r]\ny = 0.\\');
    assert.equal(inCell(' 0.\\\nx = 1', 1), ' 0.\\\nx = 1  # preflight: ignore[r]', 'a continued line is not the end of the text');
    assert.equal(edited('x = 1\ny = 2 \\', lineSuppressionEdit('x = 1\ny = 2 \\', 1, 'r')), 'x = 1\n# preflight: ignore[r]\ny = 2 \\');
  });
  it('in a .py file too', () => assert.equal(edited('x = 1\ns = """a\nb"""\n', lineSuppressionEdit('x = 1\ns = """a\nb"""\n', 1, 'r')), 'x = 1\n# preflight: ignore[r]\ns = """a\nb"""\n'));
  it('extends a directive above', () => assert.equal(inCell('x = 1\n# preflight: ignore[a]\n%pip install x', 2), 'x = 1\n# preflight: ignore[a, r]\n%pip install x'));
  it('none on the first line of a cell when it must go above (that is the cell action), in a %%bash body, on a one-line automagic cell', () => {
    assert.equal(inCell('%pip install x\ny = 1', 0), undefined);
    assert.equal(inCell('%%bash\npip install x', 1), undefined);
    assert.equal(inCell('pip install x', 0), undefined);
  });
});

describe('ignore for this cell', () => {
  const cell = (text: string) => edited(text, cellSuppressionEdit(text, 'r'));
  it('keeps the indentation of an indented first line (IPython strips it from every line)', () =>
    assert.equal(cell('    x = 1\n    y = 2'), '    # preflight: ignore[r]\n    x = 1\n    y = 2'));
  it('goes after a %%time line (a cell magic stays first); none for %%bash or a one-line automagic', () => {
    assert.equal(cell('%%time\nx = 1'), '%%time\n# preflight: ignore[r]\nx = 1');
    assert.equal(cell('%%bash\nls'), undefined);
    assert.equal(cell('pip install x'), undefined);
  });
  it('extends the directive of the cell', () => assert.equal(cell('# preflight: ignore[a]\nx'), '# preflight: ignore[a, r]\nx'));
});
