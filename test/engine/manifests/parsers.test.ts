import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { installCommand } from '../../../server/src/engine/manifests/installCommands';
import { parseCondaSpec, parseRequirement, isFixedUrl } from '../../../server/src/engine/manifests/requirement';
import { parseRequirementsTxt } from '../../../server/src/engine/manifests/requirementsTxt';
import { shellCommands } from '../../../server/src/engine/manifests/shellWords';
import { parseDockerfile } from '../../../server/src/engine/manifests/dockerfile';
import { pipfileLockVersions, tomlLockVersions } from '../../../server/src/engine/dependencies/versions';
import { movingModelAlias } from '../../../server/src/engine/catalogues/dependencies';
import { isStdlibModule } from '../../../server/src/engine/catalogues/pythonStdlib';

describe('parseRequirement: exact pins', () => {
  const table: [string, boolean, string?][] = [
    ['requests==2.32.3', true, '2.32.3'],
    ['requests === 2.32.3', true, '2.32.3'],
    ['requests===abc', true, 'abc'],
    ['requests[socks]==2.32.3 ; python_version >= "3.8"', true, '2.32.3'],
    ['requests (==2.32.3)', true, '2.32.3'],
    ['requests==2.*', false],
    ['requests>=2,<3', false],
    ['requests~=2.32', false],
    ['requests', false],
    ['requests!=2.0', false],
    ['pkg @ git+https://g/x.git@0123456789abcdef0123456789abcdef01234567', true],
    ['pkg @ git+https://g/x.git@v1.0', false],
    ['pkg @ https://h/pkg-1.0-py3-none-any.whl', true],
    ['pkg @ https://h/pkg.zip', false],
  ];
  for (const [s, pinned, version] of table) {
    it(s, () => {
      const r = parseRequirement(s);
      assert.ok(r);
      assert.equal(r.pinned, pinned);
      if (version) assert.equal(r.version, version);
    });
  }
  it('locates name, spec and the end before the marker', () => {
    const s = 'anthropic[bedrock,vertex]>=0.39.0 ; python_version < "3.9"';
    const r = parseRequirement(s)!;
    assert.equal(s.slice(r.nameStart, r.nameEnd), 'anthropic');
    assert.equal(s.slice(r.specStart, r.specEnd), '>=0.39.0');
    assert.equal(s.slice(0, r.end), 'anthropic[bedrock,vertex]>=0.39.0');
    assert.equal(r.key, 'anthropic');
  });
  it('normalises names (PEP 503)', () => assert.equal(parseRequirement('Foo.Bar_baz>=1')!.key, 'foo-bar-baz'));
  it('local paths are the project\'s own code', () => assert.equal(parseRequirement('./libs/core')!.local, true));
  it('hash fragments fix a URL', () => assert.equal(isFixedUrl('https://h/x.tar.gz#sha256=abc123'), true));
});

describe('parseCondaSpec', () => {
  const table: [string, boolean][] = [['numpy', false], ['numpy=1.26', false], ['numpy=1.26.4', true], ['numpy==1.26', true], ['numpy=1.26.4=py311_0', true], ['conda-forge::numpy>=1.2', false], ['numpy=1.26.*', false]];
  for (const [s, pinned] of table) it(s, () => assert.equal(parseCondaSpec(s)!.pinned, pinned));
});

describe('parseRequirementsTxt', () => {
  it('joins continuations, drops comments and options, records includes', () => {
    const src = '# top\n-r base.txt\n-c cons.txt\n--index-url https://x\n-e .\nnumpy==1.26.4 \\\n    --hash=sha256:aa\nflask>=2 # web\nrequests#not-a-comment-without-space\n';
    const m = parseRequirementsTxt(src);
    assert.deepEqual(m.includes.map((i) => [i.kind, i.path]), [['requirements', 'base.txt'], ['constraints', 'cons.txt']]);
    assert.deepEqual(m.requirements.map((r) => [r.requirement.name, r.requirement.pinned, !!r.pinnedElsewhere]), [['numpy', true, true], ['flask', false, false], ['requests#not-a-comment-without-space'.split('#')[0]!, false, false]]);
    assert.equal(src.slice(m.requirements[1]!.start, m.requirements[1]!.end), 'flask>=2');
  });
});

