/**
 * `preflight check`: its flags (each validated: a clear message and exit code 2), then the
 * report — or the fixes (fix.ts), the statistics (statistics.ts) or the baseline comments
 * (addNoqa.ts) — written to stdout or `--output-file`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type CheckOptions, type CheckReport, ConfigError, initParser, resolveGitScope, type RuleSelection, selectionError, type Severity, SEVERITY_RANK } from '../engine';
import { addNoqa, formatNoqaSummary } from './addNoqa';
import { runFixCommand } from './fix';
import { formatJson, formatText } from './formats';
import { formatGithub } from './github';
import { checkFiles } from './runCheck';
import { formatSarif } from './sarif';
import { formatStatistics } from './statistics';
import { VERSION } from './version';
import { commandArgs, type Io } from './commandArgs';

export const CHECK_USAGE = `Usage: preflight check [paths…] [options]

Checks Jupyter notebooks, Python files and dependency manifests for production risks:
unseeded randomness, unpinned dependencies, missing idempotency and hidden state.

Report:
  --format FORMAT        text (default), json, sarif or github
  --fail-on SEVERITY     exit 1 when a finding is at or above it: error, warning (default), info, hint
  --exit-zero            exit 0 even when there are findings (2 still means a usage error)
  --output-file FILE     write the report (or diff, or statistics) to FILE instead of stdout
  --quiet, -q            print the findings only: no summary line
  --statistics           print how many findings each rule has and how many are fixable,
                         instead of the findings (text or json)

Selection (rule ids or categories, as in [tool.preflight]; repeat the flag or separate with commas):
  --select RULES         check only these rules (replaces the configuration's select, ignore
                         and severity = "off")
  --extend-select RULES  check these rules too
  --ignore RULES         leave these rules out (wins over any select)
  --changed-since REF    check only the files the current branch changes since its merge-base
                         with REF, plus uncommitted and untracked files (as the checklist does)

Fixes:
  --fix                  apply every safe fix to the files (the fixes the editor offers), repeating
                         until nothing more is fixable, then report what remains
  --unsafe-fixes         with --fix or --diff: apply the unsafe fixes too (they change behaviour:
                         reordering notebook cells, clearing saved outputs, adding timeouts…)
  --diff                 print a unified diff of what --fix would change and write nothing
                         (exit 1 when there is a diff, 0 when there is nothing to fix)

Baseline:
  --add-noqa             write a "# preflight: ignore[rule]" directive for every current finding
                         (in each file's comment syntax; notebook cells and manifests too), so
                         check reports nothing until the code changes; run again, it adds none

Other:
  --config FILE          read [tool.preflight] from FILE instead of the nearest pyproject.toml
  --jobs N               threads to analyse with (default: the machine's cores)
  --no-cache             neither read nor write the result cache

Results are kept in .preflight_cache/ (tool.preflight.cache-dir) and reused while the file,
the configuration and the project files its analysis read are unchanged; --no-cache neither
reads nor writes it (nor does PREFLIGHT_NO_CACHE=1).

Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage or
configuration error.`;

const FORMATS = ['text', 'json', 'sarif', 'github'] as const;
type Format = (typeof FORMATS)[number];

const OPTIONS = {
  format: { type: 'string' },
  'fail-on': { type: 'string' },
  config: { type: 'string' },
  jobs: { type: 'string' },
  'no-cache': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  fix: { type: 'boolean' },
  'unsafe-fixes': { type: 'boolean' },
  diff: { type: 'boolean' },
  select: { type: 'string', multiple: true },
  'extend-select': { type: 'string', multiple: true },
  ignore: { type: 'string', multiple: true },
  'exit-zero': { type: 'boolean' },
  'output-file': { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  statistics: { type: 'boolean' },
  'changed-since': { type: 'string' },
  'add-noqa': { type: 'boolean' },
} as const;


export interface CheckCommandOptions {
  workerScript?: string;
  build?: string;
}

class UsageError extends Error {}

/** `--select a,b --select c` → [a, b, c]; an empty item is a usage error. */
function selectors(flag: string, values: string[] | undefined): string[] | undefined {
  if (!values) return undefined;
  const list = values.flatMap((v) => v.split(',')).map((s) => s.trim());
  if (list.some((s) => s === '')) throw new UsageError(`--${flag} needs rule ids or categories separated by commas (got "${values.join(',')}")`);
  return list;
}

