/**
 * LLM model knowledge for the fix text and the exclusions of moving-model-alias (the aliases
 * themselves are MODEL_ALIAS_FAMILIES in catalogues/dependencies.ts). DATA only.
 */

/**
 * A dated snapshot of the SAME model for a moving alias, from the providers' model pages
 * (OpenAI, Anthropic, Google, Mistral, Cohere). Only ids known to exist: for an alias not
 * listed the message says "a dated snapshot" and names none, because suggesting another model
 * (`gpt-4o-2024-08-06` for `gpt-5-mini`) would change behaviour, not pin it.
 */
export const KNOWN_SNAPSHOTS: Readonly<Record<string, string>> = {
  'gpt-4o': 'gpt-4o-2024-08-06',
  'gpt-4o-mini': 'gpt-4o-mini-2024-07-18',
  'gpt-4': 'gpt-4-0613',
  'gpt-4-turbo': 'gpt-4-turbo-2024-04-09',
  'gpt-3.5-turbo': 'gpt-3.5-turbo-0125',
  'gpt-4.1': 'gpt-4.1-2025-04-14',
  'gpt-4.1-mini': 'gpt-4.1-mini-2025-04-14',
  'gpt-4.1-nano': 'gpt-4.1-nano-2025-04-14',
  o1: 'o1-2024-12-17',
  'o3-mini': 'o3-mini-2025-01-31',
  o3: 'o3-2025-04-16',
  'o4-mini': 'o4-mini-2025-04-16',
  'gpt-5': 'gpt-5-2025-08-07',
  'gpt-5-mini': 'gpt-5-mini-2025-08-07',
  'gpt-5-nano': 'gpt-5-nano-2025-08-07',
  'gpt-4o-realtime-preview': 'gpt-4o-realtime-preview-2024-12-17',
  'gpt-4o-mini-realtime-preview': 'gpt-4o-mini-realtime-preview-2024-12-17',
  'gpt-realtime': 'gpt-realtime-2025-08-28',
  'claude-3-5-sonnet': 'claude-3-5-sonnet-20241022',
  'claude-3-5-sonnet-latest': 'claude-3-5-sonnet-20241022',
  'claude-3-5-haiku': 'claude-3-5-haiku-20241022',
  'claude-3-5-haiku-latest': 'claude-3-5-haiku-20241022',
  'claude-3-7-sonnet': 'claude-3-7-sonnet-20250219',
  'claude-3-7-sonnet-latest': 'claude-3-7-sonnet-20250219',
  'claude-3-opus': 'claude-3-opus-20240229',
  'claude-3-opus-latest': 'claude-3-opus-20240229',
  'claude-3-haiku': 'claude-3-haiku-20240307',
  'claude-sonnet-4-0': 'claude-sonnet-4-20250514',
  'claude-opus-4-0': 'claude-opus-4-20250514',
  'claude-opus-4-1': 'claude-opus-4-1-20250805',
  'claude-sonnet-4-5': 'claude-sonnet-4-5-20250929',
  'claude-haiku-4-5': 'claude-haiku-4-5-20251001',
  'gemini-1.5-pro': 'gemini-1.5-pro-002',
  'gemini-1.5-pro-latest': 'gemini-1.5-pro-002',
  'gemini-1.5-flash': 'gemini-1.5-flash-002',
  'gemini-1.5-flash-latest': 'gemini-1.5-flash-002',
  'gemini-2.0-flash': 'gemini-2.0-flash-001',
  'gemini-2.0-flash-lite': 'gemini-2.0-flash-lite-001',
  'mistral-large': 'mistral-large-2411',
  'mistral-large-latest': 'mistral-large-2411',
  // Mistral's model overview (docs.mistral.ai, "API Endpoints" column).
  'mistral-medium': 'mistral-medium-2508',
  'mistral-medium-latest': 'mistral-medium-2508',
  'mistral-small': 'mistral-small-2506',
  'mistral-small-latest': 'mistral-small-2506',
  'magistral-medium': 'magistral-medium-2509',
  'magistral-medium-latest': 'magistral-medium-2509',
  'magistral-small': 'magistral-small-2509',
  'magistral-small-latest': 'magistral-small-2509',
  codestral: 'codestral-2508',
  'codestral-latest': 'codestral-2508',
  'devstral-medium': 'devstral-medium-2507',
  'devstral-medium-latest': 'devstral-medium-2507',
  'devstral-small': 'devstral-small-2507',
  'devstral-small-latest': 'devstral-small-2507',
  'ministral-8b': 'ministral-8b-2410',
  'ministral-8b-latest': 'ministral-8b-2410',
  'ministral-3b': 'ministral-3b-2410',
  'ministral-3b-latest': 'ministral-3b-2410',
  'pixtral-large': 'pixtral-large-2411',
  'pixtral-large-latest': 'pixtral-large-2411',
  'command-r-plus': 'command-r-plus-08-2024',
  'command-r': 'command-r-08-2024',
};

/**
 * Where a model id is not a provider's alias but a name that has no dated snapshots, so a
 * moving-alias finding would have no fix:
 * - `clients`: gateways whose catalogue serves provider-prefixed ids only as floating names
 *   (LiveKit Inference: `inference.LLM(model="openai/gpt-4.1-mini")`), matched against the
 *   qualified callee (python/patterns.ts);
 * - `prefixes`: id prefixes after which the user's own deployment name follows (LiteLLM
 *   `azure/<deployment>`: the Azure deployment fixes the model version itself).
 */
export interface ModelGateway {
  readonly clients?: readonly string[];
  readonly prefixes?: readonly string[];
}

