/**
 * Table tests of the production items (issue 23): for each item a project with the evidence
 * (pass), one without it (fail or warn), and one where it cannot be known (unknown) or where
 * the project has no such part (not-applicable). Real projects in temp folders, real parses.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { computeChecklist } from '../../../server/src/engine/checklist/run';
import { checklistSchema, type ChecklistStatus } from '../../../server/src/engine/checklist/model';
import { formatChecklistMarkdown } from '../../../server/src/engine/checklist/format';
import { useParser } from '../helpers';
import { commitAll, initRepo, notebook, tempDir, write } from './repo';

useParser();

async function itemOf(files: Record<string, string>, id: string, opts: { git?: boolean } = {}) {
  let dir: string;
  if (opts.git) {
    dir = initRepo(files);
    commitAll(dir, 'init');
  } else {
    dir = tempDir();
    write(dir, files);
  }
  const c = await computeChecklist({ root: dir, scope: 'workspace', rules: [], analyze: () => [] });
  checklistSchema.parse(c);
  const item = c.items.find((i) => i.id === id);
  assert.ok(item, `no item ${id}`);
  return item;
}

interface Row {
  name: string;
  files: Record<string, string>;
  status: ChecklistStatus;
  /** Text the summary or an evidence message shows. */
  shows?: RegExp;
  /** Text neither the summary nor any evidence message shows. */
  hides?: RegExp;
  git?: boolean;
}

const FASTAPI = 'from fastapi import FastAPI\nfrom pydantic import BaseModel\napp = FastAPI()\n';
const SERVICE = 'import requests\n';
const LANGGRAPH = 'from typing import TypedDict\nfrom langgraph.graph import StateGraph\n';
const TRAINING = { 'train.py': 'from sklearn.linear_model import LogisticRegression\nX, y = [[0], [1]], [0, 1]\nclf = LogisticRegression()\nclf.fit(X, y)\n' };

