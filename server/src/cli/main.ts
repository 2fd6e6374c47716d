/**
 * The `preflight` command line: `check` (checkCommand.ts), `checklist`, `verify`, `rules` and
 * `rule`. Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage or
 * configuration errors.
 */
import { CHECK_USAGE, runCheckCommand } from './checkCommand';
import { CHECKLIST_USAGE, runChecklistCommand } from './checklist';
import { RULES_USAGE, runRuleCommand, runRulesCommand } from './rules';
import { runVerifyCommand, VERIFY_USAGE } from './verify';
import { VERSION } from './version';

export { VERSION };

const USAGE = `${CHECK_USAGE}

${CHECKLIST_USAGE}

${VERIFY_USAGE}

${RULES_USAGE}`;

export type Writer = { out: (s: string) => void; err: (s: string) => void };

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
  if (command === 'rules') return runRulesCommand(rest, io);
  if (command === 'rule') return runRuleCommand(rest, io);
  if (command === 'check') return runCheckCommand(rest, io, cwd, options);
  io.err(`preflight: unknown command "${command}"\n\n${USAGE}\n`);
  return 2;
}
