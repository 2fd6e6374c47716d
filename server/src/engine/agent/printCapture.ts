/**
 * Does `print` inside this run go to a logger? Frameworks that capture it (Prefect
 * `log_prints`, catalogues/agent.ts PRINT_CAPTURING_RUNS) turn a `print` into a leveled,
 * timestamped log record of the run, so it is not "logging without a logger".
 *
 * The keyword on the run's decorator decides; unset, the run inherits it from the run that
 * calls it (a task or subflow from its flow: direct calls, `task.submit(…)`, `task.map(…)`);
 * a run nothing in the file calls as a child takes the global setting from the project's
 * settings files. A value we cannot read (`log_prints=flag`) counts as captured: the finding
 * would be a guess.
 */
import * as path from 'node:path';
import { PRINT_CAPTURING_RUNS, type PrintCapturingRun } from '../catalogues/agent';
import type { ProjectContext } from '../project';
import { tomlDocumentOf } from '../dependencies/tomlFiles';
import { callGraphOf, enclosingFunction } from '../python/callGraph';
import { matchesAny } from '../python/patterns';
import type { PythonProgram } from '../python/program';
import { constantOf, originOf } from '../python/resolve';
import type { FunctionInfo } from '../python/semantics';
import { field, text } from '../python/syntax';

export interface CaptureContext {
  readonly project: ProjectContext;
  /** The checked file (settings files are looked up from its folder to the project root). */
  readonly file: string;
}

/** Whether `print` in `fn` (or in code it calls) is captured by the framework's run logger. */
export function printsAreLogged(ctx: CaptureContext, program: PythonProgram, fn: FunctionInfo): boolean {
  return effective(ctx, program, fn, new Map()) === true;
}

/** The run catalogue entry a function's decorator makes it, if any. */
function runOf(program: PythonProgram, fn: FunctionInfo): { entry: PrintCapturingRun; keyword: boolean | 'unknown' | undefined } | undefined {
  for (const d of fn.decorators) {
    const name = originOf(program, d.target, fn.unit);
    const entry = PRINT_CAPTURING_RUNS.find((e) => matchesAny(name, e.decorators));
    if (!entry) continue;
    const kw = d.call?.keywords.get(entry.keyword);
    if (!kw) return { entry, keyword: undefined };
    const value = constantOf(program, kw, fn.unit);
    return { entry, keyword: value === true ? true : value === false ? false : value === null ? undefined : 'unknown' };
  }
  return undefined;
}

/** true: captured; false: not; undefined: `fn` is not a capturing run. Memo guards cycles. */
function effective(ctx: CaptureContext, program: PythonProgram, fn: FunctionInfo, memo: Map<FunctionInfo, boolean | undefined>): boolean | undefined {
  if (memo.has(fn)) return memo.get(fn) ?? false;
  memo.set(fn, undefined);
  const run = runOf(program, fn);
  let result: boolean | undefined;
  if (!run) result = undefined;
  else if (run.keyword !== undefined) result = run.keyword !== false;
  else {
    const parents = parentRuns(program, fn, run.entry);
    const global = () => globalSetting(ctx, run.entry);
    result = parents.length === 0 ? global() : parents.every((p) => (p ? (effective(ctx, program, p, memo) ?? global()) : global()));
  }
  memo.set(fn, result);
  return result;
}

/**
 * For each call that runs `fn` as a child run: the run it is called in (the nearest enclosing
 * function that is a run), or null when it is called outside any run (a top-level run).
 */
function parentRuns(program: PythonProgram, fn: FunctionInfo, entry: PrintCapturingRun): (FunctionInfo | null)[] {
  const graph = callGraphOf(program);
  const callers = [...graph.callers(fn)];
  for (const call of program.semantics.calls) {
    if (call.callee.type !== 'attribute') continue;
    const attr = field(call.callee, 'attribute');
    const obj = field(call.callee, 'object');
    if (!attr || !obj || !entry.runMethods.includes(text(attr))) continue;
    if (graph.functionNamed(obj, call.unit) === fn) callers.push(call);
  }
  return callers.map((c) => {
    for (let f = c.fn; f; f = enclosingFunction(f)) if (runOf(program, f)) return f;
    return null;
  });
}

/** The global setting, from settings files between the file's folder and the project root. */
function globalSetting(ctx: CaptureContext, entry: PrintCapturingRun): boolean {
  const root = ctx.project.root;
  for (let dir = path.dirname(path.resolve(root, ctx.file)); ; dir = path.dirname(dir)) {
    const on = ctx.project.memo(`agent.printCapture:${entry.setting.env}:${dir}`, () => settingIn(ctx.project, dir, entry));
    if (on) return true;
    if (dir === root || !dir.startsWith(root) || path.dirname(dir) === dir) return false;
  }
}

function settingIn(project: ProjectContext, dir: string, entry: PrintCapturingRun): boolean {
  for (const { file, path: keys } of entry.setting.toml) {
    let value: unknown = tomlDocumentOf(project, path.join(dir, file));
    if (value === undefined) continue;
    for (const k of keys) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[k] : undefined;
    if (truthy(value)) return true;
  }
  for (const file of entry.setting.envFiles) {
    const source = project.fs.readFile(path.join(dir, file));
    if (source === undefined) continue;
    for (const line of source.split(/\r?\n/)) {
      const eq = line.indexOf('=');
      if (eq < 0) continue;
      const key = line.slice(0, eq).trim().replace(/^export\s+/, '');
      if (key !== entry.setting.env) continue;
      const value = line.slice(eq + 1).trim().replace(/^(['"])(.*)\1$/, '$2');
      if (truthy(value)) return true;
    }
  }
  return false;
}

/** Booleans as pydantic settings read them. */
function truthy(value: unknown): boolean {
  if (value === true) return true;
  return typeof value === 'string' && ['true', '1', 'yes', 'on', 't', 'y'].includes(value.trim().toLowerCase());
}
