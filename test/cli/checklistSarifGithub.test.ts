/** `preflight check --format sarif|github` (the CI outputs that sit beside the checklist). */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { main } from '../../server/src/cli/main';
import { escapeData, escapeProperty } from '../../server/src/cli/github';
import { tempDir, write, notebook } from '../engine/checklist/repo';

const require = createRequire(__filename);
// The SARIF 2.1.0 schema as published (draft-04); its `language` pattern is not valid in
// unicode mode, hence unicodeRegExp: false.
const schema = require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json') as object;
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validateSarif = ajv.compile(schema);

async function run(args: string[], cwd: string) {
  let out = '';
  let err = '';
  const code = await main(args, { out: (s) => (out += s), err: (s) => (err += s) }, cwd);
  return { code, out, err };
}

function project() {
  const dir = tempDir('preflight-sarif-');
  write(dir, { 'src/a.py': 'x = (\n', 'nb.ipynb': notebook([{ source: 'y = 1' }, { source: 'def f(:\n  pass' }]) });
  return dir;
}

describe('preflight check --format sarif', () => {
  it('validates against the SARIF 2.1.0 schema and carries rules, levels and locations', async () => {
    const dir = project();
    const { code, out } = await run(['check', dir, '--format', 'sarif'], dir);
    assert.equal(code, 1);
    const log = JSON.parse(out);
    assert.equal(validateSarif(log), true, JSON.stringify(validateSarif.errors, null, 2));
    const run0 = log.runs[0];
    assert.equal(run0.tool.driver.name, 'Preflight');
    assert.deepEqual(run0.tool.driver.rules.map((r: { id: string }) => r.id), ['syntax-error']);
    assert.equal(run0.results.length, 2);
    const py = run0.results.find((r: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => r.locations[0]!.physicalLocation.artifactLocation.uri === 'src/a.py');
    assert.equal(py.level, 'error');
    assert.equal(py.ruleIndex, 0);
    assert.equal(py.locations[0].physicalLocation.region.startLine, 1);
    assert.equal(py.locations[0].physicalLocation.artifactLocation.uriBaseId, '%SRCROOT%');
    const nb = run0.results.find((r: { properties?: { cell?: number } }) => r.properties?.cell !== undefined);
    assert.equal(nb.properties.cell, 2);
    assert.match(nb.message.text, /^\[cell 2, line 1, column \d+\] /);
  });

  it('gives the cell a message names as a related location, valid SARIF', async () => {
    const dir = tempDir('preflight-sarif-related-');
    write(dir, { 'nb.ipynb': notebook([{ source: 'print(df)' }, { source: 'import os' }, { source: 'df = 1' }]) });
    const log = JSON.parse((await run(['check', dir, '--format', 'sarif', '--select', 'forward-reference'], dir)).out);
    assert.equal(validateSarif(log), true, JSON.stringify(validateSarif.errors, null, 2));
    const r = log.runs[0].results[0];
    assert.match(r.message.text, /^\[cell 1, line 1, column 7\] `df` is defined only in the cell starting `df = 1` further down/);
    assert.deepEqual(r.relatedLocations, [{ id: 0, physicalLocation: { artifactLocation: { uri: 'nb.ipynb', uriBaseId: '%SRCROOT%' }, region: { startLine: 1 } }, message: { text: '[cell 3, line 1, column 1] `df` is defined here' } }]);
  });

  it('a clean project is a valid log with no results', async () => {
    const dir = tempDir('preflight-sarif-');
    write(dir, { 'a.py': 'x = 1\n' });
    const { code, out } = await run(['check', dir, '--format', 'sarif'], dir);
    assert.equal(code, 0);
    const log = JSON.parse(out);
    assert.equal(validateSarif(log), true, JSON.stringify(validateSarif.errors));
    assert.deepEqual(log.runs[0].results, []);
  });

  it('the schema really rejects a broken log (the validator is live)', () => {
    assert.equal(validateSarif({ version: '2.1.0', runs: [{ tool: { driver: {} }, results: [] }] }), false);
  });
});

describe('preflight check --format github', () => {
  it('one workflow command per finding, notebook cells named in the title', async () => {
    const dir = project();
    const { code, out } = await run(['check', dir, '--format', 'github'], dir);
    assert.equal(code, 1);
    const lines = out.trimEnd().split('\n');
    assert.match(lines.find((l) => l.includes('file=src/a.py')) ?? '', /^::error file=src\/a\.py,line=\d+,endLine=\d+(,col=\d+,endColumn=\d+)?,title=Preflight syntax-error::.+$/);
    assert.match(lines.find((l) => l.includes('file=nb.ipynb')) ?? '', /^::error file=nb\.ipynb,line=1,title=Preflight syntax-error \(cell 2%2C line 1%2C column \d+\)::/);
    assert.equal(lines.at(-1), 'Preflight: 2 findings in 2 files.');
  });

  it('escapes data and properties as the Actions runner expects', () => {
    assert.equal(escapeData('50% done\r\nnext'), '50%25 done%0D%0Anext');
    assert.equal(escapeProperty('a:b,c%'), 'a%3Ab%2Cc%25');
  });
});
