/**
 * `preflight checklist [path] [--changed-since REF] [--format text|json|markdown] [--fail-on warn]`:
 * the readiness checklist for a folder, for CI gates and pull-request descriptions. Findings come
 * from the same runner as `preflight check` (engine/runner.ts).
 *
 * Exit codes: 0 no item fails (and, with `--fail-on warn`, none warns), 1 otherwise, 2 usage,
 * configuration or scope errors (a `--changed-since` ref that is not in the repository).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type Checklist, ChecklistScopeError, computeChecklist, ConfigError, formatChecklistMarkdown, formatChecklistText, initParser, loadConfigFile, nodeFileSystem, runCheck } from '../engine';
import { commandArgs, type Io } from './commandArgs';

export const CHECKLIST_USAGE = `Usage: preflight checklist [path] [--changed-since REF] [--format text|json|markdown] [--fail-on fail|warn] [--config FILE]

Answers "is this ready for production?" for a folder (default: the current one): reproducibility,
notebooks, agent runtime, serving, operations and security. With --changed-since, only the files the
current branch changes since its merge-base with REF (plus uncommitted files) are analysed.

Exit codes: 0 no item fails, 1 an item fails (or warns, with --fail-on warn), 2 usage error.`;

const FORMATS = ['text', 'json', 'markdown'] as const;


export function checklistFails(c: Checklist, failOn: 'fail' | 'warn'): boolean {
  return c.items.some((i) => i.status === 'fail' || (failOn === 'warn' && i.status === 'warn'));
}

export async function runChecklistCommand(args: string[], io: Io, color: boolean): Promise<number> {
  const parsed = commandArgs(args, { format: { type: 'string' }, 'fail-on': { type: 'string' }, 'changed-since': { type: 'string' }, config: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, CHECKLIST_USAGE, io);
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  const format = values.format ?? 'text';
  if (!(FORMATS as readonly string[]).includes(format)) {
    io.err(`preflight: --format must be one of ${FORMATS.join(', ')} (got "${format}")\n`);
    return 2;
  }
  const failOn = values['fail-on'] ?? 'fail';
  if (failOn !== 'fail' && failOn !== 'warn') {
    io.err(`preflight: --fail-on must be fail or warn (got "${failOn}")\n`);
    return 2;
  }
  if (positionals.length > 1) {
    io.err(`preflight: checklist takes one folder (got ${positionals.length})\n`);
    return 2;
  }
  const root = path.resolve(positionals[0] ?? '.');
  if (!fs.existsSync(root) || !fs.statSync(root).isDirectory()) {
    io.err(`preflight: ${positionals[0] ?? '.'}: not a folder\n`);
    return 2;
  }
  await initParser();
  let checklist: Checklist;
  try {
    const config = values.config ? loadConfigFile(values.config, nodeFileSystem) : undefined;
    checklist = await computeChecklist({
      root,
      scope: values['changed-since'] ? 'branch' : 'workspace',
      ...(values['changed-since'] ? { base: values['changed-since'] } : {}),
      ...(config ? { config } : {}),
      analyze: (files, projectRoot, cfg) =>
        runCheck({
          paths: files,
          root: projectRoot,
          config: cfg,
          onRuleError: (file, ruleId, error) => io.err(`preflight: rule ${ruleId} failed on ${file} (other rules still ran): ${error.split('\n')[0]}\n`),
        }).findings,
    });
  } catch (e) {
    if (e instanceof ConfigError) {
      io.err(`preflight: configuration error: ${e.message}\n`);
      return 2;
    }
    if (e instanceof ChecklistScopeError) {
      io.err(`preflight: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  io.out(format === 'json' ? `${JSON.stringify(checklist, null, 2)}\n` : format === 'markdown' ? formatChecklistMarkdown(checklist) : formatChecklistText(checklist, { color }));
  return checklistFails(checklist, failOn) ? 1 : 0;
}
