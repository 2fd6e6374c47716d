/**
 * syntax-error against the real thing. Each case is a cell (IPython syntax on) or a `.py` file,
 * with whether it is valid; the test asserts that Preflight claims a syntax error exactly when
 * the case is invalid, and that the ORACLE agrees with the table:
 * - cells: `InteractiveShell.transform_cell` (IPython's TransformerManager, then its prefilter
 *   for one-line automagics, as IPython does before compiling), then
 *   `compile(…, 'exec', flags=PyCF_ALLOW_TOP_LEVEL_AWAIT)` (IPython runs top-level `await`);
 * - files: `compile(src, '<file>', 'exec')`.
 * The oracle is Debian's `/usr/bin/python3` with `python3-ipython` (PREFLIGHT_PYTHON overrides
 * the path). Without them the oracle half is skipped with a notice, except when CI=true, where
 * `.ci/run` installs them and it is required. Cases valid only from a newer Python than the
 * oracle's (PEP 701, 695, 696) are checked against the oracle only when it is new enough.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { initParser } from '../../server/src/engine/python/parser';
import { parseUnit } from '../../server/src/engine/python/program';

const PYTHON = process.env.PREFLIGHT_PYTHON ?? '/usr/bin/python3';
const REQUIRED = process.env.CI === 'true';

interface Case {
  src: string;
  /** A notebook cell (IPython syntax), else a `.py` file. */
  cell?: boolean;
  valid: boolean;
  /** Valid from this CPython on (older ones reject it): checked against older oracles not at all. */
  since?: [number, number];
  why?: string;
}

const cell = (src: string, valid: boolean, why?: string): Case => ({ src, cell: true, valid, ...(why ? { why } : {}) });
const file = (src: string, valid: boolean, why?: string): Case => ({ src, valid, ...(why ? { why } : {}) });
const newer = (src: string, since: [number, number], why: string): Case => ({ src, valid: true, since, why });