const TABLE: Record<string, Row[]> = {
  'health-checks': [
    { name: 'a health route that queries the database', status: 'pass', shows: /checks dependencies \(calls sqlalchemy/, files: { 'app.py': `${FASTAPI}from sqlalchemy import create_engine, text\nengine = create_engine("sqlite://")\n@app.get("/healthz")\ndef health():\n    with engine.connect() as c:\n        c.execute(text("select 1"))\n    return {"ok": True}\n` } },
    { name: 'a health route that only answers', status: 'warn', shows: /liveness only/, files: { 'app.py': `${FASTAPI}@app.get("/health")\ndef health():\n    return {"status": "healthy"}\n` } },
    { name: 'routes but no health route', status: 'warn', shows: /no health or readiness route/, files: { 'app.py': `${FASTAPI}@app.get("/items")\ndef items():\n    return []\n` } },
    { name: 'a Django health URL whose view is in another file', status: 'unknown', shows: /view is not in the same file/, files: { 'urls.py': 'from django.urls import path\nfrom . import views\nurlpatterns = [path("health/", views.health)]\n' } },
    { name: 'no HTTP routes', status: 'not-applicable', files: { 'job.py': `${SERVICE}requests.get("https://example.com", timeout=5)\n` } },
    { name: 'a route only in tests', status: 'not-applicable', files: { 'tests/test_app.py': `${FASTAPI}@app.get("/health")\ndef health():\n    return {}\n` } },
  ],
  'inputs-validated': [
    { name: 'FastAPI endpoints with a request model', status: 'pass', files: { 'app.py': `${FASTAPI}class Query(BaseModel):\n    text: str\n@app.post("/predict")\ndef predict(q: Query, limit: int = 3):\n    return {}\n` } },
    { name: 'a FastAPI endpoint taking a dict', status: 'warn', shows: /takes "payload: dict"/, files: { 'app.py': `${FASTAPI}@app.post("/predict")\ndef predict(payload: dict):\n    return payload\n` } },
    { name: 'a FastAPI endpoint taking Dict[str, Any]', status: 'warn', shows: /Dict\[str, Any\]/, files: { 'app.py': `from typing import Any, Dict\n${FASTAPI}@app.post("/predict")\ndef predict(payload: Dict[str, Any]):\n    return payload\n` } },
    { name: 'a FastAPI endpoint reading the raw body', status: 'warn', shows: /parses the body with request.json\(\) and never validates it/, files: { 'app.py': `from fastapi import Request\n${FASTAPI}@app.post("/predict")\nasync def predict(request: Request):\n    data = await request.json()\n    return data\n` } },
    { name: 'Flask routes (no built-in validation)', status: 'unknown', shows: /Check by hand/, files: { 'app.py': 'from flask import Flask, request\napp = Flask(__name__)\n@app.route("/predict", methods=["POST"])\ndef predict():\n    return request.get_json()\n' } },
    { name: 'no HTTP routes', status: 'not-applicable', files: { 'train.py': 'x = 1\n' } },
  ],
  'graceful-shutdown': [
    { name: 'a SIGTERM handler', status: 'pass', shows: /handles SIGTERM/, files: { 'worker.py': `${SERVICE}import signal\ndef stop(*_):\n    pass\nsignal.signal(signal.SIGTERM, stop)\n` } },
    { name: 'a FastAPI lifespan', status: 'pass', shows: /lifespan/, files: { 'app.py': 'from contextlib import asynccontextmanager\nfrom fastapi import FastAPI\n@asynccontextmanager\nasync def lifespan(app):\n    yield\napp = FastAPI(lifespan=lifespan)\n' } },
    { name: 'a SIGINT handler only', status: 'unknown', shows: /No SIGTERM handler/, files: { 'worker.py': `${SERVICE}import signal\nsignal.signal(signal.SIGINT, lambda *_: None)\n` } },
    { name: 'no service code', status: 'not-applicable', files: { 'analysis.py': 'import math\nprint(math.pi)\n' } },
  ],
  'one-pipeline': [
    { name: 'a Pipeline of scaler and model', status: 'pass', files: { 'train.py': 'from sklearn.pipeline import make_pipeline\nfrom sklearn.preprocessing import StandardScaler\nfrom sklearn.linear_model import LogisticRegression\nmodel = make_pipeline(StandardScaler(), LogisticRegression())\nmodel.fit([[0]], [0])\n' } },
    { name: 'a scaler fitted alone and the model saved alone', status: 'warn', shows: /training-serving skew/, files: { 'train.py': 'import joblib\nfrom sklearn.preprocessing import StandardScaler\nfrom sklearn.linear_model import LogisticRegression\nscaler = StandardScaler()\nX = scaler.fit_transform([[0]])\nclf = LogisticRegression()\nclf.fit(X, [0])\njoblib.dump(clf, "model.joblib")\n' } },
    { name: 'a model without preprocessing', status: 'unknown', files: { 'train.py': 'from sklearn.linear_model import LogisticRegression\nclf = LogisticRegression()\nclf.fit([[0]], [0])\n' } },
    { name: 'a torch model', status: 'unknown', shows: /no scikit-learn Pipeline/, files: { 'train.ipynb': notebook([{ source: 'import torch\nopt = torch.optim.SGD([], lr=0.1)\nopt.step()' }]) } },
    { name: 'only a scaler (no model)', status: 'not-applicable', files: { 'prep.py': 'from sklearn.preprocessing import StandardScaler\nStandardScaler().fit([[0]])\n' } },
  ],
  'models-registered': [
    { name: 'log_model with registered_model_name', status: 'pass', files: { 'train.py': 'import mlflow\nfrom sklearn.linear_model import LogisticRegression\nclf = LogisticRegression()\nclf.fit([[0]], [0])\nmlflow.sklearn.log_model(clf, "model", registered_model_name="churn")\n' } },
    { name: 'a DVC pipeline', status: 'pass', shows: /DVC/, files: { 'dvc.yaml': 'stages: {}\n', 'train.py': 'from sklearn.linear_model import LogisticRegression\nLogisticRegression().fit([[0]], [0])\n' } },
    { name: 'log_model without registering', status: 'warn', files: { 'train.py': 'import mlflow\nfrom sklearn.linear_model import LogisticRegression\nclf = LogisticRegression()\nclf.fit([[0]], [0])\nmlflow.sklearn.log_model(clf, "model")\n' } },
    { name: 'cross-validation trains models', status: 'warn', files: { 'cv.py': 'from sklearn.model_selection import cross_val_score\nfrom sklearn.linear_model import Ridge\ncross_val_score(Ridge(), [[0]], [0])\n' } },
    { name: 'no training', status: 'not-applicable', files: { 'app.py': 'print(1)\n' } },
    { name: 'no training in what could be read: a file too large to read', status: 'unknown', shows: /could not be read/, files: { 'app.py': 'print(1)\n', 'big.py': `from sklearn.linear_model import Ridge\nRidge().fit([[0]], [0])\n${'# padding\n'.repeat(220_000)}` } },
  ],
  'task-time-limits': [
    { name: 'a Celery task with a time limit', status: 'pass', files: { 'tasks.py': 'from celery import Celery\napp = Celery("x")\n@app.task(time_limit=60)\ndef run():\n    pass\n' } },
    { name: 'asyncio.timeout around a run', status: 'pass', files: { 'agent.py': 'import asyncio\nimport openai\nasync def main():\n    async with asyncio.timeout(30):\n        await asyncio.sleep(1)\n' } },
    { name: 'a Celery task without one', status: 'unknown', shows: /No task time limit/, files: { 'tasks.py': 'from celery import Celery\napp = Celery("x")\n@app.task(bind=True)\ndef run(self):\n    pass\n' } },
  ],
  'failures-routed': [
    { name: 'tenacity retry_error_callback', status: 'pass', files: { 'agent.py': `${SERVICE}from tenacity import retry, stop_after_attempt\ndef park(state):\n    pass\n@retry(stop=stop_after_attempt(3), retry_error_callback=park)\ndef call():\n    requests.get("https://x", timeout=3)\n` } },
    { name: 'a RabbitMQ dead-letter exchange', status: 'pass', shows: /x-dead-letter-exchange/, files: { 'queues.py': 'import pika\nargs = {"x-dead-letter-exchange": "dlx"}\n' } },
    { name: 'bounded retries that give up silently', status: 'unknown', shows: /No dead-letter queue/, files: { 'agent.py': `${SERVICE}from tenacity import retry, stop_after_attempt\n@retry(stop=stop_after_attempt(3))\ndef call():\n    requests.get("https://x", timeout=3)\n` } },
  ],
  'circuit-breakers': [
    { name: 'pybreaker', status: 'pass', files: { 'client.py': `${SERVICE}import pybreaker\nbreaker = pybreaker.CircuitBreaker(fail_max=5)\n` } },
    { name: 'no breaker', status: 'unknown', files: { 'client.py': `${SERVICE}requests.get("https://x", timeout=3)\n` } },
  ],
  'concurrency-bounded': [
    { name: 'a bounded queue', status: 'pass', shows: /bounded queue/, files: { 'worker.py': `${SERVICE}import asyncio\nq = asyncio.Queue(maxsize=100)\n` } },
    { name: 'an unbounded queue', status: 'unknown', files: { 'worker.py': `${SERVICE}import asyncio\nq = asyncio.Queue()\n` } },
    { name: 'an Airflow DAG with max_active_runs', status: 'pass', shows: /Airflow limits concurrent DAG runs/, files: { 'dags/harvest.py': 'from airflow.decorators import dag, task\n@dag(schedule="@daily", max_active_runs=1)\ndef harvest():\n    @task\n    def fetch():\n        pass\n    fetch()\nharvest()\n' } },
    { name: 'an Airflow 3 DAG with max_active_tasks', status: 'pass', shows: /Airflow limits/, files: { 'dags/load.py': 'from airflow.sdk import DAG\nwith DAG("load", max_active_tasks=4) as d:\n    pass\n' } },
    { name: 'an Airflow DAG with no limit', status: 'unknown', files: { 'dags/harvest.py': 'from airflow.decorators import dag\n@dag(schedule="@daily")\ndef harvest():\n    pass\nharvest()\n' } },
    { name: 'a Prefect concurrency context', status: 'pass', shows: /Prefect concurrency limit/, files: { 'flow.py': 'from prefect import flow\nfrom prefect.concurrency.sync import concurrency\n@flow\ndef f():\n    with concurrency("db", occupy=1):\n        pass\n' } },
  ],
  'steps-traced': [
    { name: 'LangSmith @traceable', status: 'pass', shows: /LangSmith/, files: { 'agent.py': 'import openai\nfrom langsmith import traceable\n@traceable\ndef step():\n    pass\n' } },
    { name: 'logging only', status: 'unknown', files: { 'agent.py': 'import openai\nimport logging\nlogging.info("step")\n' } },
    { name: 'tracing only in a test', status: 'unknown', files: { 'agent.py': 'import openai\n', 'tests/test_agent.py': 'import opentelemetry.trace\n' } },
  ],
  'state-schema-versioned': [
    { name: 'a SqliteSaver and a schema_version field in the state', status: 'pass', shows: /schema_version/, files: { 'agent.py': `${LANGGRAPH}from langgraph.checkpoint.sqlite import SqliteSaver\nclass State(TypedDict):\n    schema_version: int\n    messages: list\nSTATE = State\n`, 'graph.py': `${LANGGRAPH}from langgraph.checkpoint.sqlite import SqliteSaver\nwith SqliteSaver.from_conn_string("state.db") as saver:\n    graph = StateGraph(dict).compile(checkpointer=saver)\n` } },
    { name: 'a PostgresSaver and a state migration function', status: 'pass', shows: /migrates saved state \(migrate_state_v1\)/, files: { 'agent.py': `${LANGGRAPH}from langgraph.checkpoint.postgres import PostgresSaver\nsaver = PostgresSaver.from_conn_string(URL)\ndef migrate_state_v1(state):\n    return {**state, "plan": []}\n` } },
    { name: 'a Temporal workflow guarded with workflow.patched', status: 'pass', shows: /workflow\.patched/, files: { 'wf.py': 'from temporalio import workflow\n@workflow.defn\nclass Order:\n    @workflow.run\n    async def run(self):\n        if workflow.patched("v2"):\n            pass\n' } },
    { name: 'a persistent checkpointer and nothing versioned', status: 'warn', shows: /persistent LangGraph checkpointer or store/, files: { 'agent.py': `${LANGGRAPH}from langgraph.checkpoint.sqlite import SqliteSaver\nclass State(TypedDict):\n    version: str\n    messages: list\ngraph = StateGraph(State).compile(checkpointer=SqliteSaver.from_conn_string("s.db"))\n` } },
    { name: 'a Postgres store set up (the method call is not a second checkpointer)', status: 'warn', shows: /AsyncPostgresStore\.from_conn_string\)$/m, hides: /setup/, files: { 'memory.py': 'from langgraph.store.postgres import AsyncPostgresStore\nimport openai\nasync def store(url):\n    s = AsyncPostgresStore.from_conn_string(url)\n    await s.setup()\n    return s\n' } },
    { name: 'a Temporal workflow without patching', status: 'warn', shows: /Temporal workflow/, files: { 'wf.py': 'from temporalio import workflow\n@workflow.defn\nclass Order:\n    pass\n' } },
    { name: 'a checkpointer passed in from elsewhere', status: 'unknown', shows: /checkpointer=checkpointer/, files: { 'agent.py': `${LANGGRAPH}def build(checkpointer):\n    return StateGraph(dict).compile(checkpointer=checkpointer)\n` } },
    { name: 'an in-memory checkpointer only (nothing resumes after a deploy)', status: 'not-applicable', files: { 'agent.py': `${LANGGRAPH}from langgraph.checkpoint.memory import MemorySaver\ngraph = StateGraph(dict).compile(checkpointer=MemorySaver())\n` } },
    { name: 'no checkpointer', status: 'not-applicable', files: { 'agent.py': `${LANGGRAPH}graph = StateGraph(dict).compile()\n` } },
  ],
  'validation-gate': [
    { name: 'a test asserting accuracy, run by CI', status: 'pass', shows: /asserts a metric threshold: assert accuracy >= 0\.9/, files: { ...TRAINING, 'tests/test_model.py': 'from train import clf, X, y\ndef test_quality():\n    accuracy = clf.score(X, y)\n    assert accuracy >= 0.9\n', '.github/workflows/ci.yml': 'on: push\n' } },
    { name: 'a script that exits when f1 drops, run by CI', status: 'pass', shows: /fails when a metric misses its threshold/, files: { ...TRAINING, 'evaluate.py': 'import sys\nfrom sklearn.metrics import f1_score\nfrom train import clf, X, y\nif f1_score(y, clf.predict(X)) < MIN_F1:\n    sys.exit(1)\n', '.gitlab-ci.yml': 'test: {}\n' } },
    { name: 'a unittest assertGreaterEqual on a metric, run by CI', status: 'pass', shows: /assertGreaterEqual/, files: { ...TRAINING, 'tests/test_model.py': 'import unittest\nclass T(unittest.TestCase):\n    def test_auc(self):\n        self.assertGreaterEqual(self.roc_auc, 0.8)\n', '.github/workflows/ci.yml': 'on: push\n' } },
    { name: 'a gate no CI runs', status: 'warn', shows: /no CI runs it/, files: { ...TRAINING, 'tests/test_model.py': 'def test_quality(model_score):\n    assert model_score > 0.75\n' } },
    { name: 'training, no gate, no CI', status: 'warn', shows: /nothing fails when its metrics drop/, files: { ...TRAINING, 'tests/test_model.py': 'def test_shape(preds):\n    assert len(preds) > 5\n    assert 0 <= preds[0] <= 1\n' } },
    { name: 'CI but only sanity bounds on the metric', status: 'unknown', shows: /CI is configured, but no test or script compares a metric/, files: { ...TRAINING, 'tests/test_model.py': 'def test_bounds(accuracy):\n    assert 0 <= accuracy <= 1\n', '.github/workflows/ci.yml': 'on: push\n' } },
    { name: 'no training', status: 'not-applicable', files: { 'app.py': 'print(1)\n', 'tests/test_app.py': 'def test_x(accuracy):\n    assert accuracy > 0.9\n' } },
  ],
  'secrets-managed': [
    { name: 'AWS Secrets Manager', status: 'pass', files: { 'config.py': 'import boto3\nsm = boto3.client("secretsmanager")\n' } },
    { name: 'load_dotenv with a committed .env', status: 'fail', git: true, shows: /committed with the code/, files: { 'app.py': `${SERVICE}from dotenv import load_dotenv\nload_dotenv()\n`, '.env': 'OPENAI_API_KEY=x\n' } },
    { name: 'load_dotenv with an untracked .env', status: 'unknown', git: true, shows: /loads a .env file/, files: { 'app.py': `${SERVICE}from dotenv import load_dotenv\nload_dotenv()\n`, '.gitignore': '.env\n', '.env': 'OPENAI_API_KEY=x\n' } },
    { name: 'an S3 client is not a secret manager', status: 'unknown', files: { 'config.py': 'import boto3\ns3 = boto3.client("s3")\n' } },
  ],
};

