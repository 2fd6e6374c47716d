/**
 * Credentials written into code, notebook sources or dependency manifests: provider-format keys
 * anywhere in the text (strings, comments, shell magics, markdown, any manifest line), random-
 * looking literals bound to names that hold secrets (Python assignments and arguments,
 * Dockerfile `ENV`/`ARG` values), and passwords in URLs (index URLs of requirements files,
 * pyproject/Pipfile sources and pip commands). The message masks the secret; in Python the fix
 * reads it from the environment.
 * Literals that are not credentials are skipped (agent/secrets.ts notACredential: values that
 * announce a fake, spell a name or a config key, placeholders such as `${VAR}` or `<token>`);
 * a literal configured next to a local host (`localhost`, `127.0.0.1`: a demo broker or
 * database) is only a hint.
 */
import * as path from 'node:path';
import { findProviderSecrets, findUrlCredentials, looksLikeSecretValue, maskSecret, nameWords, secretNameKind, urlCredentialIsSecret, type SecretMatch } from '../agent/secrets';
import { importedName, replaceEdit } from '../python/edits';
import { namedLiterals, plainStringValue, stringAt, stringNodes } from '../agent/strings';
import { LOCAL_HOSTS } from '../catalogues/agent';
import { installSitesOfProgram } from '../dependencies/installSites';
import { parseDockerfile } from '../manifests/dockerfile';
import { LineIndex, type Fix } from '../model';
import type { PythonProgram, Unit } from '../python/program';
import { createRule, type ManifestDocument, type RuleContext } from '../rule';
import { derivedKey, derivedOfUnit } from '../derived';
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

/** What one unit holds that may be a secret: found from its text and syntax alone (kept with the unit). */
interface UnitSecrets {
  readonly strings: readonly PyNode[];
  readonly provider: readonly SecretMatch[];
  readonly named: ReturnType<typeof namedLiterals>;
}

const UNIT_SECRETS = derivedKey<UnitSecrets>('rules.hardcodedSecret.unit');

function unitSecrets(unit: Unit): UnitSecrets {
  return { strings: stringNodes(unit), provider: findProviderSecrets(unit.text), named: namedLiterals(unit) };
}

/** Findings of one unit; returns its provider-format matches (install URLs skip those). */
function checkUnit(ctx: RuleContext, program: PythonProgram, unit: Unit): readonly SecretMatch[] {
  const { strings, provider, named } = derivedOfUnit(unit, UNIT_SECRETS, unitSecrets);
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
  for (const nl of named) {
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
  return provider;
}

/** What to do instead, per manifest kind: each tool's own way to take a credential from outside the file. */
const MANIFEST_HOW: Readonly<Record<string, string>> = {
  requirements: 'pip expands environment variables in requirements files: write ${{env}} there (or use keyring or a .netrc)',
  pipfile: 'Pipfile expands environment variables: write ${{env}} there',
  pyproject: 'give the index credentials through the environment (uv: UV_INDEX_<NAME>_USERNAME/_PASSWORD; Poetry: POETRY_HTTP_BASIC_<NAME>_PASSWORD) or a keyring',
  environment: 'pip expands environment variables in the pip section: write ${{env}} there',
  dockerfile: 'the text of ENV, ARG and RUN lines is kept in the image and its history (docker history shows it): pass it as a build secret (RUN --mount=type=secret) or when the container starts (docker run -e)',
};
const DEFAULT_HOW = 'read it from the environment';

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;

/** A URL's user-info is a password (or a token as the user name), not a placeholder. */
function passwordMessage(where: string, place: string, how: string): string {
  return `Hard-coded password in the URL of ${where} ${place}: ${WHY}; ${how}, and rotate it.`;
}

/** Credentials in a dependency manifest or Dockerfile: provider keys, URL passwords, ENV/ARG values. */
function checkManifest(ctx: RuleContext, manifest: ManifestDocument): void {
  const text = manifest.text;
  const lines = new LineIndex(text);
  const name = path.basename(ctx.file);
  const how = MANIFEST_HOW[manifest.manifestKind] ?? DEFAULT_HOW;
  const found: { start: number; end: number }[] = [];
  const report = (at: { start: number; end: number }, message: string) => {
    found.push(at);
    ctx.report({ range: lines.rangeAt(at.start, at.end), message });
  };
  for (const m of findProviderSecrets(text)) {
    report(m, `Hard-coded ${m.kind.what.replace(/^an? /, '')} (${maskSecret(m.value)}) in ${name}: ${WHY}; ${how.replace('{env}', m.kind.env)}, and rotate the key.`);
  }
  for (const c of findUrlCredentials(text)) {
    if (!found.some((f) => overlaps(f, c)) && urlCredentialIsSecret(c)) report(c, passwordMessage(c.where, `in ${name}`, how.replace('{env}', 'PASSWORD')));
  }
  if (manifest.manifestKind !== 'dockerfile') return;
  for (const v of parseDockerfile(text).variables) {
    const kind = secretNameKind(v.name);
    if (!kind || found.some((f) => overlaps(f, v)) || !looksLikeSecretValue(v.value, kind, v.name)) continue;
    report(v, `Hard-coded ${kind === 'password' ? 'password' : 'secret'} in \`${v.keyword} ${v.name}\` (${maskSecret(v.value)}): ${WHY}; ${how.replace('{env}', v.name)}, and rotate it.`);
  }
}

/** Passwords in the URLs of install commands (`!pip install --index-url https://user:pass@…`). */
function checkInstallUrls(ctx: RuleContext, program: PythonProgram, provider: ReadonlyMap<Unit, readonly SecretMatch[]>): void {
  for (const site of installSitesOfProgram(program)) {
    const unit = site.unit;
    if (!unit) continue;
    for (const word of site.command.words) {
      for (const c of findUrlCredentials(unit.text.slice(word.start, word.end))) {
        const at = { start: word.start + c.start, end: word.start + c.end };
        if ((provider.get(unit) ?? []).some((m) => overlaps(m, at)) || !urlCredentialIsSecret(c)) continue;
        ctx.reportNode(unit, at, passwordMessage(c.where, 'in an install command', 'read it from the environment (pip reads PIP_INDEX_URL and PIP_EXTRA_INDEX_URL, a keyring or a .netrc)'));
      }
    }
  }
}

export const hardcodedSecret = createRule(
  {
    id: 'hardcoded-secret',
    family: 'agent',
    category: 'secrets',
    subtypes: [],
    description: 'Report credentials written into code, notebook cells, markdown or dependency manifests',
    defaultSeverity: 'error',
    recommended: true,
    appliesTo: ['python', 'notebook', 'manifest'],
    scope: 'program',
    reads: ['source', 'manifests'],
    fixable: 'unsafe',
  },
  (ctx) => {
    if (ctx.manifest) {
      checkManifest(ctx, ctx.manifest);
      return;
    }
    const program = ctx.program;
    if (!program) return;
    const provider = new Map<Unit, readonly SecretMatch[]>();
    for (const unit of program.units) provider.set(unit, checkUnit(ctx, program, unit));
    checkInstallUrls(ctx, program, provider);
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
