import { skippedCell } from '../../../server/src/engine/rules/skipped-cell';
import { ruleTester } from '../ruleTester';

const run = (source: string, executionCount: number | null) => ({ source, executionCount });

ruleTester.run(skippedCell, {
  valid: [
    { name: 'never-run notebook', cells: ['x = 1', 'print(x)'] },
    { name: 'unexecuted install cell nobody depends on', cells: [run('%pip install pandas==2.2.2', null), run('import pandas as pd', 1), run('pd.DataFrame()', 2)] },
    { name: 'unexecuted cells below every executed one', cells: [run('x = 1', 1), run('y = x', null)] },
    { name: 'a later executed cell redefines the name first', cells: [run('x = 1', null), run('x = 2', 1), run('print(x)', 2)] },
    { name: 'names read only by unexecuted cells', cells: [run('x = 1', null), run('a = 1', 1), run('print(x)', null)] },
  ],
  invalid: [
    {
      name: 'an executed cell reads a name only an unexecuted cell above defines',
      cells: [run('import pandas as pd', 1), run('df = pd.read_csv("a.csv")', null), run('df.head()', 2)],
      errors: [{ cell: 2, line: 1, column: 1, endColumn: 3, message: 'This cell never ran, yet executed cell 3 below reads `df` that it defines: the saved outputs came from state the notebook does not show; restart the kernel and run all cells, or delete this cell.' }],
    },
    {
      name: 'functions and imports count; several readers',
      cells: [run('import json\ndef load(p):\n    return json.load(open(p))', null), run('cfg = load("c.json")', 1), run('print(json.dumps(cfg))', 2)],
      errors: [{ cell: 1, line: 1, column: 8, endColumn: 12, message: /executed cells 2, 3 below read `json`, `load` that it defines/ }],
    },
    {
      name: 'an earlier executed definition is overridden in a top-down run',
      cells: [run('x = 1', 1), run('x = 2', null), run('print(x)', 2)],
      errors: [{ cell: 2, line: 1, column: 1 }],
    },
  ],
});
