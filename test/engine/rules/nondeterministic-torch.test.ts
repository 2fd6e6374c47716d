import { nondeterministicTorch } from '../../../server/src/engine/rules/nondeterministic-torch';
import { ruleTester } from '../ruleTester';

ruleTester.run(nondeterministicTorch, {
  valid: [
    'import torch\nx = torch.zeros(3)',
    'import torch\ntorch.use_deterministic_algorithms(True)\nopt = torch.optim.SGD(params, lr=0.1)',
    'import torch\ntorch.backends.cudnn.deterministic = True\nopt = torch.optim.Adam(params)',
    'import lightning as L\ntrainer = L.Trainer(deterministic=True)',
    { name: 'not torch', code: 'from keras.optimizers import Adam\nAdam()' },
    // CPU-only training is out of scope: CPU kernels do not vary between runs.
    { name: 'CPU-only training: no device anywhere', code: 'import torch\nmodel = Net()\nopt = torch.optim.AdamW(model.parameters())\nfor x, y in data:\n    loss = model(x).sum()' },
    { name: 'CPU-only training: explicit cpu device', code: 'import torch\ndevice = torch.device("cpu")\nmodel = Net().to(device)\nx = torch.zeros(2, device="cpu").to(torch.float16)\nopt = torch.optim.SGD(model.parameters(), lr=0.1)' },
    { name: 'CPU-only Lightning Trainer', code: 'import lightning as L\nL.Trainer(accelerator="cpu", max_epochs=1)' },
  ],
  invalid: [
    {
      name: 'optimizer without determinism',
      code: 'import torch\nmodel = Net().to("cuda")\nopt = torch.optim.AdamW(model.parameters())',
      errors: [{ line: 3, column: 7, endColumn: 24, severity: 'hint', message: /torch.use_deterministic_algorithms\(True\)/ }],
      output: null,
    },
    {
      name: 'reported once, at the first optimizer, in a notebook',
      cells: ['from torch.optim import Adam, SGD', 'a = Adam(p)', 'b = SGD(p)', 'model.cuda()'],
      errors: [{ cell: 2, line: 1, column: 5, endColumn: 9 }],
    },
    {
      name: 'use_deterministic_algorithms(False) does not count',
      code: 'import torch\ntorch.use_deterministic_algorithms(False)\nimport pytorch_lightning as pl\npl.Trainer(max_epochs=1)',
      errors: [{ line: 4, column: 1, endColumn: 11 }],
    },
      {
      name: 'device chosen at run time may be a GPU',
      code: 'import torch\ndevice = "cuda" if torch.cuda.is_available() else "cpu"\nopt = torch.optim.Adam(params)',
      errors: [{ line: 3, column: 7, endColumn: 23 }],
    },
    {
      name: 'device from configuration, a GPU index',
      cells: ['import torch\ndev = torch.device(args.device)', 'opt = torch.optim.SGD(params, lr=0.1)'],
      errors: [{ cell: 2, line: 1, column: 7, endColumn: 22 }],
    },
    {
      name: 'Lightning Trainer picks a GPU itself by default',
      code: 'import lightning as L\nL.Trainer(max_epochs=3)',
      errors: [{ line: 2, column: 1, endColumn: 10 }],
    },
  ],
});
