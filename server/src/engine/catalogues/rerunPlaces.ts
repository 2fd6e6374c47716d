/**
 * Places that run again (TAXONOMY I-effect): the decorators, base classes, registration calls
 * and loops after which code may execute more than once for one logical request. DATA only;
 * the matching lives in python/rerunPlaces.ts.
 *
 * Name patterns (python/patterns.ts, docs/patterns.md) match qualified names as `originOf` spells
 * them (python/rerunPlaces.ts):
 * - `tenacity.retry`: exact;
 * - `celery.Celery().task`: method of an instance built in the same file (`app = Celery()`);
 * - `*.task`: the last segments, whatever the receiver (an `app` imported from the project);
 * - `airflow.decorators.task.*`: anything under that prefix (`@task.virtualenv`).
 */

export type RerunPlaceKind = 'retry' | 'tool' | 'task' | 'consumer' | 'handler' | 'notebook-cell';

/**
 * Which re-run it is, for messages: the subject of "… sends it twice" ("a tenacity retry
 * (stop=stop_after_attempt(5))", "a redelivery after a worker crash (acks_late=True)"). The
 * options quoted are the ones the decorator or registration call writes (python/rerunText.ts).
 */
export interface RerunText {
  /** The re-run when a retry option is written (the options follow in parentheses). */
  readonly who: string;
  /** Options of the decorator or registration call quoted after `who` when written. */
  readonly options?: readonly string[];
  /** Who, when no option is written: the framework's default (default: `who`). */
  readonly bare?: string;
  /** Count options whose literal 0 turns the retry off (`retries=0`, `max_retries=0`). */
  readonly counts?: readonly string[];
  /** Who, when a count option turns the retry off: what still runs it again. */
  readonly off?: string;
  /** Options whose `True` is a re-run of its own (`acks_late=True`). */
  readonly flags?: readonly { readonly keyword: string; readonly who: string }[];
  /**
   * The framework runs the function again only when an exception escapes it (a retry
   * decorator, a Celery retry) — unless a flag adds a re-run of its own (`acks_late=True`). An
   * effect whose failure is swallowed, with nothing after it that can raise, is then not repeated
   * (idempotency/swallowed.ts).
   */
  readonly onExceptionOnly?: boolean;
  /** Keywords that make it retry on a returned value too (tenacity `retry=retry_if_result(…)`). */
  readonly retriesOnResultWith?: readonly string[];
  /** Calls in the function's body that retry it (`self.retry(…)` in a bound Celery task). */
  readonly retryCalls?: readonly string[];
  /** A route (first decorator argument) containing a word: who for it (webhooks). */
  readonly routes?: readonly { readonly contains: string; readonly who: string }[];
  /**
   * The framework does not retry unless a count says so (Airflow: `retries` defaults to 0), so
   * with the count off or written nowhere only a person runs the place again (clears the task).
   * `defaults` is where else the count is written: the `argument` dict (`default_args`) of the
   * `owners` calls (the DAG) in the same module, or a setting in the files named `files`.
   */
  readonly retriesOnlyWhenCounted?: {
    readonly argument: string;
    readonly owners: readonly string[];
    readonly setting: RegExp;
    readonly files: RegExp;
    /** Who re-runs it then: "a person who clears or re-triggers the task". */
    readonly byHand: string;
  };
}

/**
 * For an entry with `retriesOnlyWhenCounted`: whether a place's own arguments turn the count off
 * (`retries=0`) or leave it unwritten (python/rerunText.ts `retryCountOf`).
 */
export interface RetryCount {
  readonly state: 'off' | 'unset';
  readonly entry: NonNullable<RerunText['retriesOnlyWhenCounted']>;
}

/** Who runs a place again when its entry says nothing more concrete. */
export const DEFAULT_RERUN: Readonly<Record<RerunPlaceKind, string>> = {
  retry: 'a retry after a timeout',
  tool: 'an agent that calls the tool again',
  task: 'a retried or re-delivered task',
  consumer: 'a redelivered message',
  handler: 'a client that retries the request',
  'notebook-cell': 'running the cell again',
};

