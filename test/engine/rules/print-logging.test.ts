import { printLogging } from '../../../server/src/engine/rules/print-logging';
import { ruleTester } from '../ruleTester';

ruleTester.run(printLogging, {
  valid: [
    'def main():\n    print("done")\n\nif __name__ == "__main__":\n    main()',
    'print("hello")',
    'from langchain_core.tools import tool\n@tool\ndef search(q: str) -> str:\n    logger.info("searching %s", q)\n    return q',
    'from langchain_core.tools import tool\n@tool\ndef dump(q: str) -> str:\n    print(q, file=report)\n    return q',
    'from langchain_core.tools import tool\ndef print(*a): ...\n@tool\ndef search(q: str) -> str:\n    print(q)\n    return q',
    { name: 'notebooks are not service code', cells: ['from langchain_core.tools import tool', '@tool\ndef search(q: str) -> str:\n    print(q)\n    return q'] },
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
  ],
});
