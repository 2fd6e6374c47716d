/**
 * What counts as evidence for the readiness checklist's production items (../checklist/code.ts
 * matches these against the workspace's Python code through the resolver): the libraries' real
 * idioms for a health route, a shutdown hook, a circuit breaker, a dead-letter route, a
 * concurrency limit, a task timeout, per-step tracing, a secret manager, one preprocessing +
 * model pipeline and a model registry. Names are in the one pattern dialect (python/patterns.ts,
 * docs/patterns.md). Extend these lists, not the code.
 */

/** One kind of evidence: a call, decorator or import whose name matches `names`. */
export interface EvidenceEntry {
  /** Name patterns (call callees, decorators, imported names). */
  readonly names: readonly string[];
  /** What the evidence shows, for the item's evidence list. */
  readonly what: string;
  /** Only calls that pass this keyword argument (or, with `position`, this positional one). */
  readonly argument?: { readonly keywords: readonly string[]; readonly position?: number };
  /** Only calls whose first argument is one of these (a string constant, or a name such as `signal.SIGTERM`). */
  readonly firstArgument?: readonly string[];
  /** Imports count too (a library whose mere use is the evidence, such as a circuit breaker). */
  readonly imports?: boolean;
}

const SIGTERM = ['signal.SIGTERM', 'signal.Signals.SIGTERM'];

/** Web frameworks' route decorators and URL declarations (the "is there an HTTP service" question). */
export const ROUTE_DECORATORS: readonly string[] = [
  'fastapi.FastAPI().get', 'fastapi.FastAPI().post', 'fastapi.FastAPI().put', 'fastapi.FastAPI().patch', 'fastapi.FastAPI().delete',
  'fastapi.FastAPI().api_route', 'fastapi.FastAPI().head', 'fastapi.FastAPI().options',
  'fastapi.APIRouter().get', 'fastapi.APIRouter().post', 'fastapi.APIRouter().put', 'fastapi.APIRouter().patch', 'fastapi.APIRouter().delete',
  'fastapi.APIRouter().api_route', 'fastapi.APIRouter().head', 'fastapi.APIRouter().options',
  'flask.Flask().route', 'flask.Flask().get', 'flask.Flask().post', 'flask.Flask().put', 'flask.Flask().patch', 'flask.Flask().delete',
  'flask.Blueprint().route', 'flask.Blueprint().get', 'flask.Blueprint().post', 'flask.Blueprint().put', 'flask.Blueprint().patch', 'flask.Blueprint().delete',
  'quart.Quart().route', 'sanic.Sanic().route', 'sanic.Sanic().get', 'sanic.Sanic().post',
];
/** FastAPI's own route decorators: their parameters are the request schema. */
export const FASTAPI_ROUTE = ['fastapi.FastAPI().*', 'fastapi.APIRouter().*'];
/** URL declarations that are not decorators (`path('healthz/', view)`, `Route('/health', fn)`). */
export const ROUTE_CALLS: readonly string[] = ['django.urls.path', 'django.urls.re_path', 'starlette.routing.Route', 'fastapi.FastAPI().add_api_route', 'fastapi.APIRouter().add_api_route', 'flask.Flask().add_url_rule'];

/** Last path segments of a health, liveness or readiness route (compared case-insensitively). */
export const HEALTH_PATHS = ['health', 'healthz', 'healthcheck', 'health_check', 'health-check', 'livez', 'readyz', 'readiness', 'liveness', 'ready', 'live', 'ping', 'status', 'heartbeat'];

/**
 * Calls a health route makes that do not touch a dependency: building the response, reading the
 * clock or the environment, logging. A health route that calls only these reports liveness only.
 */
export const HEALTH_TRIVIAL_CALLS: readonly string[] = [
  'dict', 'str', 'int', 'float', 'bool', 'len', 'list', 'print', 'isinstance',
  'fastapi.responses.*', 'starlette.responses.*', 'fastapi.Response', 'fastapi.HTTPException', 'flask.jsonify', 'flask.make_response', 'flask.Response',
  'time.*', 'datetime.*', 'os.getenv', 'os.environ.get', 'platform.*', 'logging.*', '?.info', '?.debug', '?.isoformat', '?.now', '?.utcnow',
];

/** Annotations that leave a request body unvalidated (any JSON object is accepted). */
export const UNTYPED_BODY_ANNOTATIONS = ['dict', 'typing.Dict', 'typing.Any', 'typing.Mapping', 'Dict', 'Any', 'object', 'typing.MutableMapping', 'collections.abc.Mapping'];
/**
 * Parsing the request body as JSON inside a FastAPI endpoint (bypasses the request schema).
 * Not `.body()`: the raw bytes are what a webhook must read to verify its signature, and what a
 * protocol server (ChatKit, MCP, GraphQL) parses and validates itself.
 */
