import { missingTimeout } from '../../../server/src/engine/rules/missing-timeout';
import { ruleTester } from '../ruleTester';

ruleTester.run(missingTimeout, {
  valid: [
    'import requests\nrequests.get(url, timeout=10)',
    'import requests\nrequests.post(url, json=body, timeout=(3, 30))',
    'import requests\nrequests.get(url, **options)',
    'import httpx\nhttpx.get(url)', // httpx has a 5 s default
    'import aiohttp\naiohttp.ClientSession()', // 5 min total default
    'from urllib.request import urlopen\nurlopen(url, None, 10)',
    'from openai import OpenAI\nclient = OpenAI(timeout=20.0)',
    'from langchain_openai import ChatOpenAI\nllm = ChatOpenAI(model="gpt-4o-2024-08-06", request_timeout=30)',
    'session.get(url)', // unknown object
    'def get(url): ...\nget(url)',
    'import requests\ns = requests.Session()\ns.get(url, timeout=5)',
  ],
  invalid: [
    {
      // Issue 15: a session kept on `self` in __init__ is the same requests session (it got
      // non-idempotent-effect but no missing-timeout when each family resolved on its own).
      name: 'session held in self.session, used in a retried method',
      code: 'import requests\nfrom tenacity import retry, stop_after_attempt\n\nclass Client:\n    def __init__(self):\n        self.session = requests.Session()\n\n    @retry(stop=stop_after_attempt(3))\n    def notify(self, order_id):\n        return self.session.post("https://hooks.example.com/orders", json={"id": order_id})\n',
      errors: [{ line: 10, column: 16, endLine: 10, endColumn: 33, message: /^`Session\.post` without a timeout/ }],
      output: 'import requests\nfrom tenacity import retry, stop_after_attempt\n\nclass Client:\n    def __init__(self):\n        self.session = requests.Session()\n\n    @retry(stop=stop_after_attempt(3))\n    def notify(self, order_id):\n        return self.session.post("https://hooks.example.com/orders", json={"id": order_id}, timeout=30)\n',
    },
    {
      name: 'requests.session() factory and an annotated session parameter',
      code: 'import requests\ns = requests.session()\ns.put(url)\ndef f(sess: requests.Session):\n    sess.get(url)',
      errors: [{ line: 3, column: 1, endColumn: 6, message: /`Session\.put`/ }, { line: 5, column: 5, endColumn: 13, message: /`Session\.get`/ }],
    },
    {
      code: 'import requests\nr = requests.get("https://api.example.com/items")',
      errors: [{ line: 2, column: 5, endLine: 2, endColumn: 17, message: /^`requests\.get` without a timeout can wait forever/ }],
      output: 'import requests\nr = requests.get("https://api.example.com/items", timeout=30)',
    },
    {
      name: 'aliased import, multi-line call with a trailing comma, configured default',
      code: 'import requests as rq\nrq.post(\n    url,\n    json=payload,\n)',
      config: { agent: { timeout: 5 } },
      errors: [{ line: 2, column: 1, endColumn: 8 }],
      output: 'import requests as rq\nrq.post(\n    url,\n    json=payload, timeout=5,\n)',
    },
    {
      name: 'a session object, bound by assignment and by with',
      code: 'import requests\ns = requests.Session()\ns.get(url)\nwith requests.Session() as t:\n    t.delete(url)',
      errors: [{ line: 3, column: 1, endColumn: 6, message: /`Session\.get`/ }, { line: 5, column: 5, endColumn: 13 }],
    },
    {
      name: 'explicit timeout=None: the fix replaces it',
      code: 'import requests\nrequests.get(url, timeout=None)',
      errors: [{ line: 2, message: /with timeout=None/ }],
      output: 'import requests\nrequests.get(url, timeout=30)',
    },
    {
      name: 'LLM SDK clients: empty argument list',
      code: 'from openai import OpenAI\nimport anthropic\nclient = OpenAI()\nclaude = anthropic.Anthropic(max_retries=3)',
      errors: [
        { line: 3, column: 10, endColumn: 16, message: /waits up to 10 minutes/ },
        { line: 4, column: 10, endColumn: 29 },
      ],
      output: 'from openai import OpenAI\nimport anthropic\nclient = OpenAI(timeout=30)\nclaude = anthropic.Anthropic(max_retries=3, timeout=30)',
    },
    {
      name: 'urllib with only the URL; notebook cell',
      cells: ['import urllib.request', 'html = urllib.request.urlopen(url).read()'],
      errors: [{ cell: 2, line: 1, column: 8, endColumn: 30, severity: 'info' }],
      outputCells: ['import urllib.request', 'html = urllib.request.urlopen(url, timeout=30).read()'],
    },
    {
      name: 'a one-off command-line script (run as __main__, argparse): an LLM client is information',
      code: 'import argparse\nfrom langchain_openai import ChatOpenAI\n\ndef main():\n    parser = argparse.ArgumentParser()\n    parser.add_argument("--model")\n    args = parser.parse_args()\n    grader = ChatOpenAI(model=args.model)\n    return grader\n\nif __name__ == "__main__":\n    main()\n',
      errors: [{ line: 8, column: 14, endColumn: 24, severity: 'info', message: /in this command-line script a stuck call slows the run/ }],
    },
    {
      name: 'a click script with the Anthropic SDK: information; requests waits forever: still a warning',
      code: 'import click\nimport anthropic\nimport requests\n\n@click.command()\ndef run():\n    client = anthropic.Anthropic()\n    requests.get("https://example.com/data")\n\nif __name__ == "__main__":\n    run()\n',
      errors: [{ line: 7, severity: 'info' }, { line: 8, severity: 'warning', message: /can wait forever/ }],
    },
    {
      name: 'benchmark and example code: an LLM client is a hint; requests waits forever: still a warning',
      filename: 'deep_agents/breadth_benchmark.py',
      code: 'from langchain_openai import ChatOpenAI\nimport requests\n\ndef grade(q):\n    judge = ChatOpenAI(model="gpt-4.1-2025-04-14")\n    requests.get("https://example.com/data")\n',
      errors: [{ line: 5, severity: 'hint', message: /in benchmark code, which a deployment does not run/ }, { line: 6, severity: 'warning', message: /can wait forever/ }],
    },
    {
      name: 'a file named as an example: the SDK client is a hint',
      filename: 'backend/report_type/deep_research/example.py',
      code: 'from openai import AsyncOpenAI\nclient = AsyncOpenAI()\n',
      errors: [{ line: 2, severity: 'hint', message: /in example code/ }],
    },
    {
      name: 'the same client in product code beside a benchmark folder: a warning',
      filename: 'app/benchmarking.py',
      code: 'from openai import AsyncOpenAI\nclient = AsyncOpenAI()\n',
      errors: [{ line: 2, severity: 'warning' }],
    },
    {
      name: 'service code is not a script: argparse and __main__ beside FastAPI keep the warning',
      code: 'import argparse\nfrom fastapi import FastAPI\nfrom openai import OpenAI\napp = FastAPI()\nclient = OpenAI()\n\nif __name__ == "__main__":\n    argparse.ArgumentParser().parse_args()\n',
      errors: [{ line: 5, severity: 'warning' }],
    },
    {
      name: 'no command line read (no argument parser): not a one-off script, a warning',
      code: 'from openai import OpenAI\n\ndef main():\n    return OpenAI()\n\nif __name__ == "__main__":\n    main()\n',
      errors: [{ line: 4, severity: 'warning' }],
    },
    {
      name: 'a script\'s function nothing in the file calls may run elsewhere: a warning',
      code: 'import argparse\nfrom openai import OpenAI\n\ndef make_client():\n    return OpenAI()\n\nif __name__ == "__main__":\n    argparse.ArgumentParser().parse_args()\n',
      errors: [{ line: 5, severity: 'warning' }],
    },
    {
      name: 'in a notebook the configured severity wins',
      cells: ['import requests', 'requests.get(url)'],
      config: { severity: { 'missing-timeout': 'error' } },
      errors: [{ cell: 2, line: 1, severity: 'error' }],
    },
  ],
});
