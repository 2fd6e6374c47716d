/**
 * Credentials written into code or notebook sources: provider-format keys anywhere in the text
 * (strings, comments, shell magics, markdown), and random-looking literals bound to names that
 * hold secrets. The message masks the secret; the fix reads it from the environment.
 * Literals that are not credentials are skipped (agent/secrets.ts notACredential: values that
 * announce a fake, spell a name or a config key); a literal configured next to a local host
 * (`localhost`, `127.0.0.1`: a demo broker or database) is only a hint.
 */
import { findProviderSecrets, looksLikeSecretValue, maskSecret, nameWords, secretNameKind } from '../agent/secrets';
import { importedName, replaceEdit } from '../python/edits';
import { namedLiterals, plainStringValue, stringAt, stringNodes } from '../agent/strings';
import { LOCAL_HOSTS } from '../catalogues/agent';
import { LineIndex, type Fix } from '../model';
import type { PythonProgram, Unit } from '../python/program';
import { createRule, type RuleContext } from '../rule';
import type { PyNode } from '../python/syntax';

const WHY = 'anyone who reads the code, the repository history or a shared notebook can use it';

function envFix(program: PythonProgram, unit: Unit, literal: PyNode, env: string): Fix | undefined {
  const os = importedName(program, unit, literal, 'os');
  if (!os) return undefined;
  return {
    title: `Read the secret from os.environ["${env}"]`,
    applicability: 'unsafe',
    edits: [replaceEdit(unit, literal, `${os.expr}.environ["${env}"]`), ...os.edits],
  };
}

function envNameOf(name: string): string {
  return nameWords(name).join('_').toUpperCase();
}

/** Lines around a statement-level secret searched for a local host. */
const NEAR_LINES = 10;

/**
 * Whether the literal sits beside a local host: in the same dict or call (`{"bootstrap.servers":
 * "localhost:9092", "sasl.password": …}`), or within a few lines of the same block.
 */
function nextToLocalHost(strings: readonly PyNode[], literal: PyNode): boolean {
  let container = literal.parent;
  while (container && !['dictionary', 'argument_list', 'block', 'module'].includes(container.type)) container = container.parent;
  if (!container) return false;
  const local = container.type === 'dictionary' || container.type === 'argument_list';
  const row = literal.startRow;
  return strings.some((s) => {
    if (s === literal || s.start < container!.start || s.end > container!.end) return false;
    if (!local && Math.abs(s.startRow - row) > NEAR_LINES) return false;
    const value = plainStringValue(s);
    return value !== undefined && LOCAL_HOSTS.test(value);
  });
}

function checkUnit(ctx: RuleContext, program: PythonProgram, unit: Unit): void {
  const strings = stringNodes(unit);
  const provider = findProviderSecrets(unit.text);
  for (const m of provider) {
    const lit = stringAt(strings, m.start, m.end);
    const whole = lit && plainStringValue(lit) === m.value ? lit : undefined;
    const fix = whole ? envFix(program, unit, whole, m.kind.env) : undefined;
    ctx.reportNode(
      unit,
      m,
      `Hard-coded ${m.kind.what.replace(/^an? /, '')} (${maskSecret(m.value)}): ${WHY}; read it from the environment (os.environ["${m.kind.env}"]) and rotate the key.`,
      fix ? { fix } : {},
    );
  }
  for (const nl of namedLiterals(unit)) {
    const kind = secretNameKind(nl.name);
    if (!kind || !looksLikeSecretValue(nl.value, kind, nl.name)) continue;
    if (provider.some((m) => m.start < nl.literal.end && nl.literal.start < m.end)) continue;
    const what = kind === 'password' ? 'password' : 'secret';
    const env = envNameOf(nl.name);
    // An env write (`os.environ["X"] = "…"`) cannot read itself from the environment.
    const fix = nl.setsEnv ? undefined : envFix(program, unit, nl.literal, env);
    const how = nl.setsEnv ? `set ${nl.name} outside the code (shell, .env file kept out of version control, secret manager)` : `read it from the environment (os.environ["${env}"])`;
    if (nextToLocalHost(strings, nl.literal)) {
      ctx.reportNode(unit, nl.literal, `Hard-coded ${what} for \`${nl.name}\` next to a local host: likely a demo value for a local service; if it is ever used elsewhere, ${how}.`, { severity: 'hint', ...(fix ? { fix } : {}) });
      continue;
    }
    ctx.reportNode(unit, nl.literal, `Hard-coded ${what} for \`${nl.name}\` (${maskSecret(nl.value)}): ${WHY}; ${how} and rotate it.`, fix ? { fix } : {});
  }
}

export const hardcodedSecret = createRule(
  {
    id: 'hardcoded-secret',
    family: 'agent',
    category: 'secrets',
    subtypes: [],
    description: 'Report credentials written into code, notebook cells or markdown',
    defaultSeverity: 'error',
    recommended: true,
    appliesTo: ['python', 'notebook'],
    fixable: 'unsafe',
  },
  (ctx) => {
    const program = ctx.program;
    if (!program) return;
    for (const unit of program.units) checkUnit(ctx, program, unit);
    // Markdown and raw cells are committed with the notebook too.
    ctx.notebook?.cells.forEach((cell, index) => {
      if (cell.kind === 'code') return;
      const lines = new LineIndex(cell.source);
      for (const m of findProviderSecrets(cell.source)) {
        ctx.report({
          cell: index,
          range: lines.rangeAt(m.start, m.end),
          message: `Hard-coded ${m.kind.what.replace(/^an? /, '')} (${maskSecret(m.value)}) in a ${cell.kind} cell: ${WHY}; remove it and rotate the key.`,
        });
      }
    });
  },
);
