/**
 * What a rule is: metadata (id, category, docs, default severity, fixability) and a check
 * function over one document. Modelled on ESLint's rule objects and ruff's violation metadata.
 */
import type { Category, Finding, Fix, Range, Severity } from './model';
import type { Notebook } from './notebook';
import type { PythonProgram, Unit } from './python/program';
import type { PyNode } from './python/syntax';
import type { ProjectContext } from './project';
import type { ResolvedConfig } from './config/resolved';
import type { Family, FamilySettings } from './config/schema';

export type DocumentTarget = 'python' | 'notebook' | 'manifest';

export const DOCS_BASE = 'https://github.com/preflight-dev/preflight/blob/main/docs/rules/';

export interface RuleMeta {
  /** kebab-case, stable forever; also the file name of the rule, its test and its doc page. */
  readonly id: string;
  /** The family the rule belongs to: its registry list (registry/<family>.ts) and the settings it gets (`ctx.settings`). */
  readonly family: Family;
  readonly category: Category;
  /** Taxonomy subtypes (../shared/spec/TAXONOMY.md) the rule covers, e.g. `R-global`. */
  readonly subtypes: readonly string[];
  /** One imperative sentence without a trailing period; equals the doc page's frontmatter. */
  readonly description: string;
  readonly defaultSeverity: Severity;
  /**
   * Severity in notebooks when the user set none (a notebook is run by a person watching it, so
   * some risks matter less there). Precedence: the user's severity (`[tool.preflight.severity]`,
   * an editor customization) > this, in notebooks > `defaultSeverity`. See `severityFor`.
   */
  readonly notebookSeverity?: Severity;
  readonly recommended: boolean;
  readonly appliesTo: readonly DocumentTarget[];
  readonly fixable?: 'safe' | 'unsafe';
  /** Derived from the id by createRule; never typed by hand. */
  readonly url: string;
}

export interface ManifestDocument {
  /** `requirements`, `pyproject`, `pipfile`, `environment`, `setup-cfg`, `setup-py`, `dockerfile`, … */
  readonly manifestKind: string;
  readonly text: string;
}

export interface Report {
  range: Range;
  message: string;
  cell?: number;
  fix?: Fix;
  severity?: Severity;
  related?: Finding['related'];
}

export interface RuleContext {
  readonly file: string;
  readonly target: DocumentTarget;
  /** Python files and notebooks. */
  readonly program?: PythonProgram;
  readonly notebook?: Notebook;
  /** Dependency manifests (requirements, pyproject.toml, Dockerfile…). */
  readonly manifest?: ManifestDocument;
  readonly project: ProjectContext;
  readonly config: ResolvedConfig;
  report(r: Report): void;
  /** Report at a syntax node of a unit (positions mapped into the unit's cell). */
  reportNode(unit: Unit, node: PyNode | { start: number; end: number }, message: string, extra?: Omit<Report, 'range' | 'message' | 'cell'>): void;
}

/** What a rule's check function gets: the document's context plus its family's settings. */
export interface FamilyRuleContext<F extends Family> extends RuleContext {
  /** `[tool.preflight.<family>]` of the rule's family, validated (`{}` when the project has none). */
  readonly settings: FamilySettings<F>;
}

export interface Rule {
  readonly meta: RuleMeta;
  check(ctx: RuleContext): void;
}

/** A rule from its metadata and check; the check is given its family's settings as `ctx.settings`. */
export function createRule<F extends Family>(meta: Omit<RuleMeta, 'url' | 'family'> & { readonly family: F }, check: (ctx: FamilyRuleContext<F>) => void): Rule {
  return {
    meta: { ...meta, url: `${DOCS_BASE}${meta.id}.md` },
    check: (ctx) => check({ ...ctx, settings: ctx.config.settingsOf(meta.family) }),
  };
}

/**
 * The severity of a rule's findings in a document, unless a finding sets its own: the user's
 * (pyproject `[tool.preflight.severity]` or an editor customization, both answered by
 * `config.severityOf`), else the rule's notebook default in a notebook, else its default.
 */
export function severityFor(meta: RuleMeta, target: DocumentTarget, config: ResolvedConfig): Severity {
  const fallback = target === 'notebook' && meta.notebookSeverity ? meta.notebookSeverity : meta.defaultSeverity;
  return config.severityOf(meta.id, fallback);
}

/** Range of a node inside its unit's text. */
export function nodeRange(unit: Unit, node: { start: number; end: number }): Range {
  return unit.lines.rangeAt(node.start, node.end);
}
