import { unseededGlobalRng } from '../../../server/src/engine/rules/unseeded-global-rng';
import { ruleTester } from '../ruleTester';

ruleTester.run(unseededGlobalRng, {
  valid: [
    'import random\nrandom.seed(1)\nx = random.random()',
    'import numpy as np\nnp.random.seed(0)\nx = np.random.rand(3)',
    { name: 'seed in an earlier cell', cells: ['import numpy as np', 'np.random.seed(0)', 'x = np.random.randn(2)'] },
    { name: 'seeded generators passed around', code: 'import numpy as np\nrng = np.random.default_rng(42)\ndef f(r):\n    return r.normal()\nf(rng)\nrng.integers(0, 10)' },
    'import random\nr = random.Random(0)\nr.choice([1, 2])',
    'import torch\ng = torch.Generator().manual_seed(0)\ntorch.rand(3, generator=g)',
    { name: 'shadowed module name', code: 'random = 3\nrandom.choice([1])' },
    { name: 'parameter named random', code: 'def f(random):\n    return random.choice([1])' },
    { name: 'function called after a module-level seed', code: 'import numpy as np\ndef draw():\n    return np.random.rand()\nnp.random.seed(0)\ndraw()' },
    { name: 'seed earlier in the same body', code: 'import random\ndef f():\n    random.seed(3)\n    return random.random()' },
    { name: 'function called from a seeded function', code: 'import numpy as np\ndef g():\n    return np.random.permutation(5)\ndef main(seed):\n    np.random.seed(seed)\n    g()\nmain(1)' },
    { name: 'torch.manual_seed seeds CUDA too', code: 'import torch\ntorch.manual_seed(0)\ntorch.rand(2, device="cuda")\ntorch.randn(2)' },
    { name: 'transformers.set_seed seeds python, numpy and torch', code: 'import random, numpy as np, torch\nfrom transformers import set_seed\nset_seed(42)\nrandom.random(); np.random.rand(); torch.randn(1)' },
    { name: 'lightning seed_everything', code: 'import pytorch_lightning as pl\nimport numpy as np\npl.seed_everything(7)\nnp.random.choice([1, 2])' },
    { name: 'keras set_random_seed seeds TF, numpy, python', code: 'import tensorflow as tf\nimport numpy as np\ntf.keras.utils.set_random_seed(1)\ntf.random.uniform([2])\nnp.random.rand()' },
    { name: 'tf op-level seed', code: 'import tensorflow as tf\ntf.random.normal([2], seed=3)' },
    { name: "the file's own seeding helper", code: 'import random\nimport numpy as np\ndef seed_everything(s):\n    random.seed(s)\n    np.random.seed(s)\nseed_everything(0)\nrandom.shuffle([1]); np.random.rand()' },
    { name: 'user catalogue: own seeding function', code: 'import mylib\nimport random\nmylib.seed_all(1)\nrandom.random()', config: { randomness: { seeds: [{ name: 'mylib.seed_all', rngs: ['python'] }] } } },
    { name: 'not a draw: pandas sample', code: 'import pandas as pd\ndf = pd.DataFrame()\ndf.sample(n=2, random_state=0)' },
  ],
  invalid: [
    {
      name: 'stdlib random, fix after the imports',
      code: 'import random\n\nx = random.choice([1, 2])\n',
      errors: [{ line: 3, column: 5, endLine: 3, endColumn: 18, message: /`random.choice` draws from Python's `random` and nothing seeds it before this point/ }],
      output: 'import random\nrandom.seed(42)\n\nx = random.choice([1, 2])\n',
    },
    {
      name: 'seed in a later cell does not count',
      cells: ['import numpy as np', 'x = np.random.rand(3)', 'np.random.seed(0)'],
      errors: [{ cell: 2, line: 1, column: 5, endLine: 1, endColumn: 19, message: /only seeded later, in cell 3/ }],
      outputCells: ['import numpy as np', 'np.random.seed(42)', 'x = np.random.rand(3)', 'np.random.seed(0)'],
    },
    {
      name: 'new first code cell when the first cell is not only imports',
      cells: [{ kind: 'markdown', source: '# Title' }, 'import torch\nx = torch.randn(2)'],
      errors: [{ cell: 2, line: 2, column: 5, endLine: 2, endColumn: 16 }],
      outputCells: ['# Title', 'import torch\ntorch.manual_seed(42)', 'import torch\nx = torch.randn(2)'],
    },
    {
      name: 'aliases: numpy.random as npr, from random import choice',
      code: 'import numpy.random as npr\nfrom random import choice\nnpr.rand()\nchoice([1])',
      errors: [{ line: 3, column: 1, endColumn: 9 }, { line: 4, column: 1, endColumn: 7 }],
      output: 'import numpy.random as npr\nfrom random import choice\n\nimport random\nimport numpy as np\nrandom.seed(42)\nnp.random.seed(42)\nnpr.rand()\nchoice([1])',
    },
    {
      name: 'function called before the seed',
      code: 'import numpy as np\ndef draw():\n    return np.random.rand()\ndraw()\nnp.random.seed(0)',
      errors: [{ line: 3, column: 12, endColumn: 26 }],
    },
    {
      name: 'function never called and nothing seeds',
      code: 'import random\ndef pick(xs):\n    return random.choice(xs)',
      errors: [{ line: 3, column: 12, endColumn: 25 }],
    },
    {
      name: 'method draws in a class, numpy and random never seeded',
      cells: ['import random\nimport numpy as np', 'class Net:\n    def __init__(self, sizes):\n        self.b = [np.random.randn(y, 1) for y in sizes]\n    def sgd(self, data):\n        random.shuffle(data)', 'net = Net([2, 3])\nnet.sgd([1, 2])'],
      errors: [{ cell: 2, line: 3, column: 19, endColumn: 34 }, { cell: 2, line: 5, column: 9, endColumn: 23 }],
      outputCells: ['import random\nimport numpy as np', 'random.seed(42)\nnp.random.seed(42)', 'class Net:\n    def __init__(self, sizes):\n        self.b = [np.random.randn(y, 1) for y in sizes]\n    def sgd(self, data):\n        random.shuffle(data)', 'net = Net([2, 3])\nnet.sgd([1, 2])'],
    },
    {
      name: 'seeding numpy does not seed python random',
      code: 'import numpy as np\nimport random\nnp.random.seed(0)\nrandom.random()\nnp.random.rand()',
      errors: [{ line: 4, column: 1, endColumn: 14 }],
      output: 'import numpy as np\nimport random\nrandom.seed(42)\nnp.random.seed(0)\nrandom.random()\nnp.random.rand()',
    },
    {
      name: 'torch.cuda.manual_seed does not seed the CPU RNG',
      code: 'import torch\ntorch.cuda.manual_seed(0)\ntorch.rand(2, device="cuda")\ntorch.randperm(4)',
      errors: [{ line: 4, column: 1, endColumn: 15 }],
    },
    {
      name: 'TensorFlow draws, TF1 API too',
      code: 'import tensorflow as tf\nw = tf.random.normal([3])\nv = tf.random_normal([2])',
      errors: [{ line: 2, column: 5, endColumn: 21 }, { line: 3, column: 5, endColumn: 21 }],
      output: 'import tensorflow as tf\ntf.random.set_seed(42)\nw = tf.random.normal([3])\nv = tf.random_normal([2])',
    },
    {
      name: 'seeding from the clock is not a seed',
      code: 'import random, time\nrandom.seed(time.time())\nrandom.random()',
      errors: [{ line: 3, column: 1 }],
    },
    {
      name: 'random.seed() with no argument is not a seed',
      code: 'import random\nrandom.seed()\nrandom.randint(1, 6)',
      errors: [{ line: 3, column: 1 }],
    },
    {
      name: 'no imports: block goes on top; seed value from config',
      code: 'x = __import__("os")\nimport numpy as np\nnp.random.rand()',
      config: { seed: 7 },
      errors: [{ line: 3, column: 1 }],
      output: 'x = __import__("os")\nimport numpy as np\nnp.random.seed(7)\nnp.random.rand()',
    },
    {
      name: 'module alias assigned to a variable',
      code: 'import numpy as np\nrng = np.random\nrng.randn(3)',
      errors: [{ line: 3, column: 1, endColumn: 10 }],
    },
    {
      name: 'user catalogue: own draw function',
      code: 'import mylib\nmylib.noise(3)',
      config: { randomness: { draws: [{ name: 'mylib.noise', rng: 'numpy' }] } },
      errors: [{ line: 2, column: 1, endColumn: 12 }],
    },
  ],
});
