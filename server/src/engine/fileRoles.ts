/**
 * What a file's path says about its role in the project (paths relative to the project root):
 * test code, example code and benchmarks are not what a deployment runs. Several families ask
 * this — module state in tests lives for one test run, a test's, an example's or a benchmark's
 * imports and model ids are not the product's — so the answer lives here, once.
 */

/** The role a path gives a file; `product` for everything else. */
export type FileRole = 'test' | 'example' | 'benchmark' | 'product';

const posix = (file: string) => file.replace(/\\/g, '/');

/** Test code: a `tests/`/`test/`/`testing/` folder, `test_*.py`, `*_test.py`, `conftest.py`. */
export function isTestFile(file: string): boolean {
  const p = posix(file);
  return /(^|\/)(tests?|testing)\//.test(p) || /(^|\/)(test_[^/]*|[^/]*_test|conftest)\.py$/.test(p);
}

/**
 * Example code: an `examples/`, `example/`, `demos/` or `demo/` folder, or a file named as an
 * example or a demo (`example.py`, `example_*.py`, `*_example.py`, `demo.py`, `demo_*.py`,
 * `*_demo.py`; notebooks alike). It documents how to use the project and is not what a
 * deployment runs.
 */
export function isExampleFile(file: string): boolean {
  const p = posix(file);
  return /(^|\/)(examples?|demos?)\//.test(p) || /(^|\/)((example|demo)(_[^/]*)?|[^/]*_(example|demo))\.(py|ipynb)$/i.test(p);
}

/**
 * Benchmark code: a `benchmarks/` or `benchmark/` folder, or a file named as one
 * (`benchmark.py`, `benchmark_*.py`, `*_benchmark.py`). It measures the project, run by hand or
 * in CI; a deployment does not run it.
 */
export function isBenchmarkFile(file: string): boolean {
  const p = posix(file);
  return /(^|\/)benchmarks?\//.test(p) || /(^|\/)(benchmark(_[^/]*)?|[^/]*_benchmark)\.(py|ipynb)$/i.test(p);
}

/** The one answer to "what is this file for": test code first, then examples, then benchmarks. */
export function fileRoleOf(file: string): FileRole {
  if (isTestFile(file)) return 'test';
  if (isExampleFile(file)) return 'example';
  if (isBenchmarkFile(file)) return 'benchmark';
  return 'product';
}

/**
 * Example or benchmark code: it shows or measures the project and is run by a person (or CI),
 * not by a deployment. The rules that lower severity outside the product ask this.
 */
export function isSampleFile(file: string): boolean {
  const role = fileRoleOf(file);
  return role === 'example' || role === 'benchmark';
}

/** How a message names a non-product role ("in example code"). */
export const ROLE_LABEL: Record<Exclude<FileRole, 'product'>, string> = { test: 'test code', example: 'example code', benchmark: 'benchmark code' };
