/**
 * Project checks of the production items (issue 23): evidence from the workspace's Python code
 * read through the core (./code.ts) and the catalogue of the libraries' idioms
 * (../catalogues/readiness.ts). Never a pass without evidence: when the code shows nothing the
 * answer is `unknown`, with what to check by hand; `not-applicable` only when the project has no
 * such part (no HTTP routes, no model training).
 */
import {
  CIRCUIT_BREAKERS,
  CONCURRENCY_LIMITS,
  DEAD_LETTER,
  DEAD_LETTER_KEYS,
  DOTENV_LOADS,
  FASTAPI_ROUTE,
  GRACEFUL_SHUTDOWN,
  HEALTH_PATHS,
  HEALTH_TRIVIAL_CALLS,
  MODEL_REGISTRY,
  MODEL_SAVES,
  ONE_PIPELINE,
  SECRET_MANAGERS,
  SKLEARN_FITS,
  SKLEARN_PREPROCESSING_FITS,
  STEP_TRACING,
  TASK_TIMEOUTS,
  TRAINING_CALLS,
  type EvidenceEntry,
} from '../catalogues/readiness';
import { matchesAny } from '../python/patterns';
import { originOf } from '../python/resolve';
import { field, text, type PyNode } from '../python/syntax';
import type { CheckContext, CheckResult } from './checkContext';
import { evidenceAt, type Route } from './code';
import type { Evidence } from './model';
import { DATA_VERSIONING_PATTERNS } from './signals';
import { unvalidatedInputs } from '../agent/requestInputs';
import { MAX_EVIDENCE, note, notApplicable, plural, readingCode, trainingCalls, withCodeNotes } from './checkHelpers';
import { stateSchemaVersioning } from './stateVersioning';
import { validationGate } from './validationGate';

/** Pass with the evidence found; otherwise unknown, saying what was looked for and what to check by hand. */
function evidenceCheck(entries: readonly EvidenceEntry[], texts: { found: string; missing: string; byHand: string }, extra?: (ctx: CheckContext) => Evidence[]) {
  return (ctx: CheckContext): CheckResult => {
    const found = [...ctx.code.find(entries), ...(extra?.(ctx) ?? [])];
    if (found.length) return { status: 'pass', summary: texts.found, evidence: found.slice(0, MAX_EVIDENCE) };
    const looked = [...new Set(entries.map((e) => e.what))].join('; ');
    return {
      status: 'unknown',
      summary: `${texts.missing} Check by hand: ${texts.byHand}`,
      evidence: withCodeNotes(ctx, [note(`looked in ${plural(ctx.code.files().length, 'Python file')} for: ${looked}`)]),
    };
  };
}

const lastSegment = (path: string) => path.split('/').filter(Boolean).pop()?.toLowerCase() ?? '';
const isHealthRoute = (r: Route) => r.path !== undefined && HEALTH_PATHS.includes(lastSegment(r.path));