export const RAW_JSON_READS = ['fastapi.Request().json', 'starlette.requests.Request().json'];
/** Parameter defaults that take a value from somewhere other than the body (a dependency, a header…). */
export const NON_BODY_PARAMETERS = ['fastapi.Depends', 'fastapi.Security', 'fastapi.Header', 'fastapi.Cookie', 'fastapi.Query', 'fastapi.Path', 'fastapi.params.Depends', 'fastapi.params.Security'];
/**
 * Calls that validate a parsed body against a schema (`Model.model_validate(data)`,
 * `TypeAdapter(T).validate_python(data)`, `jsonschema.validate(data, schema)`, marshmallow
 * `Schema().load(data)`); constructing a class with the body (`Model(**data)`) counts too.
 */
export const BODY_VALIDATORS = ['*.model_validate', '*.model_validate_json', '*.parse_obj', '*.parse_raw', '*.validate_python', '*.validate_json', '*.validate', 'jsonschema.validate', 'jsonschema.*.validate', '*.load', 'pydantic.parse_obj_as', 'pydantic.TypeAdapter().validate_python'];

export const GRACEFUL_SHUTDOWN: readonly EvidenceEntry[] = [
  { names: ['signal.signal'], firstArgument: SIGTERM, what: 'handles SIGTERM' },
  { names: ['*.add_signal_handler'], firstArgument: SIGTERM, what: 'handles SIGTERM in the event loop' },
  { names: ['fastapi.FastAPI', 'starlette.applications.Starlette'], argument: { keywords: ['lifespan', 'on_shutdown'] }, what: 'a lifespan / shutdown hook on the app' },
  { names: ['fastapi.FastAPI().on_event', 'fastapi.APIRouter().on_event'], firstArgument: ['shutdown'], what: 'a shutdown event handler' },
  { names: ['flask.Flask().teardown_appcontext'], what: 'an app-context teardown hook' },
  { names: ['celery.signals.worker_shutdown.connect', 'celery.signals.worker_shutting_down.connect', 'celery.signals.worker_process_shutdown.connect'], what: 'a Celery worker shutdown hook' },
  { names: ['temporalio.worker.Worker().shutdown'], what: 'shuts the Temporal worker down' },
  { names: ['atexit.register'], what: 'an exit hook' },
];

export const CIRCUIT_BREAKERS: readonly EvidenceEntry[] = [
  { names: ['pybreaker', 'pybreaker.*', 'purgatory', 'purgatory.*', 'aiobreaker', 'aiobreaker.*', 'circuitbreaker', 'circuitbreaker.*', 'pycircuitbreaker', 'pycircuitbreaker.*'], imports: true, what: 'a circuit-breaker library' },
];

export const DEAD_LETTER: readonly EvidenceEntry[] = [
  { names: ['tenacity.retry', 'tenacity.Retrying', 'tenacity.AsyncRetrying'], argument: { keywords: ['retry_error_callback'] }, what: 'routes calls whose retries ran out (retry_error_callback)' },
  { names: ['backoff.on_exception', 'backoff.on_predicate'], argument: { keywords: ['on_giveup'] }, what: 'routes calls whose retries ran out (on_giveup)' },
  { names: ['celery.Celery().task', 'celery.shared_task'], argument: { keywords: ['on_failure'] }, what: 'a Celery task failure handler' },
  { names: ['celery.signals.task_failure.connect'], what: 'a Celery task_failure handler' },
];
/** String constants that configure a dead-letter queue (RabbitMQ/Celery queue arguments, SQS redrive). */
export const DEAD_LETTER_KEYS = ['x-dead-letter-exchange', 'x-dead-letter-routing-key', 'RedrivePolicy', 'deadLetterTargetArn', 'dead_letter_queue', 'dead_letter_topic'];

