import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze, inputFromBytes } from '../../../server/src/engine/analyze';
import { computeChecklist } from '../../../server/src/engine/checklist/run';
import { unpinnedBaseImages, secretFileKind } from '../../../server/src/engine/checklist/checks';
import { importedModules } from '../../../server/src/engine/checklist/facts';
import { checklistSchema, type Checklist } from '../../../server/src/engine/checklist/model';
import type { ResolvedConfig } from '../../../server/src/engine/config';
import type { Finding } from '../../../server/src/engine/model';
import { createProject } from '../../../server/src/engine/project';
import { createRule, type Rule } from '../../../server/src/engine/rule';
import { useParser } from '../helpers';
import { formatChecklistMarkdown, markdownText } from '../../../server/src/engine/checklist/format';
import { ruleById } from '../../../server/src/engine/registry';
import * as fs from 'node:fs';
import { commitAll, git, initRepo, notebook, tempDir, write } from './repo';

useParser();

/** A stand-in randomness rule: flags `rand(` in code (real rules land separately). */
const fakeRandomness: Rule = createRule(
  { id: 'fake-unseeded', family: 'randomness', category: 'randomness', subtypes: ['R-global'], description: 'Flag rand calls', defaultSeverity: 'warning', recommended: true, appliesTo: ['python', 'notebook'] },
  (ctx) => {
    for (const unit of ctx.program?.units ?? []) {
      const at = unit.text.indexOf('rand(');
      if (at >= 0) ctx.reportNode(unit, { start: at, end: at + 4 }, 'unseeded draw');
    }
  },
);

function analyzeWith(rules: readonly Rule[]) {
  return (files: string[], root: string, config: ResolvedConfig): Finding[] => {
    const project = createProject(root);
    return files.flatMap((f) => {
      const input = inputFromBytes(f, fs.readFileSync(f), config);
      return input ? analyze(input, { config, project, rules }).findings : [];
    });
  };
}

async function checklist(root: string, opts: { scope?: 'branch' | 'workspace'; rules?: readonly Rule[]; base?: string } = {}): Promise<Checklist> {
  const rules = opts.rules ?? [];
  const c = await computeChecklist({ root, scope: opts.scope ?? 'workspace', rules, analyze: analyzeWith(rules), ...(opts.base ? { base: opts.base } : {}) });
  checklistSchema.parse(c); // the wire schema accepts what the engine builds
  return c;
}

const item = (c: Checklist, id: string) => {
  const found = c.items.find((i) => i.id === id);
  assert.ok(found, `no item ${id}`);
  return found;
};

