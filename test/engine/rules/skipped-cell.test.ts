import { skippedCell } from '../../../server/src/engine/rules/skipped-cell';
import { ruleTester } from '../ruleTester';

const run = (source: string, executionCount: number | null) => ({ source, executionCount });
/** A cell that ran and was edited since: VS Code saves it with `execution_count: null` and its outputs. */
const edited = (source: string) => ({ source, executionCount: null, outputs: [{ output_type: 'stream', name: 'stdout', text: ['ok\n'] }] });

ruleTester.run(skippedCell, {
  valid: [
    { name: 'never-run notebook', cells: ['x = 1', 'print(x)'] },
    { name: 'unexecuted install cell nobody depends on', cells: [run('%pip install pandas==2.2.2', null), run('import pandas as pd', 1), run('pd.DataFrame()', 2)] },
    { name: 'unexecuted cells below every executed one', cells: [run('x = 1', 1), run('y = x', null)] },
    { name: 'a later executed cell redefines the name first', cells: [run('x = 1', null), run('x = 2', 1), run('print(x)', 2)] },
    { name: 'names read only by unexecuted cells', cells: [run('x = 1', null), run('a = 1', 1), run('print(x)', null)] },
    { name: 'an unexecuted cell that only reads a name', cells: [run('df = load()', 1), run('df.head()\nprint(df["a"])', null), run('df.describe()', 2)] },
    { name: 'an unexecuted cell changes a name nobody reads below', cells: [run('xs = []', 1), run('xs.append(1)', null), run('y = 2', 2)] },
    { name: 'setting an attribute is not read as a dependency', cells: [run('session = app()', 1), run('session.view = v1', null), run('session.view = v2', 2)] },
    { name: 'changes inside a function the cell only defines', cells: [run('xs = []', 1), run('def add():\n    xs.append(1)', null), run('print(xs)', 2)] },
    { name: 'a module an executed cell above imports too', cells: [run('import os', 1), run('import os', null), run('print(os.getcwd())', 2)] },
    { name: 'an edited cell (outputs, no count) nobody reads below is not reported', cells: [run('import numpy as np', 1), edited('np.random.seed(0)\nprint(np.random.rand())'), run('print(1)', 3)] },
    { name: 'an edited install cell with outputs', cells: [edited('%pip install pandas==2.2.2'), run('import pandas as pd', 2)] },
    { name: 'a module the reading cell imports itself', cells: [run('from os import path', null), run('def here():\n    return path.abspath(".")\nfrom os import path\nprint(here())', 1)] },
  ],
  invalid: [
    {
      name: 'a reader further down is named by its first line and attached as a related location',
      cells: [run('import pandas as pd', 1), run('df = pd.read_csv("a.csv")', null), run('x = 1', 2), run('# peek\ndf.head()', 3)],
      errors: [{ cell: 2, line: 1, message: /^This cell never ran, yet the cell starting `# peek` further down, which ran, reads `df` that it defines/, related: [{ cell: 4, line: 1 }] }],
    },
    {
      name: 'a cell edited after its run that cells below read: a hint that its outputs are stale, never "never ran"',
      cells: [run('import numpy as np', 1), edited('rng = np.random.default_rng(0)  # preflight: ignore[unseeded-generator]'), run('print(rng.random())', 3)],
      errors: [{ cell: 2, line: 1, column: 1, endColumn: 4, severity: 'hint', message: 'This cell was edited after it ran, and the cell below, which ran, reads `rng` that it defines: its saved outputs and theirs may be stale; re-run this cell and the cells below to refresh them.' }],
    },
    {
      name: 'a never-run cell (no count, no outputs) is still reported as never run next to an edited one',
      cells: [edited('x = 1'), run('y = 2', null), run('print(x, y)', 3)],
      errors: [
        { cell: 1, line: 1, severity: 'hint', message: /^This cell was edited after it ran/ },
        { cell: 2, line: 1, severity: 'warning', message: /^This cell never ran, yet the cell below, which ran, reads `y`/ },
      ],
    },
    {
      name: 'an executed cell reads a name only an unexecuted cell above defines',
      cells: [run('import pandas as pd', 1), run('df = pd.read_csv("a.csv")', null), run('df.head()', 2)],
      errors: [{ cell: 2, line: 1, column: 1, endColumn: 3, message: 'This cell never ran, yet the cell below, which ran, reads `df` that it defines: the saved outputs came from state the notebook does not show; restart the kernel and run all cells, or delete this cell.' }],
    },
    {
      name: 'functions and imports count; several readers',
      cells: [run('import json\ndef load(p):\n    return json.load(open(p))', null), run('cfg = load("c.json")', 1), run('print(json.dumps(cfg))', 2)],
      errors: [{ cell: 1, line: 1, column: 8, endColumn: 12, message: /2 executed cells below read `json`, `load` that it defines/ }],
    },
    {
      name: 'an unexecuted cell fills the items of a list that an executed cell below reads',
      cells: [run('outputs = [{"q": 1}]', 1), run('for output in outputs:\n    output.update({"score": 1})', null), run('print([o["score"] for o in outputs])', 2)],
      errors: [{ cell: 2, line: 2, column: 5, endLine: 2, endColumn: 32, message: /changes `outputs` in place and the cell below, which ran, reads it/ }],
    },
    {
      name: 'through a progress bar or enumerate',
      cells: [run('rows = load()', 1), run('for row in tqdm(rows):\n    row["s"] = 1\nfor i, r in enumerate(rows):\n    r.update(t=i)', null), run('show(rows)', 2)],
      errors: [{ cell: 2, line: 2, column: 5, endColumn: 17 }],
    },
    {
      name: 'a model fitted only in a never-run cell',
      cells: [run('est = Estimator()', 1), run('est.fit()', null), run('print(est.model_data)', 2)],
      errors: [{ cell: 2, line: 1, column: 1, endColumn: 10 }],
    },
    {
      name: 'item assignment and inplace=True count as changes',
      cells: [run('df = load()', 1), run('df["c"] = 1\ndf.drop(columns=["a"], inplace=True)', null), run('df.plot()', 2)],
      errors: [{ cell: 2, line: 1, column: 1, endColumn: 12 }],
    },
    {
      name: 'only what the executed cells do not import themselves is named',
      cells: [run('import torch', 1), run('import torch\nfrom tqdm import tqdm\ndef predict(xs):\n    return [torch.tensor(x) for x in tqdm(xs)]', null), run('preds = predict([1])\nprint(torch.cat(preds))', 2)],
      errors: [{ cell: 2, line: 3, column: 5, message: /the cell below, which ran, reads `predict` that it defines/ }],
    },
    {
      name: 'an import only an executed cell below the reader repeats',
      cells: [run('import numpy as np', null), run('print(np.pi)', 1), run('import numpy as np', 2)],
      errors: [{ cell: 1, line: 1, column: 17, message: /reads `np` that it defines/ }],
    },
    {
      name: 'the same name imported from another module is a different value',
      cells: [run('from json import loads', 1), run('from orjson import loads', null), run('print(loads(b"{}"))', 2)],
      errors: [{ cell: 2, line: 1, column: 20, message: /reads `loads` that it defines/ }],
    },
    {
      name: 'an earlier executed definition is overridden in a top-down run',
      cells: [run('x = 1', 1), run('x = 2', null), run('print(x)', 2)],
      errors: [{ cell: 2, line: 1, column: 1 }],
    },
  ],
});
