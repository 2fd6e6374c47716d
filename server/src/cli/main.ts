/**
 * The `preflight` command line. Exit codes: 0 nothing at or above --fail-on, 1 findings at or
 * above it, 2 usage or configuration errors.
 */
import { parseArgs } from 'node:util';
import { type CheckOptions, ConfigError, initParser, type Severity, SEVERITY_RANK } from '../engine';
import { CHECKLIST_USAGE, runChecklistCommand } from './checklist';
import { formatJson, formatText } from './formats';
import { formatGithub } from './github';
import { formatSarif } from './sarif';
import { checkFiles } from './runCheck';
import { runVerifyCommand, VERIFY_USAGE } from './verify';
import { VERSION } from './version';
import { runFixCommand } from './fix';

/** `check` flags of fixing (cli/fix.ts). */
const FIX_FLAGS = { fix: { type: 'boolean' }, 'unsafe-fixes': { type: 'boolean' }, diff: { type: 'boolean' } } as const;

export { VERSION };

const USAGE = `Usage: preflight check [paths…] [--format text|json|sarif|github] [--fail-on error|warning|info|hint] [--config FILE] [--jobs N] [--no-cache]
                       [--fix] [--unsafe-fixes] [--diff]

Checks Jupyter notebooks, Python files and dependency manifests for production risks:
unseeded randomness, unpinned dependencies, missing idempotency and hidden state.

Results are kept in .preflight_cache/ (tool.preflight.cache-dir) and reused while the file,
the configuration and the project files its analysis read are unchanged; --no-cache neither
reads nor writes it (nor does PREFLIGHT_NO_CACHE=1).

  --fix            apply every safe fix to the files (the fixes the editor offers), repeating
                   until nothing more is fixable, then report what remains
  --unsafe-fixes   with --fix or --diff: apply the unsafe fixes too (they change behaviour:
                   reordering notebook cells, clearing saved outputs, adding timeouts…)
  --diff           print a unified diff of what --fix would change and write nothing
                   (exit 1 when there is a diff, 0 when there is nothing to fix)

Exit codes: 0 nothing at or above --fail-on (default warning), 1 findings at or above it,
2 usage or configuration error.

${CHECKLIST_USAGE}

${VERIFY_USAGE}`;

export type Writer = { out: (s: string) => void; err: (s: string) => void };

const FORMATS = ['text', 'json', 'sarif', 'github'] as const;

export interface MainOptions {
  /** Lets `check` spread big scans over worker threads running this script (the bundled CLI passes itself). */
  workerScript?: string;
  /** Replaces the build id in the cache's tool key (tests). */
  build?: string;
}

export async function main(
  argv: string[],
  io: Writer = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) },
  cwd = process.cwd(),
  options: MainOptions = {},
): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    io.out(`${USAGE}\n`);
    return command ? 0 : 2;
  }
  if (command === '--version') {
    io.out(`preflight ${VERSION}\n`);
    return 0;
  }
  if (command === 'checklist') return runChecklistCommand(rest, io, process.stdout.isTTY === true && !process.env.NO_COLOR);
  if (command === 'verify') return runVerifyCommand(rest, io, cwd);
  if (command !== 'check') {
    io.err(`preflight: unknown command "${command}"\n\n${USAGE}\n`);
    return 2;
  }
  let values: { format?: string; 'fail-on'?: string; config?: string; jobs?: string; 'no-cache'?: boolean; help?: boolean; fix?: boolean; 'unsafe-fixes'?: boolean; diff?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      options: { format: { type: 'string' }, 'fail-on': { type: 'string' }, config: { type: 'string' }, jobs: { type: 'string' }, 'no-cache': { type: 'boolean' }, help: { type: 'boolean', short: 'h' }, ...FIX_FLAGS },
    }));
  } catch (e) {
    io.err(`preflight: ${(e as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  if (values.help) {
    io.out(`${USAGE}\n`);
    return 0;
  }
  const format = values.format ?? 'text';
  if (!(FORMATS as readonly string[]).includes(format)) {
    io.err(`preflight: --format must be one of ${FORMATS.join(', ')} (got "${format}")\n`);
    return 2;
  }
  const failOn = (values['fail-on'] ?? 'warning') as Severity;
  if (!(failOn in SEVERITY_RANK)) {
    io.err(`preflight: --fail-on must be one of error, warning, info, hint (got "${values['fail-on']}")\n`);
    return 2;
  }
  const jobs = values.jobs === undefined ? undefined : Number(values.jobs);
  if (jobs !== undefined && !(Number.isInteger(jobs) && jobs >= 1)) {
    io.err(`preflight: --jobs must be a whole number of threads, 1 or more (got "${values.jobs}")\n`);
    return 2;
  }
  if (values['unsafe-fixes'] && !values.fix && !values.diff) {
    io.err('preflight: --unsafe-fixes applies with --fix or --diff\n');
    return 2;
  }
  if (values.diff && format !== 'text') {
    io.err(`preflight: --diff prints a diff, not a report: leave out --format ${format}\n`);
    return 2;
  }
  let report;
  try {
    const checkOptions: CheckOptions = {
      paths: positionals,
      ...(values.config ? { configFile: values.config } : {}),
      onRuleError: (file, ruleId, error) => io.err(`preflight: rule ${ruleId} failed on ${file} (other rules still ran): ${error.split('\n')[0]}\n`),
    };
    if (values.fix || values.diff) {
      await initParser();
      const color = process.stdout.isTTY === true && !process.env.NO_COLOR;
      return runFixCommand(checkOptions, {
        unsafe: values['unsafe-fixes'] === true,
        diff: values.diff === true,
        cwd,
        out: io.out,
        err: io.err,
        textFormat: format === 'text',
        format: (r) => (format === 'json' ? formatJson(r, cwd) : format === 'sarif' ? formatSarif(r, cwd, VERSION) : format === 'github' ? formatGithub(r, cwd) : formatText(r, cwd, color)),
        exitCode: (r) => (r.findings.some((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[failOn]) ? 1 : 0),
      });
    }
    const run = await checkFiles(checkOptions, {
      cache: values['no-cache'] !== true && !envFlag(process.env.PREFLIGHT_NO_CACHE),
      ...(options.workerScript ? { workerScript: options.workerScript } : {}),
      ...(jobs ? { jobs } : {}),
      ...(options.build ? { build: options.build } : {}),
    });
    report = run.report;
    // What the cache did, for tests and curious users (not a format: it may change).
    if (process.env.PREFLIGHT_CACHE_DEBUG) {
      for (const f of run.stats.analysed) io.err(`preflight: cache: analysed ${f}\n`);
      io.err(`preflight: cache: ${run.stats.fromCache} from cache, ${run.stats.analysed.length} analysed\n`);
    }
  } catch (e) {
    if (e instanceof ConfigError) {
      io.err(`preflight: configuration error: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  for (const p of report.problems) io.err(`preflight: ${p.path}: ${p.message}\n`);
  if (report.filesChecked === 0 && report.problems.length && positionals.length) {
    return 2;
  }
  const color = process.stdout.isTTY === true && !process.env.NO_COLOR;
  io.out(format === 'json' ? formatJson(report, cwd) : format === 'sarif' ? formatSarif(report, cwd, VERSION) : format === 'github' ? formatGithub(report, cwd) : formatText(report, cwd, color));
  return report.findings.some((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[failOn]) ? 1 : 0;
}


/** An environment switch: set, and not "0" or "false". */
function envFlag(v: string | undefined): boolean {
  return v !== undefined && v !== '' && v !== '0' && v.toLowerCase() !== 'false';
}