describe('checklist evaluation', () => {
  it('items whose rules are not in the registry are unknown, never pass', async () => {
    const dir = tempDir();
    write(dir, { 'train.py': 'import numpy as np\nx = np.random.rand(3)\n', 'requirements.txt': 'numpy==1.26.4\n' });
    const c = await checklist(dir, { rules: [] });
    const seeded = item(c, 'randomness-seeded');
    assert.equal(seeded.status, 'unknown');
    assert.match(seeded.summary, /No rule checks unseeded randomness yet/);
    assert.deepEqual(seeded.rules, []);
    for (const i of c.items) if (i.rules.length === 0 && i.id !== 'no-secrets' && !['dependencies-pinned', 'environment-captured'].includes(i.id)) assert.notEqual(i.status, 'pass', i.id);
  });

  // Issue 22: "copy as Markdown" showed rule messages as "\`np.random.rand\` draws…".
  it('the Markdown copy keeps the code spans of rule messages and escapes the text around them', async () => {
    const dir = tempDir();
    write(dir, { 'train.py': 'import numpy as np\nx = np.random.rand(3)\n' });
    const c = await checklist(dir, { rules: [ruleById('unseeded-global-rng')!] });
    const md = formatChecklistMarkdown(c);
    assert.match(md, /`train\.py:2:5` `unseeded-global-rng` `np\.random\.rand` draws from NumPy/, md);
    assert.equal(md.includes('\\`'), false, md);
    assert.equal(markdownText('a `b|c` and *d* <e> `'), 'a `b|c` and \\*d\\* &lt;e&gt; \\`');
  });

  it('a rule in the registry decides its item: findings fail a required item, with evidence locations', async () => {
    const dir = tempDir();
    write(dir, { 'nb.ipynb': notebook([{ source: 'import numpy as np' }, { source: 'x = np.random.rand(3)' }]) });
    const c = await checklist(dir, { rules: [fakeRandomness] });
    const seeded = item(c, 'randomness-seeded');
    assert.equal(seeded.status, 'fail');
    assert.deepEqual(seeded.rules, ['fake-unseeded']);
    assert.equal(seeded.evidence.length, 1);
    const e = seeded.evidence[0]!;
    assert.equal(e.file, 'nb.ipynb');
    assert.equal(e.cell, 1);
    assert.deepEqual(e.range, { start: { line: 0, column: 14 }, end: { line: 0, column: 18 } });
    assert.equal(c.status, 'fail');
  });

  it('no findings from an existing rule passes; no files of the kind is not-applicable', async () => {
    const dir = tempDir();
    write(dir, { 'a.py': 'import random\nrandom.seed(0)\n' });
    const c = await checklist(dir, { rules: [fakeRandomness] });
    assert.equal(item(c, 'randomness-seeded').status, 'pass');
    assert.equal(item(c, 'notebooks-run-top-down').status, 'not-applicable');
    assert.equal(item(c, 'timeouts-and-retries').status, 'not-applicable'); // no agent or service code
  });

  it('project checks: tracked .env fails no-secrets; CI, tests, runbook, environment and manifest pass when present', async () => {
    const dir = initRepo({
      '.env': 'TOKEN=abc\n',
      'app.py': 'import requests\n',
      'requirements.txt': 'requests==2.32.3\n',
      'Dockerfile': 'FROM python:3.12-slim AS build\nFROM build\n',
      '.github/workflows/ci.yml': 'on: push\n',
      'tests/test_app.py': 'def test_x():\n    pass\n',
      'docs/runbook.md': '# Runbook\n',
    });
    commitAll(dir, 'base');
    const c = await checklist(dir);
    const secrets = item(c, 'no-secrets');
    assert.equal(secrets.status, 'fail');
    assert.deepEqual(secrets.evidence.map((e) => e.file), ['.env']);
    for (const id of ['ci-configured', 'tests-present', 'runbook-present', 'environment-captured']) assert.equal(item(c, id).status, 'pass', id);
    // Manifest declared, but the dependency rules are not registered here: unknown, not pass.
    assert.equal(item(c, 'dependencies-pinned').status, 'unknown');
  });

  it('item counts: findings as Problems lists them, hints apart; the badge count equals the summary', async () => {
    // The same stand-in rule at hint severity for draws in a `hint_` line, warning otherwise.
    const severityByLine: Rule = createRule(
      { id: 'fake-unseeded', family: 'randomness', category: 'randomness', subtypes: ['R-global'], description: 'Flag rand calls', defaultSeverity: 'warning', recommended: true, appliesTo: ['python'] },
      (ctx) => {
        for (const unit of ctx.program?.units ?? []) {
          let at = unit.text.indexOf('rand(');
          while (at >= 0) {
            const lineStart = unit.text.lastIndexOf('\n', at) + 1;
            ctx.reportNode(unit, { start: at, end: at + 4 }, 'unseeded draw', unit.text.startsWith('hint_', lineStart) ? { severity: 'hint' } : {});
            at = unit.text.indexOf('rand(', at + 1);
          }
        }
      },
    );
    const dir = tempDir();
    write(dir, { 'a.py': 'import numpy as np\nx = np.random.rand(3)\nhint_y = np.random.rand(3)\nhint_z = np.random.rand(3)\n' });
    const c = await checklist(dir, { rules: [severityByLine] });
    const seeded = item(c, 'randomness-seeded');
    assert.equal(seeded.evidenceTotal, 3);
    assert.deepEqual(seeded.findingCounts, { findings: 1, hints: 2 });
    assert.match(seeded.summary, /^1 finding for unseeded randomness \(2 hints\)\./);
    // Items without rule parts have no finding count (their evidence is files and notes).
    assert.equal(item(c, 'tests-present').findingCounts, undefined);
  });

  it('says when a pass has info findings only (evidence, not a verdict)', async () => {
    const infoRule: Rule = createRule(
      { id: 'info-draw', family: 'randomness', category: 'randomness', subtypes: ['R-global'], description: 'Flag rand calls at info', defaultSeverity: 'info', recommended: true, appliesTo: ['python'] },
      (ctx) => {
        for (const unit of ctx.program?.units ?? []) {
          const at = unit.text.indexOf('rand(');
          if (at >= 0) ctx.reportNode(unit, { start: at, end: at + 4 }, 'draw', { severity: 'info' });
        }
      },
    );
    const dir = tempDir();
    write(dir, { 'a.py': 'import numpy as np\nx = np.random.rand(3)\n' });
    const seeded = item(await checklist(dir, { rules: [infoRule] }), 'randomness-seeded');
    assert.equal(seeded.status, 'pass');
    assert.match(seeded.summary, /^1 finding for unseeded randomness, information only\./);
  });

  it('names the [tool.preflight] file it read, relative to the root; none with the defaults', async () => {
    const dir = tempDir();
    write(dir, { 'a.py': 'x = 1\n' });
    assert.equal((await checklist(dir)).scope.configFile, undefined);
    write(dir, { 'pyproject.toml': '[tool.preflight]\nseed = 7\n' });
    assert.equal((await checklist(dir)).scope.configFile, 'pyproject.toml');
  });

  it('without git, git-based parts are unknown and missing CI/tests/runbook warn', async () => {
    const dir = tempDir();
    write(dir, { 'a.py': 'x = 1\n', 'Dockerfile': 'FROM python\n' });
    const c = await checklist(dir);
    assert.equal(c.scope.git.available, false);
    assert.equal(item(c, 'no-secrets').status, 'unknown');
    assert.equal(item(c, 'data-versioned').status, 'unknown');
    for (const id of ['ci-configured', 'tests-present', 'runbook-present']) assert.equal(item(c, id).status, 'warn', id);
    const env = item(c, 'environment-captured');
    assert.equal(env.status, 'warn');
    assert.equal(env.evidence[0]?.file, 'Dockerfile');
    assert.equal(env.evidence[0]?.range?.start.line, 0);
    assert.equal(item(c, 'dependencies-pinned').status, 'fail'); // no manifest at all
  });

  it('branch scope only counts findings in files the branch changes', async () => {
    const dir = initRepo({ 'old.py': 'import numpy as np\nx = np.random.rand(1)\n' });
    commitAll(dir, 'base with a finding');
    git(dir, 'checkout', '-q', '-b', 'feature');
    write(dir, { 'new.py': 'y = 1\n' });
    commitAll(dir, 'clean change');
    const branch = await checklist(dir, { scope: 'branch', rules: [fakeRandomness] });
    assert.equal(branch.scope.mode, 'branch');
    assert.deepEqual(branch.scope.changedFiles, ['new.py']);
    assert.equal(branch.scope.filesAnalysed, 1);
    assert.equal(item(branch, 'randomness-seeded').status, 'pass');
    const whole = await checklist(dir, { scope: 'workspace', rules: [fakeRandomness] });
    assert.equal(item(whole, 'randomness-seeded').status, 'fail');
    // An uncommitted edit brings the old file into branch scope.
    write(dir, { 'old.py': 'import numpy as np\nx = np.random.rand(2)\n' });
    const edited = await checklist(dir, { scope: 'branch', rules: [fakeRandomness] });
    assert.equal(item(edited, 'randomness-seeded').status, 'fail');
    assert.equal(edited.scope.uncommittedFiles, 1);
  });

  it('notebook tracebacks, large committed data and training without a tracker', async () => {
    const dir = initRepo({
      'nb.ipynb': notebook([{ source: 'import pandas as pd' }, { source: '1/0', outputs: [{ output_type: 'error', ename: 'ZeroDivisionError', evalue: 'division by zero', traceback: [] }] }]),
      'train.py': 'from sklearn.linear_model import LogisticRegression\nLogisticRegression().fit(X, y)\n',
      'data/big.parquet': Buffer.alloc(1_500_000, 1),
    });
    commitAll(dir, 'base');
    const c = await checklist(dir);
    const outputs = item(c, 'notebooks-clean-outputs');
    assert.equal(outputs.status, 'warn');
    assert.equal(outputs.evidence[0]?.cell, 1);
    assert.match(outputs.evidence[0]?.message ?? '', /ZeroDivisionError: division by zero/);
    assert.equal(item(c, 'data-versioned').status, 'fail');
    assert.equal(item(c, 'experiments-tracked').status, 'warn');
    write(dir, { 'track.py': 'import mlflow\n', 'dvc.yaml': 'stages: {}\n' });
    const tracked = await checklist(dir);
    assert.equal(item(tracked, 'experiments-tracked').status, 'pass');
  });
});

