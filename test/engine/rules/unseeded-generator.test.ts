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
    // Generators whose draws are meant to differ per run (TAXONOMY R-global "do not flag").
    { name: 'load balancing: a random port for each connection', code: 'import random, socket\nports = [8001, 8002, 8003]\nport = random.Random().choice(ports)\nsocket.create_connection(("localhost", port))\nrequests.get(f"http://localhost:{port}/")' },
    { name: 'load balancing: a pick among ports, returned', code: 'import random\nclass Client:\n    def _port(self):\n        return random.Random().choice(self.ports)' },
    { name: 'a generator used only for ids and jitter', code: 'import random, string, time\nrng = random.Random()\nsuffix = "".join(rng.choices(string.ascii_lowercase + string.digits, k=6))\ntime.sleep(rng.uniform(0.1, 0.5))' },
    { name: 'a generator in a mock server handler', code: 'import numpy as np\nfrom flask import Flask\napp = Flask(__name__)\n@app.route("/metrics")\ndef metrics():\n    rng = np.random.default_rng()\n    return {"cpu": float(rng.random())}' },
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
      {
      name: 'a generator used for an endpoint and for data',
      code: 'import random\nrng = random.Random()\nhost = rng.choice(HOSTS)\nrequests.get(f"http://{host}/")\nbatch = rng.sample(rows, 32)\ntrain(batch)',
      errors: [{ line: 2, column: 7, endColumn: 20 }],
    },
  ],
});
