/**
 * API knowledge for the agent production-readiness rules, as data: credential formats per
 * provider, which names hold secrets, which client calls take a timeout (and what they do
 * without one), which retry helpers need a stop condition, which calls save model artifacts,
 * and which imports mark a file as service or agent code.
 *
 * Rules read these tables; adding a provider, a client or a framework is a data change.
 */

export interface SecretPattern {
  /** Human name used in messages ("an OpenAI API key"). */
  readonly what: string;
  /** Global regex over source or output text. The whole match is the secret. */
  readonly pattern: RegExp;
  /** Environment variable the quick fix reads instead of the literal. */
  readonly env: string;
}

/**
 * Credential formats that are specific enough to flag wherever they appear (string, comment,
 * magic, markdown, saved output). Order matters: the first pattern that matches a span wins,
 * so more specific prefixes (`sk-ant-`) come before general ones (`sk-`).
 */
export const SECRET_PATTERNS: readonly SecretPattern[] = [
  { what: 'an Anthropic API key', pattern: /\bsk-ant-[A-Za-z0-9_-]{32,}/g, env: 'ANTHROPIC_API_KEY' },
  { what: 'an OpenAI project key', pattern: /\bsk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{32,}/g, env: 'OPENAI_API_KEY' },
  // Legacy OpenAI keys: sk- + 48 alphanumerics (often with a T3BlbkFJ marker in the middle).
  { what: 'an OpenAI API key', pattern: /\bsk-[A-Za-z0-9]{32,}(?![A-Za-z0-9_-])/g, env: 'OPENAI_API_KEY' },
  { what: 'an AWS access key id', pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g, env: 'AWS_ACCESS_KEY_ID' },
  { what: 'a GitHub token', pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{60,})\b/g, env: 'GITHUB_TOKEN' },
  // Slack: bot, user and legacy tokens (`xoxb-<team>-<bot>-<secret>`, `xoxp-…`), workspace-app
  // tokens (`xoxa-2-…`), app-level tokens (`xapp-1-A…-…-<hex>`) and rotating/config tokens
  // (`xoxe.xoxp-1-…`, `xoxe-1-…`): a numeric team id or version first, the last part long
  // and random (so `xapp-config-development` is not one).
  { what: 'a Slack token', pattern: /\b(?:xoxe\.)?(?:xox[abeoprs]|xapp)-\d+-(?:[0-9A-Za-z]+-){0,3}[0-9A-Za-z]{8,}/g, env: 'SLACK_TOKEN' },
  { what: 'a GitLab token', pattern: /\bgl(?:pat|dt|ptt|rt|cbt|oas)-[0-9A-Za-z_-]{20,}(?![0-9A-Za-z_-])/g, env: 'GITLAB_TOKEN' },
  { what: 'a Google API key', pattern: /\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/g, env: 'GOOGLE_API_KEY' },
  { what: 'a Hugging Face token', pattern: /\bhf_[A-Za-z0-9]{34,}\b/g, env: 'HF_TOKEN' },
  { what: 'a Stripe secret key', pattern: /\b[rs]k_live_[0-9A-Za-z]{24,}\b/g, env: 'STRIPE_API_KEY' },
  { what: 'a private key', pattern: /-----BEGIN (?:RSA |EC |DSA |OPENSSH |PGP |ENCRYPTED )?PRIVATE KEY(?: BLOCK)?-----/g, env: 'PRIVATE_KEY' },
];

/**
 * Matches that are documentation placeholders, not keys: AWS's documented example key, runs
 * of x/X/*, "your…" templates. A provider match containing one of these is skipped.
 */
export const SECRET_PLACEHOLDERS: readonly RegExp[] = [/EXAMPLE/, /x{6,}/i, /\*{3,}/, /\.{3}/, /your/i, /0{8,}/, /1234567/, /abcdef/i, /<[^>]*>/, /\{[^}]*\}/];

/**
 * A name that holds a credential: its last word (after splitting snake_case and camelCase) is
 * one of these, optionally preceded by a qualifier (`api_key`, `client_secret`, `DB_PASSWORD`).
 * `token` alone is too common in NLP code (`pad_token`, `eos_token`) to trust without entropy.
 */
