/**
 * Turn findings and project facts into checklist items (pure). Each item's status is the worst
 * of its parts (./model.ts worstStatus): one part per rule selector and one per project check.
 *
 * A rule part is `unknown` when no enabled rule in the registry covers it — never `pass` — and
 * `not-applicable` when no file in scope is of a kind it checks. Findings decide the rest: an
 * error, or a warning on a required item, fails it; other warnings warn; info and hints are
 * shown as evidence but do not change a pass.
 */
import * as path from 'node:path';
import type { ResolvedConfig } from '../config';
import { classifyFile } from '../files';
import type { Finding } from '../model';
import { countFindings, plural } from '../../findingCounts';
import { redactSecrets } from '../redact';
import { ruleById } from '../registry';
import type { Rule } from '../rule';
import { PROJECT_CHECKS, type CheckResult } from './checks';
import { createCodeIndex } from './code';
import { importedModules, type ProjectFacts } from './facts';
import type { FileKindName, ItemSpec, RuleSelector } from './items';
import { emptyCounts, GROUPS, MAX_LOOKED_AT, worstStatus, type Checklist, type ChecklistItem, type ChecklistScope, type ChecklistStatus, type Evidence } from './model';
import { SERVICE_MODULES } from './signals';

export const MAX_EVIDENCE_PER_ITEM = 100;

export interface EvaluateInput {
  root: string;
  scope: ChecklistScope;
  facts: ProjectFacts;
  /** Findings for the files in scope (any path form; made relative to root here). */
  findings: readonly Finding[];
  rules: readonly Rule[];
  config: ResolvedConfig;
  items: readonly ItemSpec[];
  now?: Date;
}

export function relativeTo(root: string, file: string): string {
  const abs = path.isAbsolute(file) ? file : path.join(root, file);
  return path.relative(root, abs).split(path.sep).join('/');
}

function kindOf(file: string): FileKindName | undefined {
  return classifyFile(file)?.target;
}

/** Rules an selector covers that the configuration enables. */
export function rulesFor(selector: RuleSelector, rules: readonly Rule[], config: ResolvedConfig): { all: Rule[]; enabled: Rule[] } {
  const all = rules.filter(
    (r) =>
      selector.categories.includes(r.meta.category) &&
      // A rule that names no taxonomy subtype counts for a subtype selector only through the
      // selector's file kinds (e.g. a notebook-only hidden-state rule for "notebooks run top-down").
      (!selector.subtypes || r.meta.subtypes.some((s) => selector.subtypes!.includes(s)) || (r.meta.subtypes.length === 0 && selector.fileKinds !== undefined)) &&
      (!selector.fileKinds || selector.fileKinds.some((k) => r.meta.appliesTo.includes(k))),
  );
  return { all, enabled: all.filter((r) => isEnabled(r, config)) };
}

/** Rules the registry does not know (injected by a caller: tests, embedders) are on when recommended. */
function isEnabled(rule: Rule, config: ResolvedConfig): boolean {
  return ruleById(rule.meta.id) ? config.isEnabled(rule.meta.id) : rule.meta.recommended;
}

function findingEvidence(root: string, f: Finding): Evidence {
  return {
    kind: 'finding',
    file: relativeTo(root, f.file),
    ...(f.cell !== undefined ? { cell: f.cell } : {}),
    range: f.range,
    ruleId: f.ruleId,
    severity: f.severity,
    message: f.message,
  };
}

function ruleStatus(spec: ItemSpec, findings: readonly Finding[]): ChecklistStatus {
  if (findings.some((f) => f.severity === 'error')) return spec.importance === 'advisory' ? 'warn' : 'fail';
  if (findings.some((f) => f.severity === 'warning')) return spec.importance === 'required' ? 'fail' : 'warn';
  return 'pass';
}

/** A rule part's summary: its findings counted the way Problems lists them, hints apart. */
function ruleSummary(label: string, hits: readonly Finding[]): { summary: string; findings: number; hints: number } {
  const c = countFindings(hits.map((f) => f.severity));
  const hints = c.hints ? ` (${plural(c.hints, 'hint')})` : '';
  // Info findings are evidence, not a verdict (a pass stays a pass): say so, or "pass · 2 findings" reads as a contradiction.
  const infoOnly = c.findings > 0 && c.errors === 0 && c.warnings === 0 ? ', information only' : '';
  return { summary: `${c.findings ? plural(c.findings, 'finding') : 'No findings'} for ${label}${infoOnly}${hints}.`, findings: c.findings, hints: c.hints };
}

