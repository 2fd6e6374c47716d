// The test files under a folder, skipping the suites that need a real VS Code (integration, e2e)
// and test inputs (fixtures). Shared by build-tests.mjs (sources) and run-tests.mjs (compiled).
import * as fs from 'node:fs';
import * as path from 'node:path';

const SKIP = new Set(['integration', 'e2e', 'fixtures']);

export function testFiles(root, suffix) {
  const files = [];
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (!SKIP.has(e.name)) walk(p);
      } else if (e.name.endsWith(suffix)) files.push(p);
    }
  };
  walk(root);
  return files;
}
