import { executionCountGap } from '../../../server/src/engine/rules/execution-count-gap';
import { ruleTester } from '../ruleTester';

const run = (source: string, executionCount: number | null) => ({ source, executionCount });

ruleTester.run(executionCountGap, {
  valid: [
    { name: 'consecutive counts from 1', cells: [run('a = 1', 1), run('b = 2', 2), { kind: 'markdown', source: '# x' }, run('c = 3', 3)] },
    { name: 'out of order but no number missing', cells: [run('a = 1', 2), run('b = 2', 1), run('c = 3', 3)] },
    { name: 'a repeated count (kernel restart) mixes sessions: left to out-of-order-execution', cells: [run('a = 1', 1), run('b = 2', 5), run('c = 3', 1)] },
    { name: 'never run', cells: ['a = 1', 'b = 2'] },
  ],
  invalid: [
    {
      name: 'a deleted or re-run cell between two cells',
      cells: [run('a = 1', 1), run('b = 2', 2), run('c = 3', 4)],
      errors: [{ cell: 3, line: 1, column: 1, endColumn: 6, severity: 'hint', message: /^Execution count 3 is missing before this cell \(count 4\)/ }],
    },
    {
      name: 'counts that do not start at 1',
      cells: [run('a = 1', 5), run('b = 2', 6)],
      errors: [{ cell: 1, line: 1, severity: 'hint', message: /^Execution counts 1–4 are missing/ }],
    },
    {
      name: 'each missing range is reported at the cell with the next count',
      cells: [run('a = 1', 1), run('b = 2', 7), run('c = 3', 3)],
      errors: [
        { cell: 2, line: 1, message: /counts 4–6 are missing before this cell \(count 7\)/ },
        { cell: 3, line: 1, message: /count 2 is missing before this cell \(count 3\)/ },
      ],
    },
  ],
});
