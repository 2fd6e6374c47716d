/**
 * The checklist's items, as data: what each asks, why (with the checklist or rubric it comes
 * from), how to fix it, and what decides its status — rule findings selected by category and
 * taxonomy subtype (../../../../../shared/spec/TAXONOMY.md), and named project checks
 * (./checks.ts). An item whose rules are not in the registry yet says `unknown`, never `pass`,
 * so items improve by themselves as rule families land.
 */
import type { Category } from '../model';
import type { GroupId, Importance, Origin } from './model';
import type { ProjectCheckId } from './checks';

/** Findings of the rules in these categories (and, if given, covering one of these subtypes). */
export interface RuleSelector {
  categories: readonly Category[];
  subtypes?: readonly string[];
  /** Only findings in these kinds of file count. */
  fileKinds?: readonly FileKindName[];
  /** Name used in "no rule checks … yet". */
  label: string;
  /** `skip`: a project check of the item covers this until a rule lands (default: the part is unknown). */
  whenNoRule?: 'unknown' | 'skip';
  /**
   * The rules report part of what a project check of the item decides (e.g. the FastAPI endpoints
   * among all routes): their findings count, but without findings the part has no say — a
   * project with no endpoint must not pass because no rule found a bad one.
   */
  onlyFindings?: true;
}

export type FileKindName = 'python' | 'notebook' | 'manifest';

/** When an item applies at all: files of these kinds in scope, or agent/service code in scope. */
export type Applicability = { fileKinds: readonly FileKindName[] } | { serviceCode: true };

export interface ItemSpec {
  id: string;
  group: GroupId;
  title: string;
  why: string;
  origins: readonly Origin[];
  importance: Importance;
  howToFix: string;
  appliesTo?: Applicability;
  rules?: readonly RuleSelector[];
  checks?: readonly ProjectCheckId[];
}

const ML_TEST_SCORE = 'https://research.google/pubs/the-ml-test-score-a-rubric-for-ml-production-readiness-and-technical-debt-reduction/';
const TWELVE_FACTOR_AGENTS = 'https://github.com/humanlayer/12-factor-agents';
const TWELVE_FACTOR_APP = 'https://12factor.net/';

const mlTestScore = (ref: string): Origin => ({ source: 'ML Test Score', ref, url: ML_TEST_SCORE });
const agents = (ref: string): Origin => ({ source: '12-factor agents', ref, url: TWELVE_FACTOR_AGENTS });
const app = (ref: string): Origin => ({ source: 'The Twelve-Factor App', ref, url: TWELVE_FACTOR_APP });
const migration = (ref: string): Origin => ({ source: 'Notebook-to-production migration checklist', ref });
const agentDeployment = (ref: string): Origin => ({ source: 'Agent deployment checklist', ref });
const mlServing = (ref: string): Origin => ({ source: 'ML serving and MLOps checklist', ref });

const CODE: Applicability = { fileKinds: ['python', 'notebook'] };
const NOTEBOOKS: Applicability = { fileKinds: ['notebook'] };
const SERVICE: Applicability = { serviceCode: true };