const FOREVER = 'no stop, so until it succeeds';
const CELERY: RerunText = {
  who: 'a Celery retry',
  onExceptionOnly: true,
  options: ['autoretry_for', 'max_retries'],
  bare: 'a retried or re-sent Celery task',
  counts: ['max_retries'],
  off: 'a re-sent Celery task',
  flags: [{ keyword: 'acks_late', who: 'a redelivery after a worker crash' }],
  retryCalls: ['self.retry'],
};
const AIRFLOW: RerunText = {
  who: 'an Airflow retry',
  options: ['retries'],
  bare: 'an Airflow retry or a cleared task',
  counts: ['retries'],
  off: 'a cleared or re-triggered task',
  // `retries` defaults to `[core] default_task_retries` (0): a task retries only when a count is
  // set on it, in its DAG's `default_args`, or in the Airflow configuration.
  retriesOnlyWhenCounted: {
    argument: 'default_args',
    owners: ['airflow.DAG', 'airflow.models.DAG', 'airflow.models.dag.DAG', 'airflow.decorators.dag', 'airflow.sdk.dag', 'airflow.sdk.DAG'],
    setting: /default_task_retries/i,
    files: /^(airflow\.cfg|(docker-)?compose[\w.-]*\.ya?ml|\.env|airflow\.env|values\.ya?ml)$/i,
    byHand: 'a person who clears or re-triggers the task (no retries are configured)',
  },
};

/** A decorator (also used as a call, `retry(...)(fn)`) that makes the function a place. */
export interface DecoratorPlace {
  readonly kind: RerunPlaceKind;
  /** How messages name the place ("@retry", "LangChain @tool"). */
  readonly label: string;
  readonly decorators: readonly string[];
  /** Only when the decorator's first argument is a string literal starting with this (web routes). */
  readonly firstArgPrefix?: string;
  readonly rerun?: RerunText;
}

/** Methods of subclasses of these bases are places (`BaseTool._run`). */
export interface BaseClassPlace {
  readonly kind: RerunPlaceKind;
  readonly label: string;
  readonly bases: readonly string[];
  readonly methods: readonly string[];
  readonly rerun?: RerunText;
}

/** A call that hands a function to a framework that runs (and re-runs) it. */
export interface RegistrationPlace {
  readonly kind: RerunPlaceKind;
  readonly label: string;
  readonly callees: readonly string[];
  /** Positional indexes where the function may be passed. */
  readonly positional?: readonly number[];
  readonly keywords?: readonly string[];
  /** Keyword or positional arguments that hold a list of functions (`tools=[f, g]`). */
  readonly listKeywords?: readonly string[];
  readonly listPositional?: readonly number[];
  readonly rerun?: RerunText;
}

/** Plain functions that are places by name and signature (AWS Lambda entry points). */
export interface NamedFunctionPlace {
  readonly kind: RerunPlaceKind;
  readonly label: string;
  readonly names: readonly string[];
  readonly params: readonly string[];
  readonly rerun?: RerunText;
}

