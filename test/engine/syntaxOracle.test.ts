/**
 * syntax-error against the real thing. Each case is a cell (IPython syntax on) or a `.py` file,
 * with whether it is valid; the test asserts that Preflight claims a syntax error exactly when
 * the case is invalid, and that the oracle (ipythonOracle.ts: IPython's transform, then
 * CPython's `compile()`) agrees with the table. Without the oracle that half is skipped with a
 * notice, except when CI=true, where `.ci/run` installs it and it is required. Cases valid only
 * from a newer Python than the oracle's (PEP 701, 695, 696) are checked against the oracle only
 * when it is new enough. The same check over every corpus cell: syntaxDifferential.test.ts.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { initParser } from '../../server/src/engine/python/parser';
import { parseUnit } from '../../server/src/engine/python/program';
import { askOracle, REQUIRED, type OracleAnswer } from './ipythonOracle';

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
  cell('x = 1\n%%timeit\ny = 2', false, 'a mid-cell %% line calls the line magic `%timeit`, which does not exist: UsageError'),
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
  // Issue 19: what IPython's TransformerManager accepts where a statement can start.
  cell('def f():\n    foo = %matplotlib --list\n    return foo', true, 'MagicAssign inside an indented block'),
  cell('def f():\n    bar = !pwd\n    return bar', true, 'SystemAssign inside an indented block'),
  cell('for x in y:\n    !echo {x}\n    %time g(x)\n    ?x\n    x??', true, 'escapes and help at the start of indented statements'),
  cell('result = str.split??', true, 'help after a name in an assignment: IPython replaces the whole line'),
  cell('a = b??', true),
  cell('a = b?', true),
  cell('x = !!ls', true),
  cell('??str.split\n?? len', true, 'help before a name'),
  cell('%mprun -f train train(model)\n%lprun -f f f()\n%custom_magic_of_an_extension a b', true, 'any %name is a line magic'),
  cell('def f():\n    x = [i for i in\nrange(3)\nif i]\n    return x', true, 'continuation line at column 0 inside brackets, in a cell'),
  cell('%%javascript\nconsole.log(1);', true, 'a non-Python cell magic'),
  cell('%%html\n<div class="x">', true),
  cell('%%writefile app.py\ndef f(:', true),
  cell('%%capture out\nx = 1\ny = x +', false, 'the body of %%capture is Python: IPython compiles it'),
  cell('%%capture out\n    %%time\n    x = 1', true, 'the body of a Python cell magic is a cell: it may start with a cell magic'),
  cell('# @title Setup\n%%capture\n!pip install x', false, 'a cell magic after a comment: UsageError Line magic function `%%capture` not found.'),
  // Python 2 statements and literals tree-sitter's grammar accepts.
  cell("print 'hello'", false, 'Python 2 print statement'),
  cell('for x in y:\n    print x', false),
  cell('print x, y', false),
  cell('exec code', false, 'Python 2 exec statement'),
  cell('exec "x = 1" in ns', false),
  file('if a <> b:\n    pass', false, 'Python 2 <> operator'),
  file('y = `x`', false, 'Python 2 backticks'),
  file('mode = 0777', false, 'Python 2 octal literal'),
  file('n = 10L', false, 'Python 2 long literal'),
  file('s = ur"abc"', false, 'Python 2 ur prefix'),
  file('try:\n    pass\nexcept ValueError, e:\n    pass', false, 'Python 2 except clause'),
  file('raise ValueError, "bad"', false, 'Python 2 raise statement'),
  file('if x:\n        y = 1\n\tz = 2', false, 'TabError: 8 spaces, then a tab'),
  file('if x:\n    \ty = 1\n\tz = 2', false, 'TabError'),
  file('print(x)\nprint\nprint >>f, x\nexec(code)\nx = 0\ny = 00\nz = 0o777\nw = 0_0', true, 'Python 3 forms of the same words and literals'),
  file('print ("a")\nprint (x), y', true, 'a parenthesised print is a Python 3 call (a tuple after it too)'),
];

/**
 * Invalid code that Preflight does not claim, on purpose: errors raised after parsing (the
 * compiler's scope checks), errors of layout and literals that tree-sitter's parse does not
 * stumble on (the tokenizer's checks only confirm a failed parse: they never raise a finding on
 * their own, except a TabError), and
 * automagics in a multi-line cell (IPython applies them to one-line cells only; claiming an
 * error would need to know which magics exist in the user's IPython).
 */
const NOT_CLAIMED: Case[] = [
  file('return 1', false, "'return' outside function"),
  file('def f():\n    nonlocal x', false, 'no binding for nonlocal'),
  file('f(**a, *b)', false, 'iterable unpacking after keyword unpacking'),
  cell('pip install requests\nimport requests', false, 'automagic in a multi-line cell'),
  file('if x:\n        y = 1\n    z = 2', false, 'unindent does not match'),
  file('x = 1\n    y = 2', false, 'unexpected indent'),
  file('if x:\ny = 2', false, 'expected an indented block'),
  file('def f():\n', false, 'expected an indented block at the end'),
  file('x = f"{x}', false, 'unterminated f-string'),
  cell('x = 1\n  y = 2', false, 'after the first line, IPython keeps indentation'),
];

function claims(c: Case): boolean {
  const { unit } = parseUnit(c.src, { ipython: !!c.cell, ...(c.cell ? { cell: 0 } : {}) });
  return unit.syntaxError?.confirmed === true;
}

const label = (c: Case) => `${c.cell ? 'cell' : 'file'} ${JSON.stringify(c.src).slice(0, 60)}${c.why ? ` (${c.why})` : ''}`;

describe('syntax-error agrees with CPython / IPython', () => {
  let oracle: ReturnType<typeof askOracle> = 'not asked';
  before(async () => {
    await initParser();
    oracle = askOracle([...CASES, ...NOT_CLAIMED].map((c) => ({ src: c.src, cell: !!c.cell })));
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
