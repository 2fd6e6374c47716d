/**
 * invalid-file on malformed manifests and notebooks: exactly one finding per malformed file, at
 * the parser's line and column, and none on a valid one. Each case says which reader decides
 * it, and where one exists the real one is asked (ORACLE below): `tomllib` for TOML (pyproject,
 * Pipfile, uv/poetry/pdm locks), `json.loads` for Pipfile.lock (pipenv reads it with json),
 * `compile()` for setup.py, `configparser` as setuptools configures it for setup.cfg, and
 * `nbformat.reads` on the file's bytes for notebooks. The oracle is Debian's `/usr/bin/python3`
 * (3.11+, with `python3-nbformat`); without it the oracle half is skipped with a notice, except
 * when CI=true (`.ci/run` installs it). environment.yml (ruamel.yaml in conda) and
 * requirements files (pip) have no oracle here: their cases follow the documented formats.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { analyze, inputFromBytes } from '../../../server/src/engine/analyze';
import { resolveConfig } from '../../../server/src/engine/config';
import { MAX_LINE_LENGTH } from '../../../server/src/engine/manifests/lineLimit';
import { createProject } from '../../../server/src/engine/project';
import { initParser } from '../../../server/src/engine/python/parser';
import { REQUIRED, runPythonOracle } from '../ipythonOracle';


type Oracle = 'toml' | 'json' | 'python' | 'cfg' | 'notebook';

interface Case {
  file: string;
  content: string | Uint8Array;
  /**
   * 1-based line and column of the one invalid-file finding (a notebook that does not load has
   * no document to point into: its finding is on line 1 and the message says where); absent:
   * the file is valid.
   */
  at?: [number, number];
  /** What the message must say. */
  says?: RegExp;
  oracle?: Oracle;
  /** The finding is Preflight's line-length limit (lineLimit.ts), not a format error. */
  overLimit?: true;
  why: string;
}

const enc = (s: string) => new TextEncoder().encode(s);
const notebook = (source: string) => JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: { kernelspec: { name: 'python3', language: 'python' } }, cells: [{ cell_type: 'code', id: 'a', source, metadata: {}, outputs: [], execution_count: null }] });
const BOM = [0xef, 0xbb, 0xbf];
const LATIN1 = notebook('x = "café"\n');
const NO_COMMA = `{\n "cells": [\n  {"cell_type": "code", "source": "t = 'ghp_${'x'.repeat(36)}'"  "metadata": {}}\n ]\n}`;

