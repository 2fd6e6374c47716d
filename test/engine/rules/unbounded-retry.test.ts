import { unboundedRetry } from '../../../server/src/engine/rules/unbounded-retry';
import { ruleTester } from '../ruleTester';

ruleTester.run(unboundedRetry, {
  valid: [
    'from tenacity import retry, stop_after_attempt\n@retry(stop=stop_after_attempt(3))\ndef f(): ...',
    'import tenacity\n@tenacity.retry(stop=tenacity.stop_after_delay(30))\ndef f(): ...',
    'import backoff\n@backoff.on_exception(backoff.expo, Exception, max_tries=5)\ndef f(): ...',
    'import backoff\n@backoff.on_exception(backoff.expo, Exception, max_time=60)\ndef f(): ...',
    'from tenacity import retry\n@retry(**RETRY_POLICY)\ndef f(): ...',
    'def retry(fn): return fn\n@retry\ndef f(): ...',
    // A service loop that handles errors is not a retry: the try block never leaves the loop.
    'while True:\n    try:\n        handle(queue.get())\n    except Exception:\n        log.exception("failed")',
    // Bounded by an attempt counter.
    'attempt = 0\nwhile True:\n    try:\n        return call()\n    except IOError:\n        attempt += 1\n        if attempt >= 5:\n            raise\n        time.sleep(2 ** attempt)',
    'for attempt in range(5):\n    try:\n        call()\n        break\n    except IOError:\n        time.sleep(1)',
    // The break of an inner loop does not leave the outer one; no except loops back.
    'while True:\n    try:\n        for x in xs:\n            break\n    finally:\n        pass',
    // Only local work in the try block (a heap push that fails on a tie of equal keys, retried
    // with a fresh timestamp): no external call is retried.
    'import heapq, time\ndef schedule(q, priority, item):\n    while True:\n        try:\n            heapq.heappush(q, (-priority, time.perf_counter_ns(), item))\n            break\n        except TypeError:\n            pass',
    'import json\ndef parse(raw):\n    while True:\n        try:\n            return json.loads(raw)\n        except ValueError:\n            raw = raw[:-1]',
  ],
  invalid: [
    {
      name: 'bare @retry: the fix imports stop_after_attempt',
      code: 'from tenacity import retry\n\n@retry\ndef call_llm(): ...',
      errors: [{ line: 3, column: 2, endLine: 3, endColumn: 7, message: /^`@retry` without `stop` retries forever/ }],
      output: 'from tenacity import stop_after_attempt\nfrom tenacity import retry\n\n@retry(stop=stop_after_attempt(5))\ndef call_llm(): ...',
    },
    {
      name: '@tenacity.retry(wait=…) with the module imported; configured attempts',
      code: 'import tenacity\n@tenacity.retry(wait=tenacity.wait_exponential())\ndef f(): ...',
      config: { agent: { 'max-attempts': 3 } },
      errors: [{ line: 2, column: 2, endColumn: 16, message: /add stop=stop_after_attempt\(3\)/ }],
      output: 'import tenacity\n@tenacity.retry(wait=tenacity.wait_exponential(), stop=tenacity.stop_after_attempt(3))\ndef f(): ...',
    },
    {
      name: 'stop_after_attempt already imported; Retrying object',
      code: 'from tenacity import Retrying, stop_after_attempt\nfor attempt in Retrying():\n    pass',
      errors: [{ line: 2, column: 16, endColumn: 24 }],
      output: 'from tenacity import Retrying, stop_after_attempt\nfor attempt in Retrying(stop=stop_after_attempt(5)):\n    pass',
    },
    {
      name: 'explicit stop_never: no fix',
      code: 'from tenacity import retry, stop_never\n@retry(stop=stop_never)\ndef f(): ...',
      errors: [{ line: 2, message: /explicit never-stop stop/ }],
      output: null,
    },
    {
      name: 'backoff without max_tries / max_time',
      code: 'import backoff\n@backoff.on_exception(backoff.expo, requests.RequestException)\ndef f(): ...',
      errors: [{ line: 2, column: 2, endColumn: 22, message: /without max_tries or max_time/ }],
      output: 'import backoff\n@backoff.on_exception(backoff.expo, requests.RequestException, max_tries=5)\ndef f(): ...',
    },
    {
      name: 'while True retry loop',
      code: 'def fetch():\n    while True:\n        try:\n            return requests.get(url, timeout=5).json()\n        except Exception:\n            time.sleep(1)',
      errors: [{ line: 2, column: 5, endLine: 2, endColumn: 15, message: /^`while True` retry loop with no attempt limit/ }],
      output: null,
    },
    {
      name: 'a loop that also asks for user input (a builtin that reaches outside) is a retry loop',
      code: 'while True:\n    try:\n        n = int(input("n? "))\n        break\n    except ValueError:\n        pass',
      errors: [{ line: 1, message: /^`while True` retry loop/ }],
      output: null,
    },
    {
      name: 'local work plus a call we cannot name (a method of an object) may reach outside: still a retry loop',
      code: 'import json\ndef ask(llm, prompt):\n    while True:\n        try:\n            return json.loads(llm.invoke(prompt))\n        except ValueError:\n            pass',
      errors: [{ line: 3, message: /^`while True` retry loop/ }],
      output: null,
    },
    {
      name: 'an awaited call in the try block reaches outside: a retry loop',
      code: 'import asyncio\nasync def f(conn):\n    while True:\n        try:\n            await conn\n            break\n        except OSError:\n            await asyncio.sleep(1)',
      errors: [{ line: 3, message: /^`while True` retry loop/ }],
      output: null,
    },
    {
      name: 'while 1 with break on success, in a notebook cell',
      cells: ['while 1:\n    try:\n        df = load()\n        break\n    except ConnectionError:\n        continue'],
      errors: [{ cell: 1, line: 1, column: 1, endColumn: 8 }],
    },
  ],
});
