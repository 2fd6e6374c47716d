/**
 * Is a requirement list only for developing the project — its tests, linters, type checkers,
 * documentation build or benchmarks — rather than what production installs? A range there
 * drifts what CI and contributors get, not what a deployment runs (docs/rules/
 * unpinned-requirement.md, "Development-only lists").
 *
 * A list is development-only when
 *   - the format says so: uv's and Poetry's `dev-dependencies`, PDM's `[tool.pdm.dev-dependencies]`,
 *     a Pipfile's `[dev-packages]`;
 *   - or its name says so: a PEP 735 `[dependency-groups]` group, a Poetry group, an extra
 *     (`[project.optional-dependencies]`, `extras_require`, setup.cfg extras) named with a
 *     development word (`dev`, `test`, `lint`, `typing`, `docs`, `bench`… alone or as a part of
 *     the name: `dev-tools`, `integration-tests`); a group named for anything else (`server`,
 *     `gpu`) may be what production installs (`uv sync --group server`) and is not;
 *   - or its file's name says so: a requirements/constraints file or an environment file named
 *     with a development word (`requirements-dev.txt`, `dev-requirements.txt`,
 *     `requirements/test.txt`, `environment-docs.yml`), or a requirements file in a `docs/`
 *     folder (the documentation build's, Read the Docs' convention).
 */
import * as path from 'node:path';

/**
 * Words that name development-only work, as a whole part of a group or file name. Not `format`
 * or `style`: an extra of that name can be a runtime feature (`jsonschema[format]`).
 */
const DEVELOPMENT_WORDS = new Set([
  'dev', 'devel', 'develop', 'development',
  'test', 'tests', 'testing', 'unittest', 'unittests', 'coverage', 'cov',
  'lint', 'lints', 'linter', 'linters', 'linting', 'precommit', 'qa',
  'typing', 'types', 'typecheck', 'typechecking', 'mypy', 'pyright', 'stubs',
  'doc', 'docs', 'documentation', 'sphinx', 'mkdocs',
  'bench', 'benchmark', 'benchmarks',
]);

/** Parts of a file name that only say what kind of file it is. */
const FILE_KIND_WORDS = new Set(['requirements', 'requirement', 'reqs', 'req', 'constraints', 'constraint', 'environment', 'env', 'txt', 'in', 'yml', 'yaml']);

const partsOf = (name: string) => name.toLowerCase().replace(/pre-commit/g, 'precommit').replace(/type-check/g, 'typecheck').split(/[-_.\s]+/).filter(Boolean);
const namesDevelopment = (name: string) => partsOf(name).some((p) => DEVELOPMENT_WORDS.has(p));

/**
 * The development-only list a manifest requirement's group (`ManifestRequirement.group`) is,
 * named for a message ("the development group 'dev'"), or undefined when it is not one.
 */
export function developmentGroup(group: string): string | undefined {
  if (group === 'tool.uv.dev-dependencies' || group === 'tool.poetry.dev-dependencies') return 'the development dependencies';
  if (group === 'dev-packages') return "the Pipfile's dev-packages";
  const pdm = /^tool\.pdm\.dev-dependencies\.(.+)$/.exec(group);
  if (pdm) return `the development group '${pdm[1]}'`;
  const named = /^(dependency-groups|tool\.poetry\.group|optional-dependencies|extras_require)\.(.+)$/.exec(group);
  if (!named || !namesDevelopment(named[2]!)) return undefined;
  return `the development ${named[1] === 'optional-dependencies' || named[1] === 'extras_require' ? 'extra' : 'group'} '${named[2]}'`;
}

/** A requirements, constraints or environment file whose name or folder says it is for development only. */
export function isDevelopmentRequirementsFile(file: string): boolean {
  const base = path.basename(file);
  const stem = base.replace(/\.(txt|in|ya?ml)$/i, '');
  const parts = partsOf(stem).filter((p) => !FILE_KIND_WORDS.has(p));
  if (parts.some((p) => DEVELOPMENT_WORDS.has(p))) return true;
  const folder = path.basename(path.dirname(file.replace(/\\/g, '/'))).toLowerCase();
  return folder === 'docs' || folder === 'doc';
}