function healthChecks(ctx: CheckContext): CheckResult {
  const routes = ctx.code.routes();
  if (!routes.length) return notApplicable(ctx, 'No HTTP routes (FastAPI, Flask, Django, Starlette…) in the workspace.');
  const health = routes.filter(isHealthRoute);
  if (!health.length) {
    return {
      status: 'warn',
      summary: `${plural(routes.length, 'HTTP route')} but no health or readiness route (/health, /healthz, /ready…).`,
      evidence: [note(`looked at the paths of ${plural(routes.length, 'route')} for ${HEALTH_PATHS.map((p) => `/${p}`).join(', ')}`), ...routes.slice(0, 3).map((r) => evidenceAt(r.file, r.node, r.unit, `route ${r.path ?? '(path not a constant)'}`))],
    };
  }
  const deep: Evidence[] = [];
  const shallow: Evidence[] = [];
  const unseen: Evidence[] = [];
  for (const r of health) {
    if (!r.fn) {
      unseen.push(evidenceAt(r.file, r.node, r.unit, `health route ${r.path} (its view is declared elsewhere)`));
      continue;
    }
    const fn = r.fn;
    const calls = r.file.program.semantics.calls.filter((c) => c.fn === fn);
    const touching = calls.map((c) => originOf(r.file.program, c.callee, c.unit) ?? '?').filter((n) => !matchesAny(n, HEALTH_TRIVIAL_CALLS));
    if (touching.length) deep.push(evidenceAt(r.file, r.node, r.unit, `health route ${r.path} checks dependencies (calls ${[...new Set(touching)].slice(0, 3).join(', ')})`));
    else shallow.push(evidenceAt(r.file, r.node, r.unit, `health route ${r.path} answers without calling any dependency (liveness only)`));
  }
  if (deep.length) return { status: 'pass', summary: 'A health route checks the service\'s dependencies.', evidence: [...deep, ...shallow, ...unseen].slice(0, MAX_EVIDENCE) };
  if (shallow.length) return { status: 'warn', summary: 'The health route reports liveness only: it does not check the database, model or tools the service depends on.', evidence: [...shallow, ...unseen].slice(0, MAX_EVIDENCE) };
  return { status: 'unknown', summary: 'A health route is declared, but its view is not in the same file. Check by hand that it tests the dependencies.', evidence: unseen.slice(0, MAX_EVIDENCE) };
}

function inputValidation(ctx: CheckContext): CheckResult {
  const routes = ctx.code.routes().filter((r) => r.fn);
  if (!ctx.code.routes().length) return notApplicable(ctx, 'No HTTP routes (FastAPI, Flask, Django, Starlette…) in the workspace.');
  const fastapi = routes.filter((r) => matchesAny(r.framework, FASTAPI_ROUTE));
  const problems: Evidence[] = [];
  // A function with two route decorators (`/invoke` and `/{agent_id}/invoke`) is one endpoint.
  // With the unvalidated-request-body rule on, its findings are the item's evidence: not twice.
  const byRule = ctx.rulesInCategory('input-validation').length > 0;
  for (const r of byRule ? [] : fastapi.filter((r, i) => fastapi.findIndex((o) => o.fn === r.fn) === i)) {
    for (const u of unvalidatedInputs(r.file.program, r.fn!)) {
      problems.push(
        evidenceAt(r.file, u.node, u.unit, u.kind === 'untyped-parameter' ? `endpoint ${u.fn.name} takes "${u.what}": any JSON object is accepted, unvalidated` : `endpoint ${u.fn.name} parses the body with ${u.what} and never validates it against a schema`),
      );
    }
  }
  if (problems.length) return { status: 'warn', summary: `${plural(problems.length, 'FastAPI endpoint input')} bypass${problems.length === 1 ? 'es' : ''} a request schema.`, evidence: problems.slice(0, MAX_EVIDENCE) };
  const others = ctx.code.routes().length - fastapi.length;
  if (fastapi.length && !others) {
    return { status: 'pass', summary: `${plural(fastapi.length, 'FastAPI endpoint')}: ${byRule ? 'FastAPI validates typed parameters; the unvalidated-request-body rule reports the others' : 'every parameter is typed (FastAPI validates them)'}.`, evidence: fastapi.slice(0, 5).map((r) => evidenceAt(r.file, r.node, r.unit, `endpoint ${r.fn!.name} ${r.path ?? ''}`.trim())) };
  }
  return {
    status: 'unknown',
    summary: `${plural(others, 'route')} of a framework that does not validate requests by itself (Flask, Django…). Check by hand that each endpoint validates its input with a schema (pydantic, marshmallow, Django forms/serializers).`,
    evidence: ctx.code.routes().filter((r) => !matchesAny(r.framework, FASTAPI_ROUTE)).slice(0, 5).map((r) => evidenceAt(r.file, r.node, r.unit, `route ${r.path ?? ''} (${r.framework})`)),
  };
}