describe('production checklist items', () => {
  for (const [id, rows] of Object.entries(TABLE)) {
    describe(id, () => {
      for (const row of rows) {
        it(`${row.name} → ${row.status}`, async () => {
          const item = await itemOf(row.files, id, row.git ? { git: true } : {});
          assert.equal(item.status, row.status, `${item.summary}\n${JSON.stringify(item.evidence, null, 1)}`);
          if (row.shows) assert.match([item.summary, ...item.evidence.map((e) => e.message)].join('\n'), row.shows);
          if (row.hides) assert.doesNotMatch([item.summary, ...item.evidence.map((e) => e.message)].join('\n'), row.hides);
          if (row.status === 'unknown') assert.match(item.summary, /by hand/i);
          if (row.status === 'pass') assert.ok(item.evidence.some((e) => e.file), 'a pass names the file it saw');
          // The item names the files it read: every Python file of the project that is not a test, example or tooling.
          if (row.status !== 'not-applicable' && !item.summary.includes('could not be read')) for (const f of Object.keys(row.files).filter((f) => f.endsWith('.py') && !f.startsWith('tests/'))) assert.ok(item.lookedAt.files.includes(f), `${f} not in lookedAt ${JSON.stringify(item.lookedAt)}`);
        });
      }
    });
  }
});

