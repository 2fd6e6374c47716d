import { swallowedException } from '../../../server/src/engine/rules/swallowed-exception';
import { ruleTester } from '../ruleTester';

const TOOL = 'from langchain_core.tools import tool\n\n@tool\ndef lookup(q: str) -> str:\n    try:\n        return fetch(q)\n';

ruleTester.run(swallowedException, {
  valid: [
    'def helper():\n    try:\n        x()\n    except Exception:\n        pass',
    `${TOOL}    except KeyError:\n        pass\n    return ""`,
    `${TOOL}    except Exception:\n        logger.exception("lookup failed")\n        raise`,
    `${TOOL}    except Exception as e:\n        return f"error: {e}"`,
    { name: 'notebooks are not checked', cells: [TOOL + '    except Exception:\n        pass'] },
  ],
  invalid: [
    {
      name: 'except Exception: pass in a tool',
      code: `${TOOL}    except Exception:\n        pass\n    return ""`,
      errors: [{ line: 7, column: 5, endLine: 7, endColumn: 21, message: /^Exception swallowed in LangChain @tool `lookup`/ }],
      output: null,
    },
    {
      name: 'bare except with ..., tuple with Exception and as, continue in a consumer loop',
      code: 'from celery import shared_task\n\n@shared_task\ndef sync():\n    try:\n        a()\n    except:\n        ...\n    for m in msgs:\n        try:\n            b(m)\n        except (ValueError, Exception) as e:\n            continue',
      errors: [
        { line: 7, column: 5, endLine: 7, endColumn: 11, message: /Celery task `sync`/ },
        { line: 12, column: 9, endLine: 12, endColumn: 44 },
      ],
    },
  ],
});
