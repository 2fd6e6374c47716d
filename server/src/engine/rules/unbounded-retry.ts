/**
 * Retries with no limit: `tenacity.retry` without `stop` (tenacity retries forever by default),
 * `backoff.on_exception`/`on_predicate` without `max_tries`/`max_time`, and `while True` loops
 * that catch a failure and go round again with no attempt count. A permanent failure then
 * becomes an endless loop that hammers the upstream and never reaches a dead-letter path.
 */
import { addKeywordEdit, editAt, importedName } from '../python/edits';
import { isInfiniteWhile, loopExits, retryTry } from '../agent/loops';
import { LOCAL_COMPUTATION_MODULES, LOCAL_TIME_FUNCTIONS, NON_LOCAL_BUILTINS, RETRY_HELPERS, type RetryHelper } from '../catalogues/agent';
import { PYTHON3_BUILTINS } from '../catalogues/hiddenState';
import type { Fix } from '../model';
import type { PythonProgram, Unit } from '../python/program';
import { field, lastNameOf, text, walk, type PyNode } from '../python/syntax';
import { createRule } from '../rule';
import { qualifiedName } from '../python/resolve';
import { nodesOfType } from '../python/nodeIndex';
import { lastNamesOf } from '../python/patterns';

const BY_CALLEE = new Map<string, RetryHelper>(RETRY_HELPERS.map((h) => [h.callee, h]));
const LAST_NAMES = lastNamesOf(RETRY_HELPERS.map((h) => h.callee));

const LOCAL_MODULES = new Set(LOCAL_COMPUTATION_MODULES);
const LOCAL_TIME = new Set(LOCAL_TIME_FUNCTIONS);
const NON_LOCAL = new Set(NON_LOCAL_BUILTINS);
const LOCAL_BUILTINS = new Set(PYTHON3_BUILTINS.filter((b) => !NON_LOCAL.has(b)));
const NOT_RUN_HERE = new Set(['function_definition', 'class_definition', 'lambda']);

/**
 * The try block of a `while True` loop does only local computation: no `await`, and every call
 * is a builtin that touches nothing outside the process or a function of a pure standard-library
 * module (`heapq.heappush`, `time.perf_counter_ns`). Such a loop repeats an in-process operation
 * until its inputs change (a heap push that fails on a tie, with a fresh timestamp next time);
 * it retries no external call, which is what this rule is about. A call we cannot name (a
 * method of an object, a project function) may reach outside, so the loop stays a retry loop.
 */
function onlyLocalWork(program: PythonProgram, unitIndex: number, tryBody: PyNode): boolean {
  const sem = program.semantics;
  let local = true;
  walk(tryBody, (n) => {
    if (!local || NOT_RUN_HERE.has(n.type)) return false;
    if (n.type === 'await') local = false;
    if (n.type !== 'call') return undefined;
    const callee = field(n, 'function');
    if (!callee) {
      local = false;
      return undefined;
    }
    const name = text(callee);
    if (callee.type === 'identifier' && LOCAL_BUILTINS.has(name) && !sem.lookup(name, callee, unitIndex)) return undefined;
    const q = qualifiedName(program, callee, unitIndex) ?? '';
    if (!LOCAL_TIME.has(q) && !LOCAL_MODULES.has(q.split('.')[0]!)) local = false;
    return undefined;
  });
  return local;
}

/** Default attempts the quick fix writes (`[tool.preflight.agent] max-attempts`). */
export const DEFAULT_MAX_ATTEMPTS = 5;

function boundText(program: PythonProgram, unit: Unit, at: PyNode, helper: RetryHelper, attempts: number): { value: string; fix: Fix['edits'] } | undefined {
  if (helper.fix.value === 'number') return { value: String(attempts), fix: [] };
  const imported = importedName(program, unit, at, 'tenacity', 'stop_after_attempt');
  return imported ? { value: `${imported.expr}(${attempts})`, fix: imported.edits } : undefined;
}