export async function runCheckCommand(args: string[], io: Io, cwd: string, options: CheckCommandOptions): Promise<number> {
  const parsed = commandArgs(args, OPTIONS, CHECK_USAGE, io);
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  const usage = (message: string) => {
    io.err(`preflight: ${message}\n`);
    return 2;
  };
  const format = (values.format ?? 'text') as Format;
  if (!FORMATS.includes(format)) return usage(`--format must be one of ${FORMATS.join(', ')} (got "${format}")`);
  const failOn = (values['fail-on'] ?? 'warning') as Severity;
  if (!(failOn in SEVERITY_RANK)) return usage(`--fail-on must be one of error, warning, info, hint (got "${values['fail-on']}")`);
  const jobs = values.jobs === undefined ? undefined : Number(values.jobs);
  if (jobs !== undefined && !(Number.isInteger(jobs) && jobs >= 1)) return usage(`--jobs must be a whole number of threads, 1 or more (got "${values.jobs}")`);
  if (values['unsafe-fixes'] && !values.fix && !values.diff) return usage('--unsafe-fixes applies with --fix or --diff');
  if (values.diff && format !== 'text') return usage(`--diff prints a diff, not a report: leave out --format ${format}`);
  if (values.statistics && (values.diff || values.fix)) return usage('--statistics reports the findings: leave out --fix and --diff');
  if (values.statistics && format !== 'text' && format !== 'json') return usage(`--statistics prints text or json (got --format ${format})`);
  if (values['add-noqa'] && (values.fix || values.diff || values.statistics)) return usage('--add-noqa writes ignore directives: leave out --fix, --diff and --statistics');
  if (values['output-file'] === '') return usage('--output-file needs a file name');
  if (values['changed-since'] === '') return usage('--changed-since needs a git ref (a branch, tag or commit)');
  let selection: RuleSelection;
  try {
    const select = selectors('select', values.select);
    const extendSelect = selectors('extend-select', values['extend-select']);
    const ignore = selectors('ignore', values.ignore);
    selection = { ...(select ? { select } : {}), ...(extendSelect ? { extendSelect } : {}), ...(ignore ? { ignore } : {}) };
  } catch (e) {
    if (e instanceof UsageError) return usage(e.message);
    throw e;
  }
  const badSelector = selectionError(selection);
  if (badSelector) return usage(badSelector);

  // Everything meant for stdout, so that --output-file gets all of it or nothing.
  let output = '';
  const out = (s: string) => (output += s);
  const checkOptions: CheckOptions = {
    paths: positionals,
    selection,
    ...(values.config ? { configFile: values.config } : {}),
    onRuleError: (file, ruleId, error) => io.err(`preflight: rule ${ruleId} failed on ${file} (other rules still ran): ${error.split('\n')[0]}\n`),
  };
  if (values['changed-since']) {
    const scope = await resolveGitScope(cwd, 'branch', values['changed-since']);
    if (scope.badBase) return usage(`--changed-since: "${scope.badBase}" is not a commit in this repository`);
    for (const note of scope.notes) io.err(`preflight: ${note}\n`);
    if (scope.changed) checkOptions.onlyFiles = new Set(scope.changed.map((f) => path.resolve(cwd, f)));
  }
  const color = !values['output-file'] && process.stdout.isTTY === true && !process.env.NO_COLOR;
  const quiet = values.quiet === true;
  const formatReport = (r: CheckReport) =>
    values.statistics ? formatStatistics(r, format === 'json' ? 'json' : 'text') : format === 'json' ? formatJson(r, cwd) : format === 'sarif' ? formatSarif(r, cwd, VERSION) : format === 'github' ? formatGithub(r, cwd) : formatText(r, cwd, color, quiet);
  const exitCode = (r: CheckReport) => (!values['exit-zero'] && r.findings.some((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[failOn]) ? 1 : 0);
  let code: number;
  try {
    if (values['add-noqa']) {
      await initParser();
      const noqa = addNoqa(checkOptions);
      for (const n of noqa.notes) io.err(`preflight: ${n}\n`);
      if (!quiet) out(formatNoqaSummary(noqa, cwd));
      code = exitCode(noqa.remaining);
    } else if (values.fix || values.diff) {
      await initParser();
      code = runFixCommand(checkOptions, { unsafe: values['unsafe-fixes'] === true, diff: values.diff === true, cwd, out, err: io.err, textFormat: format === 'text', quiet, format: formatReport, exitCode });
      if (values.diff && values['exit-zero'] && code === 1) code = 0;
    } else {
      const run = await checkFiles(checkOptions, {
        cache: values['no-cache'] !== true && !envFlag(process.env.PREFLIGHT_NO_CACHE),
        ...(options.workerScript ? { workerScript: options.workerScript } : {}),
        ...(jobs ? { jobs } : {}),
        ...(options.build ? { build: options.build } : {}),
      });
      // What the cache did, for tests and curious users (not a format: it may change).
      if (process.env.PREFLIGHT_CACHE_DEBUG) {
        for (const f of run.stats.analysed) io.err(`preflight: cache: analysed ${f}\n`);
        io.err(`preflight: cache: ${run.stats.fromCache} from cache, ${run.stats.analysed.length} analysed\n`);
      }
      const report = run.report;
      for (const p of report.problems) io.err(`preflight: ${p.path}: ${p.message}\n`);
      if (report.filesChecked === 0 && report.problems.length && positionals.length) return 2;
      out(formatReport(report));
      code = exitCode(report);
    }
  } catch (e) {
    if (e instanceof ConfigError) {
      io.err(`preflight: configuration error: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  if (values['output-file'] === undefined) io.out(output);
  else {
    try {
      fs.writeFileSync(path.resolve(cwd, values['output-file']), output);
    } catch (e) {
      return usage(`--output-file: cannot write ${values['output-file']}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  }
  return code;
}

/** An environment switch: set, and not "0" or "false". */
function envFlag(v: string | undefined): boolean {
  return v !== undefined && v !== '' && v !== '0' && v.toLowerCase() !== 'false';
}
