/**
 * Data for the hidden-state rules: names a notebook may read without defining them, the
 * IPython syntax that can define names invisibly, in-memory checkpointers and memories with
 * their persistent alternatives, and the decorators/calls that mark code run once per request
 * or agent step. Code in rules/ and hiddenState/ reads these tables; it never hard-codes an API.
 */

/**
 * Python 3 builtins (`dir(builtins)` of CPython 3.13, plus names `site` adds).
 *
 * Python 2 builtins are listed too (`PYTHON2_BUILTINS`): old notebooks read `xrange`,
 * `unicode`, `raw_input`… that no cell defines. Those names did not come from a deleted cell or
 * the live kernel, so calling them hidden state would give a wrong reason and a wrong fix; a
 * Python 2 notebook is a portability problem, not a hidden-state one.
 */
export const PYTHON3_BUILTINS: readonly string[] = [
  'ArithmeticError', 'AssertionError', 'AttributeError', 'BaseException', 'BaseExceptionGroup', 'BlockingIOError',
  'BrokenPipeError', 'BufferError', 'BytesWarning', 'ChildProcessError', 'ConnectionAbortedError', 'ConnectionError',
  'ConnectionRefusedError', 'ConnectionResetError', 'DeprecationWarning', 'EOFError', 'Ellipsis', 'EncodingWarning',
  'EnvironmentError', 'Exception', 'ExceptionGroup', 'False', 'FileExistsError', 'FileNotFoundError',
  'FloatingPointError', 'FutureWarning', 'GeneratorExit', 'IOError', 'ImportError', 'ImportWarning',
  'IndentationError', 'IndexError', 'InterruptedError', 'IsADirectoryError', 'KeyError', 'KeyboardInterrupt',
  'LookupError', 'MemoryError', 'ModuleNotFoundError', 'NameError', 'None', 'NotADirectoryError', 'NotImplemented',
  'NotImplementedError', 'OSError', 'OverflowError', 'PendingDeprecationWarning', 'PermissionError',
  'ProcessLookupError', 'PythonFinalizationError', 'RecursionError', 'ReferenceError', 'ResourceWarning',
  'RuntimeError', 'RuntimeWarning', 'StopAsyncIteration', 'StopIteration', 'SyntaxError', 'SyntaxWarning',
  'SystemError', 'SystemExit', 'TabError', 'TimeoutError', 'True', 'TypeError', 'UnboundLocalError',
  'UnicodeDecodeError', 'UnicodeEncodeError', 'UnicodeError', 'UnicodeTranslateError', 'UnicodeWarning',
  'UserWarning', 'ValueError', 'Warning', 'WindowsError', 'ZeroDivisionError', '_IncompleteInputError',
  '__build_class__', '__builtins__', '__debug__', '__doc__', '__import__', '__loader__', '__name__', '__package__',
  '__spec__', '__annotations__', '__dict__', '__file__', '__cached__', '__path__', '__class__',
  'abs', 'aiter', 'all', 'anext', 'any', 'ascii', 'bin', 'bool', 'breakpoint', 'bytearray', 'bytes', 'callable',
  'chr', 'classmethod', 'compile', 'complex', 'copyright', 'credits', 'delattr', 'dict', 'dir', 'divmod',
  'enumerate', 'eval', 'exec', 'exit', 'filter', 'float', 'format', 'frozenset', 'getattr', 'globals', 'hasattr',
  'hash', 'help', 'hex', 'id', 'input', 'int', 'isinstance', 'issubclass', 'iter', 'len', 'license', 'list',
  'locals', 'map', 'max', 'memoryview', 'min', 'next', 'object', 'oct', 'open', 'ord', 'pow', 'print', 'property',
  'quit', 'range', 'repr', 'reversed', 'round', 'set', 'setattr', 'slice', 'sorted', 'staticmethod', 'str', 'sum',
  'super', 'tuple', 'type', 'vars', 'zip',
];

export const PYTHON2_BUILTINS: readonly string[] = [
  'apply', 'basestring', 'buffer', 'cmp', 'coerce', 'execfile', 'file', 'intern', 'long', 'raw_input', 'reduce',
  'reload', 'StandardError', 'unichr', 'unicode', 'xrange',
];

