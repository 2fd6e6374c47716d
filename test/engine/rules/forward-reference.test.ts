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
      name: 'defined only in a later cell',
      cells: ['import pandas as pd', { kind: 'markdown', source: '# Analysis' }, 'summary = df.describe()', 'df = pd.read_csv("x.csv")'],
      errors: [{ cell: 3, line: 1, column: 11, endColumn: 13, message: '`df` is defined only in cell 4, below this cell: a top-down run (Restart & Run All) fails here with NameError; move the definition above this cell.' }],
    },
    {
      name: 'a comprehension at top level runs with its cell',
      cells: ['rows = [r * scale for r in range(3)]', 'scale = 2'],
      errors: [{ cell: 1, line: 1, column: 13, message: /`scale` is defined only in cell 2/ }],
    },
    {
      name: 'a class body runs with its cell; a decorator too',
      cells: ['@deco\nclass A:\n    n = size', 'size = 1\ndef deco(c): return c'],
      errors: [
        { cell: 1, line: 1, column: 2, message: /`deco` is defined only in cell 2/ },
        { cell: 1, line: 3, column: 9, message: /`size` is defined only in cell 2/ },
      ],
    },
    {
      name: 'defined later only through global in a function',
      cells: ['print(conn)', 'def connect():\n    global conn\n    conn = 1'],
      errors: [{ cell: 1, line: 1, column: 7, message: /defined only in cell 2 \(inside a function, through `global`\)/ }],
    },
    {
      name: 'a star import above lowers it to a hint',
      cells: ['from helpers import *', 'print(cfg)', 'cfg = 1'],
      errors: [{ cell: 2, line: 1, severity: 'hint', message: /unless `from helpers import \*` \(cell 1\) defines it earlier/ }],
    },
  ],
});
