import { nondeterministicTorch } from '../../../server/src/engine/rules/nondeterministic-torch';
import { ruleTester } from '../ruleTester';

ruleTester.run(nondeterministicTorch, {
  valid: [
    'import torch\nx = torch.zeros(3)',
    'import torch\ntorch.use_deterministic_algorithms(True)\nopt = torch.optim.SGD(params, lr=0.1)',
    'import torch\ntorch.backends.cudnn.deterministic = True\nopt = torch.optim.Adam(params)',
    'import lightning as L\ntrainer = L.Trainer(deterministic=True)',
    { name: 'not torch', code: 'from keras.optimizers import Adam\nAdam()' },
  ],
  invalid: [
    {
      name: 'optimizer without determinism',
      code: 'import torch\nmodel = Net()\nopt = torch.optim.AdamW(model.parameters())',
      errors: [{ line: 3, column: 7, endColumn: 24, severity: 'hint', message: /torch.use_deterministic_algorithms\(True\)/ }],
      output: null,
    },
    {
      name: 'reported once, at the first optimizer, in a notebook',
      cells: ['from torch.optim import Adam, SGD', 'a = Adam(p)', 'b = SGD(p)'],
      errors: [{ cell: 2, line: 1, column: 5, endColumn: 9 }],
    },
    {
      name: 'use_deterministic_algorithms(False) does not count',
      code: 'import torch\ntorch.use_deterministic_algorithms(False)\nimport pytorch_lightning as pl\npl.Trainer(max_epochs=1)',
      errors: [{ line: 4, column: 1, endColumn: 11 }],
    },
  ],
});
