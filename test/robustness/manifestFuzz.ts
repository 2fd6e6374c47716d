/**
 * Fuzzing properties for dependency manifests and IPython syntax, beside properties.ts (same
 * `checkBytes` oracle: no exception, no rule error, inside the per-input time limit, positions
 * inside the document). On top of it, what a malformed file must get: at most one
 * `invalid-file` finding, and (unless `PREFLIGHT_FUZZ_MALFORMED=lenient`) exactly one for a file the
 * format's own parser (smol-toml, JSON.parse, yaml) rejects.
 *
 * Seeds: one small realistic file per kind, plus the corpus manifests when ../shared/corpus is
 * present (read in place, never copied).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { parse as parseToml } from 'smol-toml';
import { parseAllDocuments } from 'yaml';
import { analyze, inputFromBytes } from '../../server/src/engine/analyze';
import { createProject } from '../../server/src/engine/project';
import { checkBytes } from './properties';

const project = createProject(process.cwd());
const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

type Kind = 'pyproject.toml' | 'requirements.txt' | 'Pipfile' | 'Pipfile.lock' | 'environment.yml' | 'setup.cfg' | 'Dockerfile';

const seedText: Record<Kind, string> = {
  'pyproject.toml': '[project]\nname = "demo"\nversion = "0.1.0"\ndependencies = ["requests>=2", "numpy==1.26.4", "pandas"]\n\n[project.optional-dependencies]\ndev = ["pytest"]\n\n[tool.preflight]\nignore = ["unseeded-global-rng"]\n',
  'requirements.txt': '# pinned\nrequests==2.31.0\nnumpy>=1.24\npandas\n-r other.txt\ngit+https://github.com/org/repo.git@v1#egg=repo\ntorch ; python_version >= "3.9"\n--index-url https://pypi.org/simple\n',
  Pipfile: '[[source]]\nurl = "https://pypi.org/simple"\nverify_ssl = true\nname = "pypi"\n\n[packages]\nrequests = "*"\nnumpy = "==1.26.4"\n\n[dev-packages]\npytest = ">=7"\n\n[requires]\npython_version = "3.11"\n',
  'Pipfile.lock': JSON.stringify({ _meta: { hash: { sha256: 'abc' }, 'pipfile-spec': 6, requires: { python_version: '3.11' }, sources: [] }, default: { requests: { version: '==2.31.0', hashes: ['sha256:00'] } }, develop: {} }, null, 4),
  'environment.yml': 'name: demo\nchannels:\n  - conda-forge\ndependencies:\n  - python=3.11\n  - numpy=1.26\n  - pip\n  - pip:\n      - requests==2.31.0\n      - pandas\n',
  'setup.cfg': '[metadata]\nname = demo\nversion = 0.1\n\n[options]\ninstall_requires =\n    requests>=2\n    numpy\npython_requires = >=3.9\n',
  Dockerfile: 'FROM python:3.11-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt && pip install torch\nENV MODE=prod\nCMD ["python", "app.py"]\n',
};
const kinds = Object.keys(seedText) as Kind[];

/** The corpus manifests of each kind (at most `limit` each), when the corpus is there. */
function corpusSeeds(limit = 8): { kind: Kind; text: string }[] {
  const root = path.join(__dirname, '../../../../shared/corpus');
  if (!fs.existsSync(root)) return [];
  const out: { kind: Kind; text: string }[] = [];
  const counts = new Map<Kind, number>();
  const walk = (dir: string, depth: number): void => {
    if (depth > 4) return;
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p, depth + 1);
      else if (e.isFile()) {
        const kind = (kinds as string[]).includes(e.name) ? (e.name as Kind) : /^requirements.*\.txt$/.test(e.name) ? 'requirements.txt' : undefined;
        if (!kind || (counts.get(kind) ?? 0) >= limit || fs.statSync(p).size > 200_000) continue;
        counts.set(kind, (counts.get(kind) ?? 0) + 1);
        out.push({ kind, text: fs.readFileSync(p, 'utf8') });
      }
    }
  };
  walk(root, 0);
  return out;
}

