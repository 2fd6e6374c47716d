import { undefinedName } from '../../../server/src/engine/rules/undefined-name';
import { ruleTester } from '../ruleTester';

ruleTester.run(undefinedName, {
  valid: [
    { name: 'defined in an earlier cell', cells: ['import pandas as pd\ndf = pd.DataFrame()', 'df.head()'] },
    { name: 'defined only in a later cell is forward-reference, not this rule', cells: ['print(later)', 'later = 1'] },
    { name: 'builtins, Python 2 builtins, IPython names', cells: ['print(len(range(3)), xrange, unicode, raw_input)', 'display(In[1], Out, _, __, ___, _i, _i3, _3, get_ipython())', 'print(__name__, __file__, __doc__)'] },
    { name: 'conditional definition counts as a definition', cells: ['import os\nif os.environ.get("X"):\n    mode = "a"', 'print(mode)'] },
    { name: 'deleted later: still defined by a cell', cells: ['x = 1', 'del x', 'print(x)'] },
    { name: 'shadowing: a parameter and a local', cells: ['def f(df):\n    total = 0\n    for row in df:\n        total += row\n    return total', 'f([1, 2])'] },
    { name: 'class bodies and methods', cells: ['class A:\n    size = 3\n    doubled = size * 2\n    def m(self):\n        return self.size + A.size'] },
    { name: 'decorators defined above', cells: ['import functools\ndef deco(f):\n    return f', '@deco\n@functools.lru_cache\ndef g(): return 1'] },
    { name: 'comprehension variables and walrus', cells: ['ys = [y * 2 for y in range(3) if y]\nd = {k: v for k, v in zip("ab", ys)}\nif (n := len(ys)) > 1:\n    print(n)', 'print(n)'] },
    { name: 'global in a function defines the name', cells: ['def setup():\n    global conn\n    conn = 1', 'setup()\nprint(conn)'] },
    { name: 'type annotations: names imported, string annotations are not reads', cells: ['from typing import List\ndef f(xs: List[int]) -> "Frame":\n    return xs'] },
    { name: 'names bound by IPython syntax', cells: ['files = !ls\n%store -r model\nout = %sx echo hi', 'print(files, model, out)', '%%capture captured\nprint(1)', 'captured.show()'] },
    { name: 'with, except, for, import as, match targets', cells: ['import json as j\nwith open("f") as fh:\n    data = j.load(fh)\ntry:\n    pass\nexcept ValueError as err:\n    print(err)\nfor i, (a, b) in enumerate([]):\n    pass\nmatch data:\n    case {"k": [first, *rest]}:\n        print(first, rest)'] },
    { name: 'guarded reads', cells: ["if 'cache' not in globals():\n    print('none')\nelse:\n    print(cache)", 'try:\n    model\nexcept NameError:\n    print("train first")'] },
    { name: 'lambda and nested function parameters', cells: ['f = lambda a, *rest, k=1, **kw: a + k\ndef outer():\n    x = 1\n    def inner():\n        nonlocal x\n        return x\n    return inner'] },
    { name: 'configured known names', cells: ['print(site_name)'], config: { 'hidden-state': { 'known-names': ['site_name'] } } },
    { name: 'not a notebook', code: 'print(undefined_thing)' },
    { name: 'masked cell magics are not Python', cells: ['%%bash\necho $HOME\nls nothing_here', '%%sql\nSELECT * FROM t'] },
  ],
  invalid: [
    {
      name: 'a name from a deleted cell',
      cells: ['import pandas as pd', 'df2 = pd.concat([df, df])'],
      errors: [{ cell: 2, line: 1, column: 18, endColumn: 20, severity: 'warning', message: '`df` is read here but no cell of this notebook defines it: it came from a deleted cell or the live kernel, so a fresh run fails with NameError; add the cell that defines it.' }],
    },
    {
      name: 'read only inside a function that is never called: still undefined',
      cells: ['def f():\n    return model.predict(1)'],
      errors: [{ cell: 1, line: 2, column: 12, severity: 'warning' }],
    },
    {
      name: 'a class body name is not visible in its methods',
      cells: ['class A:\n    size = 3\n    def m(self):\n        return size'],
      errors: [{ cell: 1, line: 4, column: 16 }],
    },
    {
      name: 'a comprehension variable does not leak',
      cells: ['squares = [v * v for v in range(3)]', 'print(v)'],
      errors: [{ cell: 2, line: 1, column: 7 }],
    },
    {
      name: 'a local of a function does not define a module name; one finding per name per cell',
      cells: ['def load():\n    frame = 1\n    return frame', 'print(frame)\nprint(frame)'],
      errors: [{ cell: 2, line: 1, column: 7 }],
    },
    {
      name: 'an undefined decorator',
      cells: ['@register\ndef f(): pass'],
      errors: [{ cell: 1, line: 1, column: 2, endColumn: 10 }],
    },
    {
      name: 'a star import lowers it to a hint naming the cell',
      cells: ['from pylab import *', 'plot(x)'],
      errors: [
        { cell: 2, line: 1, column: 1, endColumn: 5, severity: 'hint', message: /^`plot` is not defined by any cell; `from pylab import \*` can define it \(in the cell above\)/ },
        { cell: 2, line: 1, column: 6, severity: 'hint' },
      ],
    },
    {
      name: '%run lowers it to a hint',
      cells: ['%run helpers.py', 'helper()'],
      errors: [{ cell: 2, line: 1, severity: 'hint', message: /`%run` runs a script/ }],
    },
    {
      name: 'exec and globals() writes lower it to a hint',
      cells: ['globals()["w"] = 1', 'print(w)'],
      errors: [{ cell: 2, line: 1, severity: 'hint', message: /`globals\(\)` write/ }],
    },
    {
      name: 'platform names and placeholders are hints',
      cells: ['df = spark.read.csv("x")\nkey = YOUR_API_KEY'],
      errors: [
        { cell: 1, line: 1, column: 6, severity: 'hint', message: /Databricks kernel provides it/ },
        { cell: 1, line: 2, column: 7, severity: 'hint', message: /placeholder/ },
      ],
    },
    {
      name: 'a name that only a cell with a syntax error mentions is a hint',
      cells: ['total = (1 +', 'print(total)'],
      errors: [{ cell: 2, line: 1, severity: 'hint', message: /syntax error/ }],
    },
  ],
});