export const MODEL_GATEWAYS: readonly ModelGateway[] = [
  { clients: ['livekit.agents.inference.*', 'livekit.agents.inference'] },
  { prefixes: ['azure/'] },
];

/** A model id without its provider prefix (`openai/`, `openai:`, Bedrock `us.anthropic.`), lower-cased. */
export function bareModelId(raw: string): string {
  return raw
    .trim()
    .toLowerCase()
    .replace(/^(?:[a-z_-]+[:/])+/, '')
    .replace(/^(?:us\.|eu\.|apac\.)?anthropic\./, '');
}

/**
 * Model routers: clients of services that route provider-prefixed ids (`openai/gpt-4o-mini`) to
 * many providers. Whether a router serves a dated snapshot of an id is its own catalogue's
 * business, which the code does not show: an alias through one is at most a hint that says no
 * dated snapshot is known. Patterns (python/patterns.ts) over the qualified callee.
 */
export const MODEL_ROUTERS: readonly string[] = ['*openrouter*', '*OpenRouter*', '*orcarouter*', '*OrcaRouter*', '*aimlapi*', '*AIMLAPI*'];

/**
 * Words in a class name that make it a record about a model rather than a client of one
 * (`LLMModelUsage(provider="openai", model="gpt-4")`, `TokenMetrics`, `ModelPricing`): a
 * usage, metrics, pricing or event record that only stores the id. Compared with the words of the
 * callee's last name (camelCase and snake_case split), lower-cased.
 */
export const MODEL_RECORD_WORDS: ReadonlySet<string> = new Set([
  'usage', 'metric', 'metrics', 'pricing', 'price', 'prices', 'cost', 'costs', 'stats', 'statistics', 'billing', 'telemetry',
  'event', 'record', 'span', 'trace', 'log', 'entry', 'receipt',
]);

/** Modules whose classes are wire messages, not clients (protobuf `*_pb2`, gRPC stubs' messages). */
export const MESSAGE_MODULES = /(^|\.)\w+_pb2(\.|$)/;

/**
 * Test doubles: a test file that uses one of these mocks the clients or the HTTP layer, so the
 * model ids in it are only test data (`@patch("httpx.post")`, `respx.mock`, `responses.add`,
 * `mocker.patch`). Qualified call or decorator names (python/patterns.ts), and pytest fixtures
 * by parameter name.
 */
export const MOCKING_CALLS: readonly string[] = [
  'unittest.mock.*', 'mock.*', 'respx.*', 'responses.*', 'pytest_httpx.*', 'aioresponses.*', 'requests_mock.*', 'pytest_mock.*', 'httpretty.*',
];
export const MOCKING_FIXTURES: ReadonlySet<string> = new Set(['mocker', 'respx_mock', 'httpx_mock', 'requests_mock', 'aioresponses', 'mock_openai', 'monkeypatch']);

/**
 * Keywords whose value is an AutoGen / AG2 model configuration rather than an id: `llm_config`
 * (a dict with a `config_list` of endpoint dicts, or AG2's flat `{"model": …}`) and
 * `config_list` itself (`OpenAIWrapper(config_list=…)`, `LLMConfig(config_list=…)`). Their
 * dicts are followed through names, also into other modules of the project
 * (`from config import llm_config`). A list loaded from a file (`config_list_from_json`) is
 * configuration and never followed.
 */
export const MODEL_CONFIG_KEYWORDS: ReadonlySet<string> = new Set(['llm_config', 'config_list']);

/** The key of an AutoGen configuration dict that holds its endpoint dicts. */
export const CONFIG_LIST_KEY = 'config_list';

/** Callees (last name) that take configuration dicts positionally: AG2 `LLMConfig({"model": …}, …)`. */
export const MODEL_CONFIG_POSITIONAL: ReadonlySet<string> = new Set(['LLMConfig']);

/**
 * Framework keywords other than `model=` that take a model id as a plain string, for the
 * clients named (python/patterns.ts over the qualified callee): CrewAI agents and crews
 * (`Agent(llm="gpt-4o", function_calling_llm=…)`, `Crew(manager_llm=…, planning_llm=…)`),
 * which hand the string to their LLM class. Only for these clients: `llm=` elsewhere is
 * usually a client object or a provider name.
 */
export const FRAMEWORK_MODEL_KEYWORDS: readonly { readonly clients: readonly string[]; readonly keywords: ReadonlySet<string> }[] = [
  { clients: ['crewai.*'], keywords: new Set(['llm', 'function_calling_llm', 'manager_llm', 'planning_llm']) },
];

/**
 * An Ollama server behind an OpenAI-compatible client (`OpenAI(base_url="http://localhost:11434/v1")`,
 * `ChatOpenAI(base_url=…)`, an AutoGen endpoint dict with `base_url`): the keywords and dict
 * keys that carry the server's URL, Ollama's default port, and the placeholder key the Ollama
 * docs tell OpenAI clients to send (`api_key="ollama"`, a weaker sign: the URL may be elsewhere).
 * AG2's own Ollama client is named by `"api_type": "ollama"` in the endpoint dict.
 */
export const BASE_URL_KEYWORDS: ReadonlySet<string> = new Set(['base_url', 'openai_api_base', 'api_base', 'client_host']);
export const OLLAMA_PORT = '11434';
export const OLLAMA_PLACEHOLDER_KEY = 'ollama';
export const OLLAMA_API_TYPE = 'ollama';

/**
 * Provider API hosts that take the model id in the URL's query (`?model=…`): the OpenAI
 * Realtime API (`wss://api.openai.com/v1/realtime?model=gpt-4o-realtime-preview`).
 */
export const MODEL_URL_HOSTS: ReadonlySet<string> = new Set(['api.openai.com']);