export const DECORATOR_PLACES: readonly DecoratorPlace[] = [
  // Retries
  { kind: 'retry', label: '@retry', decorators: ['tenacity.retry', 'tenacity.asyncio.retry'], rerun: { who: 'a tenacity retry', onExceptionOnly: true, retriesOnResultWith: ['retry'], options: ['stop'], bare: `a tenacity retry (${FOREVER})` } },
  { kind: 'retry', label: '@retry', decorators: ['retrying.retry'], rerun: { who: 'a retrying retry', onExceptionOnly: true, retriesOnResultWith: ['retry_on_result'], options: ['stop_max_attempt_number', 'stop_max_delay'], bare: `a retrying retry (${FOREVER})` } },
  { kind: 'retry', label: '@retry', decorators: ['stamina.retry'], rerun: { who: 'a stamina retry', onExceptionOnly: true, options: ['attempts', 'timeout'], bare: 'a stamina retry (10 attempts by default)' } },
  { kind: 'retry', label: '@retry', decorators: ['retry.retry', 'retry.api.retry'], rerun: { who: 'a retry', onExceptionOnly: true, options: ['tries'], bare: `a retry (${FOREVER})` } },
  { kind: 'retry', label: '@retry', decorators: ['backoff_utils.backoff'], rerun: { who: 'a backoff retry', onExceptionOnly: true, options: ['max_tries'] } },
  { kind: 'retry', label: '@backoff.on_exception', decorators: ['backoff.on_exception'], rerun: { who: 'a backoff retry', onExceptionOnly: true, options: ['max_tries', 'max_time'], bare: `a backoff retry (${FOREVER})` } },
  { kind: 'retry', label: '@backoff.on_predicate', decorators: ['backoff.on_predicate'], rerun: { who: 'a backoff retry', options: ['max_tries', 'max_time'], bare: `a backoff retry (${FOREVER})` } },
  // Agent tools
  { kind: 'tool', label: 'LangChain @tool', decorators: ['langchain.tools.tool', 'langchain_core.tools.tool', 'langchain.agents.tool', 'langchain.tools.base.tool', 'langchain_core.tools.convert.tool'] },
  { kind: 'tool', label: 'CrewAI @tool', decorators: ['crewai.tools.tool', 'crewai_tools.tool', 'crewai.tool'] },
  { kind: 'tool', label: 'OpenAI Agents @function_tool', decorators: ['agents.function_tool', 'agents.tool.function_tool'] },
  // livekit-agents re-exports `llm.tool_context.function_tool` from `livekit.agents` and `livekit.agents.llm`.
  { kind: 'tool', label: 'LiveKit @function_tool', decorators: ['livekit.agents.function_tool', 'livekit.agents.llm.function_tool', 'livekit.agents.llm.tool_context.function_tool'] },
  { kind: 'tool', label: 'pydantic-ai tool', decorators: ['pydantic_ai.Agent().tool', 'pydantic_ai.Agent().tool_plain', 'pydantic_ai.agent.Agent().tool', 'pydantic_ai.agent.Agent().tool_plain'] },
  { kind: 'tool', label: 'MCP tool', decorators: ['mcp.server.fastmcp.FastMCP().tool', 'fastmcp.FastMCP().tool', 'mcp.server.FastMCP().tool'] },
  { kind: 'tool', label: 'smolagents @tool', decorators: ['smolagents.tool'] },
  { kind: 'tool', label: 'Semantic Kernel function', decorators: ['semantic_kernel.functions.kernel_function', 'semantic_kernel.functions.kernel_function_decorator.kernel_function'] },
  { kind: 'tool', label: 'AutoGen tool', decorators: ['*.register_for_execution', '*.register_for_llm'] },
  { kind: 'tool', label: 'agent tool', decorators: ['*.tool', '*.tool_plain'] },
  // Tasks and workflow steps
  { kind: 'task', label: 'Celery task', decorators: ['celery.shared_task', 'celery.Celery().task', 'celery.task', '*.task'], rerun: CELERY },
  { kind: 'task', label: 'Prefect task', decorators: ['prefect.task', 'prefect.tasks.task'], rerun: { who: 'a Prefect retry', options: ['retries'], bare: 'a re-run of the flow', counts: ['retries'], off: 'a re-run of the flow' } },
  { kind: 'task', label: 'Prefect flow', decorators: ['prefect.flow', 'prefect.flows.flow'], rerun: { who: 'a Prefect flow retry', options: ['retries'], bare: 'a re-run of the flow', counts: ['retries'], off: 'a re-run of the flow' } },
  { kind: 'task', label: 'Airflow task', decorators: ['airflow.decorators.task', 'airflow.decorators.task.*', 'airflow.sdk.task', 'airflow.sdk.task.*'], rerun: AIRFLOW },
  { kind: 'task', label: 'Temporal activity', decorators: ['temporalio.activity.defn'], rerun: { who: "Temporal's default activity retry (until it succeeds)" } },
  { kind: 'task', label: 'Dagster op', decorators: ['dagster.op'], rerun: { who: 'a Dagster retry', options: ['retry_policy'], bare: 'a re-executed run' } },
  { kind: 'task', label: 'Dagster asset', decorators: ['dagster.asset', 'dagster.multi_asset'], rerun: { who: 'a Dagster retry', options: ['retry_policy'], bare: 'a re-materialization' } },
  { kind: 'task', label: 'RQ job', decorators: ['rq.job', 'rq.decorators.job'], rerun: { who: 'an RQ retry', options: ['retry'], bare: 'a re-enqueued job' } },
  { kind: 'task', label: 'Dramatiq actor', decorators: ['dramatiq.actor'], rerun: { who: 'a Dramatiq retry', options: ['max_retries'], bare: 'a Dramatiq retry (20 by default)', counts: ['max_retries'], off: 'a redelivery after a worker crash' } },
  { kind: 'task', label: 'Huey task', decorators: ['huey.task', 'huey.periodic_task', '*.periodic_task', '*.db_task'], rerun: { who: 'a Huey retry', options: ['retries'], bare: 'a re-enqueued task', counts: ['retries'], off: 'a re-enqueued task' } },
  { kind: 'task', label: 'Ray task', decorators: ['ray.remote'], rerun: { who: 'a Ray retry', options: ['max_retries'], bare: 'a Ray retry after a worker failure (3 by default)', counts: ['max_retries'], off: 'a re-submitted task' } },
  { kind: 'task', label: 'Metaflow step', decorators: ['metaflow.step'], rerun: { who: 'a resumed or retried run' } },
  { kind: 'task', label: 'ZenML step', decorators: ['zenml.step', 'zenml.steps.step'], rerun: { who: 'a re-run of the pipeline' } },
  { kind: 'task', label: 'Kubeflow component', decorators: ['kfp.dsl.component', 'kfp.components.create_component_from_func'], rerun: { who: 'a retried or re-run pipeline step' } },
  // Request handlers (a client or a gateway retries a request that timed out)
  {
    kind: 'handler',
    label: 'request handler',
    decorators: ['*.get', '*.post', '*.put', '*.patch', '*.delete', '*.route', '*.api_route', '*.websocket'],
    firstArgPrefix: '/',
    rerun: { who: DEFAULT_RERUN.handler, routes: [{ contains: 'hook', who: 'the sender redelivering the webhook' }] },
  },
  { kind: 'handler', label: 'Cloud Functions handler', decorators: ['functions_framework.http', 'functions_framework.cloud_event'], rerun: { who: 'a retried request or event' } },
  { kind: 'consumer', label: 'Faust agent', decorators: ['faust.App().agent'] },
];

