/**
 * `preflight check`'s reporting and selection flags (--select, --extend-select, --ignore,
 * --exit-zero, --output-file, --quiet, --statistics, --changed-since) and `preflight rules` /
 * `preflight rule ID`, on real files.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { project, run } from './cliHarness';
import { allRules } from '../../server/src/engine';

/** Four findings of four rules in three categories; one with a safe fix, one with an unsafe fix. */
const FILES = {
  'a.py': 'import requests\nimport numpy as np\nx = np.random.rand(3)\nr = requests.get("http://x")\n',
  'requirements.txt': 'requests\n',
};

const rulesOf = async (args: string[]) => {
  const dir = project(FILES);
  const r = await run(['check', dir, '--no-cache', '--format', 'json', ...args], dir);
  return { ...r, rules: r.out ? (JSON.parse(r.out).findings as { rule: string }[]).map((f) => f.rule).sort() : [] };
};

describe('check: rule selection', () => {
  it('without flags: every default rule', async () => {
    assert.deepEqual((await rulesOf([])).rules, ['missing-timeout', 'undeclared-import', 'unpinned-requirement', 'unseeded-global-rng']);
  });
  it('--select takes rule ids and categories, repeated or comma-separated', async () => {
    assert.deepEqual((await rulesOf(['--select', 'randomness'])).rules, ['unseeded-global-rng']);
    assert.deepEqual((await rulesOf(['--select', 'missing-timeout,unpinned-requirement'])).rules, ['missing-timeout', 'unpinned-requirement']);
    assert.deepEqual((await rulesOf(['--select', 'missing-timeout', '--select', 'randomness'])).rules, ['missing-timeout', 'unseeded-global-rng']);
  });
  it('--ignore leaves rules out and wins over --select', async () => {
    assert.deepEqual((await rulesOf(['--ignore', 'dependencies'])).rules.includes('unpinned-requirement'), false);
    assert.deepEqual((await rulesOf(['--select', 'randomness', '--ignore', 'unseeded-global-rng'])).rules, []);
  });
  it('--select replaces the configuration\'s selection; --extend-select adds to it', async () => {
    const dir = project({ ...FILES, 'pyproject.toml': '[tool.preflight]\nselect = ["randomness"]\n' });
    const rules = async (args: string[]) => (JSON.parse((await run(['check', dir, '--no-cache', '--format', 'json', ...args], dir)).out).findings as { rule: string }[]).map((f) => f.rule).sort();
    assert.deepEqual(await rules([]), ['unseeded-global-rng']);
    assert.deepEqual(await rules(['--extend-select', 'missing-timeout']), ['missing-timeout', 'unseeded-global-rng']);
    assert.deepEqual(await rules(['--select', 'missing-timeout']), ['missing-timeout']);
  });
  it('an unknown rule or category, or an empty item, is a usage error (exit 2) naming the flag', async () => {
    for (const [flag, value] of [['--select', 'nope'], ['--ignore', 'randomnes'], ['--extend-select', 'x'], ['--select', 'randomness,']]) {
      const r = await rulesOf([flag!, value!]);
      assert.equal(r.code, 2, `${flag} ${value}`);
      assert.match(r.err, new RegExp(flag!));
      assert.equal(r.out, '');
    }
  });
});

