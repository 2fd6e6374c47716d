import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/engine/analyze';
import { createRule } from '../../server/src/engine/rule';
import { lineSuppressionEdit } from '../../server/src/handlers/suppressionEdits';
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
