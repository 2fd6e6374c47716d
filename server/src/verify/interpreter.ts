/**
 * Which Python runs the notebook, found in the order VS Code's Python extension would pick one
 * for a workspace: the interpreter the user names (`--python`, then `[tool.preflight] python`),
 * the active virtual environment (`$VIRTUAL_ENV`, then an active conda environment), a `.venv/`
 * in the project, and last `python3` (then `python`) on PATH.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export type PythonSource = '--python' | '[tool.preflight] python' | '$VIRTUAL_ENV' | '$CONDA_PREFIX' | '.venv' | 'PATH';

export interface PythonChoice {
  python: string;
  source: PythonSource;
}

export interface FindPythonInput {
  /** `--python` as given (relative to cwd). */
  option?: string;
  /** `[tool.preflight] python`, relative to the folder of the pyproject.toml it came from. */
  configured?: { python: string; configFile: string };
  /** The notebook's folder and the project root: `.venv/` is looked for from the first up to the second. */
  notebookDir: string;
  projectRoot: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
}

export type FindPythonResult = { found: PythonChoice } | { error: string };

const isWindows = (p: NodeJS.Platform) => p === 'win32';

/** The interpreter inside an environment folder (bin/python, or Scripts\python.exe on Windows). */
function envPython(dir: string, platform: NodeJS.Platform): string | undefined {
  const candidates = isWindows(platform) ? [path.join(dir, 'Scripts', 'python.exe'), path.join(dir, 'python.exe')] : [path.join(dir, 'bin', 'python3'), path.join(dir, 'bin', 'python')];
  return candidates.find((c) => isFile(c));
}

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

function onPath(names: readonly string[], env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string | undefined {
  const dirs = (env.PATH ?? env.Path ?? '').split(path.delimiter).filter(Boolean);
  const exts = isWindows(platform) ? (env.PATHEXT ?? '.EXE').split(';') : [''];
  for (const name of names) for (const d of dirs) for (const ext of exts) if (isFile(path.join(d, name + ext))) return path.join(d, name + ext);
  return undefined;
}

export function findPython(input: FindPythonInput): FindPythonResult {
  const platform = input.platform ?? process.platform;
  if (input.option !== undefined) {
    const p = path.resolve(input.cwd, input.option);
    return isFile(p) ? { found: { python: p, source: '--python' } } : { error: `--python ${input.option}: no such file` };
  }
  if (input.configured) {
    const p = path.resolve(path.dirname(input.configured.configFile), input.configured.python);
    // A bare name ("python3.11") is looked up on PATH, as a shell would.
    const named = !input.configured.python.includes('/') && !input.configured.python.includes('\\') ? onPath([input.configured.python], input.env, platform) : undefined;
    const chosen = isFile(p) ? p : named;
    return chosen ? { found: { python: chosen, source: '[tool.preflight] python' } } : { error: `[tool.preflight] python = "${input.configured.python}" in ${input.configured.configFile}: no such file` };
  }
  for (const [variable, source] of [['VIRTUAL_ENV', '$VIRTUAL_ENV'], ['CONDA_PREFIX', '$CONDA_PREFIX']] as const) {
    const dir = input.env[variable];
    const p = dir ? envPython(dir, platform) : undefined;
    if (p) return { found: { python: p, source } };
  }
  const root = path.resolve(input.projectRoot);
  for (let dir = path.resolve(input.notebookDir); ; dir = path.dirname(dir)) {
    const p = envPython(path.join(dir, '.venv'), platform);
    if (p) return { found: { python: p, source: '.venv' } };
    if (dir === root || path.dirname(dir) === dir || path.relative(root, dir).startsWith('..')) break;
  }
  const p = onPath(isWindows(platform) ? ['python', 'py'] : ['python3', 'python'], input.env, platform);
  if (p) return { found: { python: p, source: 'PATH' } };
  return { error: 'no Python found (looked at --python, [tool.preflight] python, $VIRTUAL_ENV, $CONDA_PREFIX, .venv/ and python3 on PATH)' };
}

/** What to tell someone whose Python cannot run a Jupyter kernel (exit 2, no stack trace). */
export function installAdvice(problem: string, python?: string): string {
  const pip = python ? `${python} -m pip install nbclient ipykernel` : 'python3 -m pip install nbclient ipykernel';
  return [
    `preflight: no Python with Jupyter found: ${problem}`,
    'preflight verify runs the notebook in a Jupyter kernel and needs nbclient and ipykernel in that Python. Install them:',
    `  ${pip}`,
    '  (Debian/Ubuntu system Python: sudo apt-get install python3-nbclient python3-ipykernel)',
    'or choose another interpreter with --python PATH or `python = "…"` under [tool.preflight] in pyproject.toml.',
    '',
  ].join('\n');
}
