/**
 * Fuzzing properties (fast-check) shared by the bounded run inside `npm test` and the long run
 * of `npm run fuzz -- --runs N`. For every generated input: no exception escapes, no input takes
 * more than 2 s, every reported position lies inside its document, and the CLI's JSON stays valid.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { analyze, inputFromBytes, type AnalysisInput } from '../../server/src/engine/analyze';
import { formatJson } from '../../server/src/cli/formats';
import { LineIndex, type Finding } from '../../server/src/engine/model';
import { createProject } from '../../server/src/engine/project';

const project = createProject(process.cwd());
/**
 * CPU time one input may take (user + system, `process.cpuUsage`): a guard against hangs and
 * blow-ups, not a speed goal (those live in `npm run bench`). CPU time, not wall time, so other
 * processes on a busy machine do not make it fail.
 */
const TIME_LIMIT_MS = 2000;

function cpuMsSince(start: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(start);
  return (d.user + d.system) / 1000;
}

/** Inputs checked per kind; `npm run fuzz` sums what every test process records (PREFLIGHT_FUZZ_COUNTS). */
const inputCounts = new Map<string, number>();
export function countInput(label: string, n = 1): void {
  inputCounts.set(label, (inputCounts.get(label) ?? 0) + n);
}
process.on('exit', () => {
  const file = process.env.PREFLIGHT_FUZZ_COUNTS;
  if (!file || inputCounts.size === 0) return;
  fs.appendFileSync(file, [...inputCounts].map(([label, n]) => `${JSON.stringify({ label, n })}\n`).join(''));
});

function documentText(input: AnalysisInput, f: Finding): string | undefined {
  if (input.target === 'notebook') return f.cell === undefined ? '' : input.notebook.cells[f.cell]?.source;
  if (input.target === 'python' || input.target === 'manifest') return input.text;
  return '';
}

/** One LineIndex per document text: an input with 20,000 findings must not rescan its text 20,000 times. */
const lineIndexes = new Map<string, LineIndex>();
function linesOf(text: string): LineIndex {
  let lines = lineIndexes.get(text);
  if (!lines) {
    if (lineIndexes.size > 64) lineIndexes.clear();
    lines = new LineIndex(text);
    lineIndexes.set(text, lines);
  }
  return lines;
}

function assertInside(input: AnalysisInput, f: Finding): void {
  const text = documentText(input, f);
  assert.notEqual(text, undefined, `${f.ruleId}: cell ${f.cell} does not exist`);
  const lines = linesOf(text!);
  for (const p of [f.range.start, f.range.end]) {
    assert.ok(p.line >= 0 && p.line < lines.lineCount, `${f.ruleId}: line ${p.line} outside 0..${lines.lineCount - 1}`);
    assert.ok(p.column >= 0 && p.column <= lines.lineText(p.line).length, `${f.ruleId}: column ${p.column} outside line ${p.line} (${lines.lineText(p.line).length} long)`);
  }
  assert.ok(f.range.start.line < f.range.end.line || (f.range.start.line === f.range.end.line && f.range.start.column <= f.range.end.column), `${f.ruleId}: range ends before it starts`);
}

/** Analyse one file's bytes and check every property. */
export function checkBytes(file: string, bytes: Uint8Array | string): void {
  countInput(`engine: ${path.extname(file) || file}`);
  const t0 = process.cpuUsage();
  const input = inputFromBytes(file, bytes);
  assert.ok(input, 'classified');
  const result = analyze(input, { project });
  const ms = cpuMsSince(t0);
  assert.ok(ms < TIME_LIMIT_MS, `took ${ms.toFixed(0)} ms of CPU`);
  assert.deepEqual(result.ruleErrors.map((e) => `${e.ruleId}: ${e.error.split('\n').slice(0, 3).join(' | ')}`), [], 'a rule threw');
  for (const f of result.findings) assertInside(input, f);
  const json = formatJson({ findings: result.findings, filesChecked: 1, problems: [] }, process.cwd());
  JSON.parse(json);
}

const encoder = new TextEncoder();

// ---- notebooks -------------------------------------------------------------------------

