/**
 * The oracle of what is valid Python / IPython: Debian's `/usr/bin/python3` with `python3-ipython`
 * (PREFLIGHT_PYTHON overrides the path), asked once for a whole batch (JSON over stdin), so the
 * syntax table (syntaxOracle.test.ts) and the corpus differential test (syntaxDifferential.test.ts)
 * use one verdict.
 *
 * - files: `compile(src, '<file>', 'exec')`;
 * - cells: `InteractiveShell.transform_cell` (IPython's `TransformerManager().transform_cell`, then
 *   the prefilter IPython applies to one-line cells: automagics), then
 *   `compile(…, flags=PyCF_ALLOW_TOP_LEVEL_AWAIT)` (IPython runs top-level `await`). Two things
 *   IPython decides after `compile()` are part of the verdict, because Preflight reports them as
 *   syntax errors (a cell that cannot run as written):
 *   - a `%%magic` line that is not the cell's first line becomes a call of the line magic named
 *     `%magic`, which no IPython has: the `UsageError` IPython raises for it, with its wording;
 *   - the body of a cell magic that runs its body as Python (IPython's `%%time`, `%%timeit`,
 *     `%%capture`, `%%prun`: they call `transform_cell` and compile it) is checked as a cell.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';

export const PYTHON = process.env.PREFLIGHT_PYTHON ?? '/usr/bin/python3';
/** The oracle is required in CI (`.ci/run` installs it); elsewhere its tests skip with a notice. */
export const REQUIRED = process.env.CI === 'true';

/** IPython's own cell magics that transform and compile their body as a cell. */
const PYTHON_BODY_MAGICS = ['time', 'timeit', 'capture', 'prun'];

const ORACLE = String.raw`
import ast, json, os, sys, tempfile, warnings
warnings.simplefilter("ignore")
os.environ["IPYTHONDIR"] = tempfile.mkdtemp()
from IPython.core.interactiveshell import InteractiveShell
from traitlets.config import Config
config = Config()
config.HistoryManager.enabled = False
shell = InteractiveShell.instance(config=config)
body_magics = set(sys.argv[1].split(","))
TICK = chr(96)

def magic_calls(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.args \
                and all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in node.args):
            yield node.func.attr, [a.value for a in node.args]

def check(src, cell):
    try:
        code = shell.transform_cell(src) if cell else src
        flags = ast.PyCF_ALLOW_TOP_LEVEL_AWAIT if cell else 0
        tree = compile(code, "<cell>", "exec", flags=flags | ast.PyCF_ONLY_AST, dont_inherit=True)
        compile(tree, "<cell>", "exec", flags=flags, dont_inherit=True)
    except Exception as e:
        return {"ok": False, "error": type(e).__name__ + ": " + str(e)}
    if cell:
        for attr, args in magic_calls(tree):
            if attr == "run_line_magic" and args[0].startswith("%"):
                return {"ok": False, "error": "UsageError: Line magic function " + TICK + "%" + args[0] + TICK + " not found."}
            if attr == "run_cell_magic" and args[0] in body_magics and len(args) == 3:
                inner = check(args[2], True)
                if not inner["ok"]:
                    return inner
    return {"ok": True}

cases = json.load(sys.stdin)
json.dump({"version": list(sys.version_info[:2]), "answers": [check(c["src"], c["cell"]) for c in cases]}, sys.stdout)
`;

export interface OracleAnswer {
  ok: boolean;
  /** `SyntaxError: …`, `UsageError: …`, as Python says it. */
  error?: string;
}

export interface OracleVerdicts {
  /** The oracle's CPython version. */
  version: [number, number];
  answers: OracleAnswer[];
}

/**
 * Runs a Python `script` (with `args`) in ONE process of the oracle interpreter, the JSON of
 * `input` on its stdin, and parses the JSON it prints; a string says why it could not be asked.
 * Every oracle test (syntax verdicts, fix and suppression edits) goes through here.
 */
export function runPythonOracle<T>(script: string, args: readonly string[], input: unknown, needs = "IPython's transformer (apt-get install python3-ipython)"): T | string {
  if (!fs.existsSync(PYTHON)) return `${PYTHON} not found`;
  const r = spawnSync(PYTHON, ['-W', 'ignore', '-c', script, ...args], {
    input: JSON.stringify(input),
    encoding: 'utf8',
    cwd: os.tmpdir(),
    env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' },
    maxBuffer: 256 * 1024 * 1024,
    timeout: 300_000,
  });
  if (r.status !== 0) return `${PYTHON} could not run ${needs}: ${(r.stderr || r.stdout || String(r.error)).trim().split('\n').pop()}`;
  return JSON.parse(r.stdout) as T;
}

/** The verdict on each input, or why the oracle could not be asked. */
export function askOracle(inputs: { src: string; cell: boolean }[]): OracleVerdicts | string {
  return runPythonOracle<OracleVerdicts>(ORACLE, [PYTHON_BODY_MAGICS.join(',')], inputs);
}
