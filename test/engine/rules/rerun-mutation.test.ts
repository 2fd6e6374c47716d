import { rerunMutation } from '../../../server/src/engine/rules/rerun-mutation';
import { ruleTester } from '../ruleTester';

ruleTester.run(rerunMutation, {
  valid: [
    { name: 'same cell creates it first', cells: ['x = 1', 'messages = []\nmessages.append(1)\ntotal = 0\ntotal += 1'] },
    { name: 'rebuilt, not mutated', cells: ['msgs = [1]', 'msgs2 = msgs + [2]\ndf2 = df.assign(c=1)'] },
    { name: 'joining into a new name', cells: ['import pandas as pd\ndf = pd.read_csv("x")', 'both = pd.concat([df, extra])\narr = np.append(base, 1)'] },
    { name: 'inside a function', cells: ['items = []', 'def add(x):\n    items.append(x)'] },
    { name: 'idempotent inplace', cells: ['import pandas as pd\ndf = pd.read_csv("x")', 'df.dropna(inplace=True)\ndf.fillna(0, inplace=True)\ndf.sort_values("a", inplace=True)'] },
    { name: 'module state (imports)', cells: ['import sys', 'sys.path.append("..")'] },
    { name: 'idempotent column rewrite', cells: ['df = load()', 'df["d"] = pd.to_datetime(df["d"])\ndf["e"] = df["a"] * 2'] },
    { name: 'not a notebook', code: 'x = []\nx.append(1)\n' },
    { name: 'a later cell defines it', cells: ['x.append(1)', 'x = []'] },
    { name: 'set union and masks reach a fixed point', cells: ['z = {1}\nflags = 7', 'z |= {6, 4}\nflags &= 3'] },
  ],
  invalid: [
    {
      name: 'rebinding a name to itself joined with more rows',
      cells: ['import pandas as pd\nimport numpy as np\nX = pd.read_csv("x")\na = np.zeros(3)', 'for batch in batches:\n    X = pd.concat([X, batch], axis=0)\na = np.append(a, 1)'],
      errors: [{ cell: 2, line: 2, column: 5, endColumn: 6, message: /changes `X` \(defined in cell 1\) in place/ }, { cell: 2, line: 3, column: 1, endColumn: 2 }],
    },
    {
      name: 'append to a list from an earlier cell',
      cells: ['messages = [{"role": "user"}]', { kind: 'markdown', source: 'text' }, 'messages.append(reply)'],
      errors: [{ cell: 3, line: 1, column: 1, endLine: 1, endColumn: 16, message: /^`\.append` changes `messages` \(defined in cell 1\) in place: each re-run/ }],
    },
    { name: 'augmented assignment', cells: ['count = 0', 'for x in xs:\n    count += 1'], errors: [{ cell: 2, line: 2, column: 5, endColumn: 15, message: /^`\+=` changes `count`/ }] },
    { name: 'augmented subscript', cells: ['df = load()', 'df["c"] *= 2'], errors: [{ cell: 2, line: 1, message: /`\*=` changes `df`/ }] },
    { name: 'extend, update, pop', cells: ['a = []\nd = {}', 'a.extend([1])\nd.update(x=1)\na.pop()'], errors: [{ cell: 2, line: 1 }, { cell: 2, line: 2 }, { cell: 2, line: 3 }] },
    { name: 'inplace=True', cells: ['df = load()', 'df.drop(columns=["a"], inplace=True)'], errors: [{ cell: 2, line: 1, column: 1, endColumn: 8, message: /`\.drop\(inplace=True\)` changes `df`/ }] },
    { name: 'compounding column', cells: ['df = load()', 'df["c"] = df["c"] * 2'], errors: [{ cell: 2, line: 1, column: 1, endColumn: 8 }] },
    { name: 'compounding name', cells: ['X = load()', 'X = X / 255.0'], errors: [{ cell: 2, line: 1 }] },
    { name: 'rebinding a name through a transform is a hint', cells: ['ds = load()', 'ds = ds.map(tokenize, batched=True)'], errors: [{ cell: 2, line: 1, severity: 'hint' }] },
    { name: 'map twice', cells: ['df = load()', 'df["y"] = df["y"].map({"a": 0})'], errors: [{ cell: 2, line: 1 }] },
    {
      name: 're-wrapping a saved original',
      cells: ['client = make()', 'orig = client.send\ndef patched(**kw):\n    return orig(**kw)\nclient.send = patched'],
      errors: [{ cell: 2, line: 4, message: /^`client.send` is replaced by a wrapper of the original this cell saved from `client` \(defined in cell 1\): each re-run wraps/ }],
    },
  ],
});
