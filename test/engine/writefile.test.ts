import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { analyze } from '../../server/src/engine/analyze';
import type { Notebook } from '../../server/src/engine/notebook';
import { initParser } from '../../server/src/engine/python/parser';

before(async () => {
  await initParser();
});

const nb = (...sources: string[]): Notebook => ({ language: 'python', cells: sources.map((source) => ({ kind: 'code' as const, source, executionCount: null })) });
const found = (n: Notebook) => analyze({ target: 'notebook', file: 'n.ipynb', notebook: n }).findings.map((f) => `${f.ruleId} cell ${(f.cell ?? -1) + 1} ${f.range.start.line + 1}:${f.range.start.column + 1}`);

describe('%%writefile cells holding a Python file', () => {
  it('are analysed as a file of their own, findings shown in the cell below the magic line', () => {
    const f = found(nb('x = 1', '%%writefile app.py\nimport random\nfrom openai import OpenAI\nOpenAI(timeout=5).chat.completions.create(model="gpt-4o", messages=[])\nprint(random.random())\n'));
    assert.ok(f.includes('moving-model-alias cell 2 4:49'), f.join('\n'));
    assert.ok(f.includes('unseeded-global-rng cell 2 5:7'), f.join('\n'));
  });
  it('their names are not the notebook\'s (a name only the written file defines is undefined in the notebook)', () => {
    const f = found(nb('%%writefile helpers.py\ndef load():\n    return 1\n', 'load()'));
    assert.ok(f.some((x) => x.startsWith('undefined-name cell 2')), f.join('\n'));
  });
  it('other files a cell writes (-a, text, YAML) are not Python', () => {
    assert.deepEqual(found(nb('%%writefile config.yaml\nmodel: gpt-4o\n')), []);
  });
  it('suppressions inside the written file apply', () => {
    const f = found(nb('%%writefile app.py\nimport random\nprint(random.random())  # preflight: ignore[unseeded-global-rng]\n'));
    assert.deepEqual(f.filter((x) => x.startsWith('unseeded')), []);
  });
});