/** Names the IPython kernel puts in the user namespace (or its builtins) before any cell runs. */
export const IPYTHON_NAMES: readonly string[] = [
  'In', 'Out', '_', '__', '___', '_i', '_ii', '_iii', '_ih', '_oh', '_dh', '_sh', '_exit_code',
  'get_ipython', 'display', 'exit', 'quit', '__IPYTHON__', '__session__', '__vsc_ipynb_file__',
];

/** `_5`, `_i5`: the output / input of execution 5, kept by IPython's history. */
export const IPYTHON_NAME_PATTERNS: readonly RegExp[] = [/^_\d+$/, /^_i\d+$/];

/**
 * Names a particular kernel or platform injects (Databricks, the PySpark shell, Synapse,
 * Fabric). A notebook that reads them without defining them runs only there: worth a hint,
 * not a "deleted cell" warning.
 */
export const PLATFORM_NAMES: Readonly<Record<string, string>> = {
  spark: 'the PySpark / Databricks kernel',
  sc: 'the PySpark / Databricks kernel',
  sqlContext: 'the PySpark / Databricks kernel',
  dbutils: 'Databricks',
  displayHTML: 'Databricks',
  mssparkutils: 'Azure Synapse',
  notebookutils: 'Microsoft Fabric / Synapse',
};

/**
 * Placeholders a tutorial asks the reader to replace (`your_dataset`, `YOUR_API_KEY`): not
 * defined anywhere, but not state from a deleted cell either.
 */
export const PLACEHOLDER_NAME_PATTERNS: readonly RegExp[] = [/^your_?/i, /^(my|insert|replace|enter)_.*_here$/i, /_here$/i, /^x{3,}$/i, /^todo$/i];

/**
 * Line magics that define names the analysis cannot see: `%run script.py` runs a file in the
 * user namespace, `%pylab` star-imports numpy and matplotlib, `%load` pastes a file,
 * `%store -r` with no names restores every stored variable.
 */
export const NAME_INJECTING_MAGICS: Readonly<Record<string, string>> = {
  run: '`%run` runs a script in the notebook namespace',
  pylab: '`%pylab` star-imports numpy and matplotlib',
  load: '`%load` pastes code from a file',
  loadpy: '`%loadpy` pastes code from a file',
  macro: '`%macro` replays earlier input',
  rerun: '`%rerun` replays earlier input',
  recall: '`%recall` replays earlier input',
};

/** Calls that can write names into the module namespace dynamically. */
export const NAME_INJECTING_CALLS: readonly string[] = ['exec', 'execfile', 'eval'];

/** Calls whose result, written into, defines module names (`globals()[k] = v`, `globals().update(d)`). */
export const NAMESPACE_CALLS: readonly string[] = ['globals', 'locals', 'vars'];

export interface InMemoryStateApi {
  /** Qualified names this entry matches (after import resolution). */
  readonly qualifiedNames: readonly string[];
  /** What it keeps in process memory. */
  readonly what: string;
  /** The persistent alternative to suggest. */
  readonly alternative: string;
  /** Keyword arguments that give it a persistent backend (then it is not flagged). */
  readonly persistentWith?: readonly string[];
  /** Positional argument index that gives it a persistent backend. */
  readonly persistentPositional?: number;
}

/**
 * In-memory checkpointers, stores and chat memories of agent frameworks: fine in a demo,
 * lost on restart and shared by every concurrent run in a service.
 */
