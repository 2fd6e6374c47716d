import { syntaxError } from '../../../server/src/engine/rules/syntax-error';
import { ruleTester } from '../ruleTester';

ruleTester.run(syntaxError, {
  valid: [
    'x = 1\nprint(x)',
    { cells: ['%pip install numpy', 'files = !ls\n%time x = 1', '%%bash\nnot python at all (', 'np.random.rand?'] },
    'match x:\n    case [a, *rest]:\n        pass',
    'async def f():\n    async with a as b:\n        await b',
  ],
  invalid: [
    { code: 'x = (1,\ny = 2\n', errors: [{ line: 1 }], output: null },
    { cells: ['x = 1', '# markdown?', 'def f(:\n    pass'], errors: [{ cell: 3, line: 1 }] },
    { name: 'one finding per cell', cells: ['a = (', 'b = )'], errors: [{ cell: 1, line: 1 }, { cell: 2, line: 1 }] },
  ],
});
