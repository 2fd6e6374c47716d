/**
 * Does a place run again only when a person re-runs it? An Airflow task retries only when a
 * `retries` count says so — on the task, in its DAG's `default_args`, or as the configuration's
 * `[core] default_task_retries` (0 by default). With none of them written, the task runs again
 * only when someone clears or re-triggers it (or a backfill does) — still a re-run (TAXONOMY
 * I-effect lists Airflow tasks), and the message names it rather than an Airflow retry
 * (docs/rules/non-idempotent-effect.md).
 *
 *   rerunByHandOnly(project, file, program, place)   who re-runs it ("a person who clears…"), or
 *                                                    undefined when a retry may fire on its own
 *
 * "Written nowhere" must be shown: the DAG built in the same module (`DAG(…)`, `@dag(…)`), its
 * `default_args` a dict the code shows (a literal, `dict(…)`, a name bound to one, or a function
 * of the project returning one) with no `retries` other than 0, and no configuration file at the
 * project root or beside the module that sets `default_task_retries`. Anything else — the DAG in
 * another module, `**` spreads, a computed dict — keeps the automatic retry.
 */
import * as path from 'node:path';
import type { ProjectContext } from '../project';
import { callGraphOf } from '../python/callGraph';
import { matchesAny } from '../python/patterns';
import type { PythonProgram } from '../python/program';
import { importedFunction } from '../python/projectSummaries';
import { constantOf, originOf, projectValueOf } from '../python/resolve';
import type { RerunPlace } from '../python/rerunPlaces';
import type { Arguments, FunctionInfo } from '../python/semantics';
import { field, stringValue, text, walk, type PyNode } from '../python/syntax';

type Counted = NonNullable<RerunPlace['retryCount']>['entry'];

export function rerunByHandOnly(project: ProjectContext, file: string, program: PythonProgram, place: RerunPlace): string | undefined {
  const count = place.retryCount;
  if (!count) return undefined;
  if (count.state === 'off') return place.rerun;
  if (configuredElsewhere(project, file, count.entry)) return undefined;
  const owners = ownerArguments(program, count.entry);
  if (!owners.length) return undefined; // the DAG is built elsewhere: its default_args are unseen
  for (const { args, unit } of owners) {
    if (args.hasStarKwargs) return undefined;
    const value = args.keywords.get(count.entry.argument);
    if (value && countIn(project, file, program, value, unit) !== 'none') return undefined;
  }
  return count.entry.byHand;
}

/** A configuration file at the project root or beside the module that sets the count. */
function configuredElsewhere(project: ProjectContext, file: string, counted: Counted): boolean {
  const dirs = new Set([project.root, path.dirname(path.resolve(file))]);
  return [...dirs].some((dir) =>
    project.memo(`idempotency:retry-setting:${dir}:${counted.setting.source}`, () =>
      (project.fs.readDir(dir) ?? []).some((n) => counted.files.test(n) && counted.setting.test(project.fs.readFile(path.join(dir, n)) ?? '')),
    ),
  );
}

/** The arguments of every owner (DAG) built in the module: calls and decorators. */
function ownerArguments(program: PythonProgram, counted: Counted): { args: Arguments; unit: number }[] {
  const out: { args: Arguments; unit: number }[] = [];
  for (const call of program.semantics.calls) {
    if (matchesAny(originOf(program, call.callee, call.unit), counted.owners)) out.push({ args: call, unit: call.unit });
  }
  for (const fn of program.semantics.functions) {
    for (const d of fn.decorators) {
      if (!matchesAny(originOf(program, d.target, fn.unit), counted.owners)) continue;
      // A bare `@dag` writes no arguments; a called one is among the calls above already.
      if (!d.call) out.push({ args: { positional: [], keywords: new Map(), hasStarArgs: false, hasStarKwargs: false }, unit: fn.unit });
    }
  }
  return out;
}

/** What a `default_args` value says about `retries`: 'none' (absent or 0), 'set', or 'unknown'. */
function countIn(project: ProjectContext, file: string, program: PythonProgram, expr: PyNode, unit: number, depth = 0): 'none' | 'set' | 'unknown' {
  if (depth > 3) return 'unknown';
  const v = projectValueOf(project, file, program, expr, unit);
  const node = v.node;
  if (node.type === 'dictionary') return dictCount(v.program, node, v.unit);
  if (node.type !== 'call') return 'unknown';
  const callee = field(node, 'function');
  if (callee && text(callee) === 'dict') {
    const call = v.program.semantics.calls.find((c) => c.node === node);
    if (!call || call.hasStarKwargs || call.positional.length) return 'unknown';
    const retries = call.keywords.get('retries');
    return !retries ? 'none' : constantOf(v.program, retries, v.unit) === 0 ? 'none' : 'set';
  }
  // A function that builds the dict: its one `return` of a dict literal.
  const call = v.program.semantics.calls.find((c) => c.node === node);
  if (!call) return 'unknown';
  const local = callee ? callGraphOf(v.program).functionNamed(callee, v.unit) : undefined;
  const target = local ? { fn: local, program: v.program, file: v.file } : importedFunction(project, v.file, v.program, call);
  if (!target) return 'unknown';
  const returned = returnedValues(target.fn);
  if (returned.length !== 1) return 'unknown';
  return countIn(project, target.file, target.program, returned[0]!, target.fn.unit, depth + 1);
}

function dictCount(program: PythonProgram, dict: PyNode, unit: number): 'none' | 'set' | 'unknown' {
  let state: 'none' | 'set' | 'unknown' = 'none';
  for (const c of dict.children) {
    if (c.type === 'dictionary_splat') return 'unknown';
    if (c.type !== 'pair') continue;
    const key = field(c, 'key');
    if (key?.type !== 'string') {
      state = 'unknown';
      continue;
    }
    if (stringValue(key) !== 'retries') continue;
    const value = field(c, 'value');
    if (!value || constantOf(program, value, unit) !== 0) return 'set';
  }
  return state;
}

/** The values of a function's `return` statements (not those of nested functions). */
function returnedValues(fn: FunctionInfo): PyNode[] {
  const out: PyNode[] = [];
  const body = fn.node.children.find((c) => c.type === 'block');
  if (!body) return out;
  walk(body, (n) => {
    if (n.type === 'function_definition' || n.type === 'class_definition' || n.type === 'lambda') return false;
    if (n.type === 'return_statement') {
      const value = n.children.find((c) => c.named);
      if (value) out.push(value);
      else out.push(n);
      return false;
    }
    return undefined;
  });
  return out;
}
