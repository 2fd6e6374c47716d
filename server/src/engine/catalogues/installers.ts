/**
 * Package installers as data: the commands that install Python packages, and for each the
 * options that take a separate value (`--index-strategy first-index`, `-c conda-forge`), so an
 * option's value is never read as a package. Taken from each tool's own option reference:
 * `pip install --help` (pip 25), `uv pip install|add|tool install --help` (uv 0.8),
 * `conda install --help` (conda 25), `micromamba install --help` (mamba 2), `poetry add --help`
 * (Poetry 2), `pdm add --help` (PDM 2), `pipx install --help` (pipx 1.7).
 *
 * Only options that take a value matter here: a flag we do not know is skipped as a flag, while
 * a value option we did not list would make its value look like a package. Short options are
 * single letters (`-c`), long options start with `--`; `--opt=value` and a value attached to a
 * short option (`-cconda-forge`, `-qr file`) are read as the tools read them.
 */

/** Which installer a command is; each reads its package arguments in its own syntax. */
export type InstallerId = 'pip' | 'uv-pip' | 'uv-add' | 'uv-tool' | 'conda' | 'mamba' | 'poetry-add' | 'pdm-add' | 'pipx';

export interface InstallerOptions {
  /** Options that take a separate value. */
  readonly values: ReadonlySet<string>;
  /** Options that upgrade every package of the command (`-U`, `--upgrade`). */
  readonly upgrade: ReadonlySet<string>;
  /** Value options (also in `values`) whose value is a package the command may upgrade (uv `-P/--upgrade-package`). */
  readonly upgradePackage?: ReadonlySet<string>;
  /** Requirement syntax of the package arguments. */
  readonly syntax: 'pip' | 'conda' | 'poetry';
}

const set = (s: string): ReadonlySet<string> => new Set(s.split(/\s+/).filter(Boolean));

/** pip's general options (valid before and after the subcommand). */
const PIP_GENERAL = `--python --log --log-file --proxy --retries --timeout --exists-action --trusted-host --cert --client-cert
--cache-dir --keyring-provider --use-feature --use-deprecated --resume-retries --local-log`;

/** Options of the commands that resolve against an index, shared by pip and `uv pip`. */
const INDEX = '-i --index-url --extra-index-url -f --find-links';

const PIP_INSTALL = `${PIP_GENERAL} ${INDEX} -r --requirement -c --constraint -e --editable -t --target --platform --python-version
--implementation --abi --root --prefix --src --upgrade-strategy -C --config-settings --global-option --install-option
--build-option --no-binary --only-binary --progress-bar --root-user-action --report --group`;

/** uv's global options (before or after the subcommand). */
const UV_GLOBAL = '--cache-dir --color --config-file --directory --project --allow-insecure-host --python-preference';

/** uv's resolver and installer options (`uv pip install`, `uv add`, `uv tool install`). */
const UV_RESOLVER = `${UV_GLOBAL} ${INDEX} --index --default-index --index-strategy --keyring-provider --resolution --prerelease
--fork-strategy -C --config-setting --config-settings-package --no-build-isolation-package --exclude-newer
--exclude-newer-package --link-mode --no-sources-package --reinstall-package --refresh-package --no-build-package
--no-binary-package -P --upgrade-package -p --python --python-platform --torch-backend`;

const UV_PIP_INSTALL = `${UV_RESOLVER} -r --requirements --requirement -e --editable -c --constraints --constraint --overrides
--override --excludes --exclude -b --build-constraints --build-constraint --extra --no-extra --group --target --prefix
--no-binary --only-binary --python-version --dependency-metadata`;

const UV_ADD = `${UV_RESOLVER} -r --requirements --requirement -c --constraints --constraint -m --marker --optional --group
--bounds --rev --tag --branch --extra --package --script`;

const UV_TOOL_INSTALL = `${UV_RESOLVER} -w --with --with-requirements --with-editable --from -c --constraints --overrides
--build-constraints --with-executables-from`;