/** Would the format's own parser reject these bytes? (undefined: no parser to ask.) */
function rejectedByFormat(kind: Kind, bytes: Uint8Array): boolean | undefined {
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    return true; // not UTF-8 at all
  }
  try {
    if (kind === 'pyproject.toml' || kind === 'Pipfile') parseToml(text.replace(/^\ufeff/, ''));
    else if (kind === 'Pipfile.lock') JSON.parse(text.replace(/^\ufeff/, ''));
    else if (kind === 'environment.yml') {
      if (parseAllDocuments(text).some((d) => 'errors' in d && d.errors.length > 0)) return true;
    } else return undefined;
    return false;
  } catch {
    return true;
  }
}

const strict = process.env.PREFLIGHT_FUZZ_MALFORMED !== 'lenient';

/** The shared oracle, then the malformed-file one. */
export function checkManifest(kind: Kind, bytes: Uint8Array): void {
  checkBytes(kind, bytes);
  const input = inputFromBytes(kind, bytes);
  const findings = input ? analyze(input, { project }).findings : [];
  const invalid = findings.filter((f) => f.ruleId === 'invalid-file');
  assert.ok(invalid.length <= 1, `${invalid.length} invalid-file findings`);
  if (strict && rejectedByFormat(kind, bytes) === true) assert.equal(invalid.length, 1, `${kind} its parser rejects got no invalid-file finding`);
}

// ---- byte-level mutations ----------------------------------------------------------------

