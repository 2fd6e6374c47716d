/**
 * The readiness checklist's data model, as zod schemas with the TypeScript types inferred from
 * them. One definition serves three places: the engine builds these objects, the language
 * server sends them in `preflight/checklist` responses, and the webview validates what it
 * receives with the same schemas before rendering (see ../../checklistProtocol.ts).
 *
 * Pure: no node or vscode imports, so the webview bundle can include it.
 */
import { z } from 'zod';

export const CHECKLIST_STATUSES = ['fail', 'warn', 'unknown', 'pass', 'not-applicable'] as const;
export const checklistStatus = z.enum(CHECKLIST_STATUSES);
export type ChecklistStatus = z.infer<typeof checklistStatus>;

export const GROUPS = [
  { id: 'reproducibility', title: 'Reproducibility' },
  { id: 'notebooks', title: 'Notebooks' },
  { id: 'agent-runtime', title: 'Agent runtime' },
  { id: 'serving', title: 'Serving' },
  { id: 'operations', title: 'Operations and security' },
] as const;
export type GroupId = (typeof GROUPS)[number]['id'];
export const groupId = z.enum(GROUPS.map((g) => g.id) as [GroupId, ...GroupId[]]);

const position = z.strictObject({ line: z.number().int().nonnegative(), column: z.number().int().nonnegative() });
export const rangeSchema = z.strictObject({ start: position, end: position });

/** One piece of evidence: a finding, a file (optionally a line in it), or a plain note. */
export const evidenceSchema = z.strictObject({
  kind: z.enum(['finding', 'file', 'note']),
  message: z.string(),
  /** Relative to the checklist root, with `/` separators. */
  file: z.string().optional(),
  /** 0-based index into the notebook's cells (every cell counts). */
  cell: z.number().int().nonnegative().optional(),
  range: rangeSchema.optional(),
  ruleId: z.string().optional(),
  severity: z.enum(['error', 'warning', 'info', 'hint']).optional(),
});
export type Evidence = z.infer<typeof evidenceSchema>;

/** Where an item comes from: the checklist or rubric that asks for it. */
export const originSchema = z.strictObject({ source: z.string(), ref: z.string(), url: z.string().optional() });
export type Origin = z.infer<typeof originSchema>;

export const importance = z.enum(['required', 'recommended', 'advisory']);
export type Importance = z.infer<typeof importance>;

export const MAX_LOOKED_AT = 50;

export const checklistItemSchema = z.strictObject({
  id: z.string(),
  group: groupId,
  title: z.string(),
  why: z.string(),
  origins: z.array(originSchema),
  importance,
  status: checklistStatus,
  /** One line: why this status. */
  summary: z.string(),
  evidence: z.array(evidenceSchema),
  /** Evidence before truncation (the list is capped so a big repository stays readable). */
  evidenceTotal: z.number().int().nonnegative(),
  /**
   * The item's rule findings, counted by ../../findingCounts.ts: what its summary says and its
   * badge shows (findings as Problems lists them; hints apart). Absent: no rule part counted.
   */
  findingCounts: z.strictObject({ findings: z.number().int().nonnegative(), hints: z.number().int().nonnegative() }).optional(),
  howToFix: z.string(),
  /** The files the item read to decide (relative to the root, the first MAX_LOOKED_AT), and how many there were. */
  lookedAt: z.strictObject({ files: z.array(z.string()), total: z.number().int().nonnegative() }),
  /** Rules whose findings feed the item (empty while its rules have not landed). */
  rules: z.array(z.string()),
});
export type ChecklistItem = z.infer<typeof checklistItemSchema>;

export const scopeMode = z.enum(['branch', 'workspace']);
export type ScopeMode = z.infer<typeof scopeMode>;

export const gitInfoSchema = z.strictObject({
  available: z.boolean(),
  branch: z.string().optional(),
  head: z.string().optional(),
  base: z.string().optional(),
  mergeBase: z.string().optional(),
  shallow: z.boolean().optional(),
  noCommits: z.boolean().optional(),
});
export type GitInfo = z.infer<typeof gitInfoSchema>;

export const scopeSchema = z.strictObject({
  /** What was asked for. */
  requested: scopeMode,
  /** What was checked: `branch` falls back to `workspace` when there is no git or no base. */
  mode: scopeMode,
  git: gitInfoSchema,
  /** Files analysed (notebooks, Python files, manifests). */
  filesAnalysed: z.number().int().nonnegative(),
  /** Files the branch changes, relative to the root (branch mode only; capped). */
  changedFiles: z.array(z.string()),
  uncommittedFiles: z.number().int().nonnegative(),
  notes: z.array(z.string()),
  /**
   * The `[tool.preflight]` file the checklist was computed with, relative to the root (with `/`
   * separators; absolute when it lies above the root). Absent: the defaults.
   */
  configFile: z.string().optional(),
});
export type ChecklistScope = z.infer<typeof scopeSchema>;

const counts = z.strictObject({ fail: z.number(), warn: z.number(), unknown: z.number(), pass: z.number(), 'not-applicable': z.number() });
export type StatusCounts = z.infer<typeof counts>;

export const checklistSchema = z.strictObject({
  version: z.literal(1),
  /** Absolute path of the folder checked. */
  root: z.string(),
  generatedAt: z.string(),
  scope: scopeSchema,
  groups: z.array(z.strictObject({ id: groupId, title: z.string(), status: checklistStatus, counts })),
  items: z.array(checklistItemSchema),
  counts,
  status: checklistStatus,
});
export type Checklist = z.infer<typeof checklistSchema>;

export function emptyCounts(): StatusCounts {
  return { fail: 0, warn: 0, unknown: 0, pass: 0, 'not-applicable': 0 };
}

/**
 * The status of several parts together: a failure wins, then a warning, then anything
 * unknown (so a part no rule checks yet keeps the whole from passing), then pass. Parts that
 * do not apply are ignored unless none applies.
 */
export function worstStatus(statuses: readonly ChecklistStatus[]): ChecklistStatus {
  for (const s of ['fail', 'warn', 'unknown', 'pass'] as const) if (statuses.includes(s)) return s;
  return 'not-applicable';
}

/** Reading order: what needs attention first (fail, warn, unknown), then passes, then what does not apply. */
export function byAttention(a: { status: ChecklistStatus }, b: { status: ChecklistStatus }): number {
  return CHECKLIST_STATUSES.indexOf(a.status) - CHECKLIST_STATUSES.indexOf(b.status);
}
