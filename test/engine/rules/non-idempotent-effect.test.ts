import { nonIdempotentEffect } from '../../../server/src/engine/rules/non-idempotent-effect';
import { ruleTester, type InvalidCase } from '../ruleTester';

/** `code` is a body run inside a @retry function (line 4 onwards). */
const inRetry = (body: string) => `from tenacity import retry\nimport requests, httpx, aiohttp, os, stripe, smtplib, boto3\n@retry\ndef step(order_id, amount):\n${body.split('\n').map((l) => `    ${l}`).join('\n')}\n`;

/** One effect per library family, inside @retry; `line` 5 is the first body line. */
const families: [string, string, RegExp][] = [
  ['requests.post', 'requests.post(URL, json={"id": order_id})', /^POST inside @retry: a tenacity retry \(no stop, so until it succeeds\) sends it twice/],
  ['requests session', 's = requests.Session()\ns.post(URL, data=b"x")', /^POST inside @retry/],
  ['requests.request POST', 'requests.request("POST", URL)', /^POST inside @retry/],
  ['httpx', 'httpx.post(URL, json={})', /^POST inside @retry/],
  ['httpx client', 'with httpx.Client() as c:\n    c.patch(URL, json={})', /^PATCH inside @retry/],
  ['aiohttp', 'async with aiohttp.ClientSession() as session:\n    await session.post(URL)', /^POST inside @retry/],
  ['urllib', 'import urllib.request\nurllib.request.urlopen(URL, data=b"x")', /^POST inside @retry/],
  ['stripe', 'stripe.PaymentIntent.create(amount=amount, currency="eur")', /^Stripe request inside @retry: a tenacity retry \(no stop, so until it succeeds\) charges or creates it twice; pass idempotency_key=/],
  ['smtplib', 'with smtplib.SMTP("h") as smtp:\n    smtp.send_message(msg)', /^e-mail inside @retry/],
  ['ses', 'ses = boto3.client("ses")\nses.send_email(Source=a, Destination=b, Message=m)', /^e-mail inside @retry/],
  ['twilio', 'from twilio.rest import Client\nClient().messages.create(to=n, body="x")', /^SMS inside @retry/],
  ['slack', 'from slack_sdk import WebClient\nWebClient(token=t).chat_postMessage(channel="c", text="x")', /^chat message inside @retry/],
  ['sqs', 'boto3.client("sqs").send_message(QueueUrl=q, MessageBody="x")', /^SQS message inside @retry/],
  ['kafka', 'from kafka import KafkaProducer\np = KafkaProducer()\np.send("t", b"x")', /^Kafka message inside @retry/],
  ['celery delay', 'send_receipt.delay(order_id)', /^Celery task enqueue inside @retry/],
  ['sql insert', 'cur.execute("INSERT INTO orders VALUES (%s)", (order_id,))', /^SQL INSERT inside @retry: a tenacity retry \(no stop, so until it succeeds\) inserts the rows twice; make it an upsert/],
  ['sql f-string insert', 'cur.execute(f"insert into orders values ({order_id})")', /^SQL INSERT inside @retry/],
  ['sqlalchemy insert', 'from sqlalchemy import insert\nconn.execute(insert(orders).values(id=order_id))', /^SQL INSERT inside @retry/],
  ['mongo', 'db.orders.insert_one({"id": order_id})', /^document insert inside @retry/],
  ['vector store', 'store.add_documents(docs)', /^vector store insert inside @retry/],
  ['to_sql append', 'df.to_sql("orders", con, if_exists="append")', /^to_sql\(if_exists="append"\) inside @retry/],
  ['file append', 'with open("log.txt", "a") as f: f.write("x")', /^file append inside @retry: a tenacity retry \(no stop, so until it succeeds\) appends the lines twice; write the whole output once/],
  ['makedirs', 'os.makedirs("out")', /^mkdir inside @retry: a tenacity retry \(no stop, so until it succeeds\) fails with FileExistsError; pass exist_ok=True/],
  ['boto3 create', 'boto3.client("ec2").run_instances(ImageId=i, MinCount=1, MaxCount=1)', /^cloud resource creation inside @retry/],
];

const invalidFamilies: InvalidCase[] = families.map(([name, body, message]) => {
  const lines = body.split('\n');
  const line = 4 + lines.length; // the effect is on the last body line
  return { name, code: inRetry(body), errors: [{ line, message }] };
});

/** The same effect (requests.post) in each kind of place. */
const places: [string, string, number, RegExp][] = [
  ['backoff', 'import backoff, requests\n@backoff.on_exception(backoff.expo, Exception)\ndef f():\n    requests.post(U)\n', 4, /^POST inside @backoff.on_exception: a backoff retry \(no stop, so until it succeeds\)/],
  ['retry loop', 'import requests\nfor attempt in range(3):\n    try:\n        requests.post(U)\n        break\n    except Exception:\n        pass\n', 4, /^POST inside a retry loop/],
  ['adapter', 'import requests\nfrom requests.adapters import HTTPAdapter\nfrom urllib3.util import Retry\ns = requests.Session()\ns.mount("https://", HTTPAdapter(max_retries=Retry(allowed_methods=None)))\ns.post(U)\n', 6, /^POST inside an HTTPAdapter that retries POST\/PATCH/],
  ['langchain tool', 'import requests\nfrom langchain_core.tools import tool\n@tool\ndef f(q: str) -> str:\n    """Doc."""\n    return requests.post(U).text\n', 6, /^POST inside LangChain @tool: an agent that calls the tool again sends it twice/],
  ['langgraph node', 'import requests\nfrom langgraph.graph import StateGraph\ndef node(state):\n    requests.post(U)\ng = StateGraph(dict)\ng.add_node("n", node)\n', 4, /^POST inside LangGraph node/],
  ['crewai BaseTool', 'import requests\nfrom crewai.tools import BaseTool\nclass T(BaseTool):\n    def _run(self, q):\n        requests.post(U)\n', 5, /^POST inside CrewAI BaseTool/],
  ['openai agents', 'import requests\nfrom agents import function_tool\n@function_tool\ndef f(q: str):\n    requests.post(U)\n', 5, /^POST inside OpenAI Agents @function_tool/],
  ['livekit tool', 'import requests\nfrom livekit.agents import function_tool\n@function_tool\nasync def f(q: str):\n    requests.post(U)\n', 5, /^POST inside LiveKit @function_tool/],
  ['livekit tool: an async file append in a helper', 'import aiofiles\nfrom livekit.agents.llm import function_tool\nasync def write_row(p, row):\n    async with aiofiles.open(p, "a") as f:\n        await f.write(row)\n@function_tool()\nasync def disqualify(ctx, reason: str):\n    await write_row("out.csv", reason)\n', 4, /^file append in write_row\(\) called from LiveKit @function_tool/],
  ['celery', 'import requests\nfrom celery import shared_task\n@shared_task\ndef f():\n    requests.post(U)\n', 5, /^POST inside Celery task: a retried or re-sent Celery task sends it twice/],
  ['prefect', 'import requests\nfrom prefect import task\n@task(retries=2)\ndef f():\n    requests.post(U)\n', 5, /^POST inside Prefect task/],
  ['airflow operator', 'import requests\nfrom airflow.operators.python import PythonOperator\ndef f():\n    requests.post(U)\nPythonOperator(task_id="t", python_callable=f)\n', 4, /^POST inside Airflow operator callable/],
  ['temporal', 'import requests\nfrom temporalio import activity\n@activity.defn\nasync def f():\n    requests.post(U)\n', 5, /^POST inside Temporal activity/],
  ['kafka consumer', 'import requests\nfrom kafka import KafkaConsumer\nfor m in KafkaConsumer("t"):\n    requests.post(U)\n', 4, /^POST inside a queue consumer loop: a redelivered message sends it twice/],
  ['fastapi', 'import requests\nfrom fastapi import FastAPI\napp = FastAPI()\n@app.post("/orders")\ndef f():\n    requests.post(U)\n', 6, /^POST inside request handler: a client that retries the request sends it twice/],
  ['helper', 'import requests\nfrom celery import shared_task\ndef notify():\n    requests.post(U)\n@shared_task\ndef f():\n    notify()\n', 4, /^POST in notify\(\) called from Celery task/],
  ['dispatch table', 'import stripe\nfrom langchain_core.tools import tool\ndef create_refund(args):\n    stripe.Refund.create(charge=args["charge"])\nACTIONS = {"create_refund": create_refund}\n@tool\ndef run_action(name: str, args: dict) -> str:\n    """Run."""\n    ACTIONS[name](args)\n    return "ok"\n', 4, /called from LangChain @tool/],
  ['helper of a helper', 'import requests\nfrom celery import shared_task\ndef post_row(r):\n    requests.post(U, json=r)\ndef save(r):\n    post_row(r)\n@shared_task\ndef f(r):\n    save(r)\n', 4, /^POST in save\(\) called from Celery task/],
];