/** Snippets the rules offer fixes for (every fix-offering rule family), for the fix-safety and LSP properties. */
export const fixableSnippets: readonly string[] = [
  'import random\nrandom.shuffle(xs)\n',
  'import numpy as np\nrng = np.random.default_rng()\nx = rng.normal()\n',
  'import numpy as np\nnp.random.rand(3)\n',
  'from sklearn.model_selection import train_test_split\nX_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2)\n',
  'from sklearn.ensemble import RandomForestClassifier\nclf = RandomForestClassifier(n_estimators=10)\n',
  'import torch\ng = torch.Generator()\nx = torch.rand(3)\n',
  'import os\nos.makedirs("out")\n',
  'import os\nos.mkdir("out/run")\n',
  'import requests\nr = requests.get("https://api.example.com/items")\n',
  'import requests\nrequests.post("https://api.example.com/pay", json=payload, headers={"A": "b"})\n',
  'import requests as rq\nrq.post(\n    url,\n    json=payload,\n)\n',
  'import stripe\nstripe.Charge.create(amount=100, currency="usd")\n',
  'import boto3\nsqs = boto3.client("sqs")\nsqs.send_message(QueueUrl=q, MessageBody=b)\n',
  'from openai import OpenAI\nclient = OpenAI()\n',
  'API_KEY = "sk-proj-abcdefghijklmnopqrstuvwxyz0123456789"\n',
  'from tenacity import retry\n\n@retry\ndef call():\n    return fetch()\n',
  '%pip install pandas\n',
  '!pip install torch transformers==4.1\n',
  'df = pd.read_csv("data.csv")\ndf.dropna(inplace=True)\n',
  'import random\nx = random.random() + \\\n    1\n',
  'import requests\nr = requests.get(url,  # first\n    params=p)\n',
];

export const pythonish = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.constantFrom(
    'import numpy as np\nnp.random.rand(3)',
    '%pip install -U pandas',
    '!pip install torch',
    'files = !ls',
    '%%bash\necho hi',
    '%%time\nx = [i for i in range(3)]',
    'df.dropna(inplace=True)',
    'x += 1',
    'def f(:',
    'class A:\n\tdef m(self):\n        return 1',
    'print(undefined_name)',
    'requests.post(url, json=data)',
    '((((((((((',
    'ünïcödé = 1\nπ = ünïcödé',
    'a = """unterminated',
    '\u0000\u0001\ud800',
    'from sklearn.ensemble import RandomForestClassifier\nRandomForestClassifier()',
    'import random\nrandom.shuffle(x)\n',
  ),
  fc.constantFrom(...fixableSnippets),
);

const cellArb = fc.record({
  cell_type: fc.constantFrom('code', 'code', 'markdown', 'raw'),
  source: fc.oneof(pythonish, fc.array(pythonish, { maxLength: 5 }).map((xs) => xs.map((x) => `${x}\n`))),
  metadata: fc.constant({}),
  execution_count: fc.option(fc.integer({ min: -5, max: 500 }), { nil: null }),
  outputs: fc.constant([] as unknown[]),
});

const notebookArb = fc.record({
  nbformat: fc.constantFrom(4, 4, 4, 3, 5),
  nbformat_minor: fc.integer({ min: 0, max: 5 }),
  metadata: fc.oneof(fc.constant({}), fc.constant({ kernelspec: { name: 'python3', language: 'python' } }), fc.constant({ kernelspec: { name: 'ir', language: 'R' } })),
  cells: fc.array(cellArb, { maxLength: 12 }),
});

/** Structural mutations of a valid notebook JSON value (delete keys, swap types, huge strings). */
interface Rng {
  nextInt(min: number, max: number): number;
}

/** mulberry32: a tiny seeded PRNG, so a failing mutation replays from its seed. */
function rng(seed: number): Rng {
  let a = seed >>> 0;
  return {
    nextInt(min, max) {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      const r = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
      return min + Math.floor(r * (max - min + 1));
    },
  };
}

function mutate(value: unknown, rnd: Rng): unknown {
  const pick = rnd.nextInt(0, 9);
  if (Array.isArray(value)) {
    if (pick === 0 && value.length) return value.slice(1);
    if (pick === 1) return 'not an array';
    return value.map((v) => (rnd.nextInt(0, 3) === 0 ? mutate(v, rnd) : v));
  }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (pick === 0 && entries.length) return Object.fromEntries(entries.slice(1));
    if (pick === 1) return [value];
    if (pick === 2) return null;
    return Object.fromEntries(entries.map(([k, v]) => [k, rnd.nextInt(0, 3) === 0 ? mutate(v, rnd) : v]));
  }
  if (typeof value === 'string') {
    if (pick === 0) return value.repeat(50);
    if (pick === 1) return 42;
    if (pick === 2) return `${value}\r\n\u0000`;
    return value;
  }
  if (typeof value === 'number') return pick === 0 ? -value : pick === 1 ? String(value) : pick === 2 ? 1e308 : value;
  return value;
}

