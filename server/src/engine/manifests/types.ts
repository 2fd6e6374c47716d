/** What every manifest parser returns: the requirements it declares, with their places. */
import type { ParsedRequirement } from './requirement';

export interface ManifestRequirement {
  readonly requirement: ParsedRequirement;
  /** Offsets in the manifest text of the requirement as written (what a finding underlines). */
  readonly start: number;
  readonly end: number;
  /**
   * Where a pin fix writes, and what: replace [start, end) by `text(version)`. Absent when the
   * syntax has no safe place for a version (a bare URL, an inline table we did not locate).
   */
  readonly fix?: { start: number; end: number; text: (version: string) => string };
  /** The list it belongs to (`dependencies`, `optional-dependencies.dev`, `dev-packages`, `pip`…). */
  readonly group: string;
  /** Pinned by a `--hash` option or a constraints file rather than by its own specifier. */
  readonly pinnedElsewhere?: boolean;
}

/** Why a manifest is malformed: the parser's message and the [start, end) offsets it points at. */
export interface ManifestProblem {
  readonly message: string;
  readonly start: number;
  readonly end: number;
}

export interface ManifestInclude {
  readonly kind: 'requirements' | 'constraints';
  readonly path: string;
  readonly start: number;
  readonly end: number;
}

export interface ParsedManifest {
  readonly requirements: ManifestRequirement[];
  readonly includes: ManifestInclude[];
  /** The project's own distribution name (`[project].name`, `setup(name=…)`), if declared. */
  readonly projectName?: string;
  /**
   * Set when the file is not valid as its format (invalid TOML/YAML, a Python syntax error, a
   * line over the length limit): what the parser said, and where. The `invalid-file` rule reports
   * it; what could still be read is in `requirements`.
   */
  readonly error?: ManifestProblem;
  /** What a project manifest says beyond its requirements (the project model reads it). */
  readonly project?: ProjectFacts;
}

/**
 * A project manifest's workspace, dynamic-metadata and tool facts: what `undeclared-import`
 * needs to know what the project declares, and `unpinned-requirement` to know which lock
 * covers it. None of these are requirements with places (nothing here is a pin finding).
 */
export interface ProjectFacts {
  /** Workspace member globs (`[tool.uv.workspace] members`, hatch `workspace.members`), relative to the manifest. */
  readonly workspaceMembers?: readonly string[];
  readonly workspaceExclude?: readonly string[];
  /** Which tool declares the workspace (`uv`, `hatch`). */
  readonly workspaceTool?: string;
  /** No `[project]` (nor `[tool.poetry]`) table: a virtual workspace root that declares no package. */
  readonly virtual?: boolean;
  /** Names whose source is the project itself: `[tool.uv.sources] x = { workspace = true }` or `{ path = … }`, Poetry/PDM path dependencies. */
  readonly localNames?: readonly string[];
  /**
   * Top-level modules the project builds itself as compiled extensions (`setup.py`
   * `ext_modules=[Extension("name", …)]`/`CMakeExtension("name")`, `[tool.maturin] module-name`,
   * `[tool.setuptools] ext-modules`): its own modules, not distributions.
   */
  readonly extensionModules?: readonly string[];
  /** The build runs CMake (`[tool.scikit-build]`, a `CMakeExtension`): the CMakeLists.txt beside the manifest names the extension modules. */
  readonly cmakeBuild?: boolean;
  /** More names the project installs for its own code (hatch environments' `dependencies` / `extra-dependencies`). */
  readonly alsoDeclared?: readonly string[];
  /** Requirements files the dependency list is read from at build time (setuptools `dynamic`, hatch-requirements-txt, `setup.py` reading a file). */
  readonly dependencyFiles?: readonly string[];
  /** The dependency list is computed at build time in a way not read here (a hatch metadata hook, a `setup.py` function). */
  readonly dependenciesUnknown?: boolean;
}

export const EMPTY_MANIFEST: ParsedManifest = { requirements: [], includes: [] };
