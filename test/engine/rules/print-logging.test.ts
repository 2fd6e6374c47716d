import { printLogging } from '../../../server/src/engine/rules/print-logging';
import { ruleTester } from '../ruleTester';

const POLL_IN_MAIN = 'from confluent_kafka import Consumer\n\ndef main(args):\n    consumer = Consumer({"group.id": args.group})\n    while True:\n        msg = consumer.poll(1.0)\n        if msg is None:\n            continue\n        print(msg.value())\n';
const PREFECT_PLAIN = 'from prefect import flow, task\n@task\ndef load():\n    print("loaded")\n@flow\ndef etl():\n    load()';

ruleTester.run(printLogging, {
  valid: [
    'def main():\n    print("done")\n\nif __name__ == "__main__":\n    main()',
    'print("hello")',
    'from langchain_core.tools import tool\n@tool\ndef search(q: str) -> str:\n    logger.info("searching %s", q)\n    return q',
    'from langchain_core.tools import tool\n@tool\ndef dump(q: str) -> str:\n    print(q, file=report)\n    return q',
    'from langchain_core.tools import tool\ndef print(*a): ...\n@tool\ndef search(q: str) -> str:\n    print(q)\n    return q',
    { name: 'notebooks are not service code', cells: ['from langchain_core.tools import tool', '@tool\ndef search(q: str) -> str:\n    print(q)\n    return q'] },
    { name: 'a CLI script: consumer loop in a main(args) only __main__ calls', code: POLL_IN_MAIN + '\nif __name__ == "__main__":\n    main(parse_args())' },
    { name: 'a script: main() called at the top level, through asyncio.run', code: 'import asyncio\n' + POLL_IN_MAIN.replace('def main', 'async def main') + '\nasyncio.run(main(ARGS))' },
    { name: 'a script: consumer loop at the top level', code: 'from kafka import KafkaConsumer\nconsumer = KafkaConsumer("t")\nfor msg in consumer:\n    print(msg.value)' },
    { name: 'a script: consumer loop under __main__, printing through a helper', code: 'from kafka import KafkaConsumer\ndef show(m):\n    print(m.value)\nif __name__ == "__main__":\n    for msg in KafkaConsumer("t"):\n        show(msg)' },
    { name: 'a script: main() reached through another script-only function', code: POLL_IN_MAIN + '\ndef cli():\n    main(parse_args())\n\nif __name__ == "__main__":\n    cli()' },
    { name: 'Prefect flow with log_prints=True', code: 'from prefect import flow\n@flow(log_prints=True)\ndef etl():\n    print("loaded")' },
    { name: 'Prefect task with log_prints=True', code: 'from prefect import task\n@task(log_prints=True)\ndef load():\n    print("loaded")' },
    { name: 'Prefect task inherits log_prints from the flow that calls it (direct and .submit)', code: 'from prefect import flow, task\n@task\ndef a():\n    print("a")\n@task\ndef b():\n    print("b")\n@flow(log_prints=True)\ndef etl():\n    a()\n    b.submit()' },
    { name: 'Prefect subflow inherits log_prints', code: 'import prefect\n@prefect.flow\ndef child():\n    print("c")\n@prefect.flow(log_prints=True)\ndef parent():\n    child()' },
    { name: 'Prefect log_prints from a value we cannot read', code: 'from prefect import flow\n@flow(log_prints=VERBOSE)\ndef etl():\n    print("loaded")' },
    { name: 'PREFECT_LOGGING_LOG_PRINTS in prefect.toml', code: PREFECT_PLAIN, files: { 'prefect.toml': '[logging]\nlog_prints = true\n' } },
    { name: 'PREFECT_LOGGING_LOG_PRINTS in pyproject.toml', code: PREFECT_PLAIN, files: { 'pyproject.toml': '[tool.prefect.logging]\nlog_prints = true\n' } },
    { name: 'PREFECT_LOGGING_LOG_PRINTS in .env', code: PREFECT_PLAIN, files: { '.env': 'PREFECT_API_URL=http://localhost:4200/api\nexport PREFECT_LOGGING_LOG_PRINTS="True"\n' } },
  ],
  invalid: [
    {
      name: 'LangChain tool',
      code: 'from langchain_core.tools import tool\n\n@tool\ndef search(q: str) -> str:\n    print("searching", q)\n    return q',
      errors: [{ line: 5, column: 5, endLine: 5, endColumn: 10, message: /^`print` in LangChain @tool `search` is logging/ }],
      output: null,
    },
    {
      name: 'FastAPI handler and a helper it calls',
      code: 'from fastapi import FastAPI\napp = FastAPI()\n\ndef audit(x):\n    print(x)\n\n@app.post("/orders")\ndef create(order: dict):\n    audit(order)\n    return order',
      errors: [{ line: 5, column: 5, endColumn: 10, message: /request handler `create`/ }],
    },
    {
      name: 'a consumer loop in a function nothing in the file calls (a worker entry point)',
      code: POLL_IN_MAIN.replace('def main', 'def consume'),
      errors: [{ line: 9, column: 9, message: /queue consumer loop/ }],
    },
    {
      name: 'a consumer loop in a function a Celery task also calls',
      code: POLL_IN_MAIN + '\nfrom celery import shared_task\n@shared_task\ndef run():\n    main(ARGS)\n\nif __name__ == "__main__":\n    main(ARGS)',
      errors: [{ line: 9, column: 9, message: /queue consumer loop/ }],
    },
    {
      name: 'a Celery task in a script that calls it from __main__ still runs in workers',
      code: 'from celery import shared_task\n@shared_task\ndef send(x):\n    print(x)\n\nif __name__ == "__main__":\n    send(1)',
      errors: [{ line: 4, column: 5, message: /Celery task `send`/ }],
    },
    {
      name: 'Prefect flow and task without log_prints, no global setting',
      code: PREFECT_PLAIN,
      errors: [{ line: 4, column: 5, message: /Prefect task `load`/ }],
    },
    {
      name: 'Prefect task that opts out with log_prints=False under a capturing flow',
      code: 'from prefect import flow, task\n@task(log_prints=False)\ndef load():\n    print("loaded")\n@flow(log_prints=True)\ndef etl():\n    load()',
      errors: [{ line: 4, column: 5, message: /Prefect task `load`/ }],
    },
    {
      name: 'Prefect task called by one capturing flow and one that is not',
      code: 'from prefect import flow, task\n@task\ndef load():\n    print("loaded")\n@flow(log_prints=True)\ndef a():\n    load()\n@flow\ndef b():\n    load.map([1])',
      errors: [{ line: 4, column: 5 }],
    },
    {
      name: 'the global setting off in prefect.toml',
      code: PREFECT_PLAIN,
      files: { 'prefect.toml': '[logging]\nlog_prints = false\n', '.env': 'PREFECT_LOGGING_LOG_PRINTS=false\n' },
      errors: [{ line: 4, column: 5 }],
    },
  ],
});
