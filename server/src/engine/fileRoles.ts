/**
 * What a file's path says about its role in the project (paths relative to the project root):
 * test code and example code are not what a deployment runs. Several families ask this — module
 * state in tests lives for one test run, a test's or an example's imports and model ids are not
 * the product's — so the answer lives here, once.
 */

/** Test code: a `tests/`/`test/`/`testing/` folder, `test_*.py`, `*_test.py`, `conftest.py`. */
export function isTestFile(file: string): boolean {
  const p = file.replace(/\\/g, '/');
  return /(^|\/)(tests?|testing)\//.test(p) || /(^|\/)(test_[^/]*|[^/]*_test|conftest)\.py$/.test(p);
}

/**
 * Example code (an `examples/`, `example/`, `demos/` or `demo/` folder): it documents how to use
 * the project and is not what a deployment runs.
 */
export function isExampleFile(file: string): boolean {
  return /(^|\/)(examples?|demos?)\//.test(file.replace(/\\/g, '/'));
}
