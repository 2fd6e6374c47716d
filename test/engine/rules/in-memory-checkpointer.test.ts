import { inMemoryCheckpointer } from '../../../server/src/engine/rules/in-memory-checkpointer';
import { ruleTester } from '../ruleTester';

const TEMPORAL = 'from temporalio import workflow\nwith workflow.unsafe.imports_passed_through():\n    from langgraph.checkpoint.memory import MemorySaver\n\n@workflow.defn(name="agent")\nclass AgentWorkflow:\n';

/** A ChatKit store written in the project (`memory_store.py`, class on line 3) whose constructor is `init`. */
const projectStore = (init: string, base = 'Store[dict]') => ({
  'memory_store.py': `from chatkit.store import Store\n\nclass MemoryStore(${base}):\n${init}\n    async def save_thread(self, thread, context):\n        self._threads[thread.id] = thread\n`,
});
const SERVER = 'from chatkit.server import ChatKitServer\nfrom memory_store import MemoryStore\n\nclass AirlineServer(ChatKitServer):\n    def __init__(self) -> None:\n        self.store = MemoryStore()\n        super().__init__(self.store)\n';

ruleTester.run(inMemoryCheckpointer, {
  valid: [
    { name: 'a project Store that is handed its connection', files: projectStore('    def __init__(self, conn):\n        self._conn = conn\n        self._threads = {}'), code: SERVER.replace('MemoryStore()', 'MemoryStore(db)') },
    { name: 'a project Store that opens a database', files: projectStore('    def __init__(self):\n        self._conn = sqlite3.connect("chat.db")\n        self._threads = {}'), code: SERVER },
    { name: 'a project class with instance dicts that implements no persistence interface', files: projectStore('    def __init__(self):\n        self._threads = {}', 'object'), code: SERVER },
    { name: 'a project Store built in test code', filename: 'tests/test_server.py', files: projectStore('    def __init__(self):\n        self._threads = {}'), code: SERVER },
    'from langgraph.checkpoint.sqlite import SqliteSaver\nsaver = SqliteSaver.from_conn_string("state.db")',
    'from langgraph.checkpoint.postgres import PostgresSaver\nwith PostgresSaver.from_conn_string(DB) as cp:\n    graph = builder.compile(checkpointer=cp)',
    'from langchain.memory import ConversationBufferMemory\nfrom langchain_community.chat_message_histories import RedisChatMessageHistory\nmemory = ConversationBufferMemory(chat_memory=RedisChatMessageHistory(session_id="s", url=URL))',
    'from llama_index.core.memory import ChatMemoryBuffer\nmemory = ChatMemoryBuffer.from_defaults(chat_store=store, chat_store_key="u1")',
    'from agents import SQLiteSession\nsession = SQLiteSession("user_1", "conversations.db")',
    { name: 'a local class of the same name', code: 'class MemorySaver:\n    pass\nsaver = MemorySaver()' },
    { name: 'test code', filename: 'tests/test_graph.py', code: 'from langgraph.checkpoint.memory import MemorySaver\nsaver = MemorySaver()' },
    { name: 'created in a Temporal workflow run (replayed from history, one per run)', code: TEMPORAL + '    @workflow.run\n    async def run(self, q: str) -> str:\n        graph = builder.compile(checkpointer=MemorySaver())\n        return await graph.ainvoke(q)' },
    { name: 'created in a Temporal workflow __init__', code: TEMPORAL + '    def __init__(self) -> None:\n        self.saver = MemorySaver()' },
    { name: 'created by a helper only Temporal workflow code calls', code: 'def build():\n    return builder.compile(checkpointer=MemorySaver())\n' + TEMPORAL + '    @workflow.run\n    async def run(self, q: str) -> str:\n        return await build().ainvoke(q)' },
  ],
  invalid: [
    {
      name: 'a project ChatKit Store keeping threads in instance dicts, imported and built by the server',
      files: projectStore('    def __init__(self) -> None:\n        self._threads: dict = {}\n        self._attachments = dict()\n        self._lock = asyncio.Lock()'),
      code: SERVER,
      errors: [{ line: 6, column: 22, endColumn: 35, severity: 'warning', message: /^`MemoryStore` \(memory_store\.py:3\) keeps ChatKit threads and items in instance dicts, in process memory: it is lost on restart/ }],
    },
    {
      name: 'a LangGraph checkpoint saver written in the same file',
      code: 'from collections import defaultdict\nfrom langgraph.checkpoint.base import BaseCheckpointSaver\nclass DictSaver(BaseCheckpointSaver):\n    def __init__(self):\n        self.storage = defaultdict(dict)\nsaver = DictSaver()\n',
      errors: [{ line: 6, column: 9, message: /^`DictSaver` keeps LangGraph checkpoints/ }],
    },
    {
      name: 'LangGraph MemorySaver in service code',
      code: 'from langgraph.checkpoint.memory import MemorySaver\ngraph = builder.compile(checkpointer=MemorySaver())',
      errors: [{ line: 2, column: 38, endColumn: 51, severity: 'warning', message: /^`MemorySaver` keeps LangGraph checkpoints \(thread state\) in process memory: .*use `SqliteSaver`.*`PostgresSaver`/ }],
    },
    {
      name: 'aliased module import, InMemoryStore and InMemorySaver',
      code: 'import langgraph.store.memory as mem\nfrom langgraph.checkpoint.memory import InMemorySaver as Saver\nstore = mem.InMemoryStore()\nsaver = Saver()',
      errors: [{ line: 3, column: 9, message: /`PostgresStore`/ }, { line: 4, column: 9 }],
    },
    {
      name: 'LangChain memories without a persistent history',
      code: 'from langchain.memory import ConversationBufferMemory\nfrom langchain_core.chat_history import InMemoryChatMessageHistory\nmemory = ConversationBufferMemory(return_messages=True)\nhistory = InMemoryChatMessageHistory()',
      errors: [{ line: 3, column: 10, message: /chat_memory=/ }, { line: 4, column: 11, message: /SQLChatMessageHistory/ }],
    },
    {
      name: 'LlamaIndex SimpleChatStore and a default ChatMemoryBuffer; OpenAI Agents in-memory session',
      code: 'from llama_index.core.storage.chat_store import SimpleChatStore\nfrom llama_index.core.memory import ChatMemoryBuffer\nfrom agents import SQLiteSession\nstore = SimpleChatStore()\nmemory = ChatMemoryBuffer.from_defaults(token_limit=3000)\nsession = SQLiteSession("u1")',
      errors: [{ line: 4, message: /RedisChatStore/ }, { line: 5 }, { line: 6, message: /db_path/ }],
    },
    {
      name: 'in a Temporal activity (not replayed: one process, every run)',
      code: 'from temporalio import activity\nfrom langgraph.checkpoint.memory import MemorySaver\nSAVER = None\n@activity.defn\nasync def answer(q: str) -> str:\n    graph = builder.compile(checkpointer=MemorySaver())\n    return await graph.ainvoke(q)',
      errors: [{ line: 6, column: 42 }],
    },
    {
      name: 'a helper called from a workflow and from module level',
      code: 'def build():\n    return builder.compile(checkpointer=MemorySaver())\ngraph = build()\n' + TEMPORAL + '    @workflow.run\n    async def run(self, q: str) -> str:\n        return await build().ainvoke(q)',
      errors: [{ line: 2, column: 41 }],
    },
    {
      name: 'in a plain class method of a service',
      code: 'from langgraph.checkpoint.memory import MemorySaver\nclass Agent:\n    def __init__(self):\n        self.saver = MemorySaver()',
      errors: [{ line: 4, column: 22 }],
    },
    {
      name: 'in a notebook only a hint',
      cells: ['from langgraph.checkpoint.memory import MemorySaver', 'memory = MemorySaver()'],
      errors: [{ cell: 2, line: 1, column: 10, severity: 'hint', message: /fine for this demo/ }],
    },
  ],
});