export const SECRET_NAME_WORDS: Readonly<Record<string, 'password' | 'token'>> = {
  password: 'password',
  passwd: 'password',
  pwd: 'password',
  secret: 'token',
  token: 'token',
  apikey: 'token',
  key: 'token', // only with a qualifier below
  credential: 'token',
  credentials: 'token',
};

/** Qualifiers that make `key` a secret name (`api_key`, `secret_key`, `access_key`, `private_key`). */
export const SECRET_KEY_QUALIFIERS: ReadonlySet<string> = new Set(['api', 'secret', 'access', 'private', 'auth', 'signing', 'encryption', 'master', 'subscription', 'license', 'openai', 'anthropic', 'client']);

/** Words that, anywhere in the name, mean it is not the credential itself (`token_path`, `max_tokens`). */
export const SECRET_NAME_EXCLUDED_WORDS: ReadonlySet<string> = new Set(['path', 'file', 'dir', 'url', 'uri', 'type', 'name', 'id', 'len', 'length', 'count', 'size', 'env', 'var', 'field', 'header', 'prefix', 'suffix', 'pattern', 'regex', 'format', 'fmt', 'template', 'placeholder', 'hint', 'label', 'prompt', 'input', 'idx', 'index', 'col', 'column', 'limit', 'tokens']);

export interface EntropyThreshold {
  readonly minLength: number;
  /** Shannon entropy in bits per character. */
  readonly minEntropy: number;
}

/**
 * How random a literal must look before a secret-named assignment is reported. Tokens are long
 * and random; passwords are short, so they get a lower bar but must still not be a word list
 * entry (see SECRET_VALUE_PLACEHOLDERS).
 */
export const ENTROPY_THRESHOLDS: Readonly<Record<'password' | 'token', EntropyThreshold>> = {
  token: { minLength: 16, minEntropy: 3.5 },
  password: { minLength: 8, minEntropy: 2.5 },
};

