/**
 * D-req: a requirement of a dependency manifest that does not pin one exact version, where no
 * lock file beside the manifest pins it instead.
 */
import * as path from 'node:path';
import { constrainedNames, lockBeside } from '../dependencies/manifestContext';
import { knownVersion } from '../dependencies/versions';
import { DECLARING_KINDS, parseManifest } from '../manifests';
import { normalizeName } from '../manifests/requirement';
import { LineIndex } from '../model';
import { editAt } from '../python/edits';
import { createRule } from '../rule';

const WHY = 'so every install can resolve a different release';

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
    fixable: 'safe',
  },
  (ctx) => {
    const m = ctx.manifest;
    if (!m || !DECLARING_KINDS.has(m.manifestKind)) return;
    if (lockBeside(ctx.project, ctx.file, m.manifestKind)) return;
    const parsed = parseManifest(m.manifestKind, m.text, ctx.program);
    if (!parsed.requirements.length) return;
    const lines = new LineIndex(m.text);
    const constrained = m.manifestKind === 'requirements' || m.manifestKind === 'environment' ? constrainedNames(ctx.project, ctx.file, parsed) : new Set<string>();
    const allowed = new Set((ctx.settings['allow-unpinned'] ?? []).map(normalizeName));
    const fileName = path.basename(ctx.file);
    for (const r of parsed.requirements) {
      const req = r.requirement;
      if (req.pinned || r.pinnedElsewhere || constrained.has(req.key) || allowed.has(req.key)) continue;
      const label = req.name || m.text.slice(r.start, r.end);
      const found = req.name ? knownVersion(ctx.project, ctx.file, req.name) : undefined;
      // conda names and versions are not PyPI's: a conda entry takes only an installed version.
      const known = found && (r.group !== 'conda' || found.source === 'venv') ? found : undefined;
      const op = r.group === 'conda' ? '=' : '==';
      const pin = `${req.name || 'it'}${op}${known?.version ?? '<version>'}`;
      ctx.report({
        range: lines.rangeAt(r.start, r.end),
        message: `'${label}' in ${fileName} ${req.problem}, ${WHY}; pin it (${pin}) or commit a lock file beside it.`,
        ...(known && r.fix
          ? { fix: { title: `Pin ${req.name} to ${known.version} (from the ${known.source === 'lock' ? 'lock file' : 'virtual environment'})`, applicability: 'safe' as const, edits: [editAt({ lines }, r.fix.start, r.fix.end, r.fix.text(known.version))] } }
          : {}),
      });
    }
  },
);