describe('the Markdown copy stays short', () => {
  it('items that need attention first (fail, warn, unknown), passes and not-applicable items in one line each', async () => {
    const dir = initRepo({
      'app.py': `${FASTAPI}from dotenv import load_dotenv\nload_dotenv()\n@app.post("/predict")\ndef predict(payload: dict):\n    return payload\n@app.get("/health")\ndef health():\n    return {}\n`,
      '.env': 'OPENAI_API_KEY=x\n',
      'requirements.txt': 'fastapi==0.110.0\npython-dotenv==1.0.1\n',
    });
    commitAll(dir, 'init');
    const c = await computeChecklist({ root: dir, scope: 'workspace', rules: [], analyze: () => [] });
    const md = formatChecklistMarkdown(c);
    const lines = md.split('\n');
    const at = (re: RegExp) => lines.findIndex((l) => re.test(l));
    // The serving group: the warnings, before the unknown shutdown item.
    assert.ok(at(/^### ⚠️ Serving$/) > 0, md);
    assert.ok(at(/^- ⚠️ \*\*Inputs are validated/) < at(/^- ❔ \*\*Shutdown is graceful/), md);
    // Operations: the committed .env fails the secret-manager item.
    assert.match(md, /^- ❌ \*\*Credentials come from a secret manager\*\* — Credentials are loaded from a \.env file that is committed with the code\.$/m);
    // An unknown item shows what to check by hand, not where it looked.
    assert.equal(md.includes('looked in '), false, md);
    // Passes and not-applicable items: one line each, no item of theirs listed on its own.
    const passed = c.items.filter((i) => i.status === 'pass');
    assert.ok(passed.length > 0);
    assert.match(md, new RegExp(`^✅ \\*\\*Passed \\(${passed.length}\\):\\*\\* `, 'm'));
    for (const i of passed) assert.equal(lines.some((l) => l.startsWith(`- ✅ **${i.title}`)), false, i.title);
    assert.match(md, /^➖ \*\*Not applicable \(\d+\):\*\* .*Preprocessing and model are one object/m);
    // A group where everything passed or does not apply has no section.
    for (const g of c.groups) if (!c.items.some((i) => i.group === g.id && ['fail', 'warn', 'unknown'].includes(i.status))) assert.equal(md.includes(`### ✅ ${g.title}`), false);
  });
});