/**
 * Which re-run it is: the message names it with the options the decorator or registration
 * writes (issue 17: "a task with retries=0 still re-runs on worker crash for acks_late").
 * `requests.post(U)` is the last line of each case.
 */
const reruns: [string, string, RegExp][] = [
  ['tenacity stop=', 'from tenacity import retry, stop_after_attempt\n@retry(stop=stop_after_attempt(5))\ndef f():\n    requests.post(U)', /: a tenacity retry \(stop=stop_after_attempt\(5\)\) sends it twice;/],
  ['tenacity used as a call', 'from tenacity import retry, stop_after_attempt\ndef f():\n    requests.post(U)\ng = retry(stop=stop_after_attempt(2))(f)', /: a tenacity retry \(stop=stop_after_attempt\(2\)\) sends it twice;/],
  ['backoff max_tries=', 'import backoff\n@backoff.on_exception(backoff.expo, Exception, max_tries=3)\ndef f():\n    requests.post(U)', /: a backoff retry \(max_tries=3\) sends it twice;/],
  ['stamina default', 'import stamina\n@stamina.retry(on=Exception)\ndef f():\n    requests.post(U)', /: a stamina retry \(10 attempts by default\) sends it twice;/],
  ['Celery autoretry_for + max_retries', 'from celery import shared_task\n@shared_task(autoretry_for=(IOError,), max_retries=3)\ndef f():\n    requests.post(U)', /: a Celery retry \(autoretry_for=\(IOError,\), max_retries=3\) sends it twice;/],
  ['Celery acks_late', 'from celery import shared_task\n@shared_task(acks_late=True)\ndef f():\n    requests.post(U)', /: a redelivery after a worker crash \(acks_late=True\) sends it twice;/],
  ['Celery max_retries=0 with acks_late still re-runs on a worker crash', 'from celery import shared_task\n@shared_task(max_retries=0, acks_late=True)\ndef f():\n    requests.post(U)', /inside Celery task: a redelivery after a worker crash \(acks_late=True\) sends it twice;/],
  ['Celery retries and acks_late', 'from celery import Celery\napp = Celery()\n@app.task(max_retries=5, acks_late=True)\ndef f():\n    requests.post(U)', /: a Celery retry \(max_retries=5\) or a redelivery after a worker crash \(acks_late=True\) sends it twice;/],
  ['Celery self.retry()', 'from celery import shared_task\n@shared_task(bind=True)\ndef f(self):\n    try:\n        pass\n    except IOError as e:\n        raise self.retry(exc=e)\n    requests.post(U)', /: a Celery retry \(self\.retry\(\)\) sends it twice;/],
  ['Prefect retries=2', 'from prefect import task\n@task(retries=2)\ndef f():\n    requests.post(U)', /inside Prefect task: a Prefect retry \(retries=2\) sends it twice;/],
  ['Prefect retries=0', 'from prefect import task\n@task(retries=0)\ndef f():\n    requests.post(U)', /inside Prefect task: a re-run of the flow sends it twice;/],
  ['Airflow task retries=3', 'from airflow.decorators import task\n@task(retries=3)\ndef f():\n    requests.post(U)', /inside Airflow task: an Airflow retry \(retries=3\) sends it twice;/],
  ['Airflow operator retries= on the registration', 'from airflow.operators.python import PythonOperator\ndef f():\n    requests.post(U)\nPythonOperator(task_id="t", python_callable=f, retries=2)', /inside Airflow operator callable: an Airflow retry \(retries=2\) sends it twice;/],
  ['Temporal activity', 'from temporalio import activity\n@activity.defn\nasync def f():\n    requests.post(U)', /: Temporal's default activity retry \(until it succeeds\) sends it twice;/],
  ['Dramatiq default', 'import dramatiq\n@dramatiq.actor\ndef f():\n    requests.post(U)', /: a Dramatiq retry \(20 by default\) sends it twice;/],
  ['Dramatiq max_retries=0', 'import dramatiq\n@dramatiq.actor(max_retries=0)\ndef f():\n    requests.post(U)', /: a redelivery after a worker crash sends it twice;/],
  ['RQ enqueue with retry=', 'from rq import Queue, Retry\ndef f():\n    requests.post(U)\nQueue().enqueue(f, retry=Retry(max=3))', /inside RQ job: an RQ retry \(retry=Retry\(max=3\)\) sends it twice;/],
  ['Ray task', 'import ray\n@ray.remote(max_retries=2)\ndef f():\n    requests.post(U)', /: a Ray retry \(max_retries=2\) sends it twice;/],
  ['LangGraph node with a retry policy', 'from langgraph.graph import StateGraph\nfrom langgraph.types import RetryPolicy\ndef node(state):\n    requests.post(U)\ng = StateGraph(dict)\ng.add_node("n", node, retry=RetryPolicy(max_attempts=3))', /: a LangGraph retry \(retry=RetryPolicy\(max_attempts=3\)\) sends it twice;/],
  ['agent tool', 'from langchain_core.tools import tool\n@tool\ndef f(q: str) -> str:\n    """Doc."""\n    requests.post(U)', /: an agent that calls the tool again sends it twice;/],
  ['webhook route', 'from fastapi import FastAPI\napp = FastAPI()\n@app.post("/stripe/webhook")\ndef f():\n    requests.post(U)', /inside request handler: the sender redelivering the webhook sends it twice;/],
  ['AWS Lambda', 'def lambda_handler(event, context):\n    requests.post(U)', /: a Lambda retry of an asynchronous invocation \(twice by default\) sends it twice;/],
  ['retry loop', 'for attempt in range(3):\n    try:\n        requests.post(U)\n        break\n    except Exception:\n        pass', /: the next attempt of the retry loop sends it twice;/],
];

/** By-name routing: a re-run place reaches an effect through `getattr` or a routing method. */
const toolkit = (run: string, tool: string) =>
  [
    'import stripe',
    'from langchain_core.tools import tool',
    'class Toolkit:',
    '    def create_refund(self, charge):',
    '        return stripe.Refund.create(charge=charge)',
    '    def list_refunds(self):',
    '        return stripe.Refund.list()',
    '    def run(self, method, args):',
    `        ${run}`,
    'kit = Toolkit()',
    '@tool',
    'def refund_tool(args: dict) -> str:',
    '    """Refund."""',
    `    ${tool}`,
    '    return "ok"',
  ].join('\n') + '\n';

/** POSTs that are reads by their endpoint or body (one per kind of read), inside @retry. */
const readPosts: [string, string][] = [
  ['chat completions, base + path', 'API = "https://api.openai.com/v1"\nrequests.post(API + "/chat/completions", json=body)'],
  ['completions in an f-string', 'requests.post(f"{base}/v1/completions", json=body)'],
  ['embeddings via httpx', 'httpx.post("http://localhost:8080/embeddings", json={"input": order_id})'],
  ['TF-Serving :predict', 'requests.post(f"http://serving:8501/v1/models/{name}:predict", json={"instances": [1]})'],
  ['SageMaker invocations', 'requests.post(ENDPOINT_BASE + "/invocations", data=b"x")'],
  ['Vertex generateContent', 'requests.post(f"https://aiplatform.googleapis.com/v1/{model}:generateContent", json=req)'],
  ['inference body, unknown URL', 'requests.post(endpoint, json={"model": "m", "messages": [{"role": "user"}]})'],
  ['inference body in a name', 'payload = {"model": "m", "prompt": "hi"}\nrequests.post(url, json=payload)'],
  ['search API', 'requests.post("https://api.tavily.com/search", json={"query": "q"})'],
  ['Elasticsearch _search', 'requests.post(f"{ES}/orders/_search", json={"query": {}})'],
  ['headless browser /content', 'requests.post(f"{BROWSER_URL}/content?token={TOKEN}", json={"url": page})'],
  ['OCR', 'requests.post("https://ocr.example.com/v1/ocr", files={"f": img})'],
  ['OAuth token', 'TOKEN_URL = "https://login.example.com/oauth2/v2.0/token"\nrequests.post(TOKEN_URL, data={"grant_type": "client_credentials"})'],
  ['polling a result', 'requests.post(f"{base}/images/fetch/{order_id}", json={"key": k})'],
  ['status poll', 'requests.post(base + "/jobs/" + str(order_id) + "/status")'],
  ['E-utilities efetch (urljoin)', 'from urllib.parse import urljoin\nrequests.post(urljoin(EUTILS, "efetch.fcgi"), data={"id": ids})'],
  ['joined constants', 'HOST = "https://api.example.com"\nPATH = "/v1/embeddings"\nrequests.post(HOST + PATH, json={})'],
  ['GraphQL query', 'requests.post("https://api.github.com/graphql", json={"query": "query { viewer { login } }"})'],
  ['requests.request("POST", …)', 'requests.request("POST", "https://api.example.com/search", json={})'],
  ['urllib Request to an inference endpoint', 'import urllib.request\nreq = urllib.request.Request(API + "/chat/completions")\nurllib.request.urlopen(req, data=b"x")'],
  ['Anthropic messages', 'httpx.post("https://api.anthropic.com/v1/messages", json=body)'],
];

/** POSTs to endpoints that change something, or that the code does not show: still reported. */
const writePosts: [string, string][] = [
  ['unknown endpoint', 'requests.post(url, json={"id": order_id})'],
  ['a collection that creates', 'requests.post(f"{base}/rest/api/content", json=page)'],
  ['GraphQL mutation', 'requests.post("https://api.github.com/graphql", json={"query": "mutation { addStar(input: {}) { clientMutationId } }"})'],
  ['messages on another host', 'requests.post(f"{base}/v1/messages", json={"to": order_id})'],
  ['an endpoint hidden behind a hole', 'requests.post(f"{base}/{endpoint}", json={})'],
  ['issue comment', 'requests.post(f"https://api.github.com/repos/{repo}/issues/{order_id}/comments", json={"body": "x"})'],
];

/** A Celery task calling `helper(session, k)` from `db.py` (`db` is the helper's module text). */
const viaHelper = (db: string) => ({
  files: { 'db.py': `from sqlalchemy.orm import Session\nfrom models import User, Team\n\n${db}` },
  code: 'from celery import shared_task\nfrom sqlalchemy.orm import Session\nfrom db import save_user\n@shared_task\ndef f(engine, k):\n    with Session(engine) as session:\n        save_user(session, k)\n',
});
/** A LiveKit task whose `@function_tool` method books through `self._db` (`db.py` is `db`). */
const viaStore = (db: string) => ({
  files: { 'hotel_db.py': `import apsw\n\n${db}` },
  code: 'from hotel_db import HotelDB\nfrom livekit.agents.llm import function_tool\nclass BookRoom:\n    def __init__(self, db: HotelDB) -> None:\n        self._db = db\n    @function_tool()\n    async def confirm_booking(self, guest: str) -> str:\n        booking = await self._db.book_room(guest=guest)\n        return booking\n',
});
/** An INSERT through a module helper, in a method of the store class (hotel_db.py line 10). */
const HOTEL_DB = 'def _insert(conn: apsw.Connection, table: str, row: dict) -> int:\n    conn.execute(f"INSERT INTO {table} VALUES (:guest)", row)\n    return conn.last_insert_rowid()\n\nclass HotelDB:\n    def __init__(self, conn: apsw.Connection) -> None:\n        self._conn = conn\n    async def book_room(self, *, guest: str):\n        with self._conn:\n            return _insert(self._conn, "bookings", {"guest": guest})\n    async def rooms(self):\n        return self._conn.execute("SELECT * FROM rooms").fetchall()\n';
/** An Airflow task calling a classmethod of a project model whose session comes from a project helper. */
const harvest = (database: string) => ({
  files: {
    'pkg/__init__.py': '',
    'pkg/database.py': `from sqlalchemy import create_engine\nfrom sqlalchemy.orm import sessionmaker\n\n${database}`,
    'pkg/models.py': 'from sqlalchemy.orm import declarative_base\nfrom pkg.database import get_session\n\nBase = declarative_base()\n\nclass Harvest(Base):\n    @classmethod\n    def create(cls, is_full=False):\n        with get_session("rialto").begin() as session:\n            harvest = cls(is_full=is_full)\n            session.add(harvest)\n        return harvest\n',
  },
  filename: 'pkg/dag.py',
  code: 'from airflow.sdk import task\nfrom pkg.models import Harvest\n\n@task()\ndef setup():\n    return Harvest.create(is_full=True).id\n',
});

/** A Django Celery task whose body is `body` (line 5 onwards). */
const djangoTask = (body: string) => `from celery import shared_task\nfrom .models import Channel, Episode\n@shared_task\ndef refresh(rss):\n${body.split('\n').map((l) => `    ${l}`).join('\n')}\n`;

/**
 * A Django task in `feeds/tasks.py` inserting `Episode` rows, with `feeds/models.py` declaring
 * `episodeBody` (the class body's lines): does the model's unique key refuse a second insert?
 */
const uniqueModel = (episodeBody: string, call = 'Episode.objects.bulk_create([Episode(guid=g) for g in guids])') => ({
  files: { 'feeds/__init__.py': '', 'feeds/models.py': `from django.db import models\n\nclass Episode(models.Model):\n${episodeBody.split('\n').map((l) => `    ${l}`).join('\n')}\n` },
  filename: 'feeds/tasks.py',
  code: `from celery import shared_task\nfrom .models import Episode\n\n@shared_task(autoretry_for=(Exception,))\ndef refresh(guids):\n    ${call}\n`,
});
/** A helper in `feeds/store.py` doing the insert, called from the task (reported at the call, line 6). */
const uniqueModelViaHelper = (episodeBody: string) => ({
  files: { ...uniqueModel(episodeBody).files, 'feeds/store.py': 'from feeds.models import Episode\n\ndef save(guids):\n    Episode.objects.bulk_create([Episode(guid=g) for g in guids])\n' },
  filename: 'feeds/tasks.py',
  code: 'from celery import shared_task\nfrom feeds.store import save\n\n@shared_task(autoretry_for=(Exception,))\ndef refresh(guids):\n    save(guids)\n',
});

/** A Celery task with autoretry (options `opts`) whose body is `body` (line 5 onwards). */
const retriedTask = (body: string, opts = 'autoretry_for=(Exception,)') => `import logging\nfrom celery import shared_task\nfrom .tasks import refresh_one\n@shared_task(${opts})\ndef refresh_all(urls):\n${body.split('\n').map((l) => `    ${l}`).join('\n')}\n`;
const FAN_OUT = 'for url in urls:\n    try:\n        refresh_one.delay(url)\n        print(f"queued {url}")\n    except Exception as e:\n        logging.warning("could not queue %s: %s", url, str(e))';

ruleTester.run(nonIdempotentEffect, {
  valid: [
    // Only an escaping exception runs these again; the enqueue's failure is caught and nothing after it raises.
    { name: 'Celery autoretry: a fan-out whose every enqueue is wrapped in try/except Exception that logs', code: retriedTask(FAN_OUT) },
    { name: 'tenacity @retry: a POST in try/except: pass, then a bare return', code: 'import requests\nfrom tenacity import retry\n@retry\ndef notify(u):\n    try:\n        requests.post(u, json={})\n    except:\n        pass\n    return None\n' },
    // The database refuses the second copy: a retry fails with IntegrityError, it adds no row.
    { name: 'Django: bulk_create of a model with a unique field its rows carry', ...uniqueModel('guid = models.TextField(unique=True)\ntitle = models.TextField()') },
    { name: 'Django: create of a model with a OneToOneField', ...uniqueModel('user = models.OneToOneField("auth.User", on_delete=models.CASCADE)', 'Episode.objects.create(user=u)') },
    { name: 'Django: Meta.unique_together', ...uniqueModel('feed = models.ForeignKey("Feed", on_delete=models.CASCADE)\nguid = models.TextField()\n\nclass Meta:\n    unique_together = [("feed", "guid")]') },
    { name: 'Django: a UniqueConstraint in Meta.constraints', ...uniqueModel('guid = models.TextField()\n\nclass Meta:\n    constraints = [models.UniqueConstraint(fields=["guid"], name="one_guid")]') },
    { name: 'Django: the unique model reached through a project helper', ...uniqueModelViaHelper('guid = models.CharField(max_length=200, unique=True)') },
    {
      name: 'Django: a unique model defined in the task module itself',
      code: 'from celery import shared_task\nfrom django.db import models\n\nclass Episode(models.Model):\n    guid = models.TextField(unique=True)\n\n@shared_task\ndef refresh(guids):\n    Episode.objects.bulk_create([Episode(guid=g) for g in guids])\n',
    },
    { name: 'Django: bulk_create of rows each added only when .filter().exists() says missing (a hand-written get-or-create)', code: djangoTask('new = []\nfor t in rss.titles:\n    if not Channel.objects.filter(title=t).exists():\n        new.append(Channel(title=t))\nChannel.objects.bulk_create(new)') },
    { name: 'Django: rows collected in the else branch of an existence check (.first())', code: djangoTask('rows = []\nfor t in rss.titles:\n    if Channel.objects.filter(title=t).first():\n        continue\n    rows.append(Channel(title=t))\nChannel.objects.bulk_create(rows)') },
    { name: 'mutually recursive helpers that no re-run place calls', code: 'import requests\ndef a(n):\n    requests.post(U)\n    b(n)\ndef b(n):\n    a(n - 1)\n' },
    'import redis\nfrom celery import shared_task\nr = redis.Redis()\n@shared_task\ndef f(k):\n    r.set(k, 1)\n    return r.lrange("jobs", 0, -1)',
    {
      name: 'an imported helper that only reads, or guards its effect, is not reported',
      files: { 'helpers.py': 'import os\nimport requests\n\ndef fetch(u):\n    return requests.get(u)\n\ndef ensure(p):\n    if not os.path.exists(p):\n        os.mkdir(p)\n' },
      code: 'from celery import shared_task\nfrom helpers import ensure, fetch\n@shared_task\ndef f(u):\n    fetch(u)\n    ensure("out")\n',
    },
    {
      name: 'an imported helper that cannot be parsed is unknown, not a finding',
      files: { 'helpers.py': 'def send(:\n    requests.post(\n' },
      code: 'from celery import shared_task\nfrom helpers import send\n@shared_task\ndef f():\n    send()\n',
    },
    {
      name: 'a store method that only reads, reached through an annotated self attribute',
      files: viaStore(HOTEL_DB).files,
      code: 'from hotel_db import HotelDB\nfrom livekit.agents.llm import function_tool\nclass BookRoom:\n    def __init__(self, db: HotelDB) -> None:\n        self._db = db\n    @function_tool()\n    async def list_rooms(self) -> str:\n        return await self._db.rooms()\n',
    },
    { name: 'a project helper whose returns disagree gives an unknown session', ...harvest('def get_session(name: str):\n    if name:\n        return sessionmaker(create_engine(name))\n    return None\n') },
    { name: 'a project helper that is a generator gives an unknown session', ...harvest('def get_session(name: str):\n    yield sessionmaker(create_engine(name))\n') },
    {
      name: 'project helpers that return each other (an import cycle) are unknown, never a hang',
      ...harvest(''),
      files: {
        ...harvest('').files,
        'pkg/database.py': 'from pkg.models import make\ndef get_session(name: str):\n    return make(name)\n',
        'pkg/models.py': 'from pkg.database import get_session\n\ndef make(name):\n    return get_session(name)\n\nclass Harvest:\n    @classmethod\n    def create(cls, is_full=False):\n        with get_session("rialto").begin() as session:\n            session.add(cls())\n',
      },
    },
    // evidence of idempotency
    inRetry('requests.post(URL, headers={"Idempotency-Key": str(order_id)})'),
    inRetry('h = {"Idempotency-Key": k}\nrequests.post(URL, headers=h)'),
    inRetry('stripe.PaymentIntent.create(amount=amount, currency="eur", idempotency_key=f"pay-{order_id}")'),
    inRetry('boto3.client("sqs").send_message(QueueUrl=q, MessageBody="x", MessageDeduplicationId=str(order_id))'),
    inRetry('cur.execute("INSERT INTO t VALUES (%s) ON CONFLICT (id) DO NOTHING", (order_id,))'),
    inRetry('cur.execute("INSERT OR IGNORE INTO t VALUES (?)", (order_id,))'),
    inRetry('from sqlalchemy.dialects.postgresql import insert\nconn.execute(insert(t).values(id=1).on_conflict_do_nothing())'),
    inRetry('os.makedirs("out", exist_ok=True)'),
    inRetry('store.add_documents(docs, ids=[d.id for d in docs])'),
    inRetry('df.to_sql("t", con, if_exists="replace")'),
    inRetry('boto3.client("ec2").run_instances(ImageId=i, MinCount=1, MaxCount=1, ClientToken=str(order_id))'),
    inRetry('requests.post(URL, **kwargs)'),
    // guards
    inRetry('if not os.path.exists("out"):\n    os.mkdir("out")'),
    inRetry('if already_sent(order_id):\n    return\nrequests.post(URL)'),
    inRetry('try:\n    cur.execute("INSERT INTO t VALUES (1)")\nexcept IntegrityError:\n    pass'),
    // check-then-create: a lookup of the same model before the insert, with a branch on its result
    { name: 'guard in a helper: `row is None` after a query of the same model', ...viaHelper('def save_user(session: Session, k):\n    row = session.query(User).filter_by(sunet=k).first()\n    if row is None:\n        session.add(User(sunet=k))\n') },
    { name: 'guard in a helper: the else branch of `if user:`', ...viaHelper('def save_user(session: Session, k):\n    user = session.query(User).filter(User.sunet == k).one_or_none()\n    if user:\n        user.seen = True\n    else:\n        user = User(sunet=k)\n        session.add(user)\n') },
    { name: 'guard in a helper: an early return when the lookup finds the row', ...viaHelper('def save_user(session: Session, k):\n    found = session.get(User, k)\n    if found:\n        return found\n    session.add(User(sunet=k))\n') },
    { name: 'guard in a helper: the lookup in the condition itself', ...viaHelper('from sqlalchemy import select\ndef save_user(session: Session, k):\n    if session.scalars(select(User).where(User.sunet == k)).first() is None:\n        session.add(User(sunet=k))\n') },
    { name: 'guard in a helper: re-adding a looked-up row saves an update, it inserts nothing', ...viaHelper('def save_user(session: Session, k, name):\n    user = session.query(User).filter_by(sunet=k).first()\n    if user is None:\n        session.add(User(sunet=k, name=name))\n        return\n    user.name = name\n    session.add(user)\n') },
    { name: 'Django: create in a bare except after a get of the same model', code: djangoTask('try:\n    ch = Channel.objects.get(rss=rss)\n    ch.title = "t"\nexcept:\n    ch = Channel.objects.create(rss=rss)') },
    { name: 'Django: create in the DoesNotExist handler of a get of the same model', code: djangoTask('try:\n    ch = Channel.objects.get(rss=rss)\nexcept Channel.DoesNotExist:\n    ch = Channel.objects.create(rss=rss)') },
    { name: 'Django: create in an `except Exception as e` handler after a get of the same model', code: djangoTask('try:\n    ch = Channel.objects.get(rss=rss)\nexcept (Exception) as e:\n    ch = Channel.objects.create(rss=rss)') },
    { name: 'Django: the lookup in an `if not …first()` test, and get_or_create', code: djangoTask('ch = Channel.objects.filter(rss=rss).first()\nif not ch:\n    Channel.objects.create(rss=rss)\nEpisode.objects.get_or_create(guid=rss)') },
    // not effects: reads, overwrites, idempotent methods
    inRetry('requests.get(URL)'),
    inRetry('requests.put(URL, json={})'),
    inRetry('requests.delete(URL)'),
    inRetry('with open("out.txt", "w") as f:\n    f.write("x")'),
    inRetry('df.to_csv("out.csv")'),
    inRetry('cur.execute("SELECT * FROM t")'),
    inRetry('db.orders.update_one({"id": 1}, {"$set": {}}, upsert=True)'),
    inRetry('boto3.client("s3").generate_presigned_url("get_object")'),
    inRetry('boto3.client("s3").create_presigned_post("b", "k")'),
    // not a place that runs again
    'import requests\nrequests.post(URL)\n',
    'import requests\ndef f():\n    requests.post(URL)\nf()\n',
    'import requests\nfor item in items:\n    requests.post(URL, json=item)\n',
    { name: 'notebook: GET and overwrite are fine', cells: ['import requests\nr = requests.get(U)\ndf.to_csv("x.csv")\nwith open("x", "w") as f:\n    f.write("y")'] },
    { name: 'by name: a routing call whose name is not a literal reaches nothing', code: toolkit('return getattr(self, method)(**args)', 'kit.run(args["method"], args)') },
    { name: 'by name: a literal naming a read only', code: toolkit('return getattr(self, method)(**args)', 'kit.run("list_refunds", args)') },
    { name: 'by name: getattr on a name from input is unknown', code: toolkit('pass', 'getattr(kit, args["m"])(args)') },
    { name: 'notebook: function never called at top level', cells: ['import requests\ndef f():\n    requests.post(U)'] },
    { name: 'config: ignore-effects', code: inRetry('send_receipt.delay(order_id)'), config: { idempotency: { 'ignore-effects': ['*.delay'] } } },
    // POSTs that are reads by their endpoint (TAXONOMY I-effect): inference, OCR, search, scrape, token, status
    ...readPosts.map(([name, body]) => ({ name: `read POST: ${name}`, code: inRetry(body) })),
    {
      name: 'read POST: self.api_base set once in the class, and an inference body',
      code: 'import backoff, requests\nclass LM:\n    def __init__(self):\n        self.url = "https://api.example.com/v1/completions"\n    @backoff.on_exception(backoff.expo, Exception)\n    def ask(self, p):\n        return requests.post(self.url, json={"prompt": p})\n',
    },
    { name: 'notebook: an inference POST is not even a hint', cells: ['import requests\nr = requests.post("http://localhost:8000/v1/chat/completions", json=p)'] },
    // SDK reads win over effect patterns no more specific
    {
      name: 'SDK inference calls are reads, even under a broad user pattern',
      code: inRetry('from openai import OpenAI\nimport anthropic\nclient = OpenAI()\nclient.chat.completions.create(model="m", messages=[])\nclient.responses.create(model="m", input="q")\nclient.embeddings.create(model="m", input="q")\nanthropic.Anthropic().messages.create(model="m", messages=[])'),
      config: { idempotency: { effects: [{ callees: ['*.create'], effect: 'create' }] } },
    },
    // Kafka consumer loops
    {
      name: 'transactional consume-produce loop (exactly once)',
      code: 'from confluent_kafka import Consumer, Producer\nc = Consumer({})\np = Producer({"transactional.id": "t"})\np.init_transactions()\nwhile True:\n    msg = c.poll(1.0)\n    if msg is None:\n        continue\n    p.begin_transaction()\n    p.produce("out", msg.value())\n    p.send_offsets_to_transaction(c.position(c.assignment()), c.consumer_group_metadata())\n    p.commit_transaction()\n',
    },
    {
      name: 'a producer on a timer in a polling loop does not react to consumed messages',
      code: 'import time\nfrom confluent_kafka import Consumer, Producer\nc = Consumer({})\np = Producer({})\nwhile time.time() < end:\n    p.produce("t", value=f"tick {time.time()}")\n    p.poll(0)\n    m = c.poll(1.0)\n    if m is None:\n        pass\n    else:\n        print(m.value())\n    time.sleep(1)\n',
    },
  ],
  invalid: [
    // A retry can still follow the effect: a statement after it may raise, the handler re-raises,
    // catches too little, or the place re-runs for other reasons.
    ...(
      [
        ['a call after the try may raise', `${FAN_OUT}\nrefresh_summary()`, undefined, 8],
        ['the handler re-raises', 'for url in urls:\n    try:\n        refresh_one.delay(url)\n    except Exception:\n        raise', undefined, 8],
        ['the handler catches one error only', 'for url in urls:\n    try:\n        refresh_one.delay(url)\n    except ConnectionError:\n        pass', undefined, 8],
        ['inside a with block (its exit can fail)', 'with lock:\n    try:\n        refresh_one.delay(urls)\n    except Exception:\n        pass', undefined, 8],
        ['acks_late=True: a crash redelivers it whatever is caught', FAN_OUT, 'autoretry_for=(Exception,), acks_late=True', 8],
        ['a finally clause', 'try:\n    refresh_one.delay(urls)\nexcept Exception:\n    pass\nfinally:\n    close()', undefined, 7],
      ] as const
    ).map(([name, body, opts, line]) => ({ name: `Celery: ${name}`, code: retriedTask(body, opts), errors: [{ line, message: /^Celery task enqueue inside Celery task/ }] })),
    { name: 'tenacity retrying on a returned value too: the swallowed POST may be repeated', code: 'import requests\nfrom tenacity import retry, retry_if_result\n@retry(retry=retry_if_result(lambda r: r is None))\ndef notify(u):\n    try:\n        requests.post(u, json={})\n    except Exception:\n        pass\n', errors: [{ line: 6, message: /^POST inside @retry/ }] },
    { name: 'an agent tool re-runs when the agent calls it again, caught or not', code: 'import requests\nfrom langchain_core.tools import tool\n@tool\ndef post_it(u: str) -> str:\n    try:\n        requests.post(u, json={})\n    except Exception:\n        pass\n    return "ok"\n', errors: [{ line: 6, message: /^POST inside LangChain @tool/ }] },
    // A unique key that fills itself in, may be NULL, is the primary key or holds only under a
    // condition does not make a second insert fail.
    ...(
      [
        ['unique with a default (a fresh UUID per row)', 'uid = models.UUIDField(unique=True, default=uuid.uuid4)'],
        ['unique but nullable (NULLs never collide)', 'guid = models.TextField(unique=True, null=True)'],
        ['a unique primary key (auto-numbered unless given)', 'id = models.BigAutoField(primary_key=True, unique=True)'],
        ['a conditional UniqueConstraint', 'guid = models.TextField()\nlive = models.BooleanField()\n\nclass Meta:\n    constraints = [models.UniqueConstraint(fields=["guid"], condition=models.Q(live=True), name="g")]'],
        ['no unique key at all', 'guid = models.TextField()'],
      ] as const
    ).map(([name, body]) => ({ name: `Django: ${name}`, ...uniqueModel(body), errors: [{ line: 6, message: /^Django create inside Celery task/ }] })),
    { name: 'Django: a model without a unique key reached through a project helper', ...uniqueModelViaHelper('guid = models.TextField()'), errors: [{ line: 6, message: /^Django create in save\(\) \(feeds\/store\.py:4\) called from Celery task/ }] },
    {
      name: 'a Redis list push and a Brevo e-mail in a retried task',
      code: 'import redis\nimport sib_api_v3_sdk\nfrom celery import shared_task\nr = redis.Redis()\napi = sib_api_v3_sdk.TransactionalEmailsApi()\n@shared_task\ndef f(job):\n    r.lpush("jobs", job)\n    api.send_transac_email(job)\n',
      errors: [{ line: 8, column: 5, endColumn: 12, message: /^Redis queue push inside Celery task: a retried or re-sent Celery task pushes it twice/ }, { line: 9, column: 5, endColumn: 27, message: /^e-mail inside Celery task/ }],
    },
    {
      name: 'an effect one module away: a Celery task calls an imported helper that posts',
      files: { 'app/__init__.py': '', 'app/chat.py': 'import requests\n\ndef notify_channel(text):\n    requests.post("https://hooks.example.com/x", json={"text": text})\n' },
      filename: 'app/tasks.py',
      code: 'from celery import shared_task\nfrom app.chat import notify_channel\n@shared_task\ndef f(order):\n    notify_channel(order)\n',
      errors: [{ line: 5, column: 5, endColumn: 19, message: /^POST in notify_channel\(\) \(app\/chat\.py:4\) called from Celery task: a retried or re-sent Celery task sends it twice/, severity: 'hint' }],
    },
    {
      name: 'two modules away, through a relative import and a method of an imported class',
      files: {
        'svc/__init__.py': '',
        'svc/repo.py': 'from .db import insert_row\n\nclass Orders:\n    def save(self, o):\n        insert_row(o)\n',
        'svc/db.py': 'import requests\n\ndef insert_row(o):\n    requests.post("https://db.example.com/rows", json=o)\n',
      },
      filename: 'svc/worker.py',
      code: 'from tenacity import retry\nfrom .repo import Orders\n@retry\ndef handle(o):\n    Orders().save(o)\n',
      errors: [{ line: 5, column: 5, endColumn: 18, message: /^POST in Orders\(\)\.save\(\) \(svc\/db\.py:4\) called from @retry/, severity: 'hint' }],
    },
    {
      name: 'a LiveKit tool method books through an annotated self attribute: an INSERT in a helper of the store module',
      ...viaStore(HOTEL_DB),
      errors: [{ line: 8, column: 25, endColumn: 43, message: /^SQL INSERT in .*book_room\(\) \(hotel_db\.py:4\) called from LiveKit @function_tool/ }],
    },
    {
      name: 'an Airflow task calls a classmethod of a project model whose session a project helper makes (sessionmaker.begin)',
      ...harvest('def get_session(name: str):\n    return sessionmaker(create_engine(name))\n'),
      errors: [{ line: 6, column: 12, endColumn: 26, message: /^ORM insert in Harvest\.create\(\) \(pkg\/models\.py:11\) called from Airflow task/ }],
    },
    {
      name: 'Airflow: a TaskFlow DAG whose default_args (a project function\'s dict) set no retries: the task re-runs only when a person clears it, and the message says so',
      files: { 'pkg/__init__.py': '', 'pkg/alerts.py': 'def default_args():\n    return {"email_on_failure": True, "on_failure_callback": print}\n' },
      filename: 'pkg/dag.py',
      code: 'import requests\nfrom airflow.sdk import dag, task\nfrom pkg.alerts import default_args\n\n@dag(schedule="@weekly", default_args=default_args())\ndef harvest():\n    @task()\n    def setup():\n        requests.post(U, json={"start": True})\n    setup()\n',
      errors: [{ line: 9, severity: 'warning', message: /^POST inside Airflow task: a person who clears or re-triggers the task \(no retries are configured\) sends it twice;/ }],
    },
    {
      name: 'Airflow: default_args with retries (a dict bound to a name, a DAG in a with block): an Airflow retry, a warning',
      code: 'import requests\nfrom airflow import DAG\nfrom airflow.operators.python import PythonOperator\nargs = {"owner": "data", "retries": 2}\ndef post():\n    requests.post(U)\nwith DAG("d", default_args=args) as d:\n    PythonOperator(task_id="t", python_callable=post)\n',
      errors: [{ line: 6, severity: 'warning', message: /an Airflow retry or a cleared task sends it twice/ }],
    },
    {
      name: 'Airflow: default_args spread from elsewhere (**base) may set retries: a warning',
      code: 'import requests\nfrom airflow import DAG\nfrom airflow.operators.python import PythonOperator\nfrom common import base\ndef post():\n    requests.post(U)\nwith DAG("d", default_args={**base, "owner": "x"}) as d:\n    PythonOperator(task_id="t", python_callable=post)\n',
      errors: [{ line: 6, severity: 'warning' }],
    },
    {
      name: 'Airflow: retries=0 on the task itself: a cleared or re-triggered task',
      code: 'import requests\nfrom airflow.decorators import task\n@task(retries=0)\ndef f():\n    requests.post(U)\n',
      errors: [{ line: 5, severity: 'warning', message: /inside Airflow task: a cleared or re-triggered task sends it twice/ }],
    },
    {
      name: 'Airflow: no retries in the code, but the configuration sets default_task_retries: a warning',
      files: { 'docker-compose.yaml': 'services:\n  scheduler:\n    environment:\n      AIRFLOW__CORE__DEFAULT_TASK_RETRIES: "2"\n' },
      code: 'import requests\nfrom airflow.sdk import dag, task\n@dag(schedule=None)\ndef d():\n    @task()\n    def f():\n        requests.post(U)\n    f()\n',
      errors: [{ line: 7, severity: 'warning', message: /an Airflow retry or a cleared task/ }],
    },
    {
      name: 'Airflow: a DAG with no default_args and a project model insert one module away: who re-runs it',
      ...harvest('def get_session(name: str):\n    return sessionmaker(create_engine(name))\n'),
      code: 'from airflow.sdk import dag, task\nfrom pkg.models import Harvest\n\n@dag(schedule=None)\ndef d():\n    @task()\n    def setup():\n        return Harvest.create(is_full=True).id\n    setup()\n',
      errors: [{ line: 8, severity: 'warning', message: /^ORM insert in Harvest\.create\(\) \(pkg\/models\.py:11\) called from Airflow task: a person who clears or re-triggers the task/ }],
    },
    { name: 'bulk_create of a list with one unguarded append is no guard', code: djangoTask('new = []\nfor t in rss.titles:\n    if not Channel.objects.filter(title=t).exists():\n        new.append(Channel(title=t))\n    new.append(Episode(guid=t))\nChannel.objects.bulk_create(new)'), errors: [{ line: 10, message: /^Django create inside Celery task/ }] },
    { name: 'bulk_create of a list built without any check is no guard', code: djangoTask('new = [Channel(title=t) for t in rss.titles]\nChannel.objects.bulk_create(new)'), errors: [{ line: 6, message: /^Django create inside Celery task/ }] },
    { name: 'a list the function was given (not built here) is no guard', code: djangoTask('for t in rss.titles:\n    if not Channel.objects.filter(title=t).exists():\n        rss.new.append(Channel(title=t))\nChannel.objects.bulk_create(rss.new)'), errors: [{ line: 8, message: /^Django create inside Celery task/ }] },
    {
      name: 'check-then-create of ANOTHER model is no guard (helper one module away)',
      ...viaHelper('def save_user(session: Session, k):\n    team = session.query(Team).filter_by(name=k).first()\n    if team is None:\n        session.add(User(sunet=k))\n'),
      errors: [{ line: 7, message: /^ORM insert in save_user\(\) \(db\.py:7\) called from Celery task/ }],
    },
    {
      name: 're-adding a row that came from a dict, not a lookup, is an insert; a bare except around a lookup of another model is no guard',
      ...viaHelper('def save_user(session: Session, k, payload):\n    row = payload.get("user")\n    session.add(row)\n'),
      errors: [{ line: 7, message: /^ORM insert in save_user\(\) \(db\.py:6\)/ }],
    },
    { name: 'Django: a bare except around a lookup of another model', code: djangoTask('try:\n    Episode.objects.get(guid=rss)\nexcept:\n    Channel.objects.create(rss=rss)'), errors: [{ line: 8, message: /^Django create inside Celery task/ }] },
    {
      name: 'Django: a create in the try body, in the wrong branch, or after a lookup of another model',
      code: djangoTask('try:\n    Channel.objects.create(rss=rss)\nexcept Channel.DoesNotExist:\n    pass\nch = Channel.objects.filter(rss=rss).first()\nif ch:\n    Channel.objects.create(rss=rss)\ntry:\n    Episode.objects.get(guid=rss)\nexcept Episode.DoesNotExist:\n    Channel.objects.create(rss=rss)'),
      errors: [{ line: 6, message: /^Django create inside Celery task/ }, { line: 11 }, { line: 15 }],
    },
    ...invalidFamilies,
    // POSTs to endpoints that are not known reads keep today's behaviour
    ...writePosts.map(([name, body]): InvalidCase => ({ name: `write POST: ${name}`, code: inRetry(body), errors: [{ line: 4 + body.split('\n').length, message: /^POST inside @retry/ }] })),
    {
      name: 'consumer polling loop: a produce after the "no message" exit reacts to the message',
      code: 'import json\nfrom confluent_kafka import Consumer, Producer\nc = Consumer({})\np = Producer({})\nwhile True:\n    m = c.poll(1.0)\n    if m is None:\n        continue\n    p.produce("audit", value="got one")\n    data = json.loads(m.value())\n    p.produce("out", value=data["x"])\n',
      errors: [{ line: 9, message: /^Kafka message inside a queue consumer loop/ }, { line: 11 }],
    },
    {
      name: 'consumer loop that commits a transaction without the consumer offsets is not exactly once',
      code: 'from kafka import KafkaConsumer, KafkaProducer\np = KafkaProducer()\nfor m in KafkaConsumer("t"):\n    p.send("out", b"done")\n    p.commit_transaction()\n',
      errors: [{ line: 4, message: /^Kafka message inside a queue consumer loop/ }],
    },
    ...places.map(([name, code, line, message]): InvalidCase => ({ name, code, errors: [{ line, message }] })),
    ...reruns.map(([name, body, message]): InvalidCase => ({ name: `re-run kind: ${name}`, code: `import requests\n${body}\n`, errors: [{ line: body.split('\n').findIndex((l) => l.includes('requests.post')) + 2, message }] })),
    {
      name: 'by name: a tool routes toolkit.run("create_refund", args) to a method that creates a refund',
      code: toolkit('return getattr(self, method)(**args)', 'kit.run("create_refund", args)'),
      errors: [{ line: 5, message: /^Stripe request in create_refund\(\) \(by name\) called from LangChain @tool: an agent that calls the tool again charges or creates it twice/ }],
    },
    {
      name: 'by name: getattr over a tuple of literal names in the tool',
      code: toolkit('pass', 'for m in ("create_refund", "list_refunds"):\n        getattr(kit, m)(args)'),
      errors: [{ line: 5, message: /^Stripe request in create_refund\(\) \(by name\) called from LangChain @tool/ }],
    },
    {
      name: 'by name: a routing method that looks the name up in a dict of functions',
      code: 'import requests\nfrom celery import shared_task\ndef notify(a):\n    requests.post(U, json=a)\ndef audit(a):\n    pass\nACTIONS = {"notify": notify, "audit": audit}\ndef run_action(name, a):\n    return ACTIONS[name](a)\n@shared_task(acks_late=True)\ndef f(a):\n    run_action("notify", a)\n',
      errors: [{ line: 4, message: /^POST in notify\(\) \(by name\) called from Celery task: a redelivery after a worker crash \(acks_late=True\) sends it twice/, severity: 'hint' }],
    },
    {
      name: 'by name, one module away: the routed method calls an imported helper (related location in the other module)',
      files: { 'pay.py': 'import stripe\n\ndef refund(charge):\n    stripe.Refund.create(charge=charge)\n' },
      filename: 'agent.py',
      code: 'from pay import refund\nfrom langchain_core.tools import tool\nclass Kit:\n    def create_refund(self, charge):\n        refund(charge)\n    def run(self, method, charge):\n        return getattr(self, method)(charge)\n@tool\ndef refund_tool(charge: str) -> str:\n    """Refund."""\n    Kit().run("create_refund", charge)\n    return "ok"\n',
      errors: [{ line: 5, column: 9, message: /^Stripe request in refund\(\) \(pay\.py:4\) called from LangChain @tool/, related: [{ file: 'pay.py', line: 4 }], severity: 'warning' }],
    },
    {
      name: 'a LiveKit tool books through RunContext[Userdata]: a dataclass field typed by a Protocol whose implementation POSTs (related location)',
      files: { 'cal.py': 'import aiohttp\nfrom typing import Protocol\n\nclass Calendar(Protocol):\n    async def book(self, slot): ...\n\nclass FakeCalendar(Calendar):\n    async def book(self, slot):\n        self.booked = slot\n\nclass CalCom(Calendar):\n    def __init__(self):\n        self.http = aiohttp.ClientSession()\n    async def book(self, slot):\n        await self.http.post("https://api.cal.com/v2/bookings", json=slot)\n' },
      filename: 'agent.py',
      code: 'from dataclasses import dataclass\nfrom livekit.agents import Agent, RunContext, function_tool\nfrom cal import Calendar\n@dataclass\nclass Userdata:\n    cal: Calendar\nclass Desk(Agent):\n    @function_tool\n    async def schedule(self, ctx: RunContext[Userdata], slot: str) -> str:\n        await ctx.userdata.cal.book(slot)\n        return "ok"\n',
      errors: [{ line: 10, column: 15, message: /^POST in ctx\.userdata\.cal\.book\(\) \(cal\.py:15\) called from LiveKit @function_tool/, related: [{ file: 'cal.py', line: 15 }], severity: 'hint' }],
    },
    {
      name: 'an attribute annotated in __init__ (self.cal: Calendar) of a tool class reaches the implementation',
      files: { 'cal.py': 'import aiohttp\nfrom typing import Protocol\n\nclass Calendar(Protocol):\n    async def book(self, slot): ...\n\nclass FakeCalendar(Calendar):\n    async def book(self, slot):\n        self.booked = slot\n\nclass CalCom(Calendar):\n    def __init__(self):\n        self.http = aiohttp.ClientSession()\n    async def book(self, slot):\n        await self.http.post("https://api.cal.com/v2/bookings", json=slot)\n' },
      filename: 'agent.py',
      code: 'from livekit.agents import Agent, function_tool\nfrom cal import Calendar\nclass Desk(Agent):\n    def __init__(self, c):\n        self.cal: Calendar = c\n    @function_tool\n    async def schedule(self, slot: str) -> str:\n        await self.cal.book(slot)\n        return "ok"\n',
      errors: [{ line: 8, column: 15, message: /^POST in self\.cal\.book\(\) \(cal\.py:15\) called from LiveKit @function_tool/, related: [{ file: 'cal.py', line: 15 }], severity: 'hint' }],
    },
    {
      name: 'a tool reaches the database through RunContext[Userdata] whose class lives in another module (`db: HotelDB` declared there), even when the tool has the method\'s name',
      files: {
        'common.py': 'from dataclasses import dataclass, field\nfrom hotel_db import HotelDB\n@dataclass\nclass Userdata:\n    db: HotelDB\n    done: set[str] = field(default_factory=set)\n',
        'hotel_db.py': 'import sqlite3\n\ndef _insert(conn, table, row):\n    conn.execute(f"INSERT INTO {table} VALUES (?)", row)\n\nclass HotelDB:\n    def __init__(self):\n        self.conn = sqlite3.connect(":memory:")\n    async def record_followup(self, summary):\n        with self.conn as conn:\n            _insert(conn, "followups", {"s": summary})\n',
      },
      filename: 'tools.py',
      code: 'from common import Userdata\nfrom livekit.agents import RunContext, function_tool\nclass Tools:\n    @function_tool\n    async def record_followup(self, ctx: RunContext[Userdata], summary: str) -> str:\n        await ctx.userdata.db.record_followup(summary)\n        return "ok"\n',
      errors: [{ line: 6, column: 15, message: /^SQL INSERT in ctx\.userdata\.db\.record_followup\(\) \(hotel_db\.py:4\) called from LiveKit @function_tool/, related: [{ file: 'hotel_db.py', line: 4 }], severity: 'warning' }],
    },
    {
      name: 'a chain of instance attributes across modules: Userdata (common.py) holds a Services whose `self.db = HotelDB()`',
      files: {
        'common.py': 'from dataclasses import dataclass\nfrom services import Services\n@dataclass\nclass Userdata:\n    services: Services\n',
        'services.py': 'from hotel_db import HotelDB\nclass Services:\n    def __init__(self):\n        self.db = HotelDB()\n',
        'hotel_db.py': 'import sqlite3\nclass HotelDB:\n    def book(self, row):\n        sqlite3.connect("h.db").execute("INSERT INTO bookings VALUES (?)", row)\n',
      },
      filename: 'tools.py',
      code: 'from common import Userdata\nfrom livekit.agents import RunContext, function_tool\n@function_tool\nasync def book(ctx: RunContext[Userdata], room: str) -> str:\n    ctx.userdata.services.db.book(room)\n    return "ok"\n',
      errors: [{ line: 5, column: 5, message: /^SQL INSERT in ctx\.userdata\.services\.db\.book\(\) \(hotel_db\.py:4\) called from LiveKit @function_tool/, related: [{ file: 'hotel_db.py', line: 4 }] }],
    },
    {
      name: 'a field without a declared type in the other module is unknown: nothing reported',
      files: {
        'common.py': 'class Userdata:\n    def __init__(self, db):\n        self.db = db\n',
        'hotel_db.py': 'import sqlite3\nclass HotelDB:\n    def book(self, row):\n        sqlite3.connect("h.db").execute("INSERT INTO bookings VALUES (?)", row)\n',
      },
      filename: 'tools.py',
      code: 'from common import Userdata\nfrom livekit.agents import RunContext, function_tool\n@function_tool\nasync def book(ctx: RunContext[Userdata], room: str) -> str:\n    ctx.userdata.db.book(room)\n    return "ok"\n',
      errors: [],
    },
    {
      name: 'the module declaring the field does not parse: unknown, never a crash',
      files: {
        'common.py': 'class Userdata(:\n    db: HotelDB\n',
        'hotel_db.py': 'import sqlite3\nclass HotelDB:\n    def book(self, row):\n        sqlite3.connect("h.db").execute("INSERT INTO bookings VALUES (?)", row)\n',
      },
      filename: 'tools.py',
      code: 'from common import Userdata\nfrom livekit.agents import RunContext, function_tool\n@function_tool\nasync def book(ctx: RunContext[Userdata], room: str) -> str:\n    ctx.userdata.db.book(room)\n    return "ok"\n',
      errors: [],
    },
    {
      name: 'a tool that remembers what it already did (`if key in done: return` … `done.add(key)`) is guarded',
      files: { 'hotel_db.py': 'import sqlite3\nclass HotelDB:\n    def transfer(self, to):\n        sqlite3.connect("h.db").execute("INSERT INTO transfers VALUES (?)", (to,))\n' },
      filename: 'tools.py',
      code: 'from hotel_db import HotelDB\nfrom livekit.agents import function_tool\ndb = HotelDB()\ntransferred = set()\n@function_tool\nasync def transfer(to: str) -> str:\n    if to in transferred:\n        return "already transferred"\n    db.transfer(to)\n    transferred.add(to)\n    return "ok"\n',
      errors: [],
    },
    {
      name: 'the same membership test in its negated form around the effect is guarded too',
      files: { 'hotel_db.py': 'import sqlite3\nclass HotelDB:\n    def transfer(self, to):\n        sqlite3.connect("h.db").execute("INSERT INTO transfers VALUES (?)", (to,))\n' },
      filename: 'tools.py',
      code: 'from hotel_db import HotelDB\nfrom livekit.agents import function_tool\ndb = HotelDB()\ntransferred = {}\n@function_tool\nasync def transfer(to: str) -> str:\n    if to not in transferred:\n        db.transfer(to)\n        transferred[to] = True\n    return "ok"\n',
      errors: [],
    },
    {
      name: 'a membership test of a collection the code never records the key in is no guard',
      files: { 'hotel_db.py': 'import sqlite3\nclass HotelDB:\n    def transfer(self, to):\n        sqlite3.connect("h.db").execute("INSERT INTO transfers VALUES (?)", (to,))\n' },
      filename: 'tools.py',
      code: 'from hotel_db import HotelDB\nfrom livekit.agents import function_tool\ndb = HotelDB()\nBLOCKED = {"pool"}\n@function_tool\nasync def transfer(to: str) -> str:\n    if to in BLOCKED:\n        return "not possible"\n    db.transfer(to)\n    return "ok"\n',
      errors: [{ line: 9, column: 5, message: /^SQL INSERT in db\.transfer\(\) \(hotel_db\.py:4\) called from LiveKit @function_tool/ }],
    },
    {
      name: 'notebook cell: insert and mkdir',
      cells: [{ kind: 'markdown', source: '# title' }, 'import os\nos.mkdir("out")', 'from sqlalchemy import insert\nfor row in rows:\n    stmt = insert(receipts).values(**row)\n    conn.execute(stmt)'],
      errors: [
        { cell: 2, line: 2, column: 1, endLine: 2, endColumn: 9, message: /^os\.mkdir at the top level of a notebook cell: running the cell again fails with FileExistsError; use os\.makedirs/ },
        { cell: 3, line: 3, column: 12, endLine: 3, endColumn: 28, message: /^SQL INSERT at the top level of a notebook cell: running the cell again inserts the rows again/ },
      ],
      outputCells: ['# title', 'import os\nos.makedirs("out", exist_ok=True)', 'from sqlalchemy import insert\nfor row in rows:\n    stmt = insert(receipts).values(**row)\n    conn.execute(stmt)'],
    },
    { name: 'notebook: a POST is a hint (often a model query)', cells: ['import requests\nr = requests.post(U, json=p)'], errors: [{ cell: 1, line: 2, column: 5, endColumn: 18, severity: 'hint' }] },
    { name: 'notebook: local def named like an effect is not one', cells: ['def mkdir(p):\n    pass', 'mkdir("x")\nimport os\nos.makedirs("y")'], errors: [{ cell: 2, line: 3, severity: 'warning' }] },
    {
      name: 'notebook: helper called at top level',
      cells: ['import requests\ndef notify():\n    requests.post(U)', 'notify()'],
      errors: [{ cell: 1, line: 3, message: /^POST in notify\(\) called at the top level of a notebook cell/ }],
    },
    { name: 'fix: exist_ok', code: 'import os\nfrom celery import shared_task\n@shared_task\ndef f():\n    os.makedirs("a", mode=0o755,)\n', errors: [{ line: 5, column: 5, endColumn: 16 }], output: 'import os\nfrom celery import shared_task\n@shared_task\ndef f():\n    os.makedirs("a", mode=0o755, exist_ok=True)\n' },
    { name: 'fix: Path.mkdir', code: 'from pathlib import Path\nfrom celery import shared_task\n@shared_task\ndef f():\n    Path("a").mkdir()\n', errors: [{ line: 5 }], output: 'from pathlib import Path\nfrom celery import shared_task\n@shared_task\ndef f():\n    Path("a").mkdir(exist_ok=True)\n' },
    { name: 'fix: idempotency_key from inputs', code: inRetry('stripe.Charge.create(amount=amount)'), errors: [{ line: 5 }], output: inRetry('stripe.Charge.create(amount=amount, idempotency_key=f"step-{order_id}-{amount}")') },
    { name: 'fix: header added', code: inRetry('requests.post(URL)'), errors: [{ line: 5 }], output: inRetry('requests.post(URL, headers={"Idempotency-Key": f"step-{order_id}-{amount}"})') },
    { name: 'fix: header into dict', code: inRetry('requests.post(URL, headers={"A": "b"})'), errors: [{ line: 5 }], output: inRetry('requests.post(URL, headers={"Idempotency-Key": f"step-{order_id}-{amount}", "A": "b"})') },
    { name: 'no fix for appends', code: inRetry('open("log", "a").write("x")'), errors: [{ line: 5 }], output: null },
    {
      name: 'config: user effect',
      code: 'from celery import shared_task\nimport billing\n@shared_task\ndef f():\n    billing.Client().charge(1)\n',
      config: { idempotency: { effects: [{ callees: ['billing.Client().charge'], effect: 'billing charge', evidence: ['request_id'] }] } },
      errors: [{ line: 5, message: /^billing charge inside Celery task/ }],
    },
  ],
});