function secretManager(ctx: CheckContext): CheckResult {
  const managers = ctx.code.find(SECRET_MANAGERS);
  if (managers.length) return { status: 'pass', summary: 'Credentials come from a secret manager.', evidence: managers.slice(0, MAX_EVIDENCE) };
  const loads = ctx.code.calls(DOTENV_LOADS).map(({ file, call, name }) => evidenceAt(file, call.node, call.unit, `loads a .env file (${name})`));
  const trackedEnv = (ctx.facts.git?.tracked ?? []).filter((f) => /(^|\/)\.env$/.test(f)).map((f): Evidence => ({ kind: 'file', file: f, message: 'a .env file tracked by git, next to the code' }));
  if (loads.length && trackedEnv.length) {
    return { status: 'fail', summary: 'Credentials are loaded from a .env file that is committed with the code.', evidence: [...trackedEnv, ...loads].slice(0, MAX_EVIDENCE) };
  }
  const byHand = 'Check by hand that production injects credentials from a secret manager (AWS Secrets Manager, GCP Secret Manager, Vault, Azure Key Vault), not from a .env file shipped with the code.';
  if (loads.length) return { status: 'unknown', summary: `The code loads a .env file; no secret manager client is used. ${byHand}`, evidence: withCodeNotes(ctx, loads.slice(0, MAX_EVIDENCE)) };
  return { status: 'unknown', summary: `No secret manager client in the code. ${byHand}`, evidence: withCodeNotes(ctx, [note(`looked in ${plural(ctx.code.files().length, 'Python file')} for AWS Secrets Manager, GCP Secret Manager, Vault, Azure Key Vault clients and dotenv loads`)]) };
}

function onePipeline(ctx: CheckContext): CheckResult {
  const training = trainingCalls(ctx);
  if (!training.length) return notApplicable(ctx, 'No model training code found.');
  const pipelines = ctx.code.find(ONE_PIPELINE);
  if (pipelines.length) return { status: 'pass', summary: 'Preprocessing and model are one scikit-learn object.', evidence: pipelines.slice(0, MAX_EVIDENCE) };
  const sklearn = ctx.code.calls(SKLEARN_FITS).filter((c) => !matchesAny(c.name, SKLEARN_PREPROCESSING_FITS));
  const separate = ctx.code.calls(SKLEARN_PREPROCESSING_FITS);
  const saves = ctx.code.calls(MODEL_SAVES);
  if (sklearn.length && separate.length && saves.length) {
    return {
      status: 'warn',
      summary: 'Preprocessing is fitted on its own and a model is saved: serving must re-implement the preprocessing (training-serving skew).',
      evidence: [
        ...separate.slice(0, 5).map(({ file, call, name }) => evidenceAt(file, call.node, call.unit, `preprocessing fitted outside a Pipeline (${name})`)),
        ...saves.slice(0, 5).map(({ file, call, name }) => evidenceAt(file, call.node, call.unit, `model saved (${name})`)),
      ],
    };
  }
  return {
    status: 'unknown',
    summary: `${sklearn.length ? 'scikit-learn models are trained without a Pipeline.' : 'A model is trained, with no scikit-learn Pipeline in the code.'} Check by hand that the serving code gets its preprocessing from the object saved with the model, not from a copy of the training code.`,
    evidence: withCodeNotes(ctx, training.slice(0, 3).map(({ file, call, name }) => evidenceAt(file, call.node, call.unit, `trains (${name})`))),
  };
}

