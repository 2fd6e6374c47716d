/**
 * `check --fix --unsafe-fixes` on every perf-corpus notebook (read in place from
 * ../shared/corpus/perf, copied to a temp folder, never into the project): every notebook stays
 * valid nbformat, every finding whose fix was applied is gone, no syntax error is added, and a
 * second run changes nothing. Skips with a notice when the corpus is absent; required in CI.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { main } from '../../server/src/cli/main';
import { REQUIRED, validateNotebooks } from './nbformatOracle';

const PERF = path.join(__dirname, '../../../../shared/corpus/perf/notebooks');
const corpus = fs.existsSync(PERF) ? fs.readdirSync(PERF).filter((f) => f.endsWith('.ipynb')).sort() : [];
if (REQUIRED && !corpus.length) throw new Error(`the perf corpus is required in CI (${PERF})`);

type JsonFinding = { file: string; rule: string; cell: number | null; line: number; column: number };

async function check(dir: string, extra: string[]): Promise<{ findings: JsonFinding[]; err: string }> {
  let out = '';
  let err = '';
  await main(['check', dir, '--format', 'json', '--no-cache', ...extra], { out: (s) => (out += s), err: (s) => (err += s) }, dir);
  return { findings: (JSON.parse(out) as { findings: JsonFinding[] }).findings, err };
}

const snapshot = (dir: string) => new Map(fs.readdirSync(dir).filter((f) => f.endsWith('.ipynb')).map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')]));
const countBy = (findings: JsonFinding[], rule: string) => {
  const m = new Map<string, number>();
  for (const f of findings) if (f.rule === rule) m.set(f.file, (m.get(f.file) ?? 0) + 1);
  return m;
};

describe('check --fix --unsafe-fixes on the perf corpus', () => {
  it(`${corpus.length} notebooks: valid after, fixed findings gone, no new syntax error, a second run changes nothing`, { skip: corpus.length === 0 && 'no ../shared/corpus/perf' }, async (t) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-fixcorpus-'));
    try {
      for (const f of corpus) fs.copyFileSync(path.join(PERF, f), path.join(dir, f));
      const original = snapshot(dir);
      const before = await check(dir, []);
      const fixing = await check(dir, ['--fix', '--unsafe-fixes']);
      const after = snapshot(dir);
      const changed = [...after].filter(([f, text]) => original.get(f) !== text).map(([f]) => f);

      // Valid nbformat: every notebook that was valid before still is.
      const names = [...after.keys()];
      const verdictsBefore = validateNotebooks(names.map((f) => original.get(f)!));
      const verdictsAfter = validateNotebooks(names.map((f) => after.get(f)!));
      if (typeof verdictsBefore === 'string' || typeof verdictsAfter === 'string') {
        if (REQUIRED) assert.fail(`nbformat is required in CI: ${String(verdictsAfter)}`);
        t.diagnostic(`nbformat validation skipped: ${String(verdictsAfter)}`);
      } else {
        names.forEach((f, i) => {
          if (verdictsBefore[i] === null) assert.equal(verdictsAfter[i], null, `${f} is no longer valid nbformat: ${verdictsAfter[i]}`);
        });
      }

      // Nothing fixable is left (a fix that could not be applied is named on stderr).
      const stillFixable = fixing.findings.length; // the JSON report is of what remains
      const syntaxBefore = countBy(before.findings, 'syntax-error');
      const syntaxAfter = countBy(fixing.findings, 'syntax-error');
      for (const [f, n] of syntaxAfter) assert.ok(n <= (syntaxBefore.get(f) ?? 0), `${f}: ${n} syntax errors after the fixes, ${syntaxBefore.get(f) ?? 0} before`);

      // A second run is a byte-identical no-op.
      const second = await check(dir, ['--fix', '--unsafe-fixes']);
      assert.deepEqual(snapshot(dir), after, 'a second --fix --unsafe-fixes changed files');
      assert.match(second.err, /Fixed 0 findings in 0 files\./);

      const fixedLine = /Fixed (\d+) findings? in (\d+) files?\./.exec(fixing.err);
      assert.ok(fixedLine, fixing.err);
      assert.equal(Number(fixedLine[2]), changed.length);
      const notes = fixing.err.split('\n').filter((l) => l.startsWith('preflight:'));
      t.diagnostic(`${corpus.length} notebooks: ${before.findings.length} findings before, ${fixedLine[1]} fixed in ${changed.length} notebooks, ${stillFixable} remain; ${notes.length} notes${notes.length ? `: ${notes.slice(0, 3).join(' | ')}` : ''}`);
      // Every fix the engine offered was applied: what remains has no fix to apply.
      assert.equal(notes.length, 0, notes.join('\n'));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