export const ITEMS: readonly ItemSpec[] = [
  // Reproducibility
  {
    id: 'randomness-seeded',
    group: 'reproducibility',
    title: 'Randomness is seeded',
    why: 'A model trained or sampled with unseeded randomness cannot be reproduced, so a regression cannot be told apart from noise.',
    origins: [mlTestScore('Infra 1: training is reproducible'), migration('reproducibility: seeds')],
    importance: 'required',
    howToFix: 'Seed every global RNG once at the start (random.seed, np.random.seed, torch.manual_seed) and pass random_state/seed to estimators, splitters and samplers.',
    appliesTo: CODE,
    rules: [{ categories: ['randomness'], label: 'unseeded randomness' }],
  },
  {
    id: 'dependencies-pinned',
    group: 'reproducibility',
    title: 'Dependencies are pinned and declared',
    why: 'Unpinned or undeclared packages change under the code between runs and machines; the same commit then trains or serves something else.',
    origins: [app('II. Dependencies'), migration('reproducibility: frozen dependencies')],
    importance: 'required',
    howToFix: 'Declare every imported package in a manifest and pin exact versions (==) or commit a lock file (uv.lock, poetry.lock, a pinned requirements.txt); install from it instead of %pip install in notebooks.',
    appliesTo: { fileKinds: ['python', 'notebook', 'manifest'] },
    rules: [{ categories: ['dependencies'], subtypes: ['D-req', 'D-install', 'D-undeclared', 'D-model'], label: 'unpinned or undeclared dependencies' }],
    checks: ['dependency-manifest'],
  },
  {
    id: 'environment-captured',
    group: 'reproducibility',
    title: 'The runtime environment is captured',
    why: 'Without a Dockerfile, dev container or conda environment with a pinned base image, the Python version and system libraries are whatever the next machine has.',
    origins: [mlTestScore('Infra 1: training is reproducible'), migration('packaging')],
    importance: 'recommended',
    howToFix: 'Add a Dockerfile (FROM python:3.12.4-slim or an image digest), a .devcontainer/devcontainer.json or an environment.yml with a conda lock file.',
    rules: [{ categories: ['dependencies'], subtypes: ['D-image'], label: 'unpinned base images', whenNoRule: 'skip' }],
    checks: ['environment-files'],
  },
  {
    id: 'data-versioned',
    group: 'reproducibility',
    title: 'Data is versioned, not committed',
    why: 'Results can only be reproduced with the data they came from; large data in git bloats every clone and is not versioned per experiment.',
    origins: [migration('reproducibility: versioned data')],
    importance: 'recommended',
    howToFix: 'Track datasets and model files with DVC (dvc add) or git LFS, and remove large data files from git history.',
    checks: ['data-versioning', 'large-data-in-git'],
  },
  {
    id: 'experiments-tracked',
    group: 'reproducibility',
    title: 'Experiments are tracked',
    why: 'Training runs whose parameters, metrics and artifacts are not recorded cannot be compared or rolled back to.',
    origins: [migration('reproducibility: tracked experiments'), mlTestScore('Model 1: model specs are reviewed and submitted')],
    importance: 'advisory',
    howToFix: 'Log parameters, metrics and artifacts of training runs with an experiment tracker (MLflow, Weights & Biases, DVCLive, ClearML…).',
    checks: ['experiment-tracking'],
  },
  {
    id: 'model-artifacts-versioned',
    group: 'reproducibility',
    title: 'Model artifacts are versioned',
    why: 'A model saved over the same path each run destroys the previous one: nothing to compare against and nothing to roll back to.',
    origins: [mlTestScore('Infra 7: serving models can be rolled back')],
    importance: 'recommended',
    howToFix: 'Save models under a versioned path (a run id, timestamp or content hash) or register them in a model registry.',
    appliesTo: CODE,
    rules: [{ categories: ['artifacts'], label: 'unversioned model artifacts' }],
  },
  {
    id: 'models-registered',
    group: 'reproducibility',
    title: 'Models are registered with their lineage',
    why: 'A model file nobody can tie to the data version, parameters and commit it came from cannot be audited, reproduced or safely replaced.',
    origins: [mlServing('model registry / lineage'), mlTestScore('Infra 7: serving models can be rolled back')],
    importance: 'recommended',
    howToFix: 'Register each trained model with its run (mlflow.register_model or log_model(registered_model_name=…), a W&B model link, a Hugging Face Hub push) or produce it from a DVC pipeline (dvc.yaml) so data, parameters and commit are recorded with it.',
    checks: ['model-registry'],
  },
  // Notebooks
  {
    id: 'notebooks-run-top-down',
    group: 'notebooks',
    title: 'Notebooks run top to bottom',
    why: 'Saved outputs that came from an out-of-order run, cells that read names no cell defines, and skipped cells mean a fresh "Run All" gives something else, or fails.',
    origins: [migration('state'), mlTestScore('Infra 1: training is reproducible')],
    importance: 'required',
    howToFix: 'Restart the kernel and run all cells in order; move definitions above their first use and delete or restore cells whose names are still used. `preflight verify` re-runs each notebook twice in a fresh kernel and records what it saw.',
    appliesTo: NOTEBOOKS,
    rules: [{ categories: ['hidden-state'], subtypes: ['H-order', 'H-undefined', 'H-forward', 'H-skipped'], fileKinds: ['notebook'], label: 'notebook execution order' }],
    // Static findings predict; a recorded `preflight verify` run of the current code proves it.
    checks: ['notebook-verify-results'],
  },
  {
    id: 'notebooks-rerunnable',
    group: 'notebooks',
    title: 'Notebook cells can be re-run',
    why: 'A cell that mutates state an earlier cell created gives a different result every time it runs, so the saved outputs depend on how often someone pressed Shift+Enter.',
    origins: [migration('idempotency')],
    importance: 'recommended',
    howToFix: 'Build each value from scratch in the cell that uses it instead of mutating it in place (no x += 1 or .append on an earlier cell\'s variable).',
    appliesTo: NOTEBOOKS,
    rules: [{ categories: ['idempotency'], subtypes: ['I-rerun'], fileKinds: ['notebook'], label: 'notebook re-run hazards' }],
  },
  {
    id: 'notebooks-clean-outputs',
    group: 'notebooks',
    title: 'Notebooks are saved without errors in their outputs',
    why: 'A traceback saved in an output shows the notebook did not run cleanly the last time it was run, and leaks paths and data into the repository.',
    origins: [migration('error handling')],
    importance: 'recommended',
    howToFix: 'Fix the failing cells and re-run the notebook top to bottom before committing, or strip outputs (nbstripout).',
    appliesTo: NOTEBOOKS,
    checks: ['notebook-error-outputs'],
  },
  // Agent runtime
  {
    id: 'side-effects-idempotent',
    group: 'agent-runtime',
    title: 'Side effects are idempotent',
    why: 'Retries, re-runs and resumed runs repeat side effects: a POST, a charge, an e-mail or an INSERT without an idempotency key happens twice.',
    origins: [migration('idempotency'), agents('Factor 6: launch/pause/resume with simple APIs')],
    importance: 'required',
    howToFix: 'Pass an idempotency key or dedup id with each external write, use upserts, and create folders with exist_ok=True.',
    appliesTo: CODE,
    rules: [{ categories: ['idempotency'], subtypes: ['I-effect'], label: 'non-idempotent side effects' }],
  },
  {
    id: 'run-state-persisted',
    group: 'agent-runtime',
    title: 'Run state is persisted',
    why: 'State kept in process memory (module globals, in-memory checkpointers) is lost on restart and shared between concurrent runs.',
    origins: [agents('Factor 5: unify execution state and business state'), agents('Factor 12: make your agent a stateless reducer'), migration('state, concurrency')],
    importance: 'recommended',
    howToFix: 'Keep run and session state in a durable store (a database-backed checkpointer such as SqliteSaver or PostgresSaver, Redis) keyed by run id.',
    appliesTo: SERVICE,
    rules: [{ categories: ['hidden-state'], subtypes: ['H-global'], label: 'in-memory run state' }],
  },
  {
    id: 'timeouts-and-retries',
    group: 'agent-runtime',
    title: 'External calls have timeouts and bounded retries',
    why: 'A call without a timeout can hang a run forever; a retry without a limit turns an outage into an endless loop and a bill.',
    origins: [migration('error handling'), agents('Factor 9: compact errors into the context window')],
    importance: 'required',
    howToFix: 'Pass timeout= to every HTTP and LLM client call, and bound retries (tenacity stop=stop_after_attempt(n), backoff max_tries=).',
    appliesTo: SERVICE,
    rules: [
      { categories: ['timeouts'], label: 'missing timeouts' },
      { categories: ['retries'], label: 'unbounded retries' },
    ],
  },
  {
    id: 'human-gates',
    group: 'agent-runtime',
    title: 'Irreversible actions wait for a human',
    why: 'An agent tool that pays, deletes or e-mails customers with no approval step lets one bad model output do damage no one can undo.',
    origins: [agents('Factor 7: contact humans with tool calls'), migration('human gates')],
    importance: 'recommended',
    howToFix: 'Put an approval step before irreversible tools (LangGraph interrupt(), a confirm parameter checked by the caller, a review queue).',
    appliesTo: SERVICE,
    rules: [{ categories: ['human-gates'], label: 'irreversible actions without approval' }],
  },
  {
    id: 'logging-and-tracing',
    group: 'agent-runtime',
    title: 'Service code logs and traces',
    why: 'print() output and swallowed exceptions leave nothing to debug a production failure with.',
    origins: [app('XI. Logs'), mlTestScore('Monitor: the model is monitored in production'), migration('observability')],
    importance: 'recommended',
    howToFix: 'Use the logging module (or structlog/OpenTelemetry) instead of print, and log or re-raise exceptions instead of except: pass.',
    appliesTo: SERVICE,
    rules: [{ categories: ['observability'], label: 'logging and tracing' }],
  },
  {
    id: 'task-time-limits',
    group: 'agent-runtime',
    title: 'Every task has a maximum execution time',
    why: 'A per-call timeout does not bound a task: an agent loop or a pipeline step can call quickly forever. Without a task limit a stuck run holds a worker and its budget until someone notices.',
    origins: [agentDeployment('task timeouts'), migration('error handling')],
    importance: 'recommended',
    howToFix: 'Give every task and run a time limit: Celery time_limit/soft_time_limit, asyncio.timeout or asyncio.wait_for around a run, Temporal start_to_close_timeout, Airflow execution_timeout, Prefect timeout_seconds.',
    appliesTo: SERVICE,
    checks: ['task-time-limit'],
  },
  {
    id: 'failures-routed',
    group: 'agent-runtime',
    title: 'Failed work goes to a dead-letter queue or resumes from the failing step',
    why: 'A step that fails after its last retry is otherwise lost: the run ends, nobody reviews the input, and re-running repeats every step before it.',
    origins: [migration('error handling'), agentDeployment('dead-letter queues')],
    importance: 'recommended',
    howToFix: 'Route exhausted retries somewhere reviewable: tenacity retry_error_callback, backoff on_giveup, a Celery on_failure handler, a RabbitMQ x-dead-letter-exchange or an SQS RedrivePolicy; checkpoint steps so a run resumes from the failing one.',
    appliesTo: SERVICE,
    checks: ['dead-letter'],
  },
  {
    id: 'circuit-breakers',
    group: 'agent-runtime',
    title: 'External services are behind circuit breakers',
    why: 'When a dependency is down, every run retrying it piles on: the outage spreads to the service and the retry bill grows. A breaker fails fast and lets the dependency recover.',
    origins: [agentDeployment('circuit breakers')],
    importance: 'advisory',
    howToFix: 'Wrap calls to external services in a circuit breaker (pybreaker.CircuitBreaker, purgatory, aiobreaker) or configure one in the gateway or service mesh.',
    appliesTo: SERVICE,
    checks: ['circuit-breaker'],
  },
  {
    id: 'concurrency-bounded',
    group: 'agent-runtime',
    title: 'Concurrency is bounded, with back-pressure',
    why: 'Unbounded concurrency turns a traffic spike into rate-limit errors, memory exhaustion and a queue that grows without limit.',
    origins: [migration('concurrency and back-pressure')],
    importance: 'recommended',
    howToFix: 'Bound concurrent runs (asyncio.Semaphore, a worker pool size, Celery worker_concurrency, uvicorn limit_concurrency) and give queues a maxsize so producers wait or are refused when it is full.',
    appliesTo: SERVICE,
    checks: ['concurrency-limit'],
  },
  {
    id: 'steps-traced',
    group: 'agent-runtime',
    title: 'Every step is traced and auditable',
    why: 'Logs alone do not answer "what happened in this run, step by step, how long did each step take, which tool was called with what and what came back" — a trace per run, queryable by its id, does.',
    origins: [migration('observability per step'), agentDeployment('audit log')],
    importance: 'recommended',
    howToFix: 'Trace each run with spans per step and tool call: OpenTelemetry, LangSmith (@traceable), Langfuse (@observe), MLflow tracing, or run the steps in an orchestrator that records them (Prefect, Airflow, Dagster, Temporal).',
    appliesTo: SERVICE,
    checks: ['step-tracing'],
  },
  {
    id: 'state-schema-versioned',
    group: 'agent-runtime',
    title: 'Checkpointed state has a schema version',
    why: 'Checkpoints written before a deploy are resumed by the code after it: when the state changed shape, resumed runs fail or, worse, carry on with fields missing or misread.',
    origins: [agentDeployment('state schema versioning')],
    importance: 'recommended',
    howToFix: 'Give the checkpointed state a version (a schema_version field in the state class, or a STATE_SCHEMA_VERSION constant written with it) and migrate older checkpoints when they are loaded (a migrate_state function); in Temporal, guard changed workflow code with workflow.patched().',
    appliesTo: SERVICE,
    checks: ['state-versioning'],
  },
  // Serving
  {
    id: 'health-checks',
    group: 'serving',
    title: 'A health check tests the dependencies',
    why: 'A health route that only says "I am up" keeps sending traffic to an instance whose database, model or tools are unreachable; without one, nothing restarts a stuck instance.',
    origins: [agentDeployment('health checks')],
    importance: 'recommended',
    howToFix: 'Add a readiness route (GET /health or /ready) that checks what the service needs — a database ping, the model loaded, the tools\' APIs reachable — and returns 503 when one is not.',
    checks: ['health-route'],
  },
  {
    id: 'inputs-validated',
    group: 'serving',
    title: 'Inputs are validated at the serving boundary',
    why: 'An endpoint that accepts any JSON passes malformed or hostile input straight into the model or agent, where it fails late or silently.',
    origins: [mlServing('input validation at the serving boundary')],
    importance: 'recommended',
    howToFix: 'Declare a request model (a pydantic BaseModel parameter in FastAPI) instead of dict/Any or reading request.json(); in Flask or Django validate with pydantic, marshmallow or a form/serializer.',
    rules: [{ categories: ['input-validation'], label: 'unvalidated request bodies', whenNoRule: 'skip', onlyFindings: true }],
    checks: ['endpoint-input-schema'],
  },
  {
    id: 'graceful-shutdown',
    group: 'serving',
    title: 'Shutdown is graceful',
    why: 'A deploy or scale-down sends SIGTERM: a process that ignores it is killed mid-run, losing in-flight work and leaving half-done side effects.',
    origins: [agentDeployment('graceful shutdown')],
    importance: 'recommended',
    howToFix: 'On SIGTERM stop taking work, checkpoint or finish running tasks and exit: signal.signal(signal.SIGTERM, …), a FastAPI lifespan, Celery worker_shutdown, Temporal Worker.shutdown().',
    appliesTo: SERVICE,
    checks: ['shutdown-hooks'],
  },
  {
    id: 'one-pipeline',
    group: 'serving',
    title: 'Preprocessing and model are one object',
    why: 'When serving code re-implements the preprocessing the model was trained with, the two drift apart (training-serving skew) and predictions go wrong without an error.',
    origins: [mlServing('one pipeline object for preprocessing and model')],
    importance: 'recommended',
    howToFix: 'Fit preprocessing and estimator together in an sklearn.pipeline.Pipeline (with a ColumnTransformer for per-column steps) and save and load the whole pipeline.',
    checks: ['one-pipeline'],
  },
  // Operations and security
  {
    id: 'no-secrets',
    group: 'operations',
    title: 'No secrets in code, outputs or tracked files',
    why: 'A credential in a source file, a saved notebook output or a committed .env is readable by everyone with the repository, forever (git history keeps it).',
    origins: [app('III. Config'), migration('credentials')],
    importance: 'required',
    howToFix: 'Read credentials from the environment or a secret manager, rotate any key that was committed, untrack .env files (git rm --cached .env) and add them to .gitignore.',
    rules: [{ categories: ['secrets'], label: 'hard-coded secrets' }],
    checks: ['tracked-secret-files'],
  },
  {
    id: 'secrets-managed',
    group: 'operations',
    title: 'Credentials come from a secret manager',
    why: 'A .env file next to the code is copied into images, shared between environments and rarely rotated; a secret manager scopes, audits and rotates credentials.',
    origins: [migration('credential management'), app('III. Config')],
    importance: 'recommended',
    howToFix: 'Read credentials from a secret manager (AWS Secrets Manager, GCP Secret Manager, Vault, Azure Key Vault) or have the platform inject them; keep .env for local development only and never commit it.',
    appliesTo: SERVICE,
    checks: ['secret-manager'],
  },
  {
    id: 'portable-paths',
    group: 'operations',
    title: 'Paths and configuration are portable',
    why: 'Absolute paths to one person\'s machine (/Users/…, C:\\Users\\…) break the code everywhere else, including in CI and in production.',
    origins: [app('III. Config'), migration('packaging')],
    importance: 'recommended',
    howToFix: 'Use paths relative to the project (pathlib.Path(__file__).parent) or read them from configuration or the environment.',
    appliesTo: CODE,
    rules: [{ categories: ['portability'], label: 'machine-specific paths' }],
  },
  {
    id: 'tests-present',
    group: 'operations',
    title: 'Tests are present',
    why: 'Without tests, every change to feature code or the pipeline is verified by hand, or not at all.',
    origins: [mlTestScore('Infra 2: model specification code is unit tested'), mlTestScore('Infra 3: the full ML pipeline is integration tested')],
    importance: 'recommended',
    howToFix: 'Add tests (tests/test_*.py with pytest) for data transforms, feature code and tool functions.',
    checks: ['tests'],
  },
  {
    id: 'ci-configured',
    group: 'operations',
    title: 'CI is configured',
    why: 'Checks that do not run on every change stop being run; CI is where the tests and this checklist gate a merge.',
    origins: [mlTestScore('Infra 3: the full ML pipeline is integration tested')],
    importance: 'recommended',
    howToFix: 'Add a CI workflow (.github/workflows/*.yml, .gitlab-ci.yml…) that runs the tests and `preflight checklist --changed-since origin/main`.',
    checks: ['ci'],
  },
  {
    id: 'validation-gate',
    group: 'operations',
    title: 'CI fails when a model metric drops',
    why: 'Without a gate, a change that makes the model worse merges as easily as one that makes it better; the first to notice is a user.',
    origins: [mlServing('validation gate in CI'), mlTestScore('Infra 3: the full ML pipeline is integration tested')],
    importance: 'recommended',
    howToFix: 'Add a test CI runs that evaluates the trained model on held-out data and asserts a threshold (assert accuracy >= 0.9, or compared with the production model\'s score), or a pipeline step that exits non-zero when a metric drops.',
    checks: ['validation-gate'],
  },
  {
    id: 'runbook-present',
    group: 'operations',
    title: 'A runbook is present',
    why: 'Whoever is on call when the pipeline or agent fails needs to know how to run, stop, roll back and debug it.',
    origins: [migration('runbook')],
    importance: 'recommended',
    howToFix: 'Add RUNBOOK.md (or docs/runbook.md): how to run and stop it, where logs and dashboards are, how to roll back, who owns it.',
    checks: ['runbook'],
  },
];