export const BASE_CLASS_PLACES: readonly BaseClassPlace[] = [
  { kind: 'tool', label: 'LangChain BaseTool', bases: ['langchain.tools.BaseTool', 'langchain_core.tools.BaseTool', 'langchain.tools.base.BaseTool', 'langchain_core.tools.base.BaseTool', 'langchain_community.tools.BaseTool'], methods: ['_run', '_arun'] },
  { kind: 'tool', label: 'CrewAI BaseTool', bases: ['crewai.tools.BaseTool', 'crewai_tools.BaseTool', 'crewai.tools.base_tool.BaseTool'], methods: ['_run', '_arun'] },
  { kind: 'tool', label: 'smolagents Tool', bases: ['smolagents.Tool', 'smolagents.tools.Tool'], methods: ['forward'] },
  { kind: 'task', label: 'Luigi task', bases: ['luigi.Task'], methods: ['run'], rerun: { who: 'a re-run of the task' } },
  { kind: 'task', label: 'Celery task', bases: ['celery.Task', 'celery.app.task.Task'], methods: ['run'], rerun: CELERY },
];

export const REGISTRATION_PLACES: readonly RegistrationPlace[] = [
  { kind: 'tool', label: 'LangChain tool', callees: ['langchain_core.tools.StructuredTool.from_function', 'langchain.tools.StructuredTool.from_function', 'langchain.tools.Tool.from_function', 'langchain_core.tools.Tool.from_function', 'langchain.agents.Tool', 'langchain.tools.Tool', 'langchain_core.tools.Tool', 'langchain.agents.Tool.from_function'], positional: [0], keywords: ['func', 'coroutine'] },
  { kind: 'tool', label: 'LangGraph node', callees: ['langgraph.graph.StateGraph().add_node', 'langgraph.graph.state.StateGraph().add_node', 'langgraph.graph.MessageGraph().add_node', '*.add_node'], positional: [0, 1], keywords: ['action', 'node'], rerun: { who: 'a LangGraph retry', options: ['retry', 'retry_policy'], bare: 'a resumed or re-invoked graph run' } },
  { kind: 'tool', label: 'LangGraph tool', callees: ['langgraph.prebuilt.ToolNode', 'langgraph.prebuilt.create_react_agent'], listPositional: [0, 1], listKeywords: ['tools'] },
  { kind: 'tool', label: 'LlamaIndex FunctionTool', callees: ['llama_index.core.tools.FunctionTool.from_defaults', 'llama_index.tools.FunctionTool.from_defaults', 'llama_index.core.tools.function_tool.FunctionTool.from_defaults'], positional: [0], keywords: ['fn', 'async_fn'] },
  { kind: 'tool', label: 'AutoGen FunctionTool', callees: ['autogen_core.tools.FunctionTool', 'autogen.register_function', 'autogen.agentchat.register_function'], positional: [0], keywords: ['func', 'f'] },
  { kind: 'tool', label: 'Google ADK FunctionTool', callees: ['google.adk.tools.FunctionTool'], positional: [0], keywords: ['func'] },
  { kind: 'tool', label: 'pydantic-ai Tool', callees: ['pydantic_ai.Tool', 'pydantic_ai.tools.Tool'], positional: [0], keywords: ['function'] },
  { kind: 'tool', label: 'agent tool', callees: ['pydantic_ai.Agent', 'autogen_agentchat.agents.AssistantAgent', 'google.adk.agents.Agent', 'google.adk.agents.LlmAgent', 'agents.Agent', 'smolagents.CodeAgent', 'smolagents.ToolCallingAgent', 'llama_index.core.agent.ReActAgent.from_tools', 'llama_index.core.agent.workflow.FunctionAgent'], listKeywords: ['tools'], listPositional: [] },
  { kind: 'task', label: 'Airflow operator callable', callees: ['*'], keywords: ['python_callable'], rerun: AIRFLOW },
  { kind: 'task', label: 'RQ job', callees: ['rq.Queue().enqueue', '*.enqueue', '*.enqueue_call'], positional: [0], keywords: ['f', 'func'], rerun: { who: 'an RQ retry', options: ['retry'], bare: 'a re-enqueued job' } },
  { kind: 'task', label: 'RQ job', callees: ['*.enqueue_at', '*.enqueue_in'], positional: [1], keywords: ['f', 'func'], rerun: { who: 'an RQ retry', options: ['retry'], bare: 'a re-enqueued job' } },
  { kind: 'consumer', label: 'queue consumer callback', callees: ['*.basic_consume'], positional: [1], keywords: ['on_message_callback', 'consumer_callback'] },
  { kind: 'consumer', label: 'Pub/Sub subscriber callback', callees: ['google.cloud.pubsub_v1.SubscriberClient().subscribe', '*.subscribe'], positional: [1], keywords: ['callback'] },
];