export const IN_MEMORY_STATE_APIS: readonly InMemoryStateApi[] = [
  {
    qualifiedNames: ['langgraph.checkpoint.memory.MemorySaver', 'langgraph.checkpoint.memory.InMemorySaver', 'langgraph.checkpoint.MemorySaver', 'langgraph.checkpoint.InMemorySaver'],
    what: 'LangGraph checkpoints (thread state)',
    alternative: '`SqliteSaver` (langgraph-checkpoint-sqlite) or `PostgresSaver` (langgraph-checkpoint-postgres)',
  },
  {
    qualifiedNames: ['langgraph.store.memory.InMemoryStore'],
    what: 'the LangGraph long-term memory store',
    alternative: '`PostgresStore` (langgraph-checkpoint-postgres) or another persistent `BaseStore`',
  },
  {
    qualifiedNames: ['langchain_core.chat_history.InMemoryChatMessageHistory', 'langchain_community.chat_message_histories.in_memory.ChatMessageHistory', 'langchain_community.chat_message_histories.ChatMessageHistory', 'langchain.memory.ChatMessageHistory', 'langchain.schema.memory.ChatMessageHistory', 'langchain.memory.chat_message_histories.in_memory.ChatMessageHistory'],
    what: 'the chat history',
    alternative: 'a persistent history such as `SQLChatMessageHistory`, `PostgresChatMessageHistory` or `RedisChatMessageHistory`',
  },
  ...[
    'ConversationBufferMemory',
    'ConversationBufferWindowMemory',
    'ConversationSummaryMemory',
    'ConversationSummaryBufferMemory',
    'ConversationTokenBufferMemory',
    'ConversationEntityMemory',
  ].map((cls) => ({
    qualifiedNames: [`langchain.memory.${cls}`, `langchain.memory.buffer.${cls}`, `langchain.memory.buffer_window.${cls}`, `langchain.memory.summary.${cls}`, `langchain.memory.summary_buffer.${cls}`, `langchain.memory.token_buffer.${cls}`, `langchain.memory.entity.${cls}`, `langchain_classic.memory.${cls}`],
    what: `the conversation (\`${cls}\` with its default in-memory chat history)`,
    alternative: 'a persistent `chat_memory=` history (`SQLChatMessageHistory`, `RedisChatMessageHistory`…) or a LangGraph persistent checkpointer',
    persistentWith: ['chat_memory'],
  })),
  {
    qualifiedNames: ['llama_index.core.storage.chat_store.SimpleChatStore', 'llama_index.storage.chat_store.SimpleChatStore', 'llama_index.core.storage.chat_store.simple_chat_store.SimpleChatStore'],
    what: 'the LlamaIndex chat store',
    alternative: 'a persistent chat store (`RedisChatStore`, `PostgresChatStore`, `AzureChatStore`…)',
  },
  {
    qualifiedNames: ['llama_index.core.memory.ChatMemoryBuffer', 'llama_index.memory.ChatMemoryBuffer', 'llama_index.core.memory.chat_memory_buffer.ChatMemoryBuffer'],
    what: 'the LlamaIndex chat memory (default `SimpleChatStore`)',
    alternative: '`ChatMemoryBuffer.from_defaults(chat_store=RedisChatStore(...))` or another persistent chat store',
    persistentWith: ['chat_store'],
  },
  {
    qualifiedNames: ['agents.SQLiteSession', 'agents.memory.SQLiteSession', 'agents.memory.sqlite_session.SQLiteSession'],
    what: 'the OpenAI Agents session (SQLite `:memory:` without `db_path`)',
    alternative: '`SQLiteSession(session_id, db_path="conversations.db")` or `SQLAlchemySession`/`RedisSession`',
    persistentWith: ['db_path'],
    persistentPositional: 1,
  },
];

/**
 * Persistence interfaces of agent frameworks: the object a framework hands every thread's or
 * session's state to. A project class implementing one with records kept in instance containers
 * (`self._threads = {}`) is an in-memory store like `InMemoryStore` (hiddenState/inMemoryClasses.ts).
 */
export const PERSISTENCE_INTERFACES: readonly { readonly bases: readonly string[]; readonly what: string; readonly alternative: string }[] = [
  { bases: ['chatkit.store.Store'], what: 'ChatKit threads and items', alternative: 'a `Store` backed by a database (the ChatKit examples use SQLite or Postgres)' },
  { bases: ['langgraph.checkpoint.base.BaseCheckpointSaver'], what: 'LangGraph checkpoints (thread state)', alternative: '`SqliteSaver` or `PostgresSaver`' },
  { bases: ['langgraph.store.base.BaseStore'], what: 'the LangGraph long-term memory store', alternative: '`PostgresStore` or another persistent `BaseStore`' },
  { bases: ['langchain_core.chat_history.BaseChatMessageHistory'], what: 'the chat history', alternative: 'a persistent history such as `SQLChatMessageHistory` or `RedisChatMessageHistory`' },
  { bases: ['llama_index.core.storage.chat_store.BaseChatStore', 'llama_index.core.storage.chat_store.base.BaseChatStore'], what: 'the LlamaIndex chat store', alternative: 'a persistent chat store (`RedisChatStore`, `PostgresChatStore`…)' },
];