function modelRegistry(ctx: CheckContext): CheckResult {
  const training = trainingCalls(ctx);
  if (!training.length) return notApplicable(ctx, 'No model training code found.');
  const found = ctx.code.find(MODEL_REGISTRY);
  const dvc = ctx.facts.files.filter((f) => /(^|\/)dvc\.ya?ml$/.test(f) || DATA_VERSIONING_PATTERNS.some((p) => p.tool === 'DVC' && p.pattern.test(f) && /\.dvc$/.test(f) && !/(^|\/)\.dvc$/.test(f))).slice(0, 3);
  const evidence = [...found, ...dvc.map((f): Evidence => ({ kind: 'file', file: f, message: 'DVC tracks outputs with their data and parameters' }))];
  if (evidence.length) return { status: 'pass', summary: 'Models are registered with their lineage.', evidence: evidence.slice(0, MAX_EVIDENCE) };
  return {
    status: 'warn',
    summary: 'A model is trained, but nothing registers it with the data version, parameters and commit it came from.',
    evidence: withCodeNotes(ctx, [
      ...training.slice(0, 3).map(({ file, call, name }) => evidenceAt(file, call.node, call.unit, `trains (${name})`)),
      note('looked for MLflow registry calls, W&B model links, Hugging Face Hub pushes, BentoML/ClearML/Neptune models and DVC pipelines'),
    ]),
  };
}

const CHECKS = {
  'health-route': healthChecks,
  'endpoint-input-schema': inputValidation,
  'secret-manager': secretManager,
  'shutdown-hooks': evidenceCheck(GRACEFUL_SHUTDOWN, {
    found: 'The code handles shutdown.',
    missing: 'No SIGTERM handler or framework shutdown hook in the code.',
    byHand: 'on SIGTERM the service stops taking work, checkpoints running tasks and exits (servers such as uvicorn and Celery do a warm shutdown by themselves; in-flight agent runs need a checkpoint).',
  }),
  'circuit-breaker': evidenceCheck(CIRCUIT_BREAKERS, {
    found: 'A circuit breaker guards external calls.',
    missing: 'No circuit-breaker library in the code.',
    byHand: 'calls to external services stop for a while after repeated failures (pybreaker, purgatory, aiobreaker, or the gateway/service mesh).',
  }),
  'dead-letter': evidenceCheck(
    DEAD_LETTER,
    {
      found: 'Work that fails for good is routed somewhere for review.',
      missing: 'No dead-letter queue or give-up handler in the code.',
      byHand: 'a step whose retries ran out goes to a dead-letter queue (SQS redrive policy, RabbitMQ x-dead-letter-exchange, a failed-task table) or is retried from the failing step, not lost.',
    },
    (ctx) => ctx.code.strings(DEAD_LETTER_KEYS, (v) => `configures a dead-letter route ("${v}")`),
  ),
  'concurrency-limit': evidenceCheck(CONCURRENCY_LIMITS, {
    found: 'Concurrency is bounded.',
    missing: 'No semaphore, bounded queue, pool size or worker concurrency in the code.',
    byHand: 'how many runs execute at once, and what happens when the queue is full (deployment settings such as worker counts count).',
  }),
  'task-time-limit': evidenceCheck(TASK_TIMEOUTS, {
    found: 'Tasks have a maximum execution time.',
    missing: 'No task time limit in the code.',
    byHand: 'every task or agent run has a maximum execution time (Celery time_limit, asyncio.timeout, Temporal start_to_close_timeout, the job runner\'s timeout).',
  }),
  'step-tracing': evidenceCheck(STEP_TRACING, {
    found: 'Steps are traced.',
    missing: 'No tracing library or orchestrator in the code.',
    byHand: 'for any run you can see what happened step by step, with each step\'s duration and each tool call and result, by run id.',
  }),
  'one-pipeline': onePipeline,
  'model-registry': modelRegistry,
  'state-versioning': stateSchemaVersioning,
  'validation-gate': validationGate,
} satisfies Record<string, (ctx: CheckContext) => CheckResult>;

/** Each production check, saying it read the workspace's Python files and notebooks. */
export const PRODUCTION_CHECKS = Object.fromEntries(Object.entries(CHECKS).map(([id, check]) => [id, readingCode(check)])) as Record<keyof typeof CHECKS, (ctx: CheckContext) => CheckResult>;