export const CONCURRENCY_LIMITS: readonly EvidenceEntry[] = [
  { names: ['asyncio.Semaphore', 'asyncio.BoundedSemaphore', 'threading.Semaphore', 'threading.BoundedSemaphore', 'anyio.CapacityLimiter', 'anyio.Semaphore', 'trio.CapacityLimiter', 'multiprocessing.Semaphore'], what: 'a semaphore bounds concurrent work' },
  { names: ['asyncio.Queue', 'queue.Queue', 'multiprocessing.Queue', 'asyncio.PriorityQueue', 'queue.PriorityQueue'], argument: { keywords: ['maxsize'], position: 0 }, what: 'a bounded queue (back-pressure when it is full)' },
  { names: ['concurrent.futures.ThreadPoolExecutor', 'concurrent.futures.ProcessPoolExecutor', 'multiprocessing.Pool'], argument: { keywords: ['max_workers', 'processes'], position: 0 }, what: 'a worker pool with a fixed size' },
  { names: ['uvicorn.run', 'uvicorn.Config'], argument: { keywords: ['limit_concurrency'] }, what: 'the server limits concurrent requests' },
  { names: ['celery.Celery().task', 'celery.shared_task'], argument: { keywords: ['rate_limit'] }, what: 'a Celery task rate limit' },
  { names: ['celery.Celery().conf.update'], argument: { keywords: ['worker_concurrency', 'worker_prefetch_multiplier'] }, what: 'Celery worker concurrency' },
  { names: ['aiohttp.TCPConnector'], argument: { keywords: ['limit', 'limit_per_host'] }, what: 'a connection limit' },
  { names: ['httpx.Limits'], what: 'HTTP connection limits' },
  { names: ['temporalio.worker.Worker'], argument: { keywords: ['max_concurrent_activities', 'max_concurrent_workflow_tasks'] }, what: 'Temporal worker concurrency' },
  // Airflow bounds a DAG's concurrent runs and task instances on the DAG (2.x `airflow.DAG`/`@dag`, 3.x `airflow.sdk`).
  {
    names: ['airflow.DAG', 'airflow.models.DAG', 'airflow.models.dag.DAG', 'airflow.decorators.dag', 'airflow.sdk.DAG', 'airflow.sdk.dag'],
    argument: { keywords: ['max_active_runs', 'max_active_tasks', 'concurrency'] },
    what: 'Airflow limits concurrent DAG runs or tasks',
  },
  { names: ['prefect.concurrency.sync.concurrency', 'prefect.concurrency.asyncio.concurrency', 'prefect.concurrency.sync.rate_limit', 'prefect.concurrency.asyncio.rate_limit'], what: 'a Prefect concurrency limit' },
];

export const TASK_TIMEOUTS: readonly EvidenceEntry[] = [
  { names: ['celery.Celery().task', 'celery.shared_task'], argument: { keywords: ['time_limit', 'soft_time_limit'] }, what: 'a Celery task time limit' },
  { names: ['celery.Celery().conf.update'], argument: { keywords: ['task_time_limit', 'task_soft_time_limit'] }, what: 'a Celery task time limit' },
  { names: ['asyncio.wait_for', 'asyncio.timeout', 'asyncio.timeout_at', 'anyio.fail_after', 'anyio.move_on_after', 'async_timeout.timeout', 'trio.fail_after', 'trio.move_on_after'], what: 'a maximum execution time around awaited work' },
  { names: ['temporalio.workflow.execute_activity', 'temporalio.workflow.start_activity', 'temporalio.workflow.execute_activity_method'], argument: { keywords: ['start_to_close_timeout', 'schedule_to_close_timeout'] }, what: 'a Temporal activity timeout' },
  { names: ['airflow.*'], argument: { keywords: ['execution_timeout', 'dagrun_timeout'] }, what: 'an Airflow task or DAG timeout' },
  { names: ['prefect.task', 'prefect.flow'], argument: { keywords: ['timeout_seconds'] }, what: 'a Prefect timeout' },
  { names: ['signal.alarm'], what: 'an alarm that interrupts a long task' },
];

export const STEP_TRACING: readonly EvidenceEntry[] = [
  { names: ['opentelemetry', 'opentelemetry.*'], imports: true, what: 'OpenTelemetry tracing' },
  { names: ['langsmith', 'langsmith.*'], imports: true, what: 'LangSmith tracing' },
  { names: ['langfuse', 'langfuse.*'], imports: true, what: 'Langfuse tracing' },
  { names: ['logfire', 'logfire.*', 'openinference.*', 'openlit', 'openlit.*', 'traceloop.*', 'agentops', 'agentops.*', 'weave', 'weave.*', 'ddtrace', 'ddtrace.*'], imports: true, what: 'per-step tracing' },
  { names: ['mlflow.trace', 'mlflow.start_span', 'mlflow.*.autolog'], what: 'MLflow tracing' },
  { names: ['prefect.flow', 'prefect.task', 'airflow.DAG', 'airflow.models.DAG', 'airflow.decorators.dag', 'airflow.decorators.task', 'airflow.sdk.dag', 'airflow.sdk.task', 'airflow.sdk.DAG', 'dagster.asset', 'dagster.op', 'dagster.job', 'temporalio.workflow.defn', 'temporalio.activity.defn'], what: 'an orchestrator records each step\'s status and duration' },
];

