/**
 * Resource safety (issue 19): no input may hurt the process, or the files analysed after it.
 * Each test feeds the minimal input that hurt it before: a parse that exhausts the wasm heap,
 * a huge notebook cell in the server, a FIFO named like a manifest, a file whose analysis runs
 * past its time budget, output JSON nested deeper than the JS stack. Big inputs are generated
 * at run time into a temporary folder.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { analyze } from '../../server/src/engine/analyze';
import { useBudgetClock } from '../../server/src/engine/budget';
import { resolveConfig } from '../../server/src/engine/config';
import { jsonText } from '../../server/src/engine/jsonText';
import type { Notebook } from '../../server/src/engine/notebook';
import { createProject, nodeFileSystem } from '../../server/src/engine/project';
import { initParser } from '../../server/src/engine/python/parser';
import { walk } from '../../server/src/engine/python/syntax';
import { createRule, type Rule } from '../../server/src/engine/rule';
import { allRules } from '../../server/src/engine/registry';
import { runCheck } from '../../server/src/engine/runner';
import { scanPaths } from '../../server/src/engine/scan';
import { cellUri, codes, editCell, openNotebook, openText, startHarness } from '../server/lspHarness';

const cli = path.resolve(__dirname, '../../../dist/cli.js');
const tmp = (prefix: string) => fs.mkdtempSync(path.join(os.tmpdir(), `preflight-${prefix}-`));
const SMALL = 'import random\nx = random.random()\n';
const canMkfifo = process.platform !== 'win32' && spawnSync('mkfifo', ['--version']).status === 0;

function cliJson(args: string[], cwd: string) {
  // The timeout only turns a regression (a hang) into a failure; nothing here is timed.
  const r = spawnSync(process.execPath, [cli, 'check', ...args, '--format', 'json'], { encoding: 'utf8', cwd, timeout: 300_000 });
  assert.notEqual(r.signal, 'SIGTERM', 'the CLI hung');
  return { status: r.status, stderr: r.stderr, findings: (JSON.parse(r.stdout) as { findings: { file: string; rule: string; message: string; line: number }[] }).findings };
}

describe('resource safety', () => {
  before(async () => {
    await initParser();
  });

  it('a file that exhausts the parser\'s wasm heap is the only one reported: the next file is analysed in full', { skip: !fs.existsSync(cli) && 'dist/cli.js not built' }, () => {
    const dir = tmp('wasm');
    // A 19 MB line of list items (under the 20 MB limit) needs more than the 2 GB wasm heap.
    // The budget is raised so the parse runs until the heap runs out instead of being stopped.
    fs.writeFileSync(path.join(dir, 'pyproject.toml'), '[tool.preflight]\nmax-seconds-per-file = 100000\n');
    fs.writeFileSync(path.join(dir, 'a_big.py'), `x = [${'1,'.repeat(9_500_000)}]\n`);
    fs.writeFileSync(path.join(dir, 'b_small.py'), SMALL);
    const alone = cliJson(['b_small.py'], dir).findings;
    assert.ok(alone.length > 0);
    const both = cliJson(['a_big.py', 'b_small.py'], dir);
    const big = both.findings.filter((f) => f.file.endsWith('a_big.py'));
    assert.deepEqual(big.map((f) => f.rule), ['invalid-file']);
    assert.match(big[0]!.message, /the Python parser ran out of memory/);
    assert.deepEqual(both.findings.filter((f) => f.file.endsWith('b_small.py')), alone);
    assert.doesNotMatch(both.stderr, /Aborted/);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  describe('a 25 MB notebook cell in the server', () => {
    it('gives one finding, and the cell is analysed again once it is small', async () => {
      const h = await startHarness();
      try {
        await openNotebook(h, [{ handle: 1, text: `x = 1${' + 1'.repeat(25_000_000 / 4)}\n` }, { handle: 2, text: '' }]);
        await h.settle();
        const first = h.latest.get(cellUri(1)) ?? [];
        assert.deepEqual(codes(first), ['invalid-file']);
        assert.match(String(first[0]!.message), /^skipped: 25\.0 MB of cell text is over the \d+\.\d MB limit \(tool\.preflight\.max-file-size\)/);
        assert.deepEqual(h.latest.get(cellUri(2)), []);
        await editCell(h, 1, 2, [{ text: SMALL }]);
        await h.settle();
        assert.deepEqual(codes(h.latest.get(cellUri(1))), ['unseeded-global-rng']);
      } finally {
        await h.close();
      }
    });
  });

  describe('a FIFO named requirements.txt', { skip: !canMkfifo && 'no mkfifo here' }, () => {
    let dir: string;
    before(() => {
      dir = tmp('fifo');
      assert.equal(spawnSync('mkfifo', [path.join(dir, 'requirements.txt')]).status, 0);
      fs.writeFileSync(path.join(dir, 'app.py'), `import requests\n${SMALL}`);
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('is not read by project reads (which return nothing, at once)', () => {
      assert.equal(nodeFileSystem.readFile(path.join(dir, 'requirements.txt')), undefined);
    });

    it('is skipped with a message when a folder is scanned, and gets one finding when named', () => {
      const scan = scanPaths([dir], dir);
      assert.deepEqual(scan.files, [path.join(dir, 'app.py')]);
      assert.deepEqual(scan.problems, [{ path: path.join(dir, 'requirements.txt'), message: 'not a regular file (a FIFO): skipped' }]);
      const named = runCheck({ paths: [path.join(dir, 'requirements.txt'), path.join(dir, 'app.py')] });
      const fifo = named.findings.filter((f) => f.file.endsWith('requirements.txt'));
      assert.deepEqual(fifo.map((f) => [f.ruleId, f.message]), [['invalid-file', 'skipped: not a regular file (a FIFO)']]);
      assert.ok(named.findings.some((f) => f.file.endsWith('app.py') && f.ruleId === 'unseeded-global-rng'));
    });

    it('does not hang the CLI', { skip: !fs.existsSync(cli) && 'dist/cli.js not built' }, () => {
      const r = cliJson(['.'], dir);
      assert.equal(r.status, 1);
      assert.match(r.stderr, /requirements\.txt: not a regular file \(a FIFO\): skipped/);
      assert.ok(r.findings.some((f) => f.rule === 'unseeded-global-rng'));
    });

    it('does not freeze the server when a project read reaches it', async () => {
      const h = await startHarness({ rootUri: `file://${dir}` });
      try {
        const uri = `file://${dir}/app.py`;
        await openText(h, uri, 'python', `import requests\n${SMALL}`);
        await h.settle();
        assert.ok(codes(h.latest.get(uri)).includes('unseeded-global-rng'));
      } finally {
        await h.close();
      }
    });
  });

  describe('the per-file time budget', () => {
    const meta = (id: string) => ({ id, family: 'core' as const, category: 'file' as const, subtypes: [], description: 'A test rule', defaultSeverity: 'info' as const, recommended: true, appliesTo: ['python' as const] });
    // 5,000 statements: a tree big enough for the walk to check the budget on its way.
    const text = 'x = f(a, b)\n'.repeat(5000);

    it('stops a rule inside its walk over the tree, and names the rules not run', () => {
      let spent = false;
      let visited = 0;
      let total = 0;
      const restore = useBudgetClock(() => (spent ? Number.MAX_SAFE_INTEGER : 0));
      try {
        const walker = createRule(meta('walker'), (ctx) => {
          walk(ctx.program!.units[0]!.root, () => void total++);
          spent = true; // from here on the clock says the budget is gone
          walk(ctx.program!.units[0]!.root, () => void visited++);
        });
        const later = createRule(meta('later'), (ctx) => ctx.report({ range: { start: { line: 0, column: 0 }, end: { line: 0, column: 0 } }, message: 'ran' }));
        const f = analyze({ target: 'python', file: 'a.py', text }, { config: resolveConfig({}), rules: [walker, later] }).findings;
        assert.deepEqual(f.map((x) => x.ruleId), ['invalid-file']);
        assert.equal(f[0]!.message, 'analysis stopped after 20 s (tool.preflight.max-seconds-per-file): 2 rules not run (walker, later)');
        assert.ok(visited < total, `the second walk stopped early (${visited} of ${total} nodes)`);
      } finally {
        restore();
      }
    });

    it('cancels a parse once the budget is spent', () => {
      let readings = 0; // the budget starts at 0; every later reading is long past it
      const restore = useBudgetClock(() => (readings++ === 0 ? 0 : Number.MAX_SAFE_INTEGER));
      try {
        const f = analyze({ target: 'python', file: 'a.py', text }, { config: resolveConfig({}), rules: allRules }).findings;
        assert.deepEqual(f.map((x) => [x.ruleId, x.message]), [['invalid-file', 'analysis stopped after 20 s (tool.preflight.max-seconds-per-file) while parsing: no rule run']]);
      } finally {
        restore();
      }
    });
  });

  describe('deep input', () => {
    const secret = 'sk-' + 'proj-' + 'Q7fZk2LmW9xPa4RtY1uB3nC8vD5eH6jKs0gTqXwE';
    const deepJson = (depth: number) => JSON.parse(`${'{"a":'.repeat(depth)}"${secret}"${'}'.repeat(depth)}`) as unknown;

    it('secret-in-output reads output JSON nested 100,000 deep (no RangeError) and still finds the key', () => {
      const notebook: Notebook = {
        language: 'python',
        cells: [{ kind: 'code', source: 'show()\n', executionCount: 1, outputs: [{ output_type: 'execute_result', execution_count: 1, metadata: {}, data: { 'application/json': deepJson(100_000) } as never }] }],
      };
      const rules: Rule[] = allRules.filter((r) => r.meta.id === 'secret-in-output');
      const r = analyze({ target: 'notebook', file: 'a.ipynb', notebook }, { rules, project: createProject(os.tmpdir()) });
      assert.deepEqual(r.ruleErrors, []);
      assert.deepEqual(r.findings.map((f) => f.ruleId), ['secret-in-output']);
    });

    it('jsonText writes what JSON.stringify writes', () => {
      const v = JSON.parse('{"a":[1,"x\\n",null,true,{"b":{}}],"c":[],"d":{"e":-1.5e-7,"\\"q":"\\u0000"}}') as unknown;
      assert.equal(jsonText(v), JSON.stringify(v));
      assert.equal(jsonText([undefined, () => 1]), JSON.stringify([undefined, () => 1]));
      assert.equal(jsonText({ u: undefined, n: 1 }), JSON.stringify({ u: undefined, n: 1 }));
    });

    it('Python nested 100,000 deep is analysed, not a stack overflow', () => {
      for (const deep of [`x = 1${' + 1'.repeat(100_000)}\n`, `x = a${'.b'.repeat(100_000)}\n`, `x = ${'-'.repeat(100_000)}1\n`, `x = f${'()'.repeat(50_000)}\n`]) {
        const r = analyze({ target: 'python', file: 'a.py', text: deep + SMALL }, { project: createProject(os.tmpdir()) });
        assert.deepEqual(r.ruleErrors, []);
        assert.ok(r.findings.some((f) => f.ruleId === 'unseeded-global-rng'));
      }
    });
  });
});
