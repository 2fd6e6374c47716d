import { executionCountGap } from '../../../server/src/engine/rules/execution-count-gap';
import { ruleTester } from '../ruleTester';

const run = (source: string, executionCount: number | null) => ({ source, executionCount });
/** A cell that ran and was edited since: VS Code saves it with `execution_count: null` and its outputs. */
const edited = (source: string) => ({ source, executionCount: null, outputs: [{ output_type: 'stream', name: 'stdout', text: ['ok\n'] }] });

ruleTester.run(executionCountGap, {
  valid: [
    { name: 'consecutive counts from 1', cells: [run('a = 1', 1), run('b = 2', 2), { kind: 'markdown', source: '# x' }, run('c = 3', 3)] },
    { name: 'out of order but no number missing', cells: [run('a = 1', 2), run('b = 2', 1), run('c = 3', 3)] },
    { name: 'a repeated count (kernel restart) mixes sessions: left to out-of-order-execution', cells: [run('a = 1', 1), run('b = 2', 5), run('c = 3', 1)] },
    { name: 'never run', cells: ['a = 1', 'b = 2'] },
    { name: 'a cell edited after its run took its count with it', cells: [run('a = 1', 1), edited('b = 2  # fixed'), run('c = 3', 3)] },
    { name: 'two edited cells explain two missing counts', cells: [run('a = 1', 1), edited('b = 2'), { kind: 'markdown', source: '# x' }, edited('c = 3'), run('d = 4', 4)] },
    { name: 'an edited first cell explains count 1', cells: [edited('import os'), run('b = 2', 2)] },
  ],
  invalid: [
    {
      name: 'an edited cell explains one missing count, not more',
      cells: [run('a = 1', 1), edited('b = 2'), run('c = 3', 5)],
      errors: [{ cell: 3, line: 1, severity: 'hint', message: /^Execution counts 2–4 are missing before this cell \(count 5\)/ }],
    },
    {
      name: 'an edited cell outside the gap explains nothing',
      cells: [run('a = 1', 1), run('b = 2', 3), edited('c = 3')],
      errors: [{ cell: 2, line: 1, severity: 'hint', message: /^Execution count 2 is missing/ }],
    },
    {
      name: 'a never-run cell (no outputs) explains no gap',
      cells: [run('a = 1', 1), run('b = 2', null), run('c = 3', 3)],
      errors: [{ cell: 3, line: 1, severity: 'hint', message: /^Execution count 2 is missing/ }],
    },
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
