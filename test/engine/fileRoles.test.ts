import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileRoleOf, isSampleFile } from '../../server/src/engine/fileRoles';

describe('fileRoleOf', () => {
  const cases: [string, ReturnType<typeof fileRoleOf>][] = [
    ['tests/test_app.py', 'test'],
    ['pkg/app_test.py', 'test'],
    ['conftest.py', 'test'],
    ['tests/example_data.py', 'test'],
    ['examples/chat.py', 'example'],
    ['integrations/x/demo/run.py', 'example'],
    ['backend/report_type/deep_research/example.py', 'example'],
    ['pkg/example_usage.py', 'example'],
    ['pkg/agent_example.py', 'example'],
    ['frontend/demo.py', 'example'],
    ['notebooks/demo_rag.ipynb', 'example'],
    ['windows\\pkg\\retrieval_demo.py', 'example'],
    ['benchmarks/run.py', 'benchmark'],
    ['benchmark/throughput.py', 'benchmark'],
    ['deep_agents/breadth_benchmark.py', 'benchmark'],
    ['scripts/benchmark_retrieval.py', 'benchmark'],
    ['benchmark.py', 'benchmark'],
    // Names that only contain the words are product code.
    ['app/examples_api.py', 'product'],
    ['app/counterexample.py', 'product'],
    ['app/demographics.py', 'product'],
    ['app/benchmarking.py', 'product'],
    ['app/benchmark_results.json', 'product'],
    ['app/main.py', 'product'],
  ];
  for (const [file, role] of cases) it(`${file} → ${role}`, () => assert.equal(fileRoleOf(file), role));

  it('examples and benchmarks are sample code; tests and the product are not', () => {
    assert.deepEqual(['examples/a.py', 'x_benchmark.py', 'tests/a.py', 'app.py'].map(isSampleFile), [true, true, false, false]);
  });
});