describe('checklist helpers', () => {
  it('unpinned base images', () => {
    assert.deepEqual(unpinnedBaseImages('FROM python\nFROM python:latest AS b\nFROM b\nFROM python:3.12\nFROM scratch\nFROM ${BASE}\nFROM --platform=linux/amd64 ubuntu@sha256:abc\nFROM registry:5000/team/img\n'), [
      { line: 0, image: 'python' },
      { line: 1, image: 'python:latest' },
      { line: 7, image: 'registry:5000/team/img' },
    ]);
  });
  it('secret files', () => {
    assert.ok(secretFileKind('.env'));
    assert.ok(secretFileKind('svc/.env.production'));
    assert.ok(secretFileKind('keys/id_rsa'));
    assert.equal(secretFileKind('.env.example'), undefined);
    assert.equal(secretFileKind('environment.yml'), undefined);
  });
  it('imported modules with dotted prefixes', () => {
    assert.deepEqual([...importedModules('import os, numpy as np\nfrom langchain_core.tools import tool\n  import a.b\n%pip install x\n')].sort(), ['a', 'a.b', 'langchain_core', 'langchain_core.tools', 'numpy', 'os']);
  });
});

describe('rule selection', () => {
  it('subtype selectors take rules by subtype, and untyped rules only through their file kinds', async () => {
    const { rulesFor } = await import('../../../server/src/engine/checklist/evaluate');
    const { ITEMS } = await import('../../../server/src/engine/checklist/items');
    const { defaultConfig } = await import('../../../server/src/engine/config');
    const rule = (id: string, subtypes: string[], appliesTo: ('python' | 'notebook')[]) =>
      createRule({ id, family: 'hidden-state', category: 'hidden-state', subtypes, description: 'x', defaultSeverity: 'warning', recommended: true, appliesTo }, () => {});
    const rules = [rule('order', ['H-order'], ['notebook']), rule('gap', [], ['notebook']), rule('global', ['H-global'], ['python']), rule('untyped-py', [], ['python'])];
    const selector = (id: string) => ITEMS.find((i) => i.id === id)!.rules![0]!;
    assert.deepEqual(rulesFor(selector('notebooks-run-top-down'), rules, defaultConfig).all.map((r) => r.meta.id), ['order', 'gap']);
    assert.deepEqual(rulesFor(selector('run-state-persisted'), rules, defaultConfig).all.map((r) => r.meta.id), ['global']);
  });
});