describe('check: exit code and output flags', () => {
  it('--exit-zero exits 0 with findings, still 2 on a usage error', async () => {
    const dir = project(FILES);
    assert.equal((await run(['check', dir, '--no-cache'], dir)).code, 1);
    const r = await run(['check', dir, '--no-cache', '--exit-zero'], dir);
    assert.equal(r.code, 0);
    assert.match(r.out, /Found 4 findings/);
    assert.equal((await run(['check', dir, '--exit-zero', '--fail-on', 'bad'], dir)).code, 2);
  });
  it('--output-file writes the report there and nothing to stdout; an unwritable file is exit 2', async () => {
    const dir = project(FILES);
    const r = await run(['check', dir, '--no-cache', '--format', 'json', '--output-file', 'report.json'], dir);
    assert.equal(r.code, 1);
    assert.equal(r.out, '');
    assert.equal(JSON.parse(fs.readFileSync(path.join(dir, 'report.json'), 'utf8')).findings.length, 4);
    const bad = await run(['check', dir, '--no-cache', '--output-file', path.join(dir, 'no', 'such', 'dir', 'r.txt')], dir);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /--output-file: cannot write/);
    assert.equal((await run(['check', dir, '--output-file', ''], dir)).code, 2);
  });
  it('--quiet prints the findings without the summary line', async () => {
    const dir = project(FILES);
    const r = await run(['check', dir, '--no-cache', '--quiet'], dir);
    assert.equal(r.out.trim().split('\n').length, 4);
    assert.doesNotMatch(r.out, /Found/);
    const clean = project({ 'b.py': 'x = 1\n' });
    assert.equal((await run(['check', clean, '--no-cache', '-q'], clean)).out, '');
  });
  it('--statistics counts findings per rule with their fixes, in text and json', async () => {
    const dir = project(FILES);
    const text = await run(['check', dir, '--no-cache', '--statistics'], dir);
    assert.equal(text.code, 1);
    assert.match(text.out, /^1 {2}unseeded-global-rng +1 fixable$/m);
    assert.match(text.out, /^1 {2}missing-timeout +1 fixable with --unsafe-fixes$/m);
    assert.match(text.out, /^1 {2}undeclared-import$/m);
    assert.match(text.out, /1 fixable with `preflight check --fix`/);
    const json = JSON.parse((await run(['check', dir, '--no-cache', '--statistics', '--format', 'json'], dir)).out);
    assert.deepEqual(
      json.find((s: { rule: string }) => s.rule === 'unseeded-global-rng'),
      { rule: 'unseeded-global-rng', count: 1, fixable: 1, unsafeFixable: 0 },
    );
    assert.equal(json.length, 4);
  });
  it('--statistics with --fix, --diff or --format sarif is a usage error', async () => {
    const dir = project(FILES);
    for (const extra of [['--fix'], ['--diff'], ['--format', 'sarif']]) assert.equal((await run(['check', dir, '--statistics', ...extra], dir)).code, 2, extra.join(' '));
  });
  it('--help lists every flag', async () => {
    const r = await run(['check', '--help'], '.');
    for (const flag of ['--format', '--fail-on', '--exit-zero', '--output-file', '--quiet', '--statistics', '--select', '--extend-select', '--ignore', '--changed-since', '--fix', '--unsafe-fixes', '--diff', '--config', '--jobs', '--no-cache']) assert.match(r.out, new RegExp(`  ${flag}\\b`), flag);
  });
});

function git(dir: string, ...args: string[]) {
  execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', '-c', 'init.defaultBranch=main', ...args], { cwd: dir, stdio: 'pipe' });
}

describe('check --changed-since', () => {
  it('checks only the files changed since the merge-base, plus uncommitted and untracked ones', async (t) => {
    try {
      execFileSync('git', ['--version'], { stdio: 'pipe' });
    } catch {
      if (process.env.CI === 'true') assert.fail('git is required in CI');
      t.skip('git is not installed');
      return;
    }
    const dir = project({ 'old.py': 'import numpy as np\nx = np.random.rand(3)\n', 'requirements.txt': 'numpy==1.26.4\n' });
    git(dir, 'init', '-q');
    git(dir, 'add', '.');
    git(dir, 'commit', '-qm', 'base');
    git(dir, 'checkout', '-qb', 'feature');
    fs.writeFileSync(path.join(dir, 'new.py'), 'import numpy as np\ny = np.random.rand(3)\n');
    const files = async (ref: string) => {
      const r = await run(['check', dir, '--no-cache', '--format', 'json', '--changed-since', ref], dir);
      return { ...r, files: r.code === 2 ? [] : [...new Set((JSON.parse(r.out).findings as { file: string }[]).map((f) => f.file))] };
    };
    assert.deepEqual((await files('main')).files, ['new.py']);
    const bad = await files('no-such-branch');
    assert.equal(bad.code, 2);
    assert.match(bad.err, /--changed-since: "no-such-branch" is not a commit/);
    assert.equal((await run(['check', dir, '--changed-since', ''], dir)).code, 2);
  });
});

describe('preflight rules / rule ID', () => {
  it('rules lists every rule with category, default severity and fix, as text and json', async () => {
    const json = JSON.parse((await run(['rules', '--format', 'json'], '.')).out) as { id: string; category: string; severity: string; fix: string | null }[];
    assert.equal(json.length, allRules.length);
    const rng = json.find((r) => r.id === 'unseeded-global-rng')!;
    assert.equal(rng.category, 'randomness');
    assert.equal(rng.fix, 'safe');
    const text = (await run(['rules'], '.')).out;
    assert.match(text, /^unseeded-global-rng +randomness +\w+ +on +safe +Report/m);
    assert.equal((await run(['rules', '--format', 'sarif'], '.')).code, 2);
  });
  it('rule ID prints the doc page; an unknown id is exit 2', async () => {
    const r = await run(['rule', 'missing-timeout'], '.');
    assert.equal(r.code, 0);
    assert.match(r.out, /^# missing-timeout$/m);
    const bad = await run(['rule', 'nope'], '.');
    assert.equal(bad.code, 2);
    assert.match(bad.err, /unknown rule "nope"/);
    assert.equal((await run(['rule'], '.')).code, 2);
  });
  it('every rule has a doc page the command finds', async () => {
    for (const rule of allRules) assert.equal((await run(['rule', rule.meta.id], '.')).code, 0, rule.meta.id);
  });
});
