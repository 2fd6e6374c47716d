import { secretInOutput } from '../../../server/src/engine/rules/secret-in-output';
import { ruleTester } from '../ruleTester';

const OPENAI = 'sk-' + 'proj-' + 'Q7fZk2LmW9xPa4RtY1uB3nC8vD5eH6jKs0gTqXwE';
const HF = 'hf_' + 'Q7fZk2LmW9xPa4RtY1uB3nC8vD5eH6jKs0';

ruleTester.run(secretInOutput, {
  valid: [
    { cells: [{ source: 'print("hello")', executionCount: 1, outputs: [{ output_type: 'stream', name: 'stdout', text: ['hello\n'] }] }] },
    { cells: [{ source: 'key', executionCount: 1, outputs: [{ output_type: 'execute_result', execution_count: 1, metadata: {}, data: { 'text/plain': "'sk-...'" } }] }] },
    { name: 'an image is not text', cells: [{ source: 'plot()', executionCount: 1, outputs: [{ output_type: 'display_data', metadata: {}, data: { 'image/png': OPENAI } }] }] },
    { name: 'the source is the other rule', cells: [`k = "${OPENAI}"`] },
  ],
  invalid: [
    {
      name: 'printed key in a stream output',
      cells: ['import os', { source: 'print(os.environ["OPENAI_API_KEY"])\nx = 1', executionCount: 2, outputs: [{ output_type: 'stream', name: 'stdout', text: [`${OPENAI}\n`] }] }],
      errors: [{ cell: 2, line: 1, column: 1, endLine: 1, endColumn: 36, message: /^The saved output of this cell shows an OpenAI project key \(sk-p…\)/ }],
      output: null,
    },
    {
      name: 'execute_result, error traceback; one finding per secret per cell',
      cells: [
        { kind: 'markdown', source: '# Setup' },
        {
          source: 'config',
          executionCount: 1,
          outputs: [
            { output_type: 'execute_result', execution_count: 1, metadata: {}, data: { 'text/plain': [`{'token': '${HF}'}`], 'text/html': `<td>${HF}</td>` } },
            { output_type: 'error', ename: 'ValueError', evalue: `bad key ${OPENAI}`, traceback: [] },
          ],
        },
      ],
      errors: [
        { cell: 2, line: 1, column: 1, endColumn: 7, message: /Hugging Face token \(hf_Q…\)/ },
        { cell: 2, line: 1, message: /OpenAI project key/ },
      ],
    },
  ],
});