export const SECRET_MANAGERS: readonly EvidenceEntry[] = [
  { names: ['boto3.client', 'boto3.session.Session().client', 'boto3.Session().client', 'aioboto3.Session().client'], firstArgument: ['secretsmanager', 'ssm'], what: 'AWS Secrets Manager / Parameter Store' },
  { names: ['google.cloud.secretmanager', 'google.cloud.secretmanager.*', 'google.cloud.secretmanager_v1', 'google.cloud.secretmanager_v1.*'], imports: true, what: 'GCP Secret Manager' },
  { names: ['hvac', 'hvac.*'], imports: true, what: 'HashiCorp Vault' },
  { names: ['azure.keyvault.secrets', 'azure.keyvault.secrets.*'], imports: true, what: 'Azure Key Vault' },
  { names: ['infisical_client', 'infisical_client.*', 'infisical_sdk', 'infisical_sdk.*', 'onepasswordconnectsdk', 'onepasswordconnectsdk.*', 'doppler_sdk', 'doppler_sdk.*'], imports: true, what: 'a secret manager client' },
];
/** Loading a `.env` file into the environment. */
export const DOTENV_LOADS = ['dotenv.load_dotenv', 'dotenv.dotenv_values', 'dotenv.main.load_dotenv', 'environs.Env().read_env'];

/** Model training (the "is there a model" question for the model items). */
export const TRAINING_CALLS: readonly string[] = [
  'sklearn.*.fit', 'sklearn.*.partial_fit', 'xgboost.*.fit', 'xgboost.train', 'lightgbm.*.fit', 'lightgbm.train', 'catboost.*.fit',
  'keras.*.fit', 'tensorflow.keras.*.fit', 'transformers.Trainer().train', 'transformers.*Trainer().train', 'trl.*Trainer().train', 'lightning.*.fit', 'pytorch_lightning.*.fit',
  'torch.optim.*.step', 'statsmodels.*.fit', 'prophet.Prophet().fit',
  'sklearn.model_selection.cross_val_score', 'sklearn.model_selection.cross_val_predict', 'sklearn.model_selection.cross_validate',
];
/** scikit-learn estimators trained (the one-pipeline item asks about these). */
export const SKLEARN_FITS = ['sklearn.*.fit', 'sklearn.*.partial_fit'];
/** Preprocessing and model in one object, saved and served whole. */
export const ONE_PIPELINE: readonly EvidenceEntry[] = [
  { names: ['sklearn.pipeline.Pipeline', 'sklearn.pipeline.make_pipeline', 'imblearn.pipeline.Pipeline', 'imblearn.pipeline.make_pipeline'], what: 'preprocessing and model in one Pipeline' },
  { names: ['sklearn.compose.ColumnTransformer', 'sklearn.compose.make_column_transformer'], what: 'a ColumnTransformer (preprocessing as one object)' },
];
/** Preprocessing fitted on its own (outside a Pipeline); fitting these is not training a model. */
export const SKLEARN_PREPROCESSING_FITS = [
  'sklearn.preprocessing.*.fit', 'sklearn.preprocessing.*.fit_transform', 'sklearn.impute.*.fit', 'sklearn.impute.*.fit_transform',
  'sklearn.feature_extraction.*.fit', 'sklearn.feature_extraction.*.fit_transform', 'sklearn.decomposition.*.fit', 'sklearn.decomposition.*.fit_transform',
  'sklearn.feature_selection.*.fit', 'sklearn.feature_selection.*.fit_transform',
];
/** Saving a model object to a file. */
export const MODEL_SAVES = ['joblib.dump', 'pickle.dump', 'cloudpickle.dump', 'skops.io.dump'];

export const MODEL_REGISTRY: readonly EvidenceEntry[] = [
  { names: ['mlflow.register_model', 'mlflow.MlflowClient().create_model_version', 'mlflow.MlflowClient().create_registered_model', 'mlflow.tracking.MlflowClient().create_model_version', 'mlflow.tracking.MlflowClient().create_registered_model'], what: 'registers the model in the MLflow registry' },
  { names: ['mlflow.*.log_model'], argument: { keywords: ['registered_model_name'] }, what: 'logs and registers the model with MLflow' },
  { names: ['wandb.*.link_model', 'wandb.*.log_model', 'wandb.*.link_artifact'], what: 'links the model in the W&B registry' },
  { names: ['*.push_to_hub', 'huggingface_hub.upload_folder', 'huggingface_hub.HfApi().upload_folder', 'huggingface_hub.HfApi().create_commit'], what: 'pushes the model to the Hugging Face Hub (versioned by commit)' },
  { names: ['bentoml.*.save_model', 'clearml.OutputModel', 'neptune.*.init_model_version', 'dvclive.Live().log_artifact', 'comet_ml.*.register_model'], what: 'registers the model with its run' },
];