/** Values of an instance attribute that only hold data in memory (`{}`, `[]`, `defaultdict(list)`, a lock). */
export const IN_MEMORY_CONTAINERS: readonly string[] = ['dict', 'list', 'set', 'collections.defaultdict', 'collections.OrderedDict', 'collections.deque', 'asyncio.Lock', 'threading.Lock', 'threading.RLock'];

/**
 * Code that runs once per durable run and is rebuilt from that run's history, so state created
 * in it belongs to one run (not shared between runs) and a worker restart replays it. Temporal
 * workflow code: every method of a `@workflow.defn` class (`@workflow.run`, signal, query and
 * update handlers) is replayed from the event history, one workflow object per run. Activities
 * are not replayed and are not listed.
 */
export const RUN_SCOPED_CODE = {
  /** Classes whose methods are run-scoped. */
  classDecorators: ['temporalio.workflow.defn'],
  /** Functions that are run-scoped by their own decorator. */
  functionDecorators: ['temporalio.workflow.run', 'temporalio.workflow.signal', 'temporalio.workflow.query', 'temporalio.workflow.update'],
} as const;

/**
 * Decorators that turn a function into something run once per request, message, task or agent
 * step (matched against the qualified decorator, or its last dotted parts for objects made at
 * run time such as `app = FastAPI()`: `app.get`).
 */
export const HANDLER_DECORATORS: readonly string[] = [
  // agent tools
  'langchain.tools.tool', 'langchain_core.tools.tool', 'langchain.agents.tool', 'crewai.tools.tool', 'crewai_tools.tool',
  'agents.function_tool', 'mcp.server.fastmcp.FastMCP.tool', 'llama_index.core.tools.FunctionTool',
  // tasks, flows, activities
  'celery.shared_task', 'prefect.task', 'prefect.flow', 'temporalio.activity.defn', 'temporalio.workflow.run',
  'dramatiq.actor', 'ray.remote', 'airflow.decorators.task', 'dagster.op', 'dagster.asset',
  // functions-framework / serverless
  'functions_framework.http', 'functions_framework.cloud_event',
];

/** Method names on run-time objects whose decorators register handlers (`@app.get`, `@router.post`, `@mcp.tool`). */
export const HANDLER_DECORATOR_METHODS: readonly string[] = [
  'get', 'post', 'put', 'patch', 'delete', 'route', 'websocket', 'api_route', 'head', 'options',
  'task', 'tool', 'resource', 'prompt', 'command', 'event', 'message', 'action', 'shortcut', 'view',
  'on_message', 'on_chat_start', 'on_event', 'listener', 'handler', 'agent', 'node', 'entrypoint',
  'function', 'function_name', 'activity', 'step', 'callback', 'middleware', 'before_request', 'after_request',
];

/** Bare decorator names that mark tools / tasks when imported from anywhere (`@tool`, `@task`). */
export const HANDLER_DECORATOR_NAMES: readonly string[] = ['tool', 'function_tool', 'task', 'shared_task', 'flow', 'activity', 'entrypoint', 'step'];

/** Calls whose function arguments are run per step (`graph.add_node("n", fn)`, `Tool(func=fn)`). */
export const HANDLER_REGISTRATIONS: readonly { method: string; positional?: readonly number[]; keywords?: readonly string[] }[] = [
  { method: 'add_node', positional: [0, 1], keywords: ['action', 'node'] },
  { method: 'add_conditional_edges', positional: [1], keywords: ['path'] },
  { method: 'add_url_rule', positional: [2], keywords: ['view_func'] },
  { method: 'add_api_route', positional: [1], keywords: ['endpoint'] },
  { method: 'add_route', positional: [1] },
  { method: 'from_function', positional: [0], keywords: ['func', 'coroutine'] },
  { method: 'Tool', keywords: ['func', 'coroutine'] },
  { method: 'StructuredTool', keywords: ['func', 'coroutine'] },
  { method: 'FunctionTool', keywords: ['fn', 'async_fn'] },
  { method: 'add_handler', positional: [0, 1] },
  { method: 'add_listener', positional: [0] },
];