describe('an item backed by a rule and a project check (inputs-validated)', () => {
  const APP = 'from fastapi import FastAPI\napp = FastAPI()\n';
  it('the rule\'s findings are the evidence, once; without findings the check decides', async () => {
    const { unvalidatedRequestBody } = await import('../../../server/src/engine/rules/unvalidated-request-body');
    const rules = [unvalidatedRequestBody];
    const bad = tempDir();
    write(bad, { 'app.py': `${APP}@app.post("/predict")\ndef predict(payload: dict):\n    return payload\n` });
    const warned = item(await checklist(bad, { rules }), 'inputs-validated');
    assert.equal(warned.status, 'warn');
    assert.deepEqual(warned.evidence.filter((e) => /payload/.test(e.message)).map((e) => [e.kind, e.ruleId, e.file]), [['finding', 'unvalidated-request-body', 'app.py']]);
    assert.match(warned.summary, /^1 finding for unvalidated request bodies\./);
    assert.deepEqual(warned.rules, ['unvalidated-request-body']);
    // No routes: the silent rule does not turn "not applicable" into a pass.
    const none = tempDir();
    write(none, { 'job.py': 'print(1)\n' });
    assert.equal(item(await checklist(none, { rules }), 'inputs-validated').status, 'not-applicable');
    // Flask routes: the check's unknown stands.
    const flask = tempDir();
    write(flask, { 'app.py': 'from flask import Flask\napp = Flask(__name__)\n@app.route("/p")\ndef p():\n    return ""\n' });
    assert.equal(item(await checklist(flask, { rules }), 'inputs-validated').status, 'unknown');
  });
});
