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

/**
 * What a rule reads, so the language server's session knows which rules an edit can change
 * (engine/ruleResults.ts). A `cell` rule looks at one unit (a code cell, or a `.py` file) alone:
 * its findings in a cell depend on that cell's text and nothing else, so it is run per cell and
 * only the edited cell is run again. A `program` rule needs the joined notebook; `reads` names
 * the joined facts it uses, and it runs again when one of them changed. When unsure: `program`
 * reading `source` (a cell rule that is not one gives wrong results; a program rule is only slower).
 */
export type RuleScope = 'cell' | 'program';

/**
 * Joined facts of a document a program rule can read (each has one signature in
 * engine/ruleResults.ts that tells whether an edit changed it):
 * - `source`: the document's code, every cell of it: text, syntax, bindings, calls, magics.
 * - `execution-counts`: notebook cells' kinds and execution counts (the client's or the saved ones).
 * - `outputs`: notebook cells' saved outputs.
 * - `manifests`: what the rule reads through the project (`ctx.project`): manifests, lock files,
 *   local modules, other modules' summaries. The session cannot see these change: a change on
 *   disk or in the editor makes the language server re-analyse from scratch (not incrementally).
 */
export type ProgramFact = 'source' | 'execution-counts' | 'outputs' | 'manifests';

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
  /** One cell alone, or the joined document (see RuleScope). */
  readonly scope: RuleScope;
  /** `program` rules: the joined facts read (see ProgramFact); `cell` rules read their cell only. */
  readonly reads?: readonly ProgramFact[];
  /**
   * A `program` rule whose findings in a notebook cell follow from that cell and the cells above
   * it only, as a top-down run does (a seed, an import, a fit further down never takes one back):
   * analysed on the first cells alone, it reports nothing there that the whole notebook's
   * analysis does not (it may report less). The language server runs these with the cell rules
   * in the early pass of a long notebook just opened. test/engine/prefixStable.test.ts holds
   * every such rule to it on real notebooks.
   */
  readonly prefixStable?: boolean;
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

/** What a rule that declares nothing is taken to read: everything (see RuleScope). */
export const READS_EVERYTHING: readonly ProgramFact[] = ['source', 'execution-counts', 'outputs', 'manifests'];

/**
 * A rule from its metadata and check; the check is given its family's settings as `ctx.settings`.
 * Registered rules declare `scope` (test/meta/rules.test.ts); one that does not (a test's rule)
 * is a program rule reading everything, which is always correct.
 */
export function createRule<F extends Family>(
  meta: Omit<RuleMeta, 'url' | 'family' | 'scope'> & { readonly family: F; readonly scope?: RuleScope },
  check: (ctx: FamilyRuleContext<F>) => void,
): Rule {
  const scope = meta.scope ?? 'program';
  const reads = scope === 'program' ? (meta.reads ?? READS_EVERYTHING) : undefined;
  return {
    meta: { ...meta, scope, ...(reads ? { reads } : {}), url: `${DOCS_BASE}${meta.id}.md` },
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
