/**
 * `preflight rules` (every rule with its category, default severity and fix) and
 * `preflight rule ID` (the rule's doc page). The doc pages are docs/rules/<id>.md of the
 * package the CLI runs from: the bundle (dist/cli.js) finds them one folder up, as the extension
 * ships them; tests running from the sources find them further up.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { allRules, ruleById } from '../engine';
import { commandArgs, type Io } from './commandArgs';

export const RULES_USAGE = `Usage: preflight rules [--format text|json]
       preflight rule ID

"rules" lists every rule: its category, default severity, whether the default
configuration runs it, and whether --fix fixes it (safe) or --fix --unsafe-fixes (unsafe).
"rule ID" prints the rule's documentation page.`;


/** The folder holding the rule doc pages: docs/rules above this script's folder. */
function docsFolder(): string | undefined {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'docs', 'rules');
    if (fs.existsSync(path.join(candidate, 'categories.md'))) return candidate;
    if (path.dirname(dir) === dir) return undefined;
  }
}

export function runRulesCommand(args: string[], io: Io): number {
  const parsed = commandArgs(args, { format: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, RULES_USAGE, io);
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  if (positionals.length) {
    io.err(`preflight: rules takes no arguments (to read a rule's page: preflight rule ${positionals[0]})\n`);
    return 2;
  }
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json') {
    io.err(`preflight: --format must be text or json (got "${format}")\n`);
    return 2;
  }
  const rows = [...allRules]
    .map((r) => r.meta)
    .sort((a, b) => a.category.localeCompare(b.category) || a.id.localeCompare(b.id))
    .map((m) => ({ id: m.id, category: m.category, severity: m.defaultSeverity, recommended: m.recommended, fix: m.fixable ?? null, description: m.description }));
  if (format === 'json') {
    io.out(`${JSON.stringify(rows, null, 2)}\n`);
    return 0;
  }
  const width = (k: 'id' | 'category' | 'severity') => Math.max(k.length, ...rows.map((r) => r[k].length));
  const [wi, wc, ws] = [width('id'), width('category'), width('severity')];
  const line = (id: string, cat: string, sev: string, rec: string, fix: string, desc: string) => `${id.padEnd(wi)}  ${cat.padEnd(wc)}  ${sev.padEnd(ws)}  ${rec.padEnd(7)}  ${fix.padEnd(6)}  ${desc}`;
  const lines = [line('rule', 'category', 'severity', 'default', 'fix', 'description'), ...rows.map((r) => line(r.id, r.category, r.severity, r.recommended ? 'on' : 'off', r.fix ?? '-', r.description))];
  io.out(`${lines.join('\n')}\n`);
  return 0;
}

export function runRuleCommand(args: string[], io: Io): number {
  if (args.length === 1 && (args[0] === '--help' || args[0] === '-h')) {
    io.out(`${RULES_USAGE}\n`);
    return 0;
  }
  if (args.length !== 1 || args[0]!.startsWith('-')) {
    io.err(`preflight: rule takes one rule id (see preflight rules)\n\n${RULES_USAGE}\n`);
    return 2;
  }
  const id = args[0]!;
  if (!ruleById(id)) {
    io.err(`preflight: unknown rule "${id}" (see preflight rules)\n`);
    return 2;
  }
  const folder = docsFolder();
  const page = folder ? path.join(folder, `${id}.md`) : undefined;
  let text: string;
  try {
    text = fs.readFileSync(page ?? '', 'utf8');
  } catch {
    io.err(`preflight: the documentation of ${id} is not installed with this copy of preflight: ${ruleById(id)!.meta.url}\n`);
    return 2;
  }
  io.out(text.endsWith('\n') ? text : `${text}\n`);
  return 0;
}