export const unboundedRetry = createRule(
  {
    id: 'unbounded-retry',
    family: 'agent',
    category: 'retries',
    subtypes: [],
    description: 'Report retries that never give up: tenacity without stop, backoff without max_tries or max_time, while True retry loops',
    defaultSeverity: 'warning',
    recommended: true,
    appliesTo: ['python', 'notebook'],
    scope: 'program',
    reads: ['source'],
    fixable: 'unsafe',
  },
  (ctx) => {
    const program = ctx.program;
    if (!program) return;
    const sem = program.semantics;
    const attempts = ctx.settings['max-attempts'] ?? DEFAULT_MAX_ATTEMPTS;

    // @retry / @tenacity.retry with no call at all: tenacity's defaults never stop.
    for (const fn of sem.functions) {
      for (const d of fn.decorators) {
        if (d.call) continue;
        const helper = BY_CALLEE.get(qualifiedName(program, d.target, fn.unit) ?? '');
        if (!helper || helper.callee !== 'tenacity.retry') continue;
        const unit = program.units[fn.unit]!;
        const bound = boundText(program, unit, d.target, helper, attempts);
        const fix: Fix | undefined = bound && {
          title: `Stop after ${attempts} attempts`,
          applicability: 'unsafe',
          edits: [editAt(unit, d.target.end, d.target.end, `(${helper.fix.keyword}=${bound.value})`), ...bound.fix],
        };
        ctx.reportNode(unit, d.target, `\`@retry\` without \`stop\` retries forever: a permanent failure never ends and never reaches error handling; add stop=stop_after_attempt(${attempts}).`, fix ? { fix } : {});
      }
    }

    for (const call of sem.calls) {
      if (LAST_NAMES && !LAST_NAMES.has(lastNameOf(call.callee) ?? '')) continue;
      const q = qualifiedName(program, call.callee, call.unit);
      const helper = q ? BY_CALLEE.get(q) : undefined;
      if (!helper || call.hasStarKwargs) continue;
      const unit = program.units[call.unit]!;
      const given = helper.bounds.map((k) => call.keywords.get(k)).filter((v) => v !== undefined);
      const never = given.length > 0 && given.every((v) => qualifiedName(program, v, call.unit) === 'tenacity.stop_never' || v.type === 'none');
      if (given.length > 0 && !never) continue;
      const shown = q!.split('.').slice(-1)[0]!;
      const bound = never ? undefined : boundText(program, unit, call.node, helper, attempts);
      const edit = bound ? addKeywordEdit(unit, call.node, helper.fix.keyword, bound.value) : undefined;
      const fix: Fix | undefined = bound && edit ? { title: `Stop after ${attempts} attempts`, applicability: 'unsafe', edits: [edit, ...bound.fix] } : undefined;
      const what = helper.bounds.join(' or ');
      const how = helper.fix.value === 'number' ? `${helper.fix.keyword}=${attempts}` : `stop=stop_after_attempt(${attempts})`;
      ctx.reportNode(unit, call.callee, `\`${shown}\` ${never ? `with an explicit never-stop ${what}` : `without ${what}`} retries forever: a permanent failure never ends and never reaches error handling; add ${how}.`, fix ? { fix } : {});
    }

    program.units.forEach((unit, unitIndex) => {
      for (const n of nodesOfType(unit, 'while_statement')) {
        if (!isInfiniteWhile(n)) continue;
        const attempt = retryTry(n);
        if (!attempt || onlyLocalWork(program, unitIndex, field(attempt, 'body')!)) continue;
        // Any way out other than success (raise after N attempts, break on a deadline…) bounds it.
        const body = field(n, 'body')!;
        if (loopExits(body, field(attempt, 'body')).length > 0) continue;
        const cond = field(n, 'condition')!;
        ctx.reportNode(unit, { start: n.start, end: cond.end }, `\`while True\` retry loop with no attempt limit: a permanent failure loops forever; count attempts and raise (or give up) after ${attempts}, or use tenacity with stop=stop_after_attempt(${attempts}).`);
      }
    });
  },
);
