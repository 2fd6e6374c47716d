/**
 * A small multi-module agent app (test/fixtures/agent-app: a Celery task, a FastAPI server, a
 * LangChain tool, helpers in other modules) checked as a project. Effects and state changes one
 * or two modules away from the re-run place or handler are found, reported where the user can
 * act (the call, or the module-level instance), with the other module's file and line named;
 * reads and per-request objects are not.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { runCheck } from '../../server/src/engine';
import { useParser } from './helpers';

useParser();

const ROOT = path.resolve('test/fixtures/agent-app');

describe('a multi-module agent app', () => {
  it('gives exactly the cross-module findings, each naming where the effect or change is', () => {
    const report = runCheck({ paths: [ROOT] });
    assert.deepEqual(report.problems, []);
    assert.equal(report.filesChecked, 10);
    const got = report.findings.map((f) => `${path.relative(ROOT, f.file).split(path.sep).join('/')}:${f.range.start.line + 1}:${f.range.start.column + 1} ${f.ruleId} ${f.message}`);
    const expected: [string, RegExp][] = [
      ['app/server.py:7:1 mutable-global-state', /`threads` is one instance per process whose in-memory state request handlers change — `chat` \(request handler\) calls `add_message` \(app\/store\.py:8\), which mutates \(`\.setdefault\(\)`\) its `_threads`/],
      ['app/server.py:13:5 mutable-global-state', /`SESSIONS` is module-level state \(defined in app\/state\.py\) that `chat` \(request handler\) writes items into/],
      ['app/tasks.py:9:5 non-idempotent-effect', /^SQL INSERT in save_order\(\) \(app\/db\.py:7\) called from Celery task: a Celery retry \(max_retries=3\) inserts the rows twice/],
      ['app/tasks.py:10:5 non-idempotent-effect', /^POST in notify_channel\(\) \(app\/chat\.py:6\) called from Celery task: a Celery retry \(max_retries=3\) sends it twice/],
    ];
    assert.equal(got.length, expected.length, got.join('\n'));
    expected.forEach(([where, message], i) => {
      assert.ok(got[i]!.startsWith(`${where} `), `${got[i]} should be at ${where}`);
      assert.match(got[i]!.slice(where.length + 1), message);
    });
    // The related location of a cross-module effect is the effect itself, in its own file.
    const insert = report.findings.find((f) => f.ruleId === 'non-idempotent-effect' && f.message.startsWith('SQL INSERT'))!;
    assert.deepEqual(insert.related?.map((r) => [path.relative(ROOT, r.file!).split(path.sep).join('/'), r.range.start.line + 1]), [['app/db.py', 7]]);
  });
  it('checking one file of the package still finds its imports', () => {
    const report = runCheck({ paths: [path.join(ROOT, 'app/tasks.py')] });
    assert.deepEqual(report.findings.map((f) => `${f.ruleId}:${f.range.start.line + 1}`), ['non-idempotent-effect:9', 'non-idempotent-effect:10']);
  });
});
