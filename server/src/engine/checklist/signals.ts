/**
 * What the checklist recognises in a project, as data: file names that mean "CI is configured",
 * libraries that mean "this trains a model" or "this is agent/service code", file extensions
 * that hold data, files that must never be committed. Extend these lists, not the code.
 */

/** CI configuration files and folders (relative paths; a folder counts if it holds a file). */
export const CI_PATHS = [
  '.github/workflows',
  '.gitlab-ci.yml',
  '.circleci/config.yml',
  'azure-pipelines.yml',
  'bitbucket-pipelines.yml',
  'Jenkinsfile',
  '.buildkite',
  '.travis.yml',
  '.drone.yml',
  'cloudbuild.yaml',
  'cloudbuild.yml',
];

/** Runbooks: `RUNBOOK.md` anywhere, or `docs/runbook*` (names compared case-insensitively). */
export const RUNBOOK_PATTERNS = [/(^|\/)runbook(\.[a-z]+)?$/i, /^docs\/runbook[^/]*$/i, /^docs\/runbooks?\//i];

/** Files that capture the runtime environment. */
export const ENVIRONMENT_PATTERNS = [
  /(^|\/)(Dockerfile|Containerfile)(\.[\w.-]+)?$/,
  /(^|\/)[\w.-]+\.dockerfile$/i,
  /(^|\/)\.devcontainer(\/devcontainer\.json|\.json)$/,
  /(^|\/)(environment|conda)[\w.-]*\.ya?ml$/i,
  /(^|\/)conda-lock\.ya?ml$/i,
  /(^|\/)[\w.-]+\.conda-lock\.ya?ml$/i,
  /(^|\/)flake\.nix$/,
  /(^|\/)docker-compose[\w.-]*\.ya?ml$/,
  /(^|\/)compose\.ya?ml$/,
];

/** Dockerfiles, whose `FROM` lines should name a fixed tag or digest. */
export const DOCKERFILE_PATTERN = /(^|\/)((Dockerfile|Containerfile)(\.[\w.-]+)?|[\w.-]+\.dockerfile)$/i;

/** Dependency manifests (the "declared" half of "dependencies pinned and declared"). */
export const MANIFEST_PATTERNS = [
  /(^|\/)(requirements|constraints)[\w.-]*\.(txt|in)$/i,
  /(^|\/)requirements\/[\w.-]+\.txt$/i,
  /(^|\/)pyproject\.toml$/,
  /(^|\/)Pipfile$/,
  /(^|\/)setup\.(py|cfg)$/,
  /(^|\/)(environment|conda)[\w.-]*\.ya?ml$/i,
];

/** Signs that data is versioned outside git (or through git LFS). */
export const DATA_VERSIONING_PATTERNS: { pattern: RegExp; tool: string }[] = [
  { pattern: /(^|\/)\.dvc\/config$/, tool: 'DVC' },
  { pattern: /(^|\/)dvc\.ya?ml$/, tool: 'DVC' },
  { pattern: /\.dvc$/, tool: 'DVC' },
  { pattern: /(^|\/)\.datalad\/config$/, tool: 'DataLad' },
  { pattern: /(^|\/)\.lakectl\.ya?ml$/, tool: 'lakeFS' },
];

/** Extensions of data files (lower case, with the dot). */
export const DATA_EXTENSIONS = [
  '.csv', '.tsv', '.parquet', '.feather', '.arrow', '.h5', '.hdf5', '.hdf', '.npy', '.npz', '.pkl', '.pickle',
  '.joblib', '.xlsx', '.xls', '.jsonl', '.ndjson', '.avro', '.orc', '.sqlite', '.db', '.zip', '.tar', '.gz',
  '.pt', '.pth', '.ckpt', '.safetensors', '.onnx', '.bin', '.tfrecord', '.mat', '.sav',
];

/** A tracked data file above this size (bytes) belongs in DVC/LFS, not git. */
export const LARGE_DATA_FILE_BYTES = 1_000_000;
/** Any tracked file above this size (bytes) is flagged, whatever its extension. */
export const LARGE_FILE_BYTES = 10_000_000;

/** Files that hold credentials and must never be tracked. `allow` names the harmless templates. */
export const SECRET_FILES: { pattern: RegExp; what: string; allow?: RegExp }[] = [
  { pattern: /(^|\/)\.env(\.[\w-]+)?$/, what: 'an environment file with credentials', allow: /\.(example|sample|template|dist|defaults?|tmpl|schema)$/i },
  { pattern: /(^|\/)[^/]+\.(pem|key|p12|pfx)$/i, what: 'a private key or certificate bundle' },
  { pattern: /(^|\/)id_(rsa|dsa|ecdsa|ed25519)$/, what: 'an SSH private key' },
  { pattern: /(^|\/)\.(netrc|pgpass|pypirc)$/, what: 'a credentials file' },
  { pattern: /(^|\/)(credentials|service[-_]?account[\w-]*|client_secrets?)\.json$/i, what: 'a cloud credentials file' },
  { pattern: /(^|\/)\.aws\/credentials$/, what: 'AWS credentials' },
  { pattern: /(^|\/)secrets?\.(ya?ml|json|toml)$/i, what: 'a secrets file' },
];

/** Experiment trackers (top-level import names). */
export const TRACKER_MODULES = ['mlflow', 'wandb', 'neptune', 'comet_ml', 'clearml', 'aim', 'dvclive', 'sacred', 'tensorboardX', 'torch.utils.tensorboard', 'guild', 'polyaxon', 'trackio'];

/** Libraries that train models (a file importing one of these and calling `fit`/`train` trains). */
export const TRAINING_MODULES = ['sklearn', 'torch', 'tensorflow', 'keras', 'xgboost', 'lightgbm', 'catboost', 'transformers', 'lightning', 'pytorch_lightning', 'statsmodels', 'jax', 'flax', 'prophet'];
export const TRAINING_CALL = /\.(fit|fit_transform|train|partial_fit)\s*\(|\bTrainer\s*\(|\btrain\s*\(/;

/** Agent frameworks, LLM SDKs, HTTP clients and service frameworks: code that runs as a service. */
export const SERVICE_MODULES = [
  'openai', 'anthropic', 'langchain', 'langchain_core', 'langchain_openai', 'langchain_anthropic', 'langgraph', 'llama_index', 'crewai',
  'autogen', 'autogen_agentchat', 'semantic_kernel', 'haystack', 'dspy', 'smolagents', 'pydantic_ai', 'agents', 'google.generativeai', 'google.genai',
  'mistralai', 'cohere', 'litellm', 'groq', 'requests', 'httpx', 'aiohttp', 'urllib3', 'fastapi', 'flask', 'django', 'starlette',
  'celery', 'prefect', 'airflow', 'dagster', 'temporalio', 'boto3', 'kafka', 'pika', 'redis', 'slack_sdk', 'stripe', 'twilio', 'sendgrid',
];

/** Test files and folders. */
export const TEST_PATTERNS = [/(^|\/)tests?\/.+\.py$/, /(^|\/)test_[^/]+\.py$/, /(^|\/)[^/]+_test\.py$/, /(^|\/)conftest\.py$/];
