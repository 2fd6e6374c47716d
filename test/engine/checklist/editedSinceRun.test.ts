/**
 * Issue 22: VS Code saves `execution_count: null` for a cell edited after its run and keeps its
 * outputs. "Notebooks run top to bottom" must not fail for such a cell (it ran; it is not a
 * skipped cell), while a cell that never ran (no outputs) still fails it.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { main } from '../../../server/src/cli/main';

const code = (source: string, count: number | null, output?: string) => ({
  cell_type: 'code',
  source,
  metadata: {},
  execution_count: count,
  outputs: output === undefined ? [] : [{ output_type: 'stream', name: 'stdout', text: [output] }],
});

const notebook = (middle: object) =>
  JSON.stringify({ nbformat: 4, nbformat_minor: 4, metadata: {}, cells: [code('a = [1, 2, 3]', 1), middle, code('print(total)', 3, '6\n')] });

async function topDown(nbText: string): Promise<{ status: string; evidence: { message: string }[] }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-edited-'));
  try {
    fs.writeFileSync(path.join(dir, 'pyproject.toml'), '[project]\nname = "t"\nversion = "0"\n');
    fs.writeFileSync(path.join(dir, 'a.ipynb'), nbText);
    let out = '';
    await main(['checklist', dir, '--format', 'json'], { out: (s) => (out += s), err: () => undefined }, dir);
    return (JSON.parse(out) as { items: { id: string; status: string; evidence: { message: string }[] }[] }).items.find((i) => i.id === 'notebooks-run-top-down')!;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('checklist: a cell edited after its run', () => {
  it('a cell with outputs and no count does not fail "Notebooks run top to bottom"; one that never ran does', async () => {
    const edited = await topDown(notebook(code('total = sum(a)  # preflight: ignore[x]', null, '6\n')));
    assert.notEqual(edited.status, 'fail', JSON.stringify(edited));
    assert.ok(!edited.evidence.some((e) => /never ran/.test(e.message)), JSON.stringify(edited.evidence));
    const neverRan = await topDown(notebook(code('total = sum(a)', null)));
    assert.equal(neverRan.status, 'fail', JSON.stringify(neverRan));
    assert.ok(neverRan.evidence.some((e) => /never ran/.test(e.message)), JSON.stringify(neverRan.evidence));
  });
});
