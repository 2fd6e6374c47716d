import { unseededGenerator } from '../../../server/src/engine/rules/unseeded-generator';
import { ruleTester } from '../ruleTester';

ruleTester.run(unseededGenerator, {
  valid: [
    'import numpy as np\nrng = np.random.default_rng(42)',
    'import numpy as np\nrng = np.random.default_rng(seed=s)',
    'from numpy.random import RandomState\nrs = RandomState(0)',
    { name: 'seeded after construction', code: 'import numpy as np\nrs = np.random.RandomState()\nrs.seed(1)' },
    'import random\nr = random.Random(7)',
    { name: 'torch generator chained', code: 'import torch\ng = torch.Generator(device="cuda").manual_seed(0)' },
    { name: 'torch generator seeded later', code: 'import torch\ng = torch.Generator()\ng.manual_seed(3)' },
    { name: 'shadowed name', code: 'def default_rng():\n    return 1\ndefault_rng()' },
    { name: 'splat', code: 'import numpy as np\nnp.random.default_rng(*args)' },
  ],
  invalid: [
    {
      name: 'default_rng() → default_rng(42)',
      code: 'import numpy as np\nrng = np.random.default_rng()',
      errors: [{ line: 2, column: 7, endLine: 2, endColumn: 28, message: /`np.random.default_rng\(\)` is created without a seed/ }],
      output: 'import numpy as np\nrng = np.random.default_rng(42)',
    },
    {
      name: 'explicit None is no seed (no fix)',
      code: 'from numpy.random import default_rng\nrng = default_rng(None)',
      errors: [{ line: 2, column: 7, endColumn: 18 }],
      output: null,
    },
    {
      name: 'random.Random() and RandomState(), seed from config',
      cells: ['import random\nimport numpy.random as npr', 'r = random.Random()\nrs = npr.RandomState()'],
      config: { seed: 5 },
      errors: [{ cell: 2, line: 1, column: 5, endColumn: 18 }, { cell: 2, line: 2, column: 6, endColumn: 21 }],
      outputCells: ['import random\nimport numpy.random as npr', 'r = random.Random(5)\nrs = npr.RandomState(5)'],
    },
    {
      name: 'torch.Generator() never seeded',
      code: 'import torch\ng = torch.Generator(device="cuda")\ntorch.randn(2, generator=g)',
      errors: [{ line: 2, column: 5, endColumn: 20 }],
      output: 'import torch\ng = torch.Generator(device="cuda").manual_seed(42)\ntorch.randn(2, generator=g)',
    },
  ],
});
