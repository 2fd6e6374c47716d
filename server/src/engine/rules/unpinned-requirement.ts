/**
 * D-req: a requirement of a dependency manifest that does not pin one exact version, where no
 * lock file beside the manifest pins it instead. A library's published metadata (ranges on
 * purpose, see dependencies/publishedMetadata.ts) is a hint. Not judged: the project's own name in its
 * extras, standard-library names; a deprecated placeholder name gets the name to use instead.
 */
import * as path from 'node:path';
import { placeholderFor } from '../catalogues/installers';
import { isStdlibModule } from '../catalogues/pythonStdlib';
import { constrainedNames, lockBeside } from '../dependencies/manifestContext';
import { publishedFacts } from '../dependencies/publishedMetadata';
import { developmentGroup, isDevelopmentRequirementsFile } from '../dependencies/developmentLists';
import { knownVersion } from '../dependencies/versions';
import { DECLARING_KINDS, parseManifest, type ManifestRequirement } from '../manifests';
import { normalizeName } from '../manifests/requirement';
import { LineIndex, type Fix } from '../model';
import { editAt } from '../python/edits';
import { createRule } from '../rule';

const WHY = 'so every install can resolve a different release';

/**
 * The list a requirement belongs to, across the spellings of one pyproject: `[project]
 * dependencies` and `[tool.poetry.dependencies]` are the same main list (Poetry 2 reads both),
 * PEP 735 groups, Poetry groups and PDM dev groups of one name are the same group.
 */
function listOf(group: string): string {
  if (group === 'dependencies' || group === 'tool.poetry.dependencies') return 'main';
  if (group === 'tool.uv.dev-dependencies' || group === 'tool.poetry.dev-dependencies') return 'group.dev';
  const g = /^(?:dependency-groups|tool\.poetry\.group|tool\.pdm\.dev-dependencies)\.(.+)$/.exec(group);
  return g ? `group.${g[1]}` : group;
}

/** A module of the standard library listed as a requirement: not a distribution to pin. */
function isStdlibName(name: string): boolean {
  return isStdlibModule(name) || isStdlibModule(name.toLowerCase().replace(/-/g, '_'));
}

