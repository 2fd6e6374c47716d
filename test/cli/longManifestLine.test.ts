/**
 * One 4 MB line in requirements.txt used to run the CLI out of memory (exit 134: the PEP 508
 * grammar kept ~1.8 KB per input character). Now the line is one invalid-file finding and the
 * rest of the file is still read, within a 256 MB heap (the bundled CLI, built before the tests).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';

const cli = path.resolve(__dirname, '../../../dist/cli.js');

describe('a 4 MB manifest line', { skip: !fs.existsSync(cli) && 'dist/cli.js not built' }, () => {
  for (const [file, body] of [
    ['requirements.txt', (long: string) => `requests>=2\n${long}\nflask\n`],
    ['Dockerfile', (long: string) => `FROM python:3.12\nRUN echo ${long}\nRUN pip install flask\n`],
    // The yaml library spends time per error token (a long line of quotes is one per pair): the
    // overlong line is blanked before parsing, so the dependencies below it are still read.
    ['environment.yml', (long: string) => `name: x\n${long.slice(0, 180_000).replace(/a/g, '"')}\ndependencies:\n  - pandas\n`],
  ] as const) {
    it(`${file}: one invalid-file finding, the other lines still read, in a bounded heap`, () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-long-line-'));
      fs.writeFileSync(path.join(dir, file), body('a'.repeat(4 * 1024 * 1024)));
      const r = spawnSync(process.execPath, ['--max-old-space-size=256', cli, 'check', '.', '--format', 'json'], { cwd: dir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      assert.equal(r.signal, null, r.stderr);
      assert.equal(r.status, 1, r.stderr); // findings, not a crash (OOM exits 134)
      const findings = (JSON.parse(r.stdout) as { findings: { rule: string; line: number; message: string }[] }).findings;
      const invalid = findings.filter((f) => f.rule === 'invalid-file');
      assert.deepEqual(invalid.map((f) => f.line), [2]);
      assert.match(invalid[0]!.message, file === 'environment.yml' ? /line 2 has 180,000 characters, over the 65,536-character limit/ : /line 2 has 4,194,3\d\d characters, over the 65,536-character limit/);
      const rest = findings.filter((f) => f.rule !== 'invalid-file').map((f) => [f.rule, f.line, /'(\w+)'/.exec(f.message)?.[1]]);
      const expected = { 'requirements.txt': [['unpinned-requirement', 1, 'requests'], ['unpinned-requirement', 3, 'flask']], Dockerfile: [['unpinned-install', 3, 'flask']], 'environment.yml': [['unpinned-requirement', 4, 'pandas']] }[file];
      assert.deepEqual(rest, expected);
    });
  }
});
