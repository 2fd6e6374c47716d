import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { programFromNotebook, programFromPython, type PythonProgram } from '../../server/src/engine/python/program';
import { findRerunPlaces, placeOf } from '../../server/src/engine/python/rerunPlaces';
import { matchesName } from '../../server/src/engine/python/patterns';
import { originOf } from '../../server/src/engine/python/resolve';
import { text } from '../../server/src/engine/python/syntax';
import { useParser } from './helpers';

useParser();

/** `kind label` of the place of the first call whose callee text is `callee`. */
function placeOfCall(p: PythonProgram, callee: string): string | undefined {
  const call = p.semantics.calls.find((c) => text(c.callee) === callee);
  assert.ok(call, `no call to ${callee}`);
  const place = placeOf(p, call);
  return place ? `${place.kind} ${place.label}${place.via ? ` via ${text(place.via.callee)}` : ''}` : undefined;
}

describe('rerun places: which code runs again', () => {
  const cases: [string, string, string | undefined][] = [
    // retry decorators
    ['tenacity', 'from tenacity import retry, stop_after_attempt\n@retry(stop=stop_after_attempt(3))\ndef f():\n    go()\n', 'retry @retry'],
    ['tenacity module', 'import tenacity\n@tenacity.retry\ndef f():\n    go()\n', 'retry @retry'],
    ['backoff', 'import backoff\n@backoff.on_exception(backoff.expo, Exception)\ndef f():\n    go()\n', 'retry @backoff.on_exception'],
    ['backoff predicate', 'import backoff\n@backoff.on_predicate(backoff.fibo)\ndef f():\n    go()\n', 'retry @backoff.on_predicate'],
    ['retrying', 'from retrying import retry\n@retry(stop_max_attempt_number=3)\ndef f():\n    go()\n', 'retry @retry'],
    ['stamina', 'import stamina\n@stamina.retry(on=Exception)\ndef f():\n    go()\n', 'retry @retry'],
    ['retry as a call', 'from tenacity import retry\ndef f():\n    go()\ng = retry(reraise=True)(f)\n', 'retry @retry'],
    // retry loops
    ['for range retry', 'def f():\n    for attempt in range(3):\n        try:\n            go()\n            break\n        except Exception:\n            time.sleep(2 ** attempt)\n', 'retry a retry loop'],
    ['while retry', 'def f():\n    while True:\n        try:\n            return go()\n        except IOError:\n            continue\n', 'retry a retry loop'],
    ['tenacity Retrying', 'from tenacity import Retrying\nfor attempt in Retrying():\n    with attempt:\n        go()\n', 'retry a retry loop'],
    ['range loop over items is not a retry', 'def f(items):\n    for i in range(len(items)):\n        try:\n            go(items[i])\n            break\n        except Exception:\n            pass\n', undefined],
    ['handler that re-raises is not a retry', 'def f():\n    while True:\n        try:\n            return go()\n        except IOError:\n            raise\n', undefined],
    // agent tools
    ['langchain tool', 'from langchain_core.tools import tool\n@tool\ndef f(q: str) -> str:\n    """Doc."""\n    return go()\n', 'tool LangChain @tool'],
    ['langchain BaseTool', 'from langchain.tools import BaseTool\nclass T(BaseTool):\n    def _run(self, q):\n        return go()\n', 'tool LangChain BaseTool'],
    ['StructuredTool', 'from langchain_core.tools import StructuredTool\ndef f(q):\n    return go()\nt = StructuredTool.from_function(func=f)\n', 'tool LangChain tool'],
    ['langgraph node', 'from langgraph.graph import StateGraph\ndef f(state):\n    return go()\ng = StateGraph(dict)\ng.add_node("a", f)\n', 'tool LangGraph node'],
    ['langgraph node by function', 'from langgraph.graph import StateGraph\ndef f(state):\n    return go()\ng = StateGraph(dict)\ng.add_node(f)\n', 'tool LangGraph node'],
    ['crewai tool', 'from crewai.tools import tool\n@tool("Search")\ndef f(q):\n    return go()\n', 'tool CrewAI @tool'],
    ['crewai BaseTool', 'from crewai.tools import BaseTool\nclass T(BaseTool):\n    def _run(self, q):\n        return go()\n', 'tool CrewAI BaseTool'],
    ['openai agents', 'from agents import function_tool\n@function_tool\ndef f(q: str):\n    return go()\n', 'tool OpenAI Agents @function_tool'],
    ['livekit function_tool', 'from livekit.agents import function_tool\n@function_tool\nasync def f(q: str):\n    return go()\n', 'tool LiveKit @function_tool'],
    ['livekit llm.function_tool on a method', 'from livekit.agents import Agent, llm\nclass A(Agent):\n    @llm.function_tool()\n    async def f(self, q: str):\n        return go()\n', 'tool LiveKit @function_tool'],
    ['livekit tool_context.function_tool', 'from livekit.agents.llm.tool_context import function_tool\n@function_tool()\nasync def f(q: str):\n    return go()\n', 'tool LiveKit @function_tool'],
    ['pydantic-ai', 'from pydantic_ai import Agent\nagent = Agent("x")\n@agent.tool_plain\ndef f():\n    return go()\n', 'tool pydantic-ai tool'],
    ['llamaindex', 'from llama_index.core.tools import FunctionTool\ndef f(q):\n    return go()\nt = FunctionTool.from_defaults(fn=f)\n', 'tool LlamaIndex FunctionTool'],
    ['autogen', 'from autogen_core.tools import FunctionTool\nasync def f(q: str):\n    return go()\nt = FunctionTool(f, description="x")\n', 'tool AutoGen FunctionTool'],
    ['agent tools list', 'from pydantic_ai import Agent\ndef f():\n    return go()\nagent = Agent("x", tools=[f])\n', 'tool agent tool'],
    // tasks
    ['celery app task', 'from celery import Celery\napp = Celery("x")\n@app.task(bind=True)\ndef f(self):\n    go()\n', 'task Celery task'],
    ['celery shared_task', 'from celery import shared_task\n@shared_task\ndef f():\n    go()\n', 'task Celery task'],
    ['celery imported app', 'from proj.worker import app\n@app.task\ndef f():\n    go()\n', 'task Celery task'],
    ['prefect', 'from prefect import task, flow\n@task(retries=3)\ndef f():\n    go()\n', 'task Prefect task'],
    ['prefect flow', 'from prefect import flow\n@flow\ndef f():\n    go()\n', 'task Prefect flow'],
    ['airflow', 'from airflow.decorators import task\n@task.virtualenv(requirements=[])\ndef f():\n    go()\n', 'task Airflow task'],
    ['airflow operator', 'from airflow.operators.python import PythonOperator\ndef f():\n    go()\nop = PythonOperator(task_id="x", python_callable=f)\n', 'task Airflow operator callable'],
    ['temporal', 'from temporalio import activity\n@activity.defn\nasync def f():\n    go()\n', 'task Temporal activity'],
    ['dagster', 'from dagster import asset\n@asset\ndef f():\n    go()\n', 'task Dagster asset'],
    ['rq', 'from rq import Queue\ndef f():\n    go()\nq = Queue()\nq.enqueue(f, 1)\n', 'task RQ job'],
    // consumers and handlers
    ['kafka', 'from kafka import KafkaConsumer\nconsumer = KafkaConsumer("t")\nfor msg in consumer:\n    go()\n', 'consumer a queue consumer loop'],
    ['sqs', 'import boto3\nsqs = boto3.client("sqs")\nwhile True:\n    r = sqs.receive_message(QueueUrl=u)\n    go()\n', 'consumer a queue consumer loop'],
    ['pika', 'def cb(ch, method, props, body):\n    go()\nchannel.basic_consume(queue="q", on_message_callback=cb)\n', 'consumer queue consumer callback'],
    ['fastapi', 'from fastapi import FastAPI\napp = FastAPI()\n@app.post("/orders")\ndef f():\n    go()\n', 'handler request handler'],
    ['flask', 'from flask import Flask\napp = Flask(__name__)\n@app.route("/x", methods=["POST"])\ndef f():\n    go()\n', 'handler request handler'],
    ['lambda', 'def lambda_handler(event, context):\n    go()\n', 'handler AWS Lambda handler'],
    ['non-route get decorator', 'import functools\n@cache.get("key")\ndef f():\n    go()\n', undefined],
    // helpers, one level
    ['helper of a tool', 'from langchain_core.tools import tool\ndef helper():\n    go()\n@tool\ndef f(q: str) -> str:\n    """Doc."""\n    return helper()\n', 'tool LangChain @tool via helper'],
    ['plain function in a script', 'def f():\n    go()\nf()\n', undefined],
    ['script top level', 'go()\n', undefined],
  ];
  for (const [name, code, expected] of cases) {
    it(name, () => assert.equal(placeOfCall(programFromPython(code), 'go'), expected));
  }

  it('an HTTPAdapter whose Retry allows POST makes the session a retry place', () => {
    const code = [
      'import requests',
      'from requests.adapters import HTTPAdapter',
      'from urllib3.util.retry import Retry',
      'session = requests.Session()',
      'retry = Retry(total=3, allowed_methods=["GET", "POST"])',
      'session.mount("https://", HTTPAdapter(max_retries=retry))',
      'session.post(url, json={})',
      'other = requests.Session()',
      'other.post(url)',
    ].join('\n');
    const p = programFromPython(code);
    assert.equal(placeOfCall(p, 'session.post'), 'retry an HTTPAdapter that retries POST');
    assert.equal(placeOfCall(p, 'other.post'), undefined);
  });

  it('the default Retry (idempotent methods only) is not a place', () => {
    const p = programFromPython('import requests\nfrom urllib3 import Retry\nfrom requests.adapters import HTTPAdapter\ns = requests.Session()\ns.mount("https://", HTTPAdapter(max_retries=Retry(3)))\ns.post(u)\n');
    assert.equal(placeOfCall(p, 's.post'), undefined);
  });

  it('innermost place wins: a retry loop inside a Celery task', () => {
    const p = programFromPython('from celery import shared_task\n@shared_task\ndef f():\n    for _ in range(3):\n        try:\n            go()\n            break\n        except Exception:\n            pass\n    done()\n');
    assert.equal(placeOfCall(p, 'go'), 'retry a retry loop');
    assert.equal(placeOfCall(p, 'done'), 'task Celery task');
  });

  it('notebook cells: top level is a place; a function body is one only through a top-level call', () => {
    const nb = programFromNotebook({
      language: 'python',
      cells: [
        { kind: 'code', source: 'go()\ndef helper():\n    work()\ndef unused():\n    idle()', executionCount: 1 },
        { kind: 'markdown', source: '# x', executionCount: null },
        { kind: 'code', source: 'helper()', executionCount: 2 },
      ],
    });
    assert.equal(placeOfCall(nb, 'go'), 'notebook-cell a notebook cell');
    assert.equal(placeOfCall(nb, 'work'), 'notebook-cell a notebook cell via helper');
    assert.equal(placeOfCall(nb, 'idle'), undefined);
    assert.equal(findRerunPlaces(nb).filter((x) => x.kind === 'notebook-cell').length, 2);
  });

  it('originOf spells instances, with-aliases, annotations and self attributes', () => {
    const p = programFromPython(
      'import httpx\nimport requests\nclient = httpx.Client()\nclient.post(u)\nwith requests.Session() as s:\n    s.put(u)\ndef f(c: httpx.AsyncClient):\n    c.patch(u)\nclass A:\n    def __init__(self):\n        self.http = httpx.Client()\n    def go(self):\n        self.http.delete(u)\nfor m in things:\n    m.send(x)\n',
    );
    const names = p.semantics.calls.map((c) => originOf(p, c.callee, c.unit));
    for (const want of ['httpx.Client().post', 'requests.Session().put', 'httpx.AsyncClient().patch', 'httpx.Client().delete', '?.send']) assert.ok(names.includes(want), `${want} in ${names.join(', ')}`);
  });

  it('name patterns', () => {
    assert.ok(matchesName('celery.Celery().task', '*.task'));
    assert.ok(matchesName('airflow.decorators.task.virtualenv', 'airflow.decorators.task.*'));
    assert.ok(!matchesName('airflow.decorators.task', 'airflow.decorators.task.*'));
    assert.ok(!matchesName('mytask', '*.task'));
    assert.ok(!matchesName('task', '*.task'), 'a bare local name has no receiver');
    assert.ok(matchesName('anything', '*'));
    assert.ok(!matchesName(undefined, '*'));
  });
});