export const NAMED_FUNCTION_PLACES: readonly NamedFunctionPlace[] = [
  // Asynchronous Lambda invocations (S3, SNS, EventBridge…) are retried twice on error.
  { kind: 'handler', label: 'AWS Lambda handler', names: ['lambda_handler', 'handler'], params: ['event', 'context'], rerun: { who: 'a Lambda retry of an asynchronous invocation (twice by default)' } },
];

/** Retry loops: `for attempt in range(3): try: …; break / return  except: …`. */
export const RETRY_LOOP = {
  /** Iterables of a bounded retry loop. */
  countIterables: ['range', 'itertools.count', 'itertools.repeat'],
  /** Iterables that are retries by themselves (`for attempt in Retrying(): with attempt: …`). */
  retryIterables: ['tenacity.Retrying()', 'tenacity.AsyncRetrying()', 'stamina.retry_context()'],
} as const;

/** Who runs loops, adapters and cells again (places that are not a decorator or a registration). */
export const LOOP_RERUN = {
  retryLoop: 'the next attempt of the retry loop',
  retryingIterable: 'the next attempt of the retry loop',
  consumerLoop: 'a redelivered message',
  adapter: 'a urllib3 retry after a timeout',
  cell: DEFAULT_RERUN['notebook-cell'],
} as const;

/** Queue consumer loops. */
export const CONSUMER_LOOPS = {
  /** Iterating these receives messages (`for msg in consumer:`). */
  iterables: ['kafka.KafkaConsumer()', 'aiokafka.AIOKafkaConsumer()', '*.pubsub().listen()', '*.consume()'],
  /** A `while` loop that calls one of these receives messages. */
  pollingCalls: ['*.receive_message', '*.receive_messages', '*.basic_get', '*.xreadgroup', '*.brpop', '*.blpop', 'confluent_kafka.Consumer().poll', 'confluent_kafka.Consumer().consume'],
} as const;

/** HTTP adapters that retry non-idempotent methods (urllib3 Retry with POST allowed). */
export const RETRYING_ADAPTERS = {
  retryClasses: ['urllib3.Retry', 'urllib3.util.Retry', 'urllib3.util.retry.Retry', 'requests.packages.urllib3.util.retry.Retry', 'requests.adapters.Retry', 'requests.packages.urllib3.Retry'],
  adapterClasses: ['requests.adapters.HTTPAdapter', 'requests.HTTPAdapter'],
  /** Keywords listing the retried methods; None/False there means every method. */
  methodKeywords: ['allowed_methods', 'method_whitelist'],
  nonIdempotentMethods: ['POST', 'PATCH'],
} as const;