const CASES: Case[] = [
  // pyproject.toml
  { file: 'pyproject.toml', content: '[project]\nname = "x"\ndependencies = ["requests==2.31.0"]\n', oracle: 'toml', why: 'valid' },
  { file: 'pyproject.toml', content: '[project]\nname = "x"\ndependencies = ["requests>=2",\n', at: [4, 1], says: /invalid TOML at line 4, column 1/, oracle: 'toml', why: 'unclosed array' },
  { file: 'pyproject.toml', content: '[project]\nname = "x"\nname = "y"\n', at: [3, 1], says: /invalid TOML/, oracle: 'toml', why: 'key defined twice' },
  { file: 'pyproject.toml', content: '[project\nname = "x"\n', at: [1, 9], oracle: 'toml', why: 'unclosed table header' },
  { file: 'pyproject.toml', content: 'x = "ab\r\ny = 1\r\n', at: [1, 8], says: /invalid TOML at line 1, column 8/, oracle: 'toml', why: 'a string cut by a CRLF line end: the error points at the \\r, reported at the end of the line (fuzz)' },
  { file: 'pyproject.toml', content: '[tool.x]\na = "unterminated\n', at: [2, 18], oracle: 'toml', why: 'unterminated string' },
  // Pipfile
  { file: 'Pipfile', content: '[packages]\nrequests = "==2.31.0"\n\n[dev-packages]\n', oracle: 'toml', why: 'valid' },
  { file: 'Pipfile', content: '[packages]\nrequests = "*"\nflask = \n', at: [3, 9], says: /invalid TOML at line 3, column 9: invalid value/, oracle: 'toml', why: 'missing value' },
  // TOML lock files
  { file: 'uv.lock', content: 'version = 1\n\n[[package]]\nname = "a"\nversion = "1.0"\n', oracle: 'toml', why: 'valid' },
  { file: 'uv.lock', content: '[[package]]\nname = "a"\nversion = \n', at: [3, 11], oracle: 'toml', why: 'half-written lock' },
  { file: 'poetry.lock', content: '<<<<<<< HEAD\n[[package]]\n', at: [1, 1], oracle: 'toml', why: 'merge conflict' },
  { file: 'pdm.lock', content: '[metadata]\ngroups = ["default"\n', at: [3, 1], oracle: 'toml', why: 'unclosed array at end of file' },
  // Pipfile.lock (JSON)
  { file: 'Pipfile.lock', content: '{\n "_meta": {"sources": []},\n "default": {"a": {"version": "==1.0"}},\n "develop": {}\n}\n', oracle: 'json', why: 'valid' },
  { file: 'Pipfile.lock', content: '{\n "_meta": {},\n "default": {"a": {"version": "==1"},}\n}\n', at: [3, 38], says: /invalid JSON at line 3, column 38: Expected double-quoted property name/, oracle: 'json', why: 'trailing comma' },
  { file: 'Pipfile.lock', content: '{\n "_meta": {"sources": [{"url": "https://user:s3cret@pypi.example/simple"}]},\n "default": ?\n}', at: [3, 13], says: /Unexpected token/, oracle: 'json', why: 'unexpected token: no quote of the text' },
  { file: 'Pipfile.lock', content: '{\n "default": {', at: [2, 14], says: /Expected property name/, oracle: 'json', why: 'truncated' },
  // environment.yml
  { file: 'environment.yml', content: 'name: x\ndependencies:\n  - numpy=1.26.4\n  - pip:\n    - requests==2.31.0\n', why: 'valid' },
  { file: 'environment.yml', content: 'name: x\ndependencies:\n  - numpy\n - pandas: [\n', at: [4, 1], says: /invalid YAML at line 4, column 1/, why: 'bad indentation' },
  { file: 'environment.yml', content: 'name: x\ndependencies: [numpy, pandas\n', at: [3, 1], says: /invalid YAML/, why: 'unclosed flow sequence' },
  { file: 'environment.yml', content: 'dependencies:\n\t- numpy\n', at: [2, 1], says: /Tabs/, why: 'tab indentation' },
  // setup.py: only what compile() rejects
  { file: 'setup.py', content: 'from setuptools import setup\nsetup(name="x", install_requires=["requests"])\n', oracle: 'python', why: 'valid' },
  { file: 'setup.py', content: 'from setuptools import setup\nsetup(name="x", install_requires=["requests"]\n', at: [2, 6], says: /Python syntax error at line 2, column 6/, oracle: 'python', why: 'unclosed call' },
  { file: 'setup.py', content: 'from setuptools import setup\nsetup(name="x",\n      install_requires=["a" "b"],\n      version = = "1")\n', at: [4, 17], oracle: 'python', why: 'stray =' },
  { file: 'setup.py', content: 'from setuptools import setup\nsetup(name="x")\n)\n', at: [3, 1], oracle: 'python', why: 'unmatched bracket' },
  { file: 'setup.py', content: 'from setuptools import setup\ndef f():\n    x = [i for i in\nrange(3)]\n    return x\nsetup(name="x")\n', oracle: 'python', why: 'column-0 continuation inside brackets is valid' },
  { file: 'setup.py', content: 'from setuptools import setup\nmatch = 1\nsetup(name=f"{match!r}")\n', oracle: 'python', why: 'soft keyword and f-string' },
  // setup.cfg: what configparser rejects, as setuptools configures it (strict, case-sensitive keys)
  { file: 'setup.cfg', content: '[metadata]\nname = x\n\n[options]\ninstall_requires =\n    requests==2.31.0\n    # a comment\n    flask==3.0.0\n', oracle: 'cfg', why: 'valid' },
  { file: 'setup.cfg', content: '[metadata]\nname = x\nName = y\n[DEFAULT]\n[DEFAULT]\n', oracle: 'cfg', why: 'option names are case-sensitive; DEFAULT may repeat' },
  { file: 'setup.cfg', content: 'name = x\n[metadata]\n', at: [1, 1], says: /before the first \[section\]/, oracle: 'cfg', why: 'no section header' },
  { file: 'setup.cfg', content: '[options]\ninstall_requires =\n    requests\ninstall_requires = flask\n', at: [4, 1], says: /option install_requires again in \[options\] \(first at line 2\)/, oracle: 'cfg', why: 'duplicate option' },
  { file: 'setup.cfg', content: '[options]\na = 1\n[metadata]\n[options]\n', at: [4, 1], says: /section \[options\] again/, oracle: 'cfg', why: 'duplicate section' },
  { file: 'setup.cfg', content: '[options]\ninstall_requires\n', at: [2, 1], says: /neither a \[section\] header nor key = value/, oracle: 'cfg', why: 'a key without a value' },
  { file: 'setup.cfg', content: '[options]\n= x\n', at: [2, 1], oracle: 'cfg', why: 'empty option name' },
  { file: 'setup.cfg', content: '  [options]\n  a = 1\n    b\n', oracle: 'cfg', why: 'indented header and continuation' },
  // requirements files: pip has no line limit, Preflight has (lineLimit.ts)
  { file: 'requirements.txt', content: 'requests==2.31.0\n-r other.txt\n', why: 'valid' },
  { file: 'requirements.txt', content: `requests==2.31.0\n${'a'.repeat(MAX_LINE_LENGTH + 1)}\nflask==3.0.0\n`, at: [2, 1], says: /line 2 has 65,537 characters, over the 65,536-character limit/, why: 'one line over the limit' },
  { file: 'requirements.txt', content: `requests==2.31.0\n${'a'.repeat(MAX_LINE_LENGTH)}\n`, why: 'a line exactly at the limit' },
  { file: 'pyproject.toml', content: `[project]\nname = "x"\ndescription = "${'d'.repeat(MAX_LINE_LENGTH)}"\n`, at: [3, 1], says: /line 3 has/, oracle: 'toml', overLimit: true, why: 'valid TOML, line over the limit' },
  { file: 'Dockerfile', content: `FROM python:3.12\nRUN echo ${'x'.repeat(MAX_LINE_LENGTH)}\n`, at: [2, 1], says: /line 2 has/, why: 'Dockerfile line over the limit' },
  // notebooks: nbformat.reads on the bytes (json.loads allows one BOM)
  { file: 'a.ipynb', content: enc(notebook('x = "café"\n')), oracle: 'notebook', why: 'valid UTF-8' },
  { file: 'a.ipynb', content: new Uint8Array([...BOM, ...enc(notebook('x = 1\n'))]), oracle: 'notebook', why: 'one BOM' },
  { file: 'a.ipynb', content: new Uint8Array([...BOM, ...BOM, ...enc(notebook('x = 1\n'))]), at: [1, 1], says: /two byte order marks/, oracle: 'notebook', why: 'two BOMs' },
  { file: 'a.ipynb', content: latin1(LATIN1), at: [1, LATIN1.indexOf('é') + 1], says: /byte 0xE9 at line 1, column \d+ \(saved in another encoding/, oracle: 'notebook', why: 'Latin-1 bytes inside the JSON' },
  { file: 'a.ipynb', content: enc(NO_COMMA), at: [3, NO_COMMA.split('\n')[2]!.indexOf('"metadata"') + 1], says: /^not valid JSON at line 3, column \d+: Expected ',' or '}' after property value$/, oracle: 'notebook', why: 'JSON error: position, never the text' },
  { file: 'a.ipynb', content: enc(`{"cells": [{"source": "t = 'ghp_${'x'.repeat(36)}'", "x": ?}]}`), at: [1, 78], says: /^not valid JSON at line 1, column 78: Unexpected token '\?'$/, oracle: 'notebook', why: 'unexpected token: V8 quotes the text, the finding does not' },
];

function latin1(s: string): Uint8Array {
  return Uint8Array.from([...s].map((ch) => ch.charCodeAt(0)));
}

const ORACLE = String.raw`
import base64, configparser, io, json, sys, tomllib
try:
    import nbformat
except ImportError:
    nbformat = None
out = []
for case in json.load(sys.stdin):
    data = base64.b64decode(case["b64"])
    kind = case["oracle"]
    try:
        if kind == "toml":
            tomllib.loads(data.decode("utf-8"))
        elif kind == "json":
            json.loads(data)
        elif kind == "python":
            compile(data, "setup.py", "exec", dont_inherit=True)
        elif kind == "cfg":
            parser = configparser.ConfigParser()
            parser.optionxform = str
            parser.read_file(io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
        elif kind == "notebook":
            if nbformat is None:
                raise SystemExit("python3-nbformat is not installed")
            nbformat.reads(data, as_version=4)
        out.append({"ok": True})
    except Exception as e:  # each reader's own error types: SyntaxError, TOMLDecodeError, configparser.Error, NotJSONError...
        out.append({"ok": False, "error": type(e).__name__ + ": " + str(e)[:200]})
json.dump(out, sys.stdout)
`;

function askOracle(cases: Case[]): { ok: boolean; error?: string }[] | string {
  const input = cases.map((c) => ({ oracle: c.oracle, b64: Buffer.from(typeof c.content === 'string' ? enc(c.content) : c.content).toString('base64') }));
  return runPythonOracle<{ ok: boolean; error?: string }[]>(ORACLE, [], input, 'the format oracle (Python 3.11+ with python3-nbformat)');
}

const label = (c: Case) => `${c.file}: ${c.why}`;

describe('invalid-file: one finding per malformed manifest or notebook, at the parser position', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-malformed-'));
  const project = createProject(dir);
  const config = resolveConfig({});
  const withOracle = CASES.filter((c) => c.oracle);
  let oracle: ReturnType<typeof askOracle> = 'not asked';
  before(async () => {
    await initParser();
    oracle = askOracle(withOracle);
    if (typeof oracle === 'string') {
      assert.ok(!REQUIRED, `CI=true requires the oracle: ${oracle}`);
      console.log(`# manifest format oracle skipped: ${oracle} (required when CI=true)`);
    }
  });
  for (const c of CASES) {
    it(label(c), () => {
      const input = inputFromBytes(path.join(dir, c.file), c.content, config);
      assert.ok(input);
      const found = analyze(input, { config, project }).findings.filter((f) => f.ruleId === 'invalid-file');
      if (!c.at) {
        assert.deepEqual(found.map((f) => f.message), []);
      } else {
        assert.equal(found.length, 1, found.map((f) => f.message).join('\n'));
        const f = found[0]!;
        if (c.file.endsWith('.ipynb')) {
          assert.deepEqual(f.range.start, { line: 0, column: 0 });
          const named = /at line (\d+), column (\d+)/.exec(f.message);
          assert.deepEqual(named ? [Number(named[1]), Number(named[2])] : [1, 1], c.at, f.message);
        } else assert.deepEqual([f.range.start.line + 1, f.range.start.column + 1], c.at, f.message);
        if (c.says) assert.match(f.message, c.says);
        assert.doesNotMatch(f.message, /s3cret|ghp_/);
      }
      if (c.oracle && typeof oracle !== 'string') {
        const a = oracle[withOracle.indexOf(c)]!;
        // A line over the limit is valid to the format: only Preflight limits it.
        assert.equal(a.ok, !c.at || !!c.overLimit, `the oracle says ${a.ok ? 'valid' : a.error}: the table is wrong`);
      }
    });
  }
});