/** conda's options that take a value (`conda install`). */
const CONDA_INSTALL = `-n --name -p --prefix -c --channel --file --repodata-fn --solver --subdir --platform --revision
--console --override-channels-from`;

/** micromamba / mamba 2 (`-f` is `--file` there; in conda `-f` was `--force`). */
const MAMBA_INSTALL = `-n --name -p --prefix -c --channel -f --file -r --root-prefix --rc-file --platform --channel-priority
--log-level --category --repodata-ttl --relocate-prefix`;

const POETRY_ADD = '-G --group -E --extras --optional --source --python --platform --markers -C --directory -P --project';

const PDM_ADD = '-G --group -e --editable -p --project -L --lockfile -c --config -S --strategy -k --skip --venv';

const PIPX_INSTALL = '--suffix --python --pip-args --index-url --spec --preinstall --backend';

export const INSTALLER_OPTIONS: Readonly<Record<InstallerId, InstallerOptions>> = {
  pip: { values: set(PIP_INSTALL), upgrade: set('-U --upgrade'), syntax: 'pip' },
  'uv-pip': { values: set(UV_PIP_INSTALL), upgrade: set('-U --upgrade'), upgradePackage: set('-P --upgrade-package'), syntax: 'pip' },
  'uv-add': { values: set(UV_ADD), upgrade: set('-U --upgrade'), upgradePackage: set('-P --upgrade-package'), syntax: 'pip' },
  'uv-tool': { values: set(UV_TOOL_INSTALL), upgrade: set('-U --upgrade'), upgradePackage: set('-P --upgrade-package'), syntax: 'pip' },
  conda: { values: set(CONDA_INSTALL), upgrade: set('--update-deps --update-all --all'), syntax: 'conda' },
  mamba: { values: set(MAMBA_INSTALL), upgrade: set('--update-all --update-deps'), syntax: 'conda' },
  'poetry-add': { values: set(POETRY_ADD), upgrade: set(''), syntax: 'poetry' },
  'pdm-add': { values: set(PDM_ADD), upgrade: set(''), syntax: 'pip' },
  pipx: { values: set(PIPX_INSTALL), upgrade: set(''), syntax: 'pip' },
};

/**
 * Options of a tool itself, before its subcommand, that take a value (`pip --python X install`,
 * `uv --directory d pip install`, `micromamba -r /opt install`, `poetry -C d add`).
 */
export const TOOL_GLOBAL_VALUES: Readonly<Record<'pip' | 'uv' | 'conda' | 'mamba' | 'poetry' | 'pdm' | 'pipx', ReadonlySet<string>>> = {
  pip: set(PIP_GENERAL),
  uv: set(UV_GLOBAL),
  conda: set(''),
  mamba: set('-r --root-prefix --rc-file --log-level'),
  poetry: set('-C --directory -P --project'),
  pdm: set('-c --config'),
  pipx: set(''),
};

/** Options of the Python interpreter that take a value, before `-m pip` (`python -W ignore -m pip`). */
export const PYTHON_VALUE_OPTIONS: ReadonlySet<string> = set('-W -X --check-hash-based-pycs');

/**
 * Distribution names on PyPI that are placeholders refusing to install, with the distribution
 * meant. `sklearn`: scikit-learn's deprecated alias, whose install raises an error since
 * 2023-12-01 (scikit-learn's "sklearn-pypi-package" notice).
 */
export const PLACEHOLDER_DISTRIBUTIONS: Readonly<Record<string, string>> = {
  sklearn: 'scikit-learn',
};

/** The distribution meant by a placeholder name (normalised key), if `key` is one. */
export function placeholderFor(key: string): string | undefined {
  return Object.hasOwn(PLACEHOLDER_DISTRIBUTIONS, key) ? PLACEHOLDER_DISTRIBUTIONS[key] : undefined;
}