const mutation = fc.oneof(
  fc.record({ op: fc.constant('truncate' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({ op: fc.constant('flip' as const), at: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 8 }), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ op: fc.constant('huge line' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), size: fc.integer({ min: 10_000, max: 200_000 }), unit: fc.constantFrom('a', 'requests==', '[', '- ', '"', ' ', '\\') }),
  fc.record({ op: fc.constant('deep nesting' as const), depth: fc.integer({ min: 50, max: 20_000 }), style: fc.constantFrom('[', '{a=', '{"a":', '- ', '  a:\n', '(') }),
  fc.record({ op: fc.constant('invalid utf-8' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), bytes: fc.constantFrom([0xff], [0xc0, 0x80], [0xed, 0xa0, 0x80], [0xe2, 0x82], [0x80], [0xf8, 0x88, 0x80, 0x80, 0x80]) }),
  fc.record({ op: fc.constant('NUL' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), n: fc.integer({ min: 1, max: 64 }) }),
  fc.record({ op: fc.constant('BOM / CRLF' as const), which: fc.constantFrom('bom', 'double bom', 'crlf', 'cr') }),
  fc.record({ op: fc.constant('duplicate' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

function insertAt(b: Uint8Array, at: number, piece: Uint8Array): Uint8Array {
  const i = Math.floor(at * b.length);
  const out = new Uint8Array(b.length + piece.length);
  out.set(b.subarray(0, i));
  out.set(piece, i);
  out.set(b.subarray(i), i + piece.length);
  return out;
}

export function applyMutation(bytes: Uint8Array, m: Mutation): Uint8Array {
  switch (m.op) {
    case 'truncate':
      return bytes.subarray(0, Math.floor(m.at * bytes.length));
    case 'flip': {
      const out = Uint8Array.from(bytes);
      for (const at of m.at) if (out.length) out[Math.min(out.length - 1, Math.floor(at * out.length))] = m.byte;
      return out;
    }
    case 'huge line':
      return insertAt(bytes, m.at, encoder.encode(`${m.unit.repeat(Math.ceil(m.size / m.unit.length))}\n`));
    case 'deep nesting': {
      const close = ({ '[': ']', '{a=': '}', '{"a":': '}', '(': ')' } as Record<string, string>)[m.style] ?? '';
      const body = m.style === '  a:\n' ? Array.from({ length: Math.min(m.depth, 2000) }, (_, i) => `${' '.repeat(i)}a:\n`).join('') : `${m.style.repeat(m.depth)}1${close.repeat(m.depth)}`;
      return encoder.encode(`${new TextDecoder().decode(bytes)}\nx = ${body}\n`);
    }
    case 'invalid utf-8':
      return insertAt(bytes, m.at, Uint8Array.from(m.bytes));
    case 'NUL':
      return insertAt(bytes, m.at, new Uint8Array(m.n));
    case 'BOM / CRLF': {
      const text = new TextDecoder().decode(bytes);
      if (m.which === 'bom') return encoder.encode(`\ufeff${text}`);
      if (m.which === 'double bom') return encoder.encode(`\ufeff\ufeff${text}`);
      return encoder.encode(text.replace(/\n/g, m.which === 'crlf' ? '\r\n' : '\r'));
    }
    case 'duplicate': {
      const i = Math.floor(m.at * bytes.length);
      return insertAt(bytes, m.at, bytes.subarray(i, Math.min(bytes.length, i + 200)));
    }
  }
}

/** Every manifest kind: seeds mutated by one to three mutations; random bytes as each kind. */
export function manifestProperties(runs: number): void {
  const seeds = [...kinds.map((kind) => ({ kind, text: seedText[kind] })), ...corpusSeeds()];
  fc.assert(
    fc.property(fc.integer({ min: 0, max: seeds.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 3 }), (i, ms) => {
      const seed = seeds[i]!;
      checkManifest(seed.kind, ms.reduce(applyMutation, encoder.encode(seed.text)));
    }),
    { numRuns: runs },
  );
  fc.assert(fc.property(fc.constantFrom(...kinds), fc.uint8Array({ maxLength: 2000 }), (kind, bytes) => checkManifest(kind, bytes)), { numRuns: runs });
}

// ---- IPython syntax ----------------------------------------------------------------------

/** One IPython line, as inputtransformer2 knows them, and Python lines around them. */
const ipythonLine = fc.oneof(
  fc.constantFrom(
    '%matplotlib inline', '%pip install -U pandas', '%time x = 1', '%timeit -n 3 f()', '%load_ext autoreload', '%autoreload 2', '%mprun -f f f()', '%env A=1', '%cd ..', '%%',
    '!pip install torch', '!ls -la | grep x', '!!ls', 'files = !ls', 'out = !echo {x}', 'x = %pwd', 'foo = %matplotlib --list',
    'np.mean?', 'np.mean??', '?np.mean', '??np', 'result = str.split??', 'a = b??', '%magic?', 'x?  # comment',
    '%%capture out', '%%bash', '%%time', '%%writefile f.py', '%%javascript', '%%script python', '%%html',
    'import numpy as np', 'import random', 'random.shuffle(xs)', 'x = 1', 'print(x)', 'pass', 'return x', '# @title Setup', '# comment', '',
    'x = (1,', '2)', 'y = [', ']', '"""doc', 'string"""', "s = '%not a magic'", 's = "!not a shell"', '\\', 'print x', 'exec "x"', 'x <> y', '`x`', '0777', '10L', 'ur"x"', 'except E, e:',
  ),
  fc.string({ maxLength: 30 }).map((s) => `%${s}`),
  fc.string({ maxLength: 30 }).map((s) => `!${s}`),
);
const indent = fc.constantFrom('', '', '    ', '        ', '\t', '  ', '    \t');
const block = fc.constantFrom('def f():', 'if x:', 'for i in range(3):', 'while False:', 'class A:', 'with open(p) as f:', 'try:', 'except Exception:', 'else:', 'async def g():', 'lambda: (');
const cellLines = fc.array(fc.oneof({ weight: 3, arbitrary: fc.tuple(indent, ipythonLine).map(([i, l]) => `${i}${l}`) }, { weight: 1, arbitrary: fc.tuple(indent, block).map(([i, b]) => `${i}${b}`) }), { maxLength: 14 });

export function ipythonProperties(runs: number): void {
  fc.assert(
    fc.property(fc.array(cellLines, { minLength: 1, maxLength: 6 }), fc.constantFrom('\n', '\r\n'), (cells, eol) => {
      const nb = { nbformat: 4, nbformat_minor: 5, metadata: { kernelspec: { name: 'python3', language: 'python' } }, cells: cells.map((lines, i) => ({ cell_type: 'code', source: lines.join(eol), metadata: i % 4 === 3 ? { vscode: { languageId: 'javascript' } } : {}, outputs: [], execution_count: i + 1 })) };
      const bytes = encoder.encode(JSON.stringify(nb));
      checkBytes('ipython.ipynb', bytes);
      const input = inputFromBytes('ipython.ipynb', bytes);
      const invalid = input ? analyze(input, { project }).findings.filter((f) => f.ruleId === 'invalid-file') : [];
      assert.equal(invalid.length, 0, 'a well-formed notebook is not an invalid file');
    }),
    { numRuns: runs },
  );
  // The same lines as a .py file: IPython syntax there is plain Python's error, never a crash.
  fc.assert(fc.property(cellLines, (lines) => checkBytes('ipython.py', lines.join('\n'))), { numRuns: runs });
}