const CASES: Case[] = [
  // Layout: implicit line joining, continuations, comments, tabs.
  file('def f():\n    x = [i for i in\nrange(3)\nif i]\n    return x', true, 'keyword starting a column-0 continuation line inside brackets'),
  file('def f():\n    if a:\n        y = g(a,\nb if a else c,\n)\n    else:\n        pass', true, 'column-0 continuation in a nested block'),
  file('def f():\n    x = (1 +\n  2)\n  # dedented comment\n    return x', true, 'comment at a lower indentation between statements'),
  file('class A:\n    def f(self):\n        return dict(\na=1,\n        b=2)\n\n    def g(self):\n        pass', true),
  file('for x in y:\n    z = [\n# comment at column 0\n1]\n', true),
  file('if x:\n    a = 1 + \\\n2\n    b = 3', true, 'backslash continuation at column 0'),
  file('with open(a) as f, \\\n     open(b) as g:\n    pass', true),
  file('if x:\n\ty = 1\n\tif z:\n\t\tw = 2', true, 'tabs'),
  file('if x:\n    y = f(1,\n\t2)\n    z = 3', true, 'a tab inside brackets'),
  file('x = (1,\ny = 2\n', false, "'(' was never closed"),
  file('x = [1, 2)', false, 'mismatched bracket'),
  file('x = 1)', false, 'unmatched bracket'),
  file("s = 'abc\nt = 1", false, 'unterminated string'),
  file('s = """abc\n', false, 'unterminated triple-quoted string'),
  file('x = 1 \\ y', false, 'character after line continuation'),
  file('x = $y', false, 'invalid character'),
  file('def f(:\n    pass', false),
  file('x = = 1', false),
  file('if x\n    pass', false, 'missing colon'),
  file('x = 1.__class__', false, 'invalid decimal literal'),
  file('print >>f, x', true, 'Python 3 reads the py2 chevron as a tuple: a runtime error, not a syntax error'),
  file('if x:\n    y = 1\n  z = 2\nw = (', false, 'a bad dedent, confirmed when the parse fails too'),
  file('class A:\n    def f(self):\n        return 1\n\n\n\n    def g(self): pass', true),
  file('x = [\n    1,\n  2,\n        3\n]', true),
  file("query = '''\nSELECT *\n'''\nif x:\n    q = '''\nmore\n'''\n    run(q)", true),
  file('# only a comment', true),
  file('', true),
  // Soft keywords, newer syntax, walrus, f-strings.
  file('match = re.match(p, s)\nif match:\n    match.group(0)\nmatch(x)', true),
  file("match command.split():\n    case [action]:\n        pass\n    case [action, obj, *rest] if obj:\n        pass\n    case {'k': v, **kw}:\n        pass\n    case Point(x=0) | Point(y=0):\n        pass\n    case _:\n        pass", true),
  file('type = 1\nprint(type(x))\ncase = 2', true),
  file('[y := f(x) for x in a]\nif (n := len(a)) > 10:\n    pass', true),
  file('with (open(a) as f, open(b) as g):\n    pass', true),
  file('try:\n    pass\nexcept* ValueError:\n    pass', true),
  file('def f(a, /, b, *, c):\n    return lambda x, /, y: x', true),
  file("x = f'{a!r:>{width}}' f'{x=}' rf'\\d{x}' f'{{literal}}'", true),
  file("x = f'''{\n    a\n}'''", true),
  newer('x = f"{d["key"]}"', [3, 12], 'PEP 701: the same quote inside a replacement field'),
  newer("x = f'{'\\n'.join(a)}'", [3, 12], 'PEP 701: backslash inside a replacement field'),
  newer('type Vector = list[float]', [3, 12], 'PEP 695 type statement'),
  newer('def first[T](xs: list[T]) -> T:\n    return xs[0]', [3, 12], 'PEP 695 type parameters'),
  newer('class Box[T = int]:\n    pass', [3, 13], 'PEP 696 type-parameter default'),
  newer('def f[T: int = bool, *Ts = *tuple[int]]():\n    pass', [3, 13], 'PEP 696 defaults'),
  // IPython syntax: any magic name, any escape, where IPython's transformer finds it.
  cell('%mprun -f train train(model, data)', true, 'a magic not in any list, with an option taking a value'),
  cell('%load_ext memory_profiler\n%mprun -f f f(1)\nx = 1', true),
  cell('%some_magic_nobody_knows --flag (unbalanced', true, 'a line magic is a call whatever its arguments'),
  cell('if x:\n    %time y = f(\nx)', false, 'a magic line ends at its physical line: the next line is Python again'),
  cell('%pip install numpy\nimport numpy as np', true),
  cell('%%bash\nfor f in *; do echo $f; done', true),
  cell('%%time\nx = 1\ny = x + 1', true),
  cell('x = 1\n%%timeit\ny = 2', true, 'a mid-cell %% line is a line magic named %timeit to IPython'),
  cell('!echo (\n%pip install x\ny = 1', true, 'an escaped line is opaque: its bracket does not swallow the next lines'),
  cell('files = !ls *.csv\nout = %sx ls\ncfg[0] = !cat x', true),
  cell('if a: b = %sx ls', true, 'MagicAssign at the first = outside brackets'),
  cell('np.random.rand?\nlen??\n?print\n%timeit?', true),
  cell('x = obj.attr?', true, 'HelpEnd searches its target in the line'),
  cell('f(1)?', false, 'IPython cannot turn this into help'),
  cell('A?  # comment', false, 'a comment after ? keeps it from being help'),
  cell('/f x y\n,g a b\n;h a b', true, 'autocall escapes'),
  cell('    x = 1\n    if x:\n        y = 2', true, 'IPython strips the first line indentation from the cell'),
  cell('>>> x = 1\n>>> if x:\n...     y = 2', true, 'classic prompts'),
  cell('In [1]: x = 1\n   ...: y = 2', true, 'IPython prompts'),
  cell('\n\n%%writefile app.py\nimport os\nprint(os', true, 'cell magic after blank lines'),
  cell('await asyncio.sleep(1)', true, 'IPython runs top-level await'),
  cell('pip install requests', true, 'automagic, single line'),
  cell('cd /tmp', true),
  cell('x = (1,\n!ls\n)', false, 'an escape inside brackets is not at the start of a logical line'),
  cell('print("a" %\n    3)', true),
  cell('x = 1\n// 2', false, 'the first token is //, not the / escape'),
  cell('x = 1\n%= 2', false, 'the first token is %=, not the % escape'),
  cell('données = 1\ndonnées?', true, 'help on a non-ASCII name'),
  cell('def f(:\n    pass', false),
];

/**
 * Invalid code that Preflight does not claim, on purpose: errors raised after parsing (the
 * compiler's scope checks), Python 2 statements tree-sitter's grammar still accepts, and
 * errors of layout and literals that tree-sitter's parse does not stumble on (the tokenizer's
 * checks only confirm a failed parse: they never raise a finding on their own), and
 * automagics in a multi-line cell (IPython applies them to one-line cells only; claiming an
 * error would need to know which magics exist in the user's IPython).
 */