export const unpinnedRequirement = createRule(
  {
    id: 'unpinned-requirement',
    family: 'dependencies',
    category: 'dependencies',
    subtypes: ['D-req'],
    description: 'Report manifest requirements that are not pinned to one exact version when no lock file pins them',
    defaultSeverity: 'warning',
    recommended: true,
    appliesTo: ['manifest'],
    scope: 'program',
    reads: ['source', 'manifests'],
    fixable: 'safe',
  },
  (ctx) => {
    const m = ctx.manifest;
    if (!m || !DECLARING_KINDS.has(m.manifestKind)) return;
    const parsed = parseManifest(m.manifestKind, m.text, ctx.program);
    if (!parsed.requirements.length) return;
    const lines = new LineIndex(m.text);
    const fileName = path.basename(ctx.file);
    const facts = publishedFacts(ctx.project, ctx.file, m.manifestKind, m.text, ctx.program, parsed.projectName);
    const own = facts.projectName ? normalizeName(facts.projectName) : undefined;
    const meantFor = (r: ManifestRequirement) => (r.group !== 'conda' ? placeholderFor(r.requirement.key) : undefined);
    // A placeholder name never installs, lock file or not: name the distribution meant.
    for (const r of parsed.requirements) {
      const meant = meantFor(r);
      if (!meant || r.requirement.key === own) continue;
      const nameEnd = r.start + r.requirement.name.length;
      const fix: Fix | undefined = m.text.slice(r.start, nameEnd) === r.requirement.name
        ? { title: `Require ${meant} instead of ${r.requirement.name}`, applicability: 'safe', edits: [editAt({ lines }, r.start, nameEnd, meant)] }
        : undefined;
      ctx.report({ range: lines.rangeAt(r.start, r.end), message: `'${r.requirement.name}' in ${fileName} is a deprecated placeholder on PyPI that refuses to install: require ${meant} instead (${meant}==<version>).`, ...(fix ? { fix } : {}) });
    }
    if (lockBeside(ctx.project, ctx.file, m.manifestKind)) return;
    const constrained = m.manifestKind === 'requirements' || m.manifestKind === 'environment' ? constrainedNames(ctx.project, ctx.file, parsed) : new Set<string>();
    const allowed = new Set((ctx.settings['allow-unpinned'] ?? []).map(normalizeName));
    // A requirements or environment file named for development (requirements-dev.txt, docs/…).
    const devFile = (m.manifestKind === 'requirements' || m.manifestKind === 'environment') && isDevelopmentRequirementsFile(ctx.file);
    // One finding per requirement of one list: a name declared in two spellings of the same list
    // (`[project]` and `[tool.poetry.dependencies]`) is reported where it comes first, and its
    // fix pins every declaration.
    const findings = new Map<string, { r: ManifestRequirement; message: string; fixes: Fix[]; hint: boolean }>();
    for (const r of [...parsed.requirements].sort((a, b) => a.start - b.start)) {
      const req = r.requirement;
      if (req.pinned || r.pinnedElsewhere || constrained.has(req.key) || allowed.has(req.key)) continue;
      // The project itself (`mypkg[extra]` in its own extras), a standard-library module
      // (nothing to pin: it is not a distribution) and placeholders (reported above) are not
      // unpinned requirements.
      if (req.key === own || meantFor(r)) continue;
      // A library's published metadata keeps ranges on purpose (a pin would break its users),
      // but TAXONOMY D-req still counts it unlocked: a hint, with no pin fix.
      const published = facts.published(r.group);
      if (r.group !== 'conda' && req.name && isStdlibName(req.name)) continue;
      const found = req.name ? knownVersion(ctx.project, ctx.file, req.name) : undefined;
      // conda names and versions are not PyPI's: a conda entry takes only an installed version.
      const known = found && (r.group !== 'conda' || found.source === 'venv') ? found : undefined;
      const fix: Fix | undefined = known && r.fix && !published
        ? { title: `Pin ${req.name} to ${known.version} (from the ${known.source === 'lock' ? 'lock file' : 'virtual environment'})`, applicability: 'safe', edits: [editAt({ lines }, r.fix.start, r.fix.end, r.fix.text(known.version))] }
        : undefined;
      const key = `${listOf(r.group)}|${req.key}`;
      const first = findings.get(key);
      if (first) {
        if (fix) first.fixes.push(fix);
        continue;
      }
      const label = req.name || m.text.slice(r.start, r.end);
      const op = r.group === 'conda' ? '=' : '==';
      const pin = `${req.name || 'it'}${op}${known?.version ?? '<version>'}`;
      // A development-only list (tests, linters, type stubs, docs, benchmarks): production does
      // not install it, so its drift reaches CI and contributors, not what runs — a hint.
      const devList = devFile ? 'a development-only requirements file' : developmentGroup(r.group);
      const message = published
        ? `'${label}' in ${fileName} ${req.problem} in a library's published dependencies: ranges are right for its users, but nothing locks the versions its own tests and deployments get; commit a lock file beside it.`
        : devList
          ? `'${label}' in ${fileName} ${req.problem}; it is in ${devList}, which production does not install, so a new release changes tests and tooling, not what runs; pin it (${pin}) or commit a lock file beside it.`
          : `'${label}' in ${fileName} ${req.problem}, ${WHY}; pin it (${pin}) or commit a lock file beside it.`;
      findings.set(req.name ? key : `${key}|${r.start}`, { r, message, fixes: fix ? [fix] : [], hint: published || !!devList });
    }
    for (const { r, message, fixes, hint } of findings.values()) {
      const fix = fixes.length === 1 ? fixes[0] : fixes.length > 1 ? { ...fixes[0]!, edits: fixes.flatMap((f) => f.edits) } : undefined;
      ctx.report({ range: lines.rangeAt(r.start, r.end), message, ...(fix ? { fix } : {}), ...(hint ? { severity: 'hint' as const } : {}) });
    }
  },
);