describe('shell words and install commands', () => {
  it('keeps offsets, quotes and separators', () => {
    const text = 'cd x && pip install "a>=1" b \\\n  c; echo';
    const cmds = shellCommands(text);
    assert.equal(cmds.length, 3);
    const words = cmds[1]!;
    assert.deepEqual(words.map((w) => w.value), ['pip', 'install', 'a>=1', 'b', 'c']);
    assert.equal(text.slice(words[2]!.start, words[2]!.end), '"a>=1"');
  });
  const cases: [string, string[] | undefined][] = [
    ['pip install -q --no-cache-dir -i https://x a b==1', ['a', 'b']],
    ['python3 -m pip install --upgrade pip', ['pip']],
    ['uv pip install a', ['a']],
    ['sudo pip3 install a', ['a']],
    ['conda install -y -c conda-forge numpy', ['numpy']],
    ['mamba install numpy=1.26.4', ['numpy']],
    ['pip install -r requirements.txt -e . ./local', []],
    ['pip list', undefined],
    ['pip download a', undefined],
    ['echo pip install a', undefined],
  ];
  for (const [cmd, names] of cases) {
    it(cmd, () => {
      const c = installCommand(shellCommands(cmd)[0]!);
      assert.deepEqual(c?.packages.map((p) => p.requirement.name), names);
    });
  }
});

describe('parseDockerfile', () => {
  it('resolves ARG defaults, knows stages, scratch and digests', () => {
    const d = parseDockerfile('ARG TAG=3.12\nFROM python:${TAG} AS base\nFROM base\nFROM scratch\nFROM redis@sha256:abc\nFROM nginx\nRUN --mount=type=cache,target=/root/.cache pip install x\n');
    assert.deepEqual(d.images.map((i) => [i.image, i.tag, i.skip ?? '']), [['python:3.12', 'fixed', ''], ['base', 'none', 'stage'], ['scratch', 'none', 'scratch'], ['redis@sha256:abc', 'fixed', ''], ['nginx', 'none', '']]);
    assert.equal(d.runs.length, 1);
  });
});

describe('lock files', () => {
  it('reads poetry/uv/pdm [[package]] and pylock [[packages]]', () => {
    assert.equal(tomlLockVersions('[[package]]\nname = "Requests"\nversion = "2.32.3"\n').get('requests'), '2.32.3');
    assert.equal(tomlLockVersions('lock-version = "1.0"\n[[packages]]\nname = "numpy"\nversion = "2.1.0"\n').get('numpy'), '2.1.0');
    assert.equal(tomlLockVersions('not toml [').size, 0);
  });
  it('reads Pipfile.lock', () => {
    assert.equal(pipfileLockVersions('{"default": {"flask": {"version": "==3.0.3"}}, "develop": {}}').get('flask'), '3.0.3');
    assert.equal(pipfileLockVersions('{').size, 0);
  });
});

describe('catalogues', () => {
  it('moving model aliases vs snapshots', () => {
    for (const id of ['gpt-4o', 'openai/gpt-4o', 'openai:gpt-4o-mini', 'claude-3-5-sonnet-latest', 'mistral-large-latest', 'command-r-plus', 'gemini-1.5-pro']) assert.ok(movingModelAlias(id), id);
    for (const id of ['gpt-4o-2024-08-06', 'claude-3-5-sonnet-20241022', 'anthropic.claude-3-5-sonnet-20240620-v1:0', 'gemini-1.5-pro-002', 'mistral-large-2411', 'command-r-plus-08-2024', 'gpt2', 'text-embedding-3-small']) assert.equal(movingModelAlias(id), undefined, id);
  });
  it('stdlib per version', () => {
    assert.ok(isStdlibModule('os'));
    assert.ok(isStdlibModule('tomllib', 11));
    assert.ok(!isStdlibModule('tomllib', 10));
    assert.ok(isStdlibModule('distutils', 11));
    assert.ok(!isStdlibModule('distutils', 12));
    assert.ok(!isStdlibModule('numpy'));
  });
});