const NOT_CLAIMED: Case[] = [
  file('return 1', false, "'return' outside function"),
  file('def f():\n    nonlocal x', false, 'no binding for nonlocal'),
  file("print 'hello'", false, 'Python 2 print statement'),
  file('f(**a, *b)', false, 'iterable unpacking after keyword unpacking'),
  cell('pip install requests\nimport requests', false, 'automagic in a multi-line cell'),
  file('if x:\n        y = 1\n\tz = 2', false, 'TabError: 8 spaces, then a tab'),
  file('if x:\n    \ty = 1\n\tz = 2', false, 'TabError'),
  file('if x:\n        y = 1\n    z = 2', false, 'unindent does not match'),
  file('x = 1\n    y = 2', false, 'unexpected indent'),
  file('if x:\ny = 2', false, 'expected an indented block'),
  file('def f():\n', false, 'expected an indented block at the end'),
  file('x = f"{x}', false, 'unterminated f-string'),
  cell('x = 1\n  y = 2', false, 'after the first line, IPython keeps indentation'),
];

interface OracleAnswer {
  ok: boolean;
  error?: string;
}

const ORACLE = String.raw`
import ast, json, os, sys, tempfile
os.environ["IPYTHONDIR"] = tempfile.mkdtemp()
from IPython.core.interactiveshell import InteractiveShell
from traitlets.config import Config
config = Config()
config.HistoryManager.enabled = False
shell = InteractiveShell.instance(config=config)
out = []
for case in json.load(sys.stdin):
    try:
        if case["cell"]:
            compile(shell.transform_cell(case["src"]), "<cell>", "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT, dont_inherit=True)
        else:
            compile(case["src"], "<file>", "exec", dont_inherit=True)
        out.append({"ok": True})
    except (SyntaxError, ValueError) as e:
        out.append({"ok": False, "error": type(e).__name__ + ": " + str(e)})
json.dump({"version": list(sys.version_info[:2]), "answers": out}, sys.stdout)
`;

function askOracle(cases: Case[]): { version: [number, number]; answers: OracleAnswer[] } | string {
  if (!fs.existsSync(PYTHON)) return `${PYTHON} not found`;
  const r = spawnSync(PYTHON, ['-W', 'ignore', '-c', ORACLE], {
    input: JSON.stringify(cases.map((c) => ({ src: c.src, cell: !!c.cell }))),
    encoding: 'utf8',
    cwd: os.tmpdir(),
    env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' },
    timeout: 60_000,
  });
  if (r.status !== 0) return `${PYTHON} could not run IPython's transformer (apt-get install python3-ipython): ${(r.stderr || String(r.error)).trim().split('\n').pop()}`;
  return JSON.parse(r.stdout) as { version: [number, number]; answers: OracleAnswer[] };
}

function claims(c: Case): boolean {
  const { unit } = parseUnit(c.src, { ipython: !!c.cell, ...(c.cell ? { cell: 0 } : {}) });
  return unit.syntaxError?.confirmed === true;
}

const label = (c: Case) => `${c.cell ? 'cell' : 'file'} ${JSON.stringify(c.src).slice(0, 60)}${c.why ? ` (${c.why})` : ''}`;

describe('syntax-error agrees with CPython / IPython', () => {
  let oracle: ReturnType<typeof askOracle> = 'not asked';
  before(async () => {
    await initParser();
    oracle = askOracle([...CASES, ...NOT_CLAIMED]);
    if (typeof oracle === 'string') {
      assert.ok(!REQUIRED, `CI=true requires the oracle: ${oracle}`);
      console.log(`# syntax oracle skipped: ${oracle} (required when CI=true)`);
    }
  });
  const answer = (i: number, c: Case): OracleAnswer | undefined => {
    if (typeof oracle === 'string') return undefined;
    if (c.since && (oracle.version[0] < c.since[0] || (oracle.version[0] === c.since[0] && oracle.version[1] < c.since[1]))) return undefined;
    return oracle.answers[i];
  };
  CASES.forEach((c, i) => {
    it(label(c), () => {
      const a = answer(i, c);
      if (a) assert.equal(a.ok, c.valid, `the oracle says ${a.ok ? 'valid' : a.error}: the table is wrong`);
      assert.equal(claims(c), !c.valid, c.valid ? 'Preflight claims a syntax error on valid code' : 'Preflight misses the syntax error');
    });
  });
  NOT_CLAIMED.forEach((c, j) => {
    it(`not claimed: ${label(c)}`, () => {
      const a = answer(CASES.length + j, c);
      if (a) assert.equal(a.ok, false, 'the oracle accepts it: move it to CASES');
      assert.equal(claims(c), false);
    });
  });
});
