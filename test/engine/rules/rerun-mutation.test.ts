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
    // Fixed points (TAXONOMY I-rerun exclusions)
    { name: 'pop with a default', cells: ['d = {"a": 1}', 'd.pop("a", None)\nd.pop("b", 0)'] },
    { name: 'update with the same mapping', cells: ['d = {}\ncfg = {"lr": 0.1}', 'd.update({"a": 1})\nd.update(a=1, b=2)\nd.update(dict(c=3))\nd.update(cfg)\nd.update({k: 0 for k in "ab"})'] },
    { name: 'eval assigning a new column', cells: ['import pandas as pd\ndf = pd.read_csv("x")', 'df.eval("c = a + b", inplace=True)\ndf.eval("""d = a * 2\ne = b - 1""", inplace=True)'] },
    { name: 'fillna on a column, reset_index dropping the index, query', cells: ['import pandas as pd\ndf = pd.read_csv("x")', 'df["a"].fillna(0, inplace=True)\ndf.fillna(value={"b": 1}, inplace=True)\ndf.reset_index(drop=True, inplace=True)\ndf.query("a > 0", inplace=True)'] },
    { name: 'pandas append returns a copy', cells: ['import pandas as pd\ndf = pd.DataFrame()', 'df.append({"a": 1}, ignore_index=True)\ndf.columns.append(pd.Index(["z"]))'] },
    {
      name: 'clamping, rounding and case rewrites are idempotent',
      cells: [
        'import numpy as np\ndf = load()',
        'df["c"] = df["c"].apply(lambda x: min(x, 120))\ndf["c"] = df["c"].clip(upper=120)\ndf["c"] = df["c"].apply(lambda x: max(0, min(x, 120)))\ndf["c"] = df["c"].apply(lambda x: 120 if x > 120 else x)\ndf["c"] = np.minimum(df["c"], 120)\ndf["s"] = df["s"].map(str.lower)\ndf["s"] = df["s"].apply(lambda s: s.strip().lower())\ndf["r"] = df["r"].apply(round)\ndf["r"] = df["r"].apply(lambda v: round(v, 2))',
      ],
    },
    {
      name: 'methods of API clients are remote calls',
      cells: ['from openai import OpenAI\nimport boto3\nfrom pinecone import Pinecone\nclient = OpenAI()\ns3 = boto3.client("s3")\nindex = Pinecone().Index("i")', 'client.beta.assistants.update("asst", name="x")\nclient.files.pop("f")\ns3.put_bucket_tagging(Bucket="b", Tagging={})\nindex.update(id="a", values=[0.1])'],
    },
  ],
  invalid: [
    {
      name: 'the defining cell further up is named by its first line and attached as a related location',
      cells: ['messages = []', 'import json', 'messages.append({"role": "user"})'],
      errors: [{ cell: 3, line: 1, message: /^`\.append` changes `messages` \(defined in the cell starting `messages = \[\]` further up\) in place/, related: [{ cell: 1, line: 1 }] }],
    },
    {
      name: 'rebinding a name to itself joined with more rows',
      cells: ['import pandas as pd\nimport numpy as np\nX = pd.read_csv("x")\na = np.zeros(3)', 'for batch in batches:\n    X = pd.concat([X, batch], axis=0)\na = np.append(a, 1)'],
      errors: [{ cell: 2, line: 2, column: 5, endColumn: 6, message: /changes `X` \(defined in the cell above\) in place/ }, { cell: 2, line: 3, column: 1, endColumn: 2 }],
    },
    {
      name: 'append to a list from an earlier cell',
      cells: ['messages = [{"role": "user"}]', { kind: 'markdown', source: 'text' }, 'messages.append(reply)'],
      errors: [{ cell: 3, line: 1, column: 1, endLine: 1, endColumn: 16, message: /^`\.append` changes `messages` \(defined in the code cell above\) in place: each re-run/ }],
    },
    { name: 'augmented assignment', cells: ['count = 0', 'for x in xs:\n    count += 1'], errors: [{ cell: 2, line: 2, column: 5, endColumn: 15, message: /^`\+=` changes `count`/ }] },
    { name: 'augmented subscript', cells: ['df = load()', 'df["c"] *= 2'], errors: [{ cell: 2, line: 1, message: /`\*=` changes `df`/ }] },
    // TAXONOMY I-rerun now excludes `.update()` with the same mapping: `d.update(x=1)` moved to valid; an update reading d compounds.
    { name: 'extend, update, pop', cells: ['a = []\nd = {}', 'a.extend([1])\nd.update(x=d.get("x", 0) + 1)\na.pop()'], errors: [{ cell: 2, line: 1 }, { cell: 2, line: 2 }, { cell: 2, line: 3 }] },
    {
      name: 'pop without a default, update with an unknown or counting mapping',
      cells: ['from collections import Counter\nd = {"a": 1}\nc = Counter()', 'd.pop("a")\nd.update(other)\nc.update({"a": 1})'],
      errors: [{ cell: 2, line: 1 }, { cell: 2, line: 2 }, { cell: 2, line: 3, message: /^`\.update` changes `c`/ }],
    },
    {
      name: 'eval assigning a column it reads, reset_index keeping the index',
      cells: ['import pandas as pd\ndf = pd.read_csv("x")', 'df.eval("a = a + 1", inplace=True)\ndf.reset_index(inplace=True)'],
      errors: [{ cell: 2, line: 1, message: /^`\.eval\(inplace=True\)`/ }, { cell: 2, line: 2, message: /^`\.reset_index\(inplace=True\)`/ }],
    },
    {
      name: 'append to a list, even one taken out of a DataFrame',
      cells: ['import pandas as pd\ndf = pd.read_csv("x")\ncols = df.columns.tolist()\nnames = []', 'cols.append("z")\nnames.append("n")'],
      errors: [{ cell: 2, line: 1 }, { cell: 2, line: 2 }],
    },
    { name: 'keeping the copy pandas append returns', cells: ['import pandas as pd\ndf = pd.read_csv("x")', 'df = df.append({"a": 1}, ignore_index=True)'], errors: [{ cell: 2, line: 1, message: /changes `df`/ }] },
    {
      name: 'transforms that change again: a mapping, a lambda choosing between constants, a log',
      cells: ['import numpy as np\ndf = load()', 'df["c"] = df["c"].apply(lambda x: 1 if x == "y" else 0)\ndf["d"] = df["d"].apply(np.log)\ndf["e"] = df["e"].apply(lambda x: min(x, 120) * 2)'],
      errors: [{ cell: 2, line: 1 }, { cell: 2, line: 2 }, { cell: 2, line: 3 }],
    },
    { name: 'local state that shares a name with no client', cells: ['state = {"n": 0}', 'state.update(n=state["n"] + 1)'], errors: [{ cell: 2, line: 1 }] },
    { name: 'inplace=True', cells: ['df = load()', 'df.drop(columns=["a"], inplace=True)'], errors: [{ cell: 2, line: 1, column: 1, endColumn: 8, message: /`\.drop\(inplace=True\)` changes `df`/ }] },
    { name: 'compounding column', cells: ['df = load()', 'df["c"] = df["c"] * 2'], errors: [{ cell: 2, line: 1, column: 1, endColumn: 8 }] },
    { name: 'compounding name', cells: ['X = load()', 'X = X / 255.0'], errors: [{ cell: 2, line: 1 }] },
    { name: 'rebinding a name through a transform is a hint', cells: ['ds = load()', 'ds = ds.map(tokenize, batched=True)'], errors: [{ cell: 2, line: 1, severity: 'hint' }] },
    { name: 'map twice', cells: ['df = load()', 'df["y"] = df["y"].map({"a": 0})'], errors: [{ cell: 2, line: 1 }] },
    {
      name: 're-wrapping a saved original',
      cells: ['client = make()', 'orig = client.send\ndef patched(**kw):\n    return orig(**kw)\nclient.send = patched'],
      errors: [{ cell: 2, line: 4, message: /^`client.send` is replaced by a wrapper of the original this cell saved from `client` \(defined in the cell above\): each re-run wraps/ }],
    },
  ],
});
