import { outOfOrderExecution } from '../../../server/src/engine/rules/out-of-order-execution';
import { ruleTester } from '../ruleTester';

const md = (source: string) => ({ kind: 'markdown' as const, source });
const run = (source: string, executionCount: number | null) => ({ source, executionCount });
/** A cell that ran and was edited since: VS Code saves it with `execution_count: null` and its outputs. */
const edited = (source: string) => ({ source, executionCount: null, outputs: [{ output_type: 'stream', name: 'stdout', text: ['ok\n'] }] });

ruleTester.run(outOfOrderExecution, {
  valid: [
    { name: 'top-down counts', cells: [run('import pandas as pd', 1), md('# Load'), run('df = pd.DataFrame()', 2), run('df.head()', 3)] },
    { name: 'gaps are not out of order', cells: [run('a = 1', 3), run('b = 2', 9), run('c = 3', 20)] },
    { name: 'never run', cells: ['a = 1', 'b = a'] },
    { name: 'unexecuted cells between executed ones', cells: [run('a = 1', 1), run('b = 2', null), run('c = 3', 2)] },
    { name: 'a cell edited after its run (outputs, no count) is no part of the order', cells: [run('a = 1', 1), edited('b = a  # edited'), run('c = b', 3)] },
  ],
  invalid: [
    {
      name: 'cells further up are named by their first line and attached as related locations',
      cells: [run('import pandas as pd', 1), run('df = pd.read_csv("a.csv")', 7), run('print("hello")', 2), run('df.describe()', 3)],
      errors: [{ cell: 3, line: 1, message: /^This cell and the 1 code cell after it ran before the cell above \(execution counts 2–3 < 7\)/, related: [{ cell: 2, line: 1 }] }],
    },
    {
      name: 'the anchor further up by its first line; the shared name with another later-run cell',
      cells: [run('xs = []', 8), run('Image("a.png")', 9), run('print(1)', 1), run('print(len(xs))', 2)],
      errors: [{ cell: 3, line: 1, message: /ran before the cell above \(execution counts 1–2 < 9\), and the cell below shares `xs` with the cell starting `xs = \[\]` further up, which ran later/, related: [{ cell: 2, line: 1 }, { cell: 1, line: 1 }] }],
    },
    {
      name: 'cells that share state (one binds what the other reads): a warning',
      cells: [run('import pandas as pd\ndf = pd.read_csv("a.csv")', 3), run('df["b"] = df["a"] * 2', 9), run('print(df.describe())', 4)],
      errors: [{ cell: 3, line: 1, severity: 'warning', message: /may not reproduce/ }],
    },
    {
      name: 'a cell that shares no name with the later-run cells above: a hint (a %tensorboard launcher, a !python command)',
      cells: [run('import numpy as np\nx = np.ones(3)', 1), run('history = train(x)', 14), run('%load_ext tensorboard\n%tensorboard --logdir runs', 2), run('!python convert.py', 3)],
      errors: [{ cell: 3, line: 1, severity: 'hint', message: /This cell and the 1 code cell after it ran before the cell above \(execution counts 2–3 < 14\), but no name is shared between them and the cells above that ran later/ }],
    },
    {
      name: 'a cell that imports all it uses itself: the same import above is no shared state',
      cells: [run('import torch\nx = torch.ones(3)', 9), run('import torch\nimport numpy as np\nprint(torch.zeros(2), np.pi)', 1)],
      errors: [{ cell: 2, line: 1, severity: 'hint', message: /no name is shared/ }],
    },
    {
      name: 'a figure display above that ran later: a hint for the group below',
      cells: [run('from IPython.display import Image\nimport numpy as np', 1), run('Image(filename="fig.png")', 24), run('a = np.ones(2)', 5), run('print(a.sum())', 6)],
      errors: [{ cell: 3, line: 1, severity: 'hint', message: /This cell and the 1 code cell after it ran before the cell above .*no name is shared between them/ }],
    },
    {
      name: 'the reverse dependency: the later-run cell above reads what the early cell below defines',
      cells: [run('import pandas as pd', 1), run('print(df.shape)', 5), run('df = pd.DataFrame({"a": [1]})', 2)],
      errors: [{ cell: 3, line: 1, severity: 'warning', message: /ran before the cell above \(execution count 2 < 5\), and the two share `df`: the saved outputs came from an out-of-order run/ }],
    },
    {
      name: 'both cells set a name that a cell reads: which value it got depends on the order',
      cells: [run('lr = 0.1', 7), run('lr = 0.01', 3), run('print(lr)', 8)],
      errors: [{ cell: 2, line: 1, severity: 'warning', message: /and the two share `lr`/ }],
    },
    {
      name: 'in a group, the cell that shares state is named, with the later-run cell that is not the anchor',
      cells: [run('xs = []', 4), run('Image("a.png")', 9), run('print(1)', 1), run('print(len(xs))', 2)],
      errors: [{ cell: 3, line: 1, severity: 'warning', message: /ran before the cell above \(execution counts 1–2 < 9\), and the cell below shares `xs` with the cell starting `xs = \[\]` further up, which ran later/ }],
    },
    {
      name: 'both cells use the same object another cell made (a call may change it): a warning',
      cells: [run('import matplotlib.pyplot as plt\nvmc = Sampler()', 1), run('plt.plot(vmc.history)', 8), run('plt.hist(vmc.history)', 6)],
      errors: [{ cell: 3, line: 1, severity: 'warning', message: /and the two share `plt`/ }],
    },
    {
      name: 'a later-run %pip install above: the environment changed, a warning even without a shared name',
      cells: [run('%pip install -U transformers', 10), run('import transformers\nprint(transformers.__version__)', 2)],
      errors: [{ cell: 2, line: 1, severity: 'warning', message: /ran before the cell above \(execution count 2 < 10\): the saved outputs came from an out-of-order run/ }],
    },
    {
      name: 'a later-run shell command above reads files: a warning',
      cells: [run('import gradio as gr', 1), run('!cat flagged/log.csv', 19), run('demo = gr.Interface(fn=greet)\ndemo.launch()', 17)],
      errors: [{ cell: 3, line: 1, severity: 'warning' }],
    },
    {
      name: 'an empty cell with a count ran code since deleted: not proof of independence',
      cells: [run('x = 1', 9), run('', 7)],
      errors: [{ cell: 2, line: 1, severity: 'warning' }],
    },
    {
      name: 'builtins and IPython names are no shared state',
      cells: [run('import numpy as np', 1), run('print(len([1]))\ndisplay("a")', 8), run('import os\nprint(len(os.listdir(".")))\ndisplay("b")', 3)],
      errors: [{ cell: 3, line: 1, severity: 'hint', message: /no name is shared/ }],
    },
    {
      name: 'a change in place counts as a write (the early cell reads what the later cell appends to)',
      cells: [run('xs = [1]', 1), run('xs.append(2)', 6), run('print(xs)', 3)],
      errors: [{ cell: 3, line: 1, severity: 'warning', message: /and the two share `xs`/ }],
    },
    {
      name: 'a definition cell whose names later cells build on, and a later-run cell above whose names cells read too: both in the state chain, a warning even when neither reads the other',
      cells: [run('question = "Write fibonacci"', 8), run('from typing import TypedDict\n\nclass GraphState(TypedDict):\n    messages: list', 4), run('def generate(state: GraphState):\n    return state', 10), run('messages = [("user", question)]', 11)],
      errors: [{ cell: 2, line: 1, severity: 'warning', message: /ran before the cell above \(execution count 4 < 8\): the saved outputs came from an out-of-order run/ }],
    },
    {
      name: 'a self-contained check cell above that ran later (reads nothing, its names feed no cell): the definition cell below is a hint',
      cells: [run('from env_check import check_packages\nd = {"numpy": "1.21"}\ncheck_packages(d)', 2), run('import torch\nmodel = torch.nn.Linear(2, 2)', 1), run('print(model)', 3)],
      errors: [{ cell: 2, line: 1, severity: 'hint', message: /no name is shared/ }],
    },
    {
      name: 'a display or timing magic above that ran later changes no file or environment: the shell command below stays a hint',
      cells: [run('%matplotlib inline\nimport numpy as np', 3), run('%%time\nx = np.ones(3)', 54), run('! python convert.py --input nb.ipynb --output nb.py', 1)],
      errors: [{ cell: 3, line: 1, severity: 'hint', message: /no name is shared/ }],
    },
    {
      name: 'a later-run cell above that changes sys.path in place: the imports below may resolve elsewhere, a warning',
      cells: [run('import sys\nsys.path.insert(0, "src")', 5), run('import helpers\nprint(helpers.VERSION)', 2)],
      errors: [{ cell: 2, line: 1, severity: 'warning' }],
    },
    {
      name: 'a later-run cell above that sets environment variables (os.environ, load_dotenv): a warning',
      cells: [run('import os\nos.environ["MODE"] = "test"', 6), run('from dotenv import load_dotenv\nload_dotenv()', 7), run('import os\nprint(os.getenv("MODE"))', 2)],
      errors: [{ cell: 3, line: 1, severity: 'warning' }],
    },
    {
      name: 'load_dotenv() alone in the later-run cell is an environment change too',
      cells: [run('from dotenv import load_dotenv\nload_dotenv()', 4), run('import os\nprint(os.environ["KEY"])', 1)],
      errors: [{ cell: 2, line: 1, severity: 'warning' }],
    },
    {
      name: 'one cell ran before the cell above it',
      cells: [run('import numpy as np', 1), run('x = np.ones(3)', 5), md('text'), run('  y = x * 2\n', 4)],
      errors: [{ cell: 4, line: 1, column: 3, endLine: 1, endColumn: 12, message: /ran before the code cell above \(execution count 4 < 5\)/ }],
    },
    {
      name: 'a run of cells after a restart is one finding on its first cell',
      cells: [run('a = 1', 7), run('b = 2', 8), run('c = 3', 1), run('d = 4', 2), run('e = 5', 9), run('f = 6', 3)],
      errors: [
        { cell: 3, line: 1, message: /This cell and the 1 code cell after it ran before the cell above \(execution counts 1–2 < 8\)/ },
        { cell: 6, line: 1, message: /ran before the cell above \(execution count 3 < 9\)/ },
      ],
    },
    {
      name: 'an unexecuted cell does not break the group',
      cells: [run('a = 1', 10), run('b = 2', 1), run('c = 3', null), run('d = 4', 2)],
      errors: [{ cell: 2, line: 1, message: /and the 1 code cell after it ran before/ }],
    },
    {
      name: 'equal to the maximum is not lower; lower than an earlier maximum is',
      cells: [run('a = 1', 5), run('b = 2', 5), run('c = 3', 4)],
      errors: [{ cell: 3, line: 1, message: /before the cell above \(execution count 4 < 5\)/ }],
    },
  ],
});