/** Byte-level damage: truncation, invalid UTF-8, BOM, CRLF, merge-conflict markers. */
function damage(text: string, kind: number): Uint8Array {
  switch (kind) {
    case 0:
      return encoder.encode(text.slice(0, Math.floor(text.length / 2)));
    case 1: {
      const b = encoder.encode(text);
      const out = new Uint8Array(b.length + 2);
      out.set(b.subarray(0, b.length >> 1));
      out.set([0xff, 0xc0], b.length >> 1);
      out.set(b.subarray(b.length >> 1), (b.length >> 1) + 2);
      return out;
    }
    case 2:
      return encoder.encode(`\ufeff${text}`);
    case 3:
      return encoder.encode(text.replace(/\n/g, '\r\n'));
    case 4:
      return encoder.encode(`<<<<<<< HEAD\n${text}\n=======\n${text}\n>>>>>>> branch\n`);
    default:
      return encoder.encode(text);
  }
}

/** Small real-shaped notebooks to mutate: the fixtures, plus a few perf-corpus notebooks when present. */
export function seedNotebooks(limit = 6): { name: string; json: unknown }[] {
  const out: { name: string; json: unknown }[] = [];
  const fixtures = path.join(__dirname, '../../../test/fixtures/notebooks');
  const perf = path.join(__dirname, '../../../../shared/corpus/perf/notebooks');
  for (const dir of [fixtures, perf]) {
    if (!fs.existsSync(dir)) continue;
    for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.ipynb')).sort().slice(0, limit)) {
      const text = fs.readFileSync(path.join(dir, f), 'utf8');
      if (text.length < 300_000) out.push({ name: f, json: JSON.parse(text) });
    }
  }
  return out;
}

export function notebookProperties(runs: number): void {
  // Random bytes as a notebook.
  fc.assert(fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => checkBytes('random.ipynb', bytes)), { numRuns: runs });
  // Generated notebooks, damaged at the byte level.
  fc.assert(
    fc.property(notebookArb, fc.integer({ min: 0, max: 6 }), (nb, kind) => checkBytes('gen.ipynb', damage(JSON.stringify(nb, null, 1), kind))),
    { numRuns: runs },
  );
  // Real notebooks, structurally mutated.
  const seeds = seedNotebooks();
  if (seeds.length) {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: seeds.length - 1 }), fc.integer(), fc.integer({ min: 0, max: 6 }), (i, seed, kind) => {
        const mutated = mutate(seeds[i]!.json, rng(seed));
        checkBytes(seeds[i]!.name, damage(JSON.stringify(mutated, null, 1), kind));
      }),
      { numRuns: runs },
    );
  }
}

// ---- Python ------------------------------------------------------------------------------

const fragment = fc.constantFrom(
  '(', ')', '[', ']', '{', '}', ':', '\n', '\t', '    ', 'def ', 'class ', 'lambda ', 'if ', 'else', 'for ', ' in ', 'import ', 'from ',
  'x', 'np', '.', ',', '=', '+=', '"', "'", '"""', '#', '\\', '%', '!', '?', '@', '*', '**', 'é', '😀', 'random.random()', 'yield', 'await ', 'async ',
);

export function pythonProperties(runs: number): void {
  fc.assert(fc.property(fc.array(fragment, { maxLength: 300 }).map((xs) => xs.join('')), (src) => checkBytes('gen.py', src)), { numRuns: runs });
  fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 500 }), (src) => checkBytes('gen.py', src)), { numRuns: runs });
  fc.assert(
    fc.property(fc.array(fragment, { maxLength: 100 }).map((xs) => xs.join('')), (src) => {
      const cells = src.split('\n\n').map((s, i) => ({ cell_type: 'code', source: s, metadata: {}, outputs: [], execution_count: i % 3 === 0 ? null : 10 - i }));
      checkBytes('gen.ipynb', JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells }));
    }),
    { numRuns: runs },
  );
}

/** Pathological single inputs every run includes. */
export const pathological: [string, string][] = [
  ['deep parentheses', `x = ${'('.repeat(10_000)}1${')'.repeat(10_000)}\n`],
  ['deep blocks', Array.from({ length: 200 }, (_, i) => `${' '.repeat(i)}if x:\n`).join('') + `${' '.repeat(200)}pass\n`],
  ['1 MB line', `s = "${'a'.repeat(1_000_000)}"\n`],
  ['long attribute chain', `y = ${Array.from({ length: 5000 }, () => 'a').join('.')}\n`],
  ['many calls', 'import random\n' + 'random.random()\n'.repeat(20_000)],
  ['tabs and spaces', 'if x:\n\tif y:\n        pass\n'],
  ['unicode identifiers', 'ñame = 1\n变量 = ñame\nπ = 变量\n'],
  ['lone surrogates', 'x = "\ud800"\n'],
];
