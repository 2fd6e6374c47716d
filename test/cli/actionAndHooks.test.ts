/**
 * The GitHub Action (action.yml) and the pre-commit hooks (.pre-commit-hooks.yaml) call the CLI
 * with flags it must accept: every command they run is run here, with the action's input
 * defaults, on a small project (a usage error, exit 2, would break every user's workflow).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { project, run } from './cliHarness';

const root = path.resolve(__dirname, '../../..');
const sample = () => project({ 'requirements.txt': 'requests\n', 'nb.ipynb': JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [{ cell_type: 'code', id: 'a', source: 'import random\nx = random.random()', metadata: {}, outputs: [], execution_count: 1 }] }) }, 'preflight-action-');

/** The CLI arguments of a shell line that runs preflight, `${{ inputs.x }}` given its default. */
function preflightArgs(line: string, inputs: Record<string, { default?: string }>): string[] | undefined {
  const at = line.indexOf('bin/preflight.js"');
  if (at < 0) return undefined;
  const rest = line.slice(at + 'bin/preflight.js"'.length).split(/\s+(?:>>|\|\||&&)\s+/)[0]!;
  const withInputs = rest.replace(/\$\{\{\s*inputs\.([\w-]+)\s*\}\}/g, (_, k: string) => inputs[k]?.default ?? '');
  return withInputs.trim().split(/\s+/).filter((w) => w !== '"${scope[@]}"').map((w) => w.replace(/^"|"$/g, ''));
}

describe('GitHub Action and pre-commit hooks', () => {
  it('action.yml: a composite action whose every preflight command the CLI accepts', async () => {
    const action = parse(fs.readFileSync(path.join(root, 'action.yml'), 'utf8')) as { runs: { using: string; steps: { run?: string }[] }; inputs: Record<string, { default?: string }> };
    assert.equal(action.runs.using, 'composite');
    const commands = action.runs.steps.flatMap((s) => (s.run ?? '').split('\n')).map((l) => preflightArgs(l, action.inputs)).filter((a): a is string[] => !!a);
    assert.deepEqual(commands.map((c) => c[0]), ['check', 'check', 'checklist', 'checklist']);
    for (const args of commands) {
      const dir = sample();
      const r = await run(args.map((a) => (a === 'preflight.sarif' ? path.join(dir, 'preflight.sarif') : a === '.' ? dir : a)), dir);
      assert.notEqual(r.code, 2, `${args.join(' ')}: ${r.err}`);
    }
  });
  it('.pre-commit-hooks.yaml: check, check --fix and the checklist, each accepted by the CLI', async () => {
    const hooks = parse(fs.readFileSync(path.join(root, '.pre-commit-hooks.yaml'), 'utf8')) as { id: string; entry: string; language: string; pass_filenames?: boolean }[];
    assert.deepEqual(hooks.map((h) => h.id), ['preflight', 'preflight-checklist', 'preflight-fix']);
    for (const h of hooks) {
      assert.equal(h.language, 'node');
      const [bin, ...args] = h.entry.split(/\s+/);
      assert.equal(bin, 'preflight');
      const dir = sample();
      // pre-commit appends the staged files' names unless pass_filenames is false.
      const r = await run([...args, ...(h.pass_filenames === false ? [dir] : [path.join(dir, 'requirements.txt'), path.join(dir, 'nb.ipynb')])], dir);
      assert.notEqual(r.code, 2, `${h.entry}: ${r.err}`);
      if (h.id === 'preflight-fix') assert.match(fs.readFileSync(path.join(dir, 'nb.ipynb'), 'utf8'), /random\.seed\(/, 'the fix hook applied the seed fix');
    }
  });
});
