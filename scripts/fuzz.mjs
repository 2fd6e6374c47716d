// `npm run fuzz -- --runs N`: every fuzz property of test/robustness and test/server/fuzz* with N
// runs each (engine inputs, manifests and IPython syntax, fix safety), N/100 LSP message
// sequences (at least 6), and every perf-corpus notebook's fixes; then the total number of
// inputs checked. A manifest its own parser rejects (TOML, JSON, YAML) must get exactly one
// invalid-file finding (test/robustness/manifestFuzz.ts); `--lenient-malformed` drops that check.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '10000' }, 'lsp-runs': { type: 'string' }, 'lenient-malformed': { type: 'boolean', default: false } } });
const runs = Number(values.runs);
const lspRuns = Number(values['lsp-runs'] ?? Math.max(6, Math.round(runs / 100)));
// Its own build folder, so a fuzz run never clobbers `out/` of someone's test run.
const outDir = `out-fuzz-${process.pid}`;
const counts = path.join(os.tmpdir(), `preflight-fuzz-counts-${process.pid}.jsonl`);
const env = { ...process.env, OUT_DIR: outDir, PREFLIGHT_FUZZ_RUNS: String(runs), PREFLIGHT_FUZZ_LSP_RUNS: String(lspRuns), PREFLIGHT_FIX_CORPUS: 'all', PREFLIGHT_FUZZ_COUNTS: counts };
if (values['lenient-malformed']) env.PREFLIGHT_FUZZ_MALFORMED = 'lenient';
const started = Date.now();
let status = 1;
try {
  const build = spawnSync(process.execPath, ['scripts/build-tests.mjs'], { stdio: 'inherit', env });
  status = build.status ?? 1;
  if (status === 0) {
    const files = ['test/robustness/fuzz.test.js', 'test/robustness/fuzzManifests.test.js', 'test/robustness/fixSafety.test.js', 'test/robustness/fixSafetyOracle.test.js', 'test/robustness/regressions.test.js', 'test/server/fuzzLsp.test.js', 'test/server/fuzzResilience.test.js'].map((f) => path.join(outDir, f)).filter((f) => fs.existsSync(f));
    status = spawnSync(process.execPath, ['--test', '--test-reporter=spec', ...files], { stdio: 'inherit', env }).status ?? 1;
  }
} finally {
  fs.rmSync(outDir, { recursive: true, force: true });
}
const totals = {};
if (fs.existsSync(counts)) {
  for (const line of fs.readFileSync(counts, 'utf8').split('\n').filter(Boolean)) {
    const { label, n } = JSON.parse(line);
    totals[label] = (totals[label] ?? 0) + n;
  }
  fs.rmSync(counts, { force: true });
}
// Messages are the parts of a sequence, not inputs of their own.
const inputs = Object.entries(totals).filter(([label]) => label !== 'LSP messages').reduce((a, [, n]) => a + n, 0);
console.log(`\nfuzz: ${inputs} inputs in ${((Date.now() - started) / 1000).toFixed(0)} s (${runs} runs per property, ${lspRuns} LSP sequences), ${status === 0 ? '0 failures' : 'FAILED'}`);
for (const [label, n] of Object.entries(totals)) console.log(`  ${label}: ${n}`);
process.exit(status);