/** Literal values that are placeholders for a credential, not one (compared lower-cased). */
export const SECRET_VALUE_PLACEHOLDERS: readonly RegExp[] = [
  /^(password|passw0rd|changeme|change_me|secret|token|apikey|api_key|admin|root|test|testing|dummy|example|sample|placeholder|none|null|undefined|todo|tbd|fixme|redacted|hidden|mysecret|mypassword|default)$/,
  /your|enter|insert|replace|here|example|dummy|placeholder|redacted|xxxx|\*\*\*|\.\.\.|<|>|\{|\}|\$\(|^env:|^\$/,
  /\s/, // a phrase, not a credential
  /^[a-z]+:\/\//, // a URL (credentials inside URLs are caught by provider patterns)
  /^[./~]|\\/, // a file path
  /\.(json|txt|pem|key|csv|ya?ml|ini|cfg|env|p12|pfx|crt|pkl|db|sqlite)$/, // a file name
];

/**
 * Words that make a literal announce itself as not a real credential (compared with the words
 * of the value, split at separators, case changes and letter/digit boundaries): test fixtures
 * (`test_anthropic_key`), fakes (`fake-token`), sentinels a test checks are redacted
 * (`…-do-not-log`), values a client ignores (`ignored`), templates (`changeme`).
 */
export const FAKE_VALUE_WORDS: ReadonlySet<string> = new Set([
  'fake', 'fakes', 'dummy', 'test', 'tests', 'testing', 'mock', 'mocked', 'stub', 'stubbed', 'example', 'examples', 'sample',
  'placeholder', 'changeme', 'ignored', 'ignore', 'unused', 'invalid', 'bogus', 'redacted', 'demo', 'sentinel', 'notreal',
  'foo', 'bar', 'baz', 'qux', 'xxx', 'todo', 'tbd', 'fixme', 'lorem', 'ipsum',
]);

/** Word sequences with the same meaning (`do-not-log`, `not_a_real_key`). */
export const FAKE_VALUE_PHRASES: readonly (readonly string[])[] = [
  ['do', 'not'],
  ['dont', 'use'],
  ['not', 'real'],
  ['not', 'a', 'real'],
  ['not', 'used'],
  ['no', 'auth'],
];

/**
 * Words that, inside a literal made only of name characters, say the literal NAMES a credential
 * rather than being one: an environment variable name (`"ANTHROPIC_API_KEY"`), a config key or
 * option path (`"adbc.snowflake.sql.client_option.jwt_private_key_pkcs8_password"`), an enum
 * value (`CLIENT_PASSWORD = "client_password"`), a self-describing template (`"my-secret-key"`).
 */
export const CREDENTIAL_WORDS: ReadonlySet<string> = new Set(['password', 'passwd', 'pwd', 'pass', 'passphrase', 'secret', 'secrets', 'token', 'tokens', 'key', 'keys', 'apikey', 'api', 'auth', 'credential', 'credentials']);

/**
 * URL query parameters that carry a credential whatever their name says to `secretNameKind`:
 * signed-URL signatures and session tokens (S3, GCS, Azure SAS). Compared lower-cased.
 */
export const URL_SECRET_PARAMS: ReadonlySet<string> = new Set(['sig', 'signature', 'x-amz-signature', 'x-amz-security-token', 'x-amz-credential', 'x-goog-signature', 'x-goog-credential', 'access_token', 'token', 'apikey', 'api_key', 'key', 'password', 'pass', 'pwd', 'secret', 'client_secret', 'auth']);

/**
 * Hosts that mean a local or throw-away test service (a docker compose broker, a dev database):
 * a password configured next to one is a demo value, reported at most as a hint.
 */
export const LOCAL_HOSTS = /^(?:[a-z][a-z0-9+.-]*:\/\/)?(?:[^@/\s]*@)?(?:localhost|127\.\d+\.\d+\.\d+|0\.0\.0\.0|\[?::1\]?|host\.docker\.internal|[a-z0-9-]+\.local)(?::\d+)?(?:[/?#,\s]|$)/i;

export interface TimeoutClient {
  /** Qualified callee (`requests.get`, `openai.OpenAI`). */
  readonly callee: string;
  /** Keyword that bounds the wait. */
  readonly param: string;
  /** Other keywords that also bound it (`ClientTimeout` via `timeout`, …). */
  readonly alsoBoundedBy?: readonly string[];
  /** What happens with no timeout, for the message. */
  readonly without: string;
  /** Positional index of the timeout parameter, when it may be given positionally. */
  readonly position?: number;
  /** The default wait is bounded (an LLM SDK's 10 minutes), not forever: a one-off script that hits it is slowed, not hung. */
  readonly boundedDefault?: true;
}

const REQUESTS_VERBS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'];
const FOREVER = 'can wait forever on a slow or dead server';
const TEN_MINUTES = 'waits up to 10 minutes per request by default';

/**
 * Client calls whose default wait is unbounded or far too long for a service. httpx (5 s
 * default) and aiohttp (5 min total default) are bounded out of the box and are not listed.
 */
export const TIMEOUT_CLIENTS: readonly TimeoutClient[] = [
  ...REQUESTS_VERBS.map((v) => ({ callee: `requests.${v}`, param: 'timeout', without: FOREVER })),
  { callee: 'requests.request', param: 'timeout', without: FOREVER },
  ...REQUESTS_VERBS.map((v) => ({ callee: `requests.Session().${v}`, param: 'timeout', without: FOREVER })),
  { callee: 'requests.Session().request', param: 'timeout', without: FOREVER },
  { callee: 'urllib.request.urlopen', param: 'timeout', without: FOREVER, position: 2 },
  { callee: 'http.client.HTTPConnection', param: 'timeout', without: FOREVER, position: 2 },
  { callee: 'http.client.HTTPSConnection', param: 'timeout', without: FOREVER },
  { callee: 'smtplib.SMTP', param: 'timeout', without: FOREVER, position: 3 },
  { callee: 'smtplib.SMTP_SSL', param: 'timeout', without: FOREVER },
  { callee: 'openai.OpenAI', param: 'timeout', without: TEN_MINUTES, boundedDefault: true },
  { callee: 'openai.AsyncOpenAI', param: 'timeout', without: TEN_MINUTES, boundedDefault: true },
  { callee: 'openai.AzureOpenAI', param: 'timeout', without: TEN_MINUTES, boundedDefault: true },
  { callee: 'openai.AsyncAzureOpenAI', param: 'timeout', without: TEN_MINUTES, boundedDefault: true },
  { callee: 'anthropic.Anthropic', param: 'timeout', without: TEN_MINUTES, boundedDefault: true },
  { callee: 'anthropic.AsyncAnthropic', param: 'timeout', without: TEN_MINUTES, boundedDefault: true },
  { callee: 'langchain_openai.ChatOpenAI', param: 'timeout', alsoBoundedBy: ['request_timeout'], without: TEN_MINUTES, boundedDefault: true },
  { callee: 'langchain_openai.AzureChatOpenAI', param: 'timeout', alsoBoundedBy: ['request_timeout'], without: TEN_MINUTES, boundedDefault: true },
  { callee: 'langchain_anthropic.ChatAnthropic', param: 'timeout', alsoBoundedBy: ['default_request_timeout'], without: TEN_MINUTES, boundedDefault: true },
];

/**
 * What makes a Python file a one-off command-line script rather than service code
 * (`agent/scriptEntry.ts` `isOneOffScript`): it is run as `__main__` and reads its command line
 * through one of `SCRIPT_ARGUMENT_PARSERS`, and it imports none of `SERVICE_FRAMEWORKS` — web
 * servers, task queues, workflow engines, stream consumers and UI servers whose code runs
 * unattended, where a stuck call holds a worker.
 */
export const SCRIPT_ARGUMENT_PARSERS: readonly string[] = ['argparse.ArgumentParser', 'optparse.OptionParser', 'fire.Fire', 'typer.run', 'typer.Typer', 'click.command', 'click.group', 'absl.app.run', 'jsonargparse.CLI', 'tyro.cli'];
export const SERVICE_FRAMEWORKS: readonly string[] = [
  'fastapi', 'flask', 'django', 'starlette', 'sanic', 'quart', 'tornado', 'aiohttp.web', 'uvicorn', 'gunicorn', 'grpc',
  'celery', 'rq', 'dramatiq', 'huey', 'arq', 'airflow', 'prefect', 'dagster', 'temporalio', 'kafka', 'confluent_kafka', 'pika', 'aio_pika', 'kombu', 'nats',
  'streamlit', 'gradio', 'chainlit', 'mcp', 'livekit', 'slack_bolt', 'discord', 'telegram', 'langserve',
];

export interface RetryHelper {
  /** Qualified name of the decorator or retrying object. */
  readonly callee: string;
  /** Keywords of which one bounds the attempts. */
  readonly bounds: readonly string[];
  /** How the quick fix bounds it. */
  readonly fix: { readonly keyword: string; readonly value: 'stop_after_attempt' | 'number' };
}

export const RETRY_HELPERS: readonly RetryHelper[] = [
  { callee: 'tenacity.retry', bounds: ['stop'], fix: { keyword: 'stop', value: 'stop_after_attempt' } },
  { callee: 'tenacity.Retrying', bounds: ['stop'], fix: { keyword: 'stop', value: 'stop_after_attempt' } },
  { callee: 'tenacity.AsyncRetrying', bounds: ['stop'], fix: { keyword: 'stop', value: 'stop_after_attempt' } },
  { callee: 'backoff.on_exception', bounds: ['max_tries', 'max_time'], fix: { keyword: 'max_tries', value: 'number' } },
  { callee: 'backoff.on_predicate', bounds: ['max_tries', 'max_time'], fix: { keyword: 'max_tries', value: 'number' } },
];

export interface ArtifactSave {
  /** Qualified callee, or `.method` for a method on any object. */
  readonly callee: string;
  /** Positional index of the path (or file object) argument. */
  readonly pathArg: number;
  /** Keyword the path may be passed as. */
  readonly pathKeyword?: string;
  /** Index of the saved object, when the call has one (`joblib.dump(model, path)`). */
  readonly objectArg?: number;
  /** The callee alone says the object is a model (`save_model`); else the names must say so. */
  readonly alwaysModel: boolean;
}

export const ARTIFACT_SAVES: readonly ArtifactSave[] = [
  { callee: 'joblib.dump', pathArg: 1, pathKeyword: 'filename', objectArg: 0, alwaysModel: false },
  { callee: 'sklearn.externals.joblib.dump', pathArg: 1, pathKeyword: 'filename', objectArg: 0, alwaysModel: false },
  { callee: 'pickle.dump', pathArg: 1, pathKeyword: 'file', objectArg: 0, alwaysModel: false },
  { callee: 'cloudpickle.dump', pathArg: 1, pathKeyword: 'file', objectArg: 0, alwaysModel: false },
  { callee: 'dill.dump', pathArg: 1, pathKeyword: 'file', objectArg: 0, alwaysModel: false },
  { callee: 'torch.save', pathArg: 1, pathKeyword: 'f', objectArg: 0, alwaysModel: false },
  { callee: 'mlflow.sklearn.save_model', pathArg: 1, pathKeyword: 'path', objectArg: 0, alwaysModel: true },
  { callee: '.save_model', pathArg: 0, pathKeyword: 'fname', alwaysModel: true },
  // Keras `model.save("model.h5")`: `.save` is too generic to trust without a model-ish receiver.
  { callee: '.save', pathArg: 0, pathKeyword: 'filepath', alwaysModel: false },
  { callee: '.save_weights', pathArg: 0, pathKeyword: 'filepath', alwaysModel: true },
];

/**
 * Loads that read a saved model back (path argument): a program that saves to a fixed path and
 * loads the same path again is showing the save/load round trip (a tutorial), not publishing a
 * model, so that save is at most a hint.
 */
export const ARTIFACT_LOADS: readonly { readonly callee: string; readonly pathArg: number; readonly pathKeyword: string }[] = [
  { callee: 'joblib.load', pathArg: 0, pathKeyword: 'filename' },
  { callee: 'pickle.load', pathArg: 0, pathKeyword: 'file' },
  { callee: 'cloudpickle.load', pathArg: 0, pathKeyword: 'file' },
  { callee: 'dill.load', pathArg: 0, pathKeyword: 'file' },
  { callee: 'torch.load', pathArg: 0, pathKeyword: 'f' },
  { callee: 'mlflow.sklearn.load_model', pathArg: 0, pathKeyword: 'model_uri' },
  { callee: 'tensorflow.keras.models.load_model', pathArg: 0, pathKeyword: 'filepath' },
  { callee: 'keras.models.load_model', pathArg: 0, pathKeyword: 'filepath' },
  { callee: 'keras.saving.load_model', pathArg: 0, pathKeyword: 'filepath' },
  { callee: '.load_model', pathArg: 0, pathKeyword: 'fname' },
  { callee: '.load_weights', pathArg: 0, pathKeyword: 'filepath' },
];

/** Names or paths that say the saved object is a trained model. */
export const MODEL_WORDS = /model|clf|classifier|regressor|estimator|pipeline|pipe\b|vectori[sz]er|scaler|encoder|xgb|lgbm|lightgbm|catboost|forest|(^|[^a-z])rf([^a-z]|$)|svm|svc|knn|network|(^|[^a-z])net([^a-z]|$)|weights|checkpoint|ckpt|state_dict|\.pth$|\.h5$|\.keras$|\.joblib$|\.onnx$|\.ckpt$/i;

/** A path that carries a version: v2, 1.3.0, a date, a timestamp, an explicit "version". */
export const VERSION_MARKERS = /(^|[^a-z])v\d+|\d+\.\d+\.\d+|\d+[._]\d+(?=[._/-]|$)|\d{4}[-_]?\d{2}[-_]?\d{2}|\d{8,}|version|(^|[^a-z])ver\d|\{|%[sd]/i;

/**
 * Places (python/rerunPlaces.ts kinds) whose code is service or agent code: a `print` there is
 * logging, an exception swallowed there is lost. Retry wrappers and notebook cells are not.
 */
export const SERVICE_PLACE_KINDS: ReadonlySet<string> = new Set(['tool', 'task', 'consumer', 'handler']);

/**
 * Runs whose `print` goes to the framework's logger when a keyword says so. Prefect: with
 * `log_prints=True` on a flow or task, `print` inside the run (helpers included) is sent as an
 * INFO log of that run; unset (`None`), a task or subflow inherits it from the flow run that
 * calls it, and a top-level run takes the `PREFECT_LOGGING_LOG_PRINTS` setting (environment,
 * `.env`, `prefect.toml` `[logging]`, `pyproject.toml` `[tool.prefect.logging]`).
 */
export interface PrintCapturingRun {
  /** Decorator names (python/patterns.ts) of the runs. */
  readonly decorators: readonly string[];
  /** The decorator keyword that turns the capture on (`True`) or off (`False`). */
  readonly keyword: string;
  /** Methods of a run that call it as a child run of the caller (`task.submit(x)`, `task.map(xs)`). */
  readonly runMethods: readonly string[];
  /** The global setting a top-level run falls back to. */
  readonly setting: {
    readonly env: string;
    /** Settings files in the project and the TOML key path of the setting in each. */
    readonly toml: readonly { readonly file: string; readonly path: readonly string[] }[];
    /** dotenv files that may set `env`. */
    readonly envFiles: readonly string[];
  };
}

export const PRINT_CAPTURING_RUNS: readonly PrintCapturingRun[] = [
  {
    decorators: ['prefect.flow', 'prefect.flows.flow', 'prefect.task', 'prefect.tasks.task'],
    keyword: 'log_prints',
    runMethods: ['submit', 'map', 'fn'],
    setting: {
      env: 'PREFECT_LOGGING_LOG_PRINTS',
      toml: [
        { file: 'prefect.toml', path: ['logging', 'log_prints'] },
        { file: 'pyproject.toml', path: ['tool', 'prefect', 'logging', 'log_prints'] },
      ],
      envFiles: ['.env'],
    },
  },
];

/** Exception types so broad that `except T: pass` hides every failure. */
export const BROAD_EXCEPTIONS: ReadonlySet<string> = new Set(['Exception', 'BaseException', 'builtins.Exception', 'builtins.BaseException']);

/**
 * Irreversible effects for the human-gates rule. Payments and customer messages come from
 * catalogues/sideEffects.ts (by family and effect name); deletions are listed here because that
 * catalogue leaves them out on purpose (a delete is idempotent, so re-running it is safe — but
 * an agent deciding to run it once is not).
 */
export const IRREVERSIBLE_FROM_SIDE_EFFECTS: readonly { family: string; effects?: readonly string[]; excludeCallees?: readonly string[] }[] = [
  // Creating a customer or a draft invoice can be undone; moving money cannot.
  { family: 'payment', excludeCallees: ['*Customer.create*', '*Invoice.create*', '*InvoiceItem.create*', '*Subscription.create*', '*checkout.Session.create*'] },
  { family: 'message', effects: ['e-mail', 'SMS'] },
];

export interface Deletion {
  readonly callees: readonly string[];
  readonly effect: string;
}

/** Name patterns (python/patterns.ts: `*.delete_object`), matched against originOf names. */
export const DELETIONS: readonly Deletion[] = [
  { callees: ['shutil.rmtree', 'os.remove', 'os.unlink', 'os.rmdir', 'pathlib.Path().unlink', 'pathlib.Path().rmdir'], effect: 'file deletion' },
  { callees: ['*.client().delete_object', '*.client().delete_objects', '*.client().delete_bucket', '*.client().delete_table', '*.client().delete_item', '*.client().terminate_instances', '*.resource().*.delete'], effect: 'cloud resource deletion' },
  { callees: ['*.delete_one', '*.delete_many', '*.drop_collection', '*.drop_database', '*.delete_collection', '*.delete_index'], effect: 'record deletion' },
  { callees: ['requests.delete', 'requests.Session().delete', 'httpx.delete', 'httpx.Client().delete', 'httpx.AsyncClient().delete'], effect: 'HTTP DELETE' },
];

/** Calls that run SQL from their first argument (read for DESTRUCTIVE_SQL). */
export const SQL_EXECUTE_CALLEES: readonly string[] = ['execute', 'executemany', 'executescript', '*.execute', '*.executemany', '*.executescript'];

/** SQL statements that destroy data, in the first argument of `execute(...)`. */
export const DESTRUCTIVE_SQL = /^\s*(delete\s+from|drop\s+(table|database|schema)|truncate)\b/i;

/**
 * Evidence of a human approval step: calls (LangGraph `interrupt`, `input()`, `*confirm*`,
 * `*approv*`), graph options (`interrupt_before`), middleware and callbacks, and tool
 * parameters the caller must set (`confirm`, `approved`).
 */
/** Matched against the last segment of a called name (`interrupt`, `request_approval`). */
/** Qualified calls that pause a graph for a person (LangGraph `interrupt`, wherever it is imported from). */
export const APPROVAL_INTERRUPTS: readonly string[] = ['langgraph.*interrupt'];
export const APPROVAL_CALLS = /^(input|interrupt|Command)$|confirm|approv|ask_human|human_review|human_feedback|human_input/i;
export const APPROVAL_KEYWORDS: ReadonlySet<string> = new Set(['interrupt_before', 'interrupt_after', 'needs_approval', 'require_approval', 'requires_approval', 'human_in_the_loop']);
export const APPROVAL_NAMES = /HumanInTheLoop|HumanApproval|human_in_the_loop|ApprovalRequired|require_approval/;
export const CONFIRM_PARAMETERS = /^(confirm|confirmed|confirmation|approve|approved|approval|user_confirmed|dry_run|dryrun)$/i;

/**
 * Home directories of service accounts that are the same on every machine of their kind (EMR
 * nodes, the Jupyter Docker stacks, cloud images, CI runners): a path under them is a property
 * of the platform, not of one person's laptop.
 */
const SERVICE_ACCOUNTS = 'hadoop|jovyan|ubuntu|ec2-user|runner|vagrant|spark|airflow|linuxbrew';

/** Absolute paths into a user's home directory: macOS, Linux, Windows. */
export const USER_PATH_PATTERNS: readonly RegExp[] = [
  /(?<![\w.:/-])\/Users\/(?!Shared\b)[^/\s"'`]+/g,
  new RegExp(`(?<![\\w.:/-])/home/(?!(?:${SERVICE_ACCOUNTS})(?:/|$|["'\\s]))[^/\\s"'\`]+`, 'g'),
  /(?<![\w])[A-Za-z]:(?:\\\\|\\|\/)Users(?:\\\\|\\|\/)(?!Public\b)[^\\/\s"'`]+/gi,
];

/**
 * Standard-library modules whose functions compute in the process and reach nothing outside it
 * (no network, file, subprocess or user input). A `while True` loop whose try block calls only
 * these (and the builtins of `LOCAL_BUILTINS`) is not a retry of an external call: a
 * `heapq.heappush` that fails on a tie of equal keys is simply tried again with a new timestamp.
 */
export const LOCAL_COMPUTATION_MODULES: readonly string[] = [
  'heapq', 'bisect', 'math', 'cmath', 'statistics', 'decimal', 'fractions', 'itertools', 'functools', 'operator',
  'collections', 'copy', 'string', 're', 'json', 'random', 'uuid', 'hashlib', 'base64', 'struct', 'dataclasses', 'enum',
];

/** Functions of `time` that read clocks or sleep: local, unlike the modules that reach outside. */
export const LOCAL_TIME_FUNCTIONS: readonly string[] = [
  'time.time', 'time.time_ns', 'time.monotonic', 'time.monotonic_ns', 'time.perf_counter', 'time.perf_counter_ns', 'time.sleep',
];

/** Builtins that touch nothing outside the process (`input`, `open`, `exec`, `eval`, `__import__` do). */
export const NON_LOCAL_BUILTINS: readonly string[] = ['input', 'open', 'exec', 'eval', 'compile', '__import__', 'breakpoint', 'help'];