/** Keyword arguments that list an agent's tools (`create_react_agent(model, tools=[a, b])`). */
export const TOOL_LIST_KEYWORDS: readonly string[] = ['tools', 'functions'];

/** Base classes whose methods run per request / per tool call, with those methods. */
export const HANDLER_BASE_CLASSES: Readonly<Record<string, readonly string[]>> = {
  BaseTool: ['_run', '_arun', 'run', 'arun'],
  BaseHTTPRequestHandler: ['do_GET', 'do_POST', 'do_PUT', 'do_DELETE', 'do_PATCH', 'handle'],
  SimpleHTTPRequestHandler: ['do_GET', 'do_POST', 'do_PUT', 'do_DELETE', 'do_PATCH'],
  RequestHandler: ['get', 'post', 'put', 'delete', 'patch'],
  MethodView: ['get', 'post', 'put', 'delete', 'patch'],
  View: ['get', 'post', 'put', 'delete', 'patch', 'dispatch'],
  APIView: ['get', 'post', 'put', 'delete', 'patch'],
  Task: ['run'],
  Consumer: ['receive', 'connect', 'websocket_receive'],
  AsyncWebsocketConsumer: ['receive', 'connect'],
  WebsocketConsumer: ['receive', 'connect'],
};

/** Methods that mutate a container in place. */
export const MUTATING_METHODS: readonly string[] = [
  'append', 'extend', 'insert', 'remove', 'pop', 'popitem', 'clear', 'update', 'setdefault', 'add', 'discard',
  'appendleft', 'extendleft', 'popleft', 'rotate', 'sort', 'reverse', 'difference_update', 'intersection_update',
  'symmetric_difference_update', 'put', 'put_nowait',
];

/** Constructors of mutable containers (a module-level `x = dict()` is state if handlers mutate it). */
export const MUTABLE_CONSTRUCTORS: readonly string[] = [
  'dict', 'list', 'set', 'bytearray', 'collections.defaultdict', 'collections.OrderedDict', 'collections.Counter',
  'collections.deque', 'collections.ChainMap', 'queue.Queue', 'asyncio.Queue', 'weakref.WeakValueDictionary',
  'weakref.WeakKeyDictionary',
];

/**
 * H-skipped through in-place changes: methods that change their receiver, so a never-run cell
 * calling them on a name that executed cells below read leaves those cells' saved outputs
 * unexplained (`outputs` filled, `df` sorted, `scores.update(…)`). Any `inplace=True` call counts too.
 */
export const IN_PLACE_METHODS: readonly string[] = [
  'append', 'extend', 'insert', 'pop', 'popitem', 'remove', 'update', 'reverse', 'appendleft', 'extendleft', 'rotate', 'popleft',
  'add', 'discard', 'clear', 'setdefault', 'sort', 'add_documents', 'add_texts', 'upsert', 'upload_points', 'fit', 'partial_fit', 'load_state_dict',
];

/**
 * Live process resources (connections, sockets, queues, tasks, locks). A registry of them — the
 * websocket connections a server holds — cannot live anywhere but in the process, so keeping
 * one in module state is not run or session state (TAXONOMY.md H-global). Patterns of the
 * catalogue dialect (docs/patterns.md) matched against the resolver's origin of the value stored.
 */
export const PROCESS_RESOURCES: readonly string[] = [
  'fastapi.WebSocket()', 'starlette.websockets.WebSocket()', 'fastapi.websockets.WebSocket()', 'websockets.*',
  'socket.socket()', 'asyncio.Queue()', 'asyncio.create_task()', 'asyncio.Task()', 'asyncio.Event()', 'asyncio.Lock()',
  'asyncio.ensure_future()', 'threading.*()', 'queue.Queue()', 'multiprocessing.*()', 'aiohttp.web.WebSocketResponse()',
];

/** Dependency-injection markers whose argument is a provider function called per request (FastAPI). */
export const DEPENDENCY_PROVIDERS: readonly string[] = ['fastapi.Depends', 'fastapi.params.Depends'];
