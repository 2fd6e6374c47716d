// `npm start`: check the bundled example project and show what Preflight finds. Findings are
// the point of the demo, so exit code 1 (findings) is success here; 2 (usage/config) is not.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const root = path.join(import.meta.dirname, '..');
const r = spawnSync(process.execPath, [path.join(root, 'bin/preflight.js'), 'check', 'examples'], { cwd: root, stdio: 'inherit' });
if (r.status === 0 || r.status === 1) {
  console.log('\nThat was `preflight check examples`. Try `node bin/preflight.js check <your project>` or `--format json`.');
  process.exit(0);
}
process.exit(r.status ?? 1);
