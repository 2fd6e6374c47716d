import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { analyze } from '../../server/src/engine/analyze';
import { resolveConfig } from '../../server/src/engine/config';
import { derivedKey } from '../../server/src/engine/derived';
import { moduleReads } from '../../server/src/engine/hiddenState/names';
import { notebookFromCells, type NotebookCell } from '../../server/src/engine/notebook';
import { initParser } from '../../server/src/engine/python/parser';
import { AnalysisSession } from '../../server/src/engine/session';
import { allRules } from '../../server/src/engine/registry';

const code = (source: string): NotebookCell => ({ kind: 'code', source, executionCount: null });

describe('AnalysisSession', () => {
  before(() => initParser());
  const config = resolveConfig();

  it('an open document gives the findings a one-shot analysis gives', () => {
    const text = 'import random\nx = random.random()\nprint(undefined_thing)\n';
    const session = new AnalysisSession();
    const open = session.analyzeDocument({ key: 'file:///a.py' }, { target: 'python', file: 'a.py', text }, { config });
    const once = analyze({ target: 'python', file: 'a.py', text }, { config });
    assert.ok(open.findings.length > 0);
    assert.deepEqual(open.findings, once.findings);
    assert.equal(session.programOf('file:///a.py'), open.program);
  });

  it('earlyRulesOnly gives exactly the cell rules\' and prefix-stable rules\' findings first, and the full analysis after it runs the cell rules no more', () => {
    const session = new AnalysisSession();
    const doc4 = { key: 'nb', cellKeys: ['c1', 'c2', 'c3', 'c4'] };
    const nb = notebookFromCells([code("import random\ndf = open('/Users/ana/data.csv')\n"), code('x = random.random(\n'), code('print(undefined_thing)\n'), code('%pip install requests\n')]);
    const input = { target: 'notebook' as const, file: 'a.ipynb', notebook: nb };
    const fresh = analyze(input, { config }).findings;
    const early = session.analyzeDocument(doc4, input, { config, earlyRulesOnly: true }).findings;
    const cellRules = new Set(['syntax-error', 'absolute-user-path']);
    const prefixStable = new Set(allRules.filter((r) => r.meta.prefixStable).map((r) => r.meta.id));
    const earlyRules = new Set([...cellRules, ...prefixStable]);
    assert.deepEqual(new Set(early.map((f) => f.ruleId)), new Set([...cellRules, 'unpinned-install']));
    assert.deepEqual(early, fresh.filter((f) => earlyRules.has(f.ruleId)));
    assert.deepEqual(new Set(session.lastRuleRun('nb')!.program), prefixStable, 'the prefix-stable program rules, no other');
    const full = session.analyzeDocument(doc4, input, { config }).findings;
    assert.deepEqual(full, fresh);
    assert.ok(fresh.some((f) => f.ruleId === 'undefined-name'), 'a program rule that is not prefix-stable waits for the full analysis');
    for (const id of cellRules) assert.equal(session.lastRuleRun('nb')!.cell.get(id), 0, id);
  });

  it('keeps each cell parse by its key: an edit in one cell re-parses that cell only', () => {
    const session = new AnalysisSession();
    const doc = { key: 'nb', cellKeys: ['c1', 'c2'] };
    const first = session.analyzeDocument(doc, { target: 'notebook', file: 'a.ipynb', notebook: notebookFromCells([code('a = 1'), code('print(a)')]) }, { config });
    const second = session.analyzeDocument(doc, { target: 'notebook', file: 'a.ipynb', notebook: notebookFromCells([code('a = 1'), code('print(a, b)')]) }, { config });
    assert.equal(second.program!.units[0], first.program!.units[0]);
    assert.notEqual(second.program!.units[1], first.program!.units[1]);
    assert.deepEqual(second.findings.map((f) => f.ruleId), ['undefined-name']);
  });

  it('derived facts are computed once per program and again for the program an edit builds', () => {
    const session = new AnalysisSession();
    const key = derivedKey<number>('test.count');
    let computed = 0;
    const count = (p: NonNullable<ReturnType<AnalysisSession['programOf']>>) => session.derived(p, key, () => ++computed);
    const p1 = session.analyzeDocument({ key: 'a' }, { target: 'python', file: 'a.py', text: 'x = 1\n' }, { config }).program!;
    assert.equal(count(p1), 1);
    assert.equal(count(p1), 1);
    const p2 = session.analyzeDocument({ key: 'a' }, { target: 'python', file: 'a.py', text: 'x = 2\n' }, { config }).program!;
    assert.equal(count(p2), 2);
    // The families' facts go through the same memo: one array per program.
    assert.equal(moduleReads(p2), moduleReads(p2));
  });

  it('close and an input over a limit drop the document program', () => {
    const session = new AnalysisSession();
    session.analyzeDocument({ key: 'a' }, { target: 'python', file: 'a.py', text: 'x = 1\n' }, { config });
    session.analyzeDocument({ key: 'a' }, { target: 'invalid', file: 'a.py', message: 'too big' }, { config });
    assert.equal(session.programOf('a'), undefined);
    session.analyzeDocument({ key: 'b' }, { target: 'python', file: 'b.py', text: 'x = 1\n' }, { config });
    session.close('b');
    assert.equal(session.programOf('b'), undefined);
  });

  it('a notebook that falls out of the kept ones drops its program too (it holds every copied tree), and gets the same findings again', () => {
    const session = new AnalysisSession({ parsedNotebooksKept: 1 });
    const input = (source: string) => ({ target: 'notebook' as const, file: 'a.ipynb', notebook: notebookFromCells([code('import random\n'), code(source)]) });
    const first = session.analyzeDocument({ key: 'a', cellKeys: ['a1', 'a2'] }, input('x = random.random()\n'), { config });
    assert.ok(session.programOf('a'));
    session.analyzeDocument({ key: 'b', cellKeys: ['b1', 'b2'] }, input('print(1)\n'), { config });
    assert.equal(session.programOf('a'), undefined);
    assert.ok(session.programOf('b'));
    const again = session.analyzeDocument({ key: 'a', cellKeys: ['a1', 'a2'] }, input('x = random.random()\n'), { config });
    assert.ok(again.findings.length > 0);
    assert.deepEqual(again.findings, first.findings);
  });
});