/**
 * Checkpointers and durable-execution engines whose state outlives the process and is resumed
 * after a deploy: the code that reads it back may be newer than the code that wrote it.
 */
export const DURABLE_STATE: readonly EvidenceEntry[] = [
  {
    // The classes and their `from_conn_string` constructors, not their instances' methods (`.setup()`).
    names: [
      ...['langgraph.checkpoint.sqlite', 'langgraph.checkpoint.postgres', 'langgraph.checkpoint.redis', 'langgraph.checkpoint.mongodb', 'langgraph.checkpoint.mysql'].flatMap((m) => [`${m}.*Saver`, `${m}.*Saver.from_conn_string`, `${m}.aio.*Saver`, `${m}.aio.*Saver.from_conn_string`]),
      ...['langgraph.store.postgres', 'langgraph.store.redis'].flatMap((m) => [`${m}.*Store`, `${m}.*Store.from_conn_string`, `${m}.aio.*Store`, `${m}.aio.*Store.from_conn_string`]),
    ],
    what: 'a persistent LangGraph checkpointer or store',
  },
];
/** Class decorators of durable workflows: their history is replayed by newer code after a deploy. */
export const DURABLE_WORKFLOW_CLASSES: readonly EvidenceEntry[] = [
  { names: ['temporalio.workflow.defn'], what: 'a Temporal workflow (its history is replayed by newer code after a deploy)' },
];
/** A graph compiled with a checkpointer whose kind the code does not show (persistent or not). */
export const CHECKPOINTER_ARGUMENT: readonly EvidenceEntry[] = [
  { names: ['langgraph.graph.StateGraph().compile', 'langgraph.graph.state.StateGraph().compile', '*.compile'], argument: { keywords: ['checkpointer'] }, what: 'a graph compiled with a checkpointer' },
];
/** Versioned state: a migration of old checkpoints, or the patch API of a durable-execution engine. */
export const STATE_VERSIONING: readonly EvidenceEntry[] = [
  { names: ['temporalio.workflow.patched', 'temporalio.workflow.deprecate_patch'], what: 'Temporal workflow versioning (workflow.patched)' },
];
/**
 * Names (compared case-insensitively) of a field or constant that versions the shape of saved
 * state — `schema_version: int = 2` in a state class, `STATE_SCHEMA_VERSION = 3` in a module.
 * A bare `version` is left out: it names a model's or an API's version at least as often.
 */
export const STATE_VERSION_NAMES = ['schema_version', 'state_version', 'state_schema_version', 'checkpoint_version', 'checkpoint_schema_version', '__schema_version__', 'schema_revision'];
/** Functions that upgrade saved state written by older code (names compared case-insensitively, as globs). */
export const STATE_MIGRATION_FUNCTIONS = ['migrate_state*', 'migrate_checkpoint*', 'upgrade_state*', 'upgrade_checkpoint*', '*_migrate_state', 'migrate_*_state', 'upgrade_*_state'];

/**
 * Words that name a model-quality metric in an identifier (`test_accuracy`, `val_f1`, `rmse`):
 * split on `_` and compared case-insensitively. A comparison of such a name with a numeric
 * threshold in an assert (or an `if` that raises or exits) is a validation gate.
 */
export const METRIC_WORDS = ['accuracy', 'acc', 'f1', 'auc', 'roc', 'precision', 'recall', 'r2', 'rmse', 'mse', 'mae', 'mape', 'loss', 'score', 'bleu', 'rouge', 'ndcg', 'mrr', 'perplexity', 'iou', 'dice', 'logloss', 'brier', 'kappa', 'mcc'];
/** Metric functions whose result compared with a threshold is a gate. */
export const METRIC_CALLS: readonly string[] = ['sklearn.metrics.*', 'torchmetrics.*', 'evaluate.load().compute', '*.score', '*.evaluate'];
/** unittest assertions that compare two values (`self.assertGreaterEqual(acc, 0.9)`). */
export const THRESHOLD_ASSERTIONS = ['assertGreater', 'assertGreaterEqual', 'assertLess', 'assertLessEqual'];
/** Calls that stop a script with a failure (the `if metric < threshold:` form of a gate). */
export const FAILING_EXITS: readonly string[] = ['sys.exit', 'exit', 'quit', 'os._exit'];
