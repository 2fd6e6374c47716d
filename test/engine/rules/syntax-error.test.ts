import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { analyze, inputFromBytes } from '../../../server/src/engine/analyze';
import { createProject } from '../../../server/src/engine/project';
import { initParser } from '../../../server/src/engine/python/parser';
import { syntaxError } from '../../../server/src/engine/rules/syntax-error';
import { ruleTester } from '../ruleTester';

ruleTester.run(syntaxError, {
  valid: [
    'x = 1\nprint(x)',
    { cells: ['%pip install numpy', 'files = !ls\n%time x = 1', '%%bash\nnot python at all (', 'np.random.rand?'] },
    'match x:\n    case [a, *rest]:\n        pass',
    'async def f():\n    async with a as b:\n        await b',
    // tree-sitter stumbles on these; CPython accepts them (the oracle test checks the same and more).
    { name: 'keyword at column 0 inside brackets in a block', code: 'def f():\n    x = [i for i in\nrange(3)\nif i]\n    return x' },
    { name: 'dedented comment between statements', code: 'def f():\n    x = (1 +\n  2)\n  # note\n    return x' },
    { name: 'PEP 696 type-parameter default', code: 'class Box[T = int]:\n    pass' },
    { name: 'any line magic', cells: ['%mprun -f train train(model, data)', '%frobnicate (x'] },
    { name: 'IPython escapes and help', cells: ['/f x y', 'x = obj.attr?', 'cfg[0] = !cat x', '    x = 1\n    y = 2', '>>> x = 1\n... y = 2'] },
  ],
  invalid: [
    { code: 'x = (1,\ny = 2\n', errors: [{ line: 1 }], output: null },
    { cells: ['x = 1', '# markdown?', 'def f(:\n    pass'], errors: [{ cell: 3, line: 1 }] },
    { name: 'one finding per cell', cells: ['a = (', 'b = )'], errors: [{ cell: 1, line: 1 }, { cell: 2, line: 1 }] },
    { name: 'CPython tokenizer message', code: 'def f():\n    x = [1, 2)\n', errors: [{ line: 2, message: /closing parenthesis '\)' does not match opening parenthesis '\['/ }], output: null },
    { name: 'a magic line ends at its line', cells: ['if x:\n    %time y = f(\nx)'], errors: [{ cell: 1, line: 3 }] },
    { name: 'help IPython cannot read', cells: ['f(1)?'], errors: [{ cell: 1, line: 1 }] },
    // Issue 19: a cell magic after the first line is IPython's UsageError, not a dropped cell.
    { name: 'cell magic not on the first line', cells: ['x = 1\n%%timeit\ny = 2', '# @title Setup\n%%capture\n!pip install x'], errors: [
      { cell: 1, line: 2, message: /UsageError: Line magic function `%%timeit` not found\. A cell magic/ },
      { cell: 2, line: 2, message: /UsageError: Line magic function `%%capture` not found/ },
    ] },
    { name: 'Python 2 print statement', code: "import os\nprint 'hello', os.name\n", errors: [{ line: 2, message: /Python 2 syntax: the `print` statement/ }], output: null },
    { name: 'Python 2 literals and operators', cells: ['mode = 0777', 'n = 10L', 's = ur"a"', 'if a <> b: pass', 'y = `x`', 'exec code'], errors: [
      { cell: 1, line: 1, message: /Python 2 syntax: the octal literal `0777` \(Python 3: `0o777`\)/ },
      { cell: 2, line: 1, message: /Python 2 syntax: the long-integer suffix `L`/ },
      { cell: 3, line: 1, message: /Python 2 syntax: the `ur` string prefix/ },
      { cell: 4, line: 1, message: /Python 2 syntax: the `<>` operator/ },
      { cell: 5, line: 1, message: /Python 2 syntax: backquotes/ },
      { cell: 6, line: 1, message: /Python 2 syntax: the `exec` statement/ },
    ] },
    { name: 'TabError', code: 'if x:\n        y = 1\n\tz = 2\n', errors: [{ line: 3, message: /inconsistent use of tabs and spaces in indentation/ }], output: null },
    { name: 'from __future__ after a statement', cells: ['import os\nfrom __future__ import division'], errors: [{ cell: 1, line: 2, message: /from __future__ imports must occur at the beginning of the file/ }] },
  ],
});

// Issue 19: a cell VS Code runs as JavaScript is not checked as Python.
describe('syntax-error on a saved notebook', () => {
  before(() => initParser());
  it('skips cells marked as another language (metadata.vscode.languageId)', () => {
    const ipynb = JSON.stringify({
      nbformat: 4, nbformat_minor: 5, metadata: {},
      cells: [
        { cell_type: 'code', source: 'const x = require("fs");', metadata: { vscode: { languageId: 'javascript' } }, outputs: [], execution_count: null },
        { cell_type: 'code', source: 'def f(:', metadata: {}, outputs: [], execution_count: null },
      ],
    });
    const input = inputFromBytes('/tmp/languages.ipynb', ipynb)!;
    const findings = analyze(input, { project: createProject(process.cwd()) }).findings.filter((f) => f.ruleId === 'syntax-error');
    assert.deepEqual(findings.map((f) => f.cell), [1]);
  });
});
