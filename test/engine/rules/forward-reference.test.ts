import { forwardReference } from '../../../server/src/engine/rules/forward-reference';
import { ruleTester } from '../ruleTester';

ruleTester.run(forwardReference, {
  valid: [
    { name: 'defined above', cells: ['x = 1', 'print(x)'] },
    { name: 'read inside a function body: runs only when called', cells: ['def f():\n    return df.shape', 'df = load()'] },
    { name: 'read inside a lambda body', cells: ['g = lambda: df', 'df = 1'] },
    { name: 'defined above and again below', cells: ['df = 1', 'print(df)', 'df = 2'] },
    { name: 'same cell, read before write in a loop is not a later cell', cells: ['for i in range(2):\n    if i:\n        print(prev)\n    prev = i'] },
    { name: 'a builtin redefined later is the builtin here', cells: ['print(len("a"))', 'len = 3'] },
    { name: 'undefined everywhere is undefined-name, not this rule', cells: ['print(nowhere)'] },
    { name: 'guarded read', cells: ['try:\n    model\nexcept NameError:\n    model = None', 'model = 1'] },
    { name: 'local shadowing in a comprehension', cells: ['ys = [df for df in range(3)]', 'df = 2'] },
  ],
  invalid: [
    {
      name: 'messages name cells as the editor shows them: a cell further down by its first line, with the definition as related location',
      cells: ['summary = df.describe()', 'import pandas as pd', '# load\ndf = pd.read_csv("data/a_rather_long_file_name.csv", sep=";")'],
      errors: [{ cell: 1, line: 1, column: 11, message: /^`df` is defined only in the cell starting `# load` further down: a top-down run/, related: [{ cell: 3, line: 2 }] }],
    },
    {
      name: 'the next code cell past a markdown cell is "the code cell below"; a long first line is shortened to its callee',
      cells: ['print(model)', { kind: 'markdown', source: '## Model' }, 'model = build_the_model_with_many_arguments(layers=3, width=128)'],
      errors: [{ cell: 1, line: 1, column: 7, message: /^`model` is defined only in the code cell below:/, related: [{ cell: 3, line: 1 }] }],
    },
    {
      name: 'two cells starting with the same line: the cell is named by what it defines',
      cells: ['print(a)', 'import numpy as np', 'import os\na = 1', 'import os\nb = 2'],
      errors: [{ cell: 1, line: 1, column: 7, message: /^`a` is defined only in the cell that defines `a` further down:/, related: [{ cell: 3, line: 2 }] }],
    },
    {
      name: 'defined only in a later cell',
      cells: ['import pandas as pd', { kind: 'markdown', source: '# Analysis' }, 'summary = df.describe()', 'df = pd.read_csv("x.csv")'],
      errors: [{ cell: 3, line: 1, column: 11, endColumn: 13, message: '`df` is defined only in the cell below: a top-down run (Restart & Run All) fails here with NameError; move the definition above this cell.', related: [{ cell: 4, line: 1 }] }],
    },
    {
      name: 'a comprehension at top level runs with its cell',
      cells: ['rows = [r * scale for r in range(3)]', 'scale = 2'],
      errors: [{ cell: 1, line: 1, column: 13, message: /`scale` is defined only in the cell below:/ }],
    },
    {
      name: 'a class body runs with its cell; a decorator too',
      cells: ['@deco\nclass A:\n    n = size', 'size = 1\ndef deco(c): return c'],
      errors: [
        { cell: 1, line: 1, column: 2, message: /`deco` is defined only in the cell below:/ },
        { cell: 1, line: 3, column: 9, message: /`size` is defined only in the cell below:/ },
      ],
    },
    {
      name: 'defined later only through global in a function',
      cells: ['print(conn)', 'def connect():\n    global conn\n    conn = 1'],
      errors: [{ cell: 1, line: 1, column: 7, message: /defined only in the cell below \(inside a function, through `global`\)/, related: [{ cell: 2, line: 3 }] }],
    },
    {
      name: 'a star import above lowers it to a hint',
      cells: ['from helpers import *', 'print(cfg)', 'cfg = 1'],
      errors: [{ cell: 2, line: 1, severity: 'hint', message: /^`cfg` is defined only in the cell below, unless `from helpers import \*` \(in the cell above\) defines it earlier/, related: [{ cell: 3, line: 1 }, { cell: 1, line: 1 }] }],
    },
  ],
});
