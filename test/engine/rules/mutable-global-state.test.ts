import { mutableGlobalState } from '../../../server/src/engine/rules/mutable-global-state';
import { ruleTester } from '../ruleTester';

ruleTester.run(mutableGlobalState, {
  valid: [
    {
      name: 'a registry of live websocket connections is not run state',
      code: 'from fastapi import FastAPI, WebSocket\napp = FastAPI()\nclass Manager:\n    def __init__(self):\n        self.active = []\n        self.queues = {}\n    def connect(self, ws: WebSocket):\n        self.active.append(ws)\n        self.queues[ws].put("hi")\n        del self.queues[ws]\nmanager = Manager()\n@app.websocket("/ws")\nasync def endpoint(ws: WebSocket):\n    manager.connect(ws)',
    },
    {
      name: 'an instance made per request is not module state',
      code: 'from fastapi import FastAPI\napp = FastAPI()\nclass Store:\n    def __init__(self):\n        self._threads = {}\n    def save(self, tid, item):\n        self._threads[tid] = item\ndef fresh():\n    return Store()\n@app.post("/t")\ndef post(tid: str):\n    s = Store()\n    s.save(tid, 1)',
    },
    {
      name: 'a helper in another module that changes only its own locals',
      files: { 'helpers.py': 'def build(x):\n    out = []\n    out.append(x)\n    return out\n' },
      code: 'from fastapi import FastAPI\nfrom helpers import build\napp = FastAPI()\n@app.post("/b")\ndef b(x: int):\n    return build(x)',
    },
    { name: 'constants read by a handler', code: 'from fastapi import FastAPI\napp = FastAPI()\nLIMITS = {"free": 10}\n@app.get("/limit")\ndef limit(plan: str):\n    return LIMITS[plan]' },
    { name: 'import-time registration is not per request', code: 'TOOLS = []\ndef register(f):\n    TOOLS.append(f)\n    return f' },
    { name: 'a handler mutating its own local', code: 'from langchain_core.tools import tool\n@tool\ndef add(x: int) -> list:\n    """Add."""\n    items = []\n    items.append(x)\n    return items' },
    { name: 'a cache of a pure function', code: 'from fastapi import FastAPI\napp = FastAPI()\n_cache = {}\n@app.get("/sq")\ndef sq(n: int):\n    if n not in _cache:\n        _cache[n] = n * n\n    return _cache[n]' },
    { name: 'a module-level client whose methods are external effects, not memory', code: 'import chromadb\ncollection = chromadb.Client().create_collection("c")\n@tool\ndef remember(text: str):\n    collection.add(documents=[text], ids=["1"])' },
    { name: 'a script with no handlers', code: 'results = []\ndef main():\n    global results\n    results.append(1)\nmain()' },
    { name: 'test code', filename: 'tests/test_api.py', code: 'from fastapi import FastAPI\napp = FastAPI()\nseen = []\n@app.post("/x")\ndef x():\n    seen.append(1)' },
  ],
  invalid: [
    {
      name: 'a module-level instance whose method changes its own dict, called by a handler',
      code: 'from fastapi import FastAPI\napp = FastAPI()\nclass Store:\n    def __init__(self):\n        self._threads = {}\n    def save(self, tid, item):\n        self._threads[tid] = item\nstore = Store()\n@app.post("/t")\ndef post(tid: str):\n    store.save(tid, 1)',
      errors: [{ line: 8, column: 1, endColumn: 6, message: /^`store` is one instance per process whose in-memory state request handlers change — `post` \(request handler\) calls `save` \(main\.py:7\), which writes items into its `_threads`/ }],
    },
    {
      name: 'the same instance given to handlers by FastAPI Depends, its class in another module',
      files: { 'store.py': 'class Store:\n    def __init__(self):\n        self._threads = {}\n    def save(self, tid, item):\n        self._threads[tid] = item\n' },
      code: 'from fastapi import Depends, FastAPI\nfrom store import Store\napp = FastAPI()\nshared = Store()\ndef get_store() -> Store:\n    return shared\n@app.post("/t")\ndef post(tid: str, s: Store = Depends(get_store)):\n    s.save(tid, 1)',
      errors: [{ line: 4, column: 1, endColumn: 7, message: /`post` \(request handler\) calls `save` \(store\.py:5\), which writes items into its `_threads`/ }],
    },
    {
      name: 'a helper in another module appends to its module-level history',
      files: { 'memory.py': 'HISTORY = []\ndef remember(m):\n    HISTORY.append(m)\n' },
      code: 'from langchain_core.tools import tool\nfrom memory import remember\n@tool\ndef note(m: str) -> str:\n    """Note."""\n    remember(m)\n    return "ok"',
      errors: [{ line: 6, column: 5, endColumn: 13, message: /^`HISTORY` is module-level state that `note` \(LangChain @tool\) changes through `remember` \(memory\.py:3\), which mutates \(`\.append\(\)`\) it/ }],
    },
    {
      name: 'a handler writes into a dict imported from another module',
      files: { 'state.py': 'SESSIONS = {}\n' },
      code: 'from fastapi import FastAPI\nfrom state import SESSIONS\napp = FastAPI()\n@app.post("/s")\ndef s(k: str, v: str):\n    SESSIONS[k] = v',
      errors: [{ line: 6, column: 5, message: /^`SESSIONS` is module-level state \(defined in state\.py\) that `s` \(request handler\) writes items into/ }],
    },
    {
      name: 'a FastAPI handler appends to a module-level list',
      code: 'from fastapi import FastAPI\napp = FastAPI()\nhistory = []\n@app.post("/chat")\ndef chat(msg: str):\n    history.append(msg)\n    return {"n": len(history)}',
      errors: [{ line: 6, column: 5, endColumn: 24, message: /^`history` is module-level state that `chat` \(request handler\) mutates \(`.append\(\)`\): it is shared by concurrent runs and lost on restart/ }],
    },
    {
      name: 'a LangChain tool writes items into a dict, via a helper it calls',
      code: 'from collections import defaultdict\nfrom langchain_core.tools import tool\nSESSIONS = defaultdict(list)\ndef save(sid, m):\n    SESSIONS[sid] = m\n@tool\ndef remember(sid: str, m: str) -> str:\n    """Remember."""\n    save(sid, m)\n    return "ok"',
      errors: [{ line: 5, column: 5, message: /`SESSIONS` is module-level state that `save` \(called from `remember`\) writes items into/ }],
    },
    {
      name: 'a LangGraph node rebinds a global counter',
      code: 'from langgraph.graph import StateGraph\ncalls = 0\ndef agent(state):\n    global calls\n    calls += 1\n    return state\nbuilder = StateGraph(dict)\nbuilder.add_node("agent", agent)',
      errors: [{ line: 5, column: 5, endColumn: 15, message: /`calls` is module-level state that `agent` \(LangGraph node\) rebinds through `global`/ }],
    },
    {
      name: 'a tool in a list built two assignments away',
      code: 'from langgraph.prebuilt import create_react_agent\nseen = set()\ndef lookup(q: str) -> str:\n    seen.add(q)\n    return q\nbase = [search]\ntools = base + [lookup]\nagent = create_react_agent(model, tools=tools)',
      errors: [{ line: 4, column: 5, message: /^`seen` is module-level state that `lookup` \(LangGraph tool\) mutates/ }],
    },
    {
      name: 'a Celery task deletes items; a tool listed in tools=[…] adds to a set',
      code: 'from celery import shared_task\nfrom langgraph.prebuilt import create_react_agent\npending = {}\nseen = set()\n@shared_task\ndef finish(job):\n    del pending[job]\ndef lookup(q: str) -> str:\n    seen.add(q)\n    return q\nagent = create_react_agent(model, tools=[lookup])',
      errors: [{ line: 7, column: 5, message: /`pending` .* `finish` \(Celery task\) deletes items from/ }, { line: 9, column: 5, message: /`seen` .* `lookup` \(LangGraph tool\) mutates/ }],
    },
    {
      name: 'configured handler decorator',
      code: 'state = {}\n@on_request\ndef handle(r):\n    state["last"] = r',
      config: { 'hidden-state': { 'handler-decorators': ['on_request'] } },
      errors: [{ line: 4, column: 5 }],
    },
  ],
});
