import { outOfOrderExecution } from '../../../server/src/engine/rules/out-of-order-execution';
import { ruleTester } from '../ruleTester';

const md = (source: string) => ({ kind: 'markdown' as const, source });
const run = (source: string, executionCount: number | null) => ({ source, executionCount });

ruleTester.run(outOfOrderExecution, {
  valid: [
    { name: 'top-down counts', cells: [run('import pandas as pd', 1), md('# Load'), run('df = pd.DataFrame()', 2), run('df.head()', 3)] },
    { name: 'gaps are not out of order', cells: [run('a = 1', 3), run('b = 2', 9), run('c = 3', 20)] },
    { name: 'never run', cells: ['a = 1', 'b = a'] },
    { name: 'unexecuted cells between executed ones', cells: [run('a = 1', 1), run('b = 2', null), run('c = 3', 2)] },
  ],
  invalid: [
    {
      name: 'cells that share state (one binds what the other reads): a warning',
      cells: [run('import pandas as pd\ndf = pd.read_csv("a.csv")', 3), run('df["b"] = df["a"] * 2', 9), run('print(df.describe())', 4)],
      errors: [{ cell: 3, line: 1, severity: 'warning', message: /may not reproduce/ }],
    },
    {
      name: 'cells that share no names are still out of order (H-order is about the saved counts)',
      cells: [run('import numpy as np\nx = np.ones(3)', 1), run('%load_ext tensorboard\n%tensorboard --logdir runs', 14), run('!python convert.py', 2)],
      errors: [{ cell: 3, line: 1, severity: 'warning', message: /may not reproduce/ }],
    },
    {
      name: 'one cell ran before the cell above it',
      cells: [run('import numpy as np', 1), run('x = np.ones(3)', 5), md('text'), run('  y = x * 2\n', 4)],
      errors: [{ cell: 4, line: 1, column: 3, endLine: 1, endColumn: 12, message: /ran before cell 2 above it \(execution count 4 < 5\)/ }],
    },
    {
      name: 'a run of cells after a restart is one finding on its first cell',
      cells: [run('a = 1', 7), run('b = 2', 8), run('c = 3', 1), run('d = 4', 2), run('e = 5', 9), run('f = 6', 3)],
      errors: [
        { cell: 3, line: 1, message: /This cell and the 1 code cell after it \(to cell 4\) ran before cell 2 above them \(execution counts 1–2 < 8\)/ },
        { cell: 6, line: 1, message: /ran before cell 5 above it \(execution count 3 < 9\)/ },
      ],
    },
    {
      name: 'an unexecuted cell does not break the group',
      cells: [run('a = 1', 10), run('b = 2', 1), run('c = 3', null), run('d = 4', 2)],
      errors: [{ cell: 2, line: 1, message: /and the 1 code cell after it \(to cell 4\)/ }],
    },
    {
      name: 'equal to the maximum is not lower; lower than an earlier maximum is',
      cells: [run('a = 1', 5), run('b = 2', 5), run('c = 3', 4)],
      errors: [{ cell: 3, line: 1, message: /before cell 2 above it \(execution count 4 < 5\)/ }],
    },
  ],
});