export function evaluateChecklist(input: EvaluateInput): Checklist {
  const { root, facts, config } = input;
  const scopeKinds = new Set(facts.scopeFiles.map(kindOf).filter((k): k is FileKindName => k !== undefined));
  let serviceFiles: string[] | undefined;
  const scopeHasServiceCode = () => {
    serviceFiles ??= facts.scopeFiles.filter((f) => {
      const source = kindOf(f) === 'python' || kindOf(f) === 'notebook' ? facts.pythonSource(f) : undefined;
      if (!source) return false;
      const imports = importedModules(source);
      return SERVICE_MODULES.some((m) => imports.has(m));
    });
    return serviceFiles.length > 0;
  };
  const checkContext = {
    facts,
    code: createCodeIndex(facts),
    rulesCovering: (subtype: string) => input.rules.filter((r) => r.meta.subtypes.includes(subtype) && isEnabled(r, config)).map((r) => r.meta.id),
    rulesInCategory: (category: string) => input.rules.filter((r) => r.meta.category === category && isEnabled(r, config)).map((r) => r.meta.id),
  };

  const items: ChecklistItem[] = input.items.map((spec) => {
    const parts: CheckResult[] = [];
    const ruleIds: string[] = [];
    let findingCounts: { findings: number; hints: number } | undefined;
    const applies = !spec.appliesTo || ('serviceCode' in spec.appliesTo ? scopeHasServiceCode() : spec.appliesTo.fileKinds.some((k) => scopeKinds.has(k)));
    for (const selector of spec.rules ?? []) {
      const { all, enabled } = rulesFor(selector, input.rules, config);
      ruleIds.push(...all.map((r) => r.meta.id));
      if (!applies) {
        parts.push({ status: 'not-applicable', summary: '', evidence: [] });
        continue;
      }
      if (!enabled.length) {
        if (selector.whenNoRule === 'skip' && !all.length) continue;
        parts.push({ status: 'unknown', summary: all.length ? `The rules for ${selector.label} are turned off in the configuration.` : `No rule checks ${selector.label} yet.`, evidence: [] });
        continue;
      }
      const ids = new Set(enabled.map((r) => r.meta.id));
      const hits = input.findings.filter((f) => ids.has(f.ruleId) && (!selector.fileKinds || selector.fileKinds.includes(kindOf(f.file) ?? 'python')));
      // A rule that reports part of what the item's project check reads: silent, it leaves the status to the check.
      if (selector.onlyFindings && !hits.length) continue;
      const { summary, findings, hints } = ruleSummary(selector.label, hits);
      findingCounts = { findings: (findingCounts?.findings ?? 0) + findings, hints: (findingCounts?.hints ?? 0) + hints };
      // The rules read every file in scope of the kinds they check.
      const kinds = new Set(selector.fileKinds ?? enabled.flatMap((r) => r.meta.appliesTo));
      parts.push({
        lookedAt: facts.scopeFiles.filter((f) => kinds.has(kindOf(f) as FileKindName)),
        status: ruleStatus(spec, hits),
        summary,
        evidence: hits.map((f) => findingEvidence(root, f)),
      });
    }
    for (const check of spec.checks ?? []) {
      parts.push(applies ? PROJECT_CHECKS[check](checkContext) : { status: 'not-applicable', summary: '', evidence: [] });
    }
    const status = worstStatus(parts.map((p) => p.status));
    const evidence = parts.flatMap((p) => p.evidence);
    const lookedAt = [...new Set(parts.flatMap((p) => p.lookedAt ?? []))];
    const notApplicableWhy = spec.appliesTo && 'serviceCode' in spec.appliesTo ? 'No agent or service code in scope.' : `No ${spec.appliesTo && 'fileKinds' in spec.appliesTo ? spec.appliesTo.fileKinds.join(' or ') : ''} files in scope.`.replace('python', 'Python');
    const summary =
      status === 'not-applicable' && !applies
        ? notApplicableWhy
        : // Lead with the parts that decided the status, then the rest.
          [...parts.filter((p) => p.status === status), ...parts.filter((p) => p.status !== status && p.status !== 'not-applicable')]
            .map((p) => p.summary)
            .filter(Boolean)
            .join(' ');
    return {
      id: spec.id,
      group: spec.group,
      title: spec.title,
      why: spec.why,
      origins: [...spec.origins],
      importance: spec.importance,
      status,
      summary,
      // Evidence quotes saved outputs (a traceback's message) and finding messages: redacted
      // here, the one place every checklist (CLI formats, language server, webview) is made.
      evidence: evidence.slice(0, MAX_EVIDENCE_PER_ITEM).map((e) => ({ ...e, message: redactSecrets(e.message) })),
      evidenceTotal: evidence.length,
      ...(findingCounts ? { findingCounts } : {}),
      howToFix: spec.howToFix,
      lookedAt: { files: lookedAt.slice(0, MAX_LOOKED_AT), total: lookedAt.length },
      rules: [...new Set(ruleIds)].sort(),
    };
  });

  const counts = emptyCounts();
  for (const item of items) counts[item.status]++;
  const groups = GROUPS.map((g) => {
    const inGroup = items.filter((i) => i.group === g.id);
    const c = emptyCounts();
    for (const i of inGroup) c[i.status]++;
    return { id: g.id, title: g.title, status: worstStatus(inGroup.map((i) => i.status)), counts: c };
  }).filter((g) => items.some((i) => i.group === g.id));
  return {
    version: 1,
    root,
    generatedAt: (input.now ?? new Date()).toISOString(),
    scope: input.scope,
    groups,
    items,
    counts,
    status: worstStatus(items.map((i) => i.status)),
  };
}
