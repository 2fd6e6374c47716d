/**
 * Run the enabled rules over one document: a `.py` file, a notebook, or a dependency manifest.
 *
 * Never throws on user input: an unreadable or invalid file gives one `invalid-file` finding
 * (made from that rule's metadata and configured like any rule: `severity.invalid-file = "off"`
 * turns it off, also for a spent time budget),
 * a syntax error one `syntax-error` finding (and the rest is still analysed), and a rule that
 * throws is reported in `ruleErrors` while the other rules still run.
 */
import type { ResolvedConfig } from './config';
import { defaultConfig } from './config';
import type { AnalysisInput } from './input';
import type { Finding, Range } from './model';
import { isPythonNotebook, type Notebook } from './notebook';
import { cellName, relatedCell } from './cellNames';
import type { ProjectContext } from './project';
import { createProject } from './project';
import { redactSecrets } from './redact';
import { programFromNotebook, programFromPython, type PythonProgram } from './python/program';
import { allRules } from './registry';
import { nodeRange, severityFor, type DocumentTarget, type ManifestDocument, type Report, type Rule, type RuleContext } from './rule';
import type { Unit } from './python/program';
import { invalidFile } from './rules/invalid-file';
import { isSuppressed, pythonSuppressions, textSuppressions, type Suppressions } from './suppressions';
import { BudgetExceeded, budgetSpent, withBudget } from './budget';

export { inputFromBytes, inputFromNotebook, inputFromText, type AnalysisInput } from './input';

export interface AnalysisResult {
  findings: Finding[];
  ruleErrors: { ruleId: string; error: string }[];
  /** The program, for callers that keep it (the language server, the checklist). */
  program?: PythonProgram;
}

export interface AnalysisOptions {
  config?: ResolvedConfig;
  project?: ProjectContext;
  /** Only these rules (tests); default: every rule the config enables. */
  rules?: readonly Rule[];
  /** A program the caller already built for this document (the language server's cache). */
  program?: PythonProgram;
  /**
   * How each rule is run on the document (default `runRule`): the session's incremental
   * analysis (ruleResults.ts) re-uses a rule's last outcome when nothing it reads changed.
   */
  runRule?: RuleRunner;
}

/** What one rule did on one document: its findings (before suppression comments) and how it ended. */
export interface RuleOutcome {
  readonly findings: readonly Finding[];
  /** The rule threw (its findings so far are kept, as the other rules' are). */
  readonly error?: string;
  /** The time budget ran out while it ran: it and the rules after it count as not run. */
  readonly stopped?: boolean;
}

/** The parts of a rule's context that describe the document. */
export type RuleParts = Pick<RuleContext, 'file' | 'target' | 'project' | 'config'> & Partial<Pick<RuleContext, 'program' | 'notebook' | 'manifest'>>;

export type RuleRunner = (rule: Rule, parts: RuleParts) => RuleOutcome;

const FIRST_LINE: Range = { start: { line: 0, column: 0 }, end: { line: 0, column: 0 } };

/** A document read into what the rules see (parsed, for Python), with its suppression comments. */
interface Loaded {
  program?: PythonProgram;
  notebook?: Notebook;
  manifest?: ManifestDocument;
  suppressions: Suppressions;
}

/** Parse the document (unless the caller did); undefined for a notebook of another kernel. */
function load(input: Exclude<AnalysisInput, { target: 'invalid' }>, given: PythonProgram | undefined): Loaded | undefined {
  if (input.target === 'notebook') {
    if (!isPythonNotebook(input.notebook)) return undefined;
    const program = given ?? programFromNotebook(input.notebook);
    return { program, notebook: input.notebook, suppressions: pythonSuppressions(program) };
  }
  if (input.target === 'python') {
    const program = given ?? programFromPython(input.text);
    return { program, suppressions: pythonSuppressions(program) };
  }
  const manifest: ManifestDocument = { manifestKind: input.manifestKind, text: input.text };
  // setup.py is Python too: rules that read install_requires walk its syntax tree.
  const program = input.manifestKind === 'setup-py' ? (given ?? programFromPython(input.text)) : undefined;
  return { manifest, suppressions: textSuppressions(input.text), ...(program ? { program } : {}) };
}

/** What the file's finding says when its budget ran out (`notRun`: rule ids, or what stopped). */
export function budgetMessage(config: ResolvedConfig, notRun: readonly string[] | string): string {
  const head = `analysis stopped after ${(config.maxMsPerFile / 1000).toFixed(0)} s (tool.preflight.max-seconds-per-file)`;
  if (typeof notRun === 'string') return `${head} while ${notRun}: no rule run`;
  return `${head}: ${notRun.length} rule${notRun.length === 1 ? '' : 's'} not run (${notRun.join(', ')})`;
}

/** The message of an error thrown while a document was read into a program. */
export function loadFailure(e: unknown, config: ResolvedConfig): string {
  if (e instanceof BudgetExceeded) return budgetMessage(config, e.during);
  return `could not be analysed: ${(e as Error).message}`;
}

/** The rules an analysis runs: the caller's (tests), or every rule the configuration enables. */
export function rulesToRun(config: ResolvedConfig, rules?: readonly Rule[]): readonly Rule[] {
  return rules ?? allRules.filter((r) => config.isEnabled(r.meta.id));
}

export function analyze(input: AnalysisInput, options: AnalysisOptions = {}): AnalysisResult {
  const config = options.config ?? defaultConfig;
  const project = options.project ?? createProject(process.cwd());
  const findings: Finding[] = [];
  const ruleErrors: AnalysisResult['ruleErrors'] = [];

  const fileProblem = (message: string, related?: Finding['related']) => {
    if (config.isEnabled(invalidFile.meta.id)) findings.push(findingOf(invalidFile, config.severityOf(invalidFile.meta.id, invalidFile.meta.defaultSeverity), input.file, { range: FIRST_LINE, message, ...(related ? { related } : {}) }));
  };
  if (input.target === 'invalid') {
    fileProblem(input.message);
    return { findings, ruleErrors };
  }

  // Reading the document and running the rules get a time budget each (`max-seconds-per-file`).
  let loaded: Loaded | undefined;
  try {
    loaded = withBudget(config.maxMsPerFile, () => load(input, options.program));
  } catch (e) {
    fileProblem(loadFailure(e, config));
    return { findings, ruleErrors };
  }
  if (!loaded) return { findings, ruleErrors }; // other kernels: quietly nothing
  const { program, notebook, manifest, suppressions } = loaded;
  const target: DocumentTarget = input.target;

  const rules = rulesToRun(config, options.rules);
  const budgetLeft = () => !budgetSpent();
  const base = { file: input.file, project, config };
  const skipped = withBudget(config.maxMsPerFile, () => {
    const parts: RuleParts = { ...base, target, ...(program ? { program } : {}), ...(notebook ? { notebook } : {}), ...(manifest ? { manifest } : {}) };
    const notRun = runRules(rules, parts, budgetLeft, ruleErrors, (f) => {
      if (!isSuppressed(suppressions, f)) findings.push(f);
    }, options.runRule);
    if (notRun.length || !notebook || !program) return notRun;
    return analyzeWrittenFiles(program, notebook, rules, { ...base, budgetLeft, ruleErrors, suppressions, findings, fileProblem });
  });
  if (skipped.length) fileProblem(budgetMessage(config, skipped));
  findings.sort((a, b) => (a.cell ?? -1) - (b.cell ?? -1) || a.range.start.line - b.range.start.line || a.range.start.column - b.range.start.column || a.ruleId.localeCompare(b.ruleId));
  return { findings, ruleErrors, ...(program ? { program } : {}) };
}

/**
 * Run `rules` on one document, each in its own try/catch. Returns the ids of the rules not run
 * (or not finished) because the time budget ran out: no rule starts once it is spent, and a
 * rule whose loops find it spent stops there (`BudgetExceeded`), keeping what it reported.
 */
function runRules(
  rules: readonly Rule[],
  parts: RuleParts,
  budgetLeft: () => boolean,
  ruleErrors: AnalysisResult['ruleErrors'],
  emit: (f: Finding) => void,
  run: RuleRunner = runRule,
): string[] {
  const applicable = rules.filter((r) => r.meta.appliesTo.includes(parts.target));
  for (const [i, rule] of applicable.entries()) {
    if (!budgetLeft()) return applicable.slice(i).map((r) => r.meta.id);
    const outcome = run(rule, parts);
    for (const f of outcome.findings) emit(f);
    if (outcome.error !== undefined) ruleErrors.push({ ruleId: rule.meta.id, error: outcome.error });
    if (outcome.stopped) return applicable.slice(i).map((r) => r.meta.id);
  }
  return [];
}

/** Run one rule on one document and collect what it reports (the default `RuleRunner`). */
export function runRule(rule: Rule, parts: RuleParts): RuleOutcome {
  const findings: Finding[] = [];
  const severity = severityFor(rule.meta, parts.target, parts.config);
  const report = (r: Report) => findings.push(findingOf(rule, severity, parts.file, r));
  const ctx: RuleContext = {
    ...parts,
    report,
    reportNode(unit, node, message, extra = {}) {
      report({ ...extra, range: nodeRange(unit, node), message, ...(unit.cell !== undefined ? { cell: unit.cell } : {}) });
    },
  };
  try {
    rule.check(ctx);
  } catch (e) {
    if (e instanceof BudgetExceeded) return { findings, stopped: true };
    return { findings, error: (e as Error)?.stack ?? String(e) };
  }
  return { findings };
}

/**
 * The finding of `rule`'s report: every finding, file-level problems included, is made here.
 * So every text a user sees of it (message, fix title, related messages) is redacted here, once
 * for every output format and the language server. Edits keep their text: they write into the
 * user's own file.
 */
function findingOf(rule: Rule, severity: Finding['severity'], file: string, r: Report): Finding {
  return {
    ruleId: rule.meta.id,
    category: rule.meta.category,
    severity: r.severity ?? severity,
    file,
    range: r.range,
    message: redactSecrets(r.message),
    ...(r.cell !== undefined ? { cell: r.cell } : {}),
    ...(r.fix ? { fix: { ...r.fix, title: redactSecrets(r.fix.title) } } : {}),
    ...(r.related ? { related: r.related.map((x) => ({ ...x, message: redactSecrets(x.message) })) } : {}),
  };
}

/**
 * `%%writefile app.py` cells hold a Python file the notebook writes (and usually runs): it is
 * analysed as a file of its own (its names are not the notebook's) and its findings are shown
 * in the cell, lines shifted past the magic line. Returns what the time budget left undone.
 */
function analyzeWrittenFiles(
  program: PythonProgram,
  notebook: Notebook,
  rules: readonly Rule[],
  run: Pick<RuleContext, 'file' | 'project' | 'config'> & {
    budgetLeft: () => boolean;
    ruleErrors: AnalysisResult['ruleErrors'];
    suppressions: Suppressions;
    findings: Finding[];
    fileProblem: (message: string, related?: Finding['related']) => void;
  },
): string[] {
  const { budgetLeft, ruleErrors, suppressions, findings, ...base } = run;
  for (const unit of program.units) {
    for (const written of writtenPythonFiles(unit)) {
      const where = cellName(notebook.cells, unit.cell!);
      let sub: PythonProgram;
      try {
        sub = programFromPython(written.body);
      } catch (e) {
        if (e instanceof BudgetExceeded) return [where];
        run.fileProblem(`${where[0]!.toUpperCase()}${where.slice(1)} ${loadFailure(e, base.config)}`, [relatedCell(notebook.cells, unit.cell!, 'the Python file this cell writes')]);
        continue;
      }
      const subSuppressions = pythonSuppressions(sub);
      const notRun = runRules(rules, { ...base, target: 'python', program: sub }, budgetLeft, ruleErrors, (f) => {
        if (isSuppressed(subSuppressions, f) || f.fix?.cellInserts?.length) return;
        const moved = shiftIntoCell(f, unit.cell!, written.line);
        if (!isSuppressed(suppressions, moved)) findings.push(moved);
      });
      if (notRun.length) return notRun.map((id) => `${id} on ${where}`);
    }
  }
  return [];
}

/** The Python files a cell writes with `%%writefile name.py`: their text and first line in the cell. */
function writtenPythonFiles(unit: Unit): { body: string; line: number }[] {
  const out: { body: string; line: number }[] = [];
  for (const m of unit.magics) {
    if (m.kind !== 'cell-magic' || m.name !== 'writefile' || m.body === undefined || unit.cell === undefined) continue;
    const target = m.args.split(/\s+/).filter((a) => a && !a.startsWith('-')).pop() ?? '';
    if (!/\.pyw?$/i.test(target.replace(/^["']|["']$/g, ''))) continue;
    out.push({ body: m.body, line: unit.lines.positionAt(unit.text.length - m.body.length).line });
  }
  return out;
}

/** A finding of a `%%writefile` body, moved to the cell: `line` lines down, edits included. */
function shiftIntoCell(f: Finding, cell: number, line: number): Finding {
  const shift = (r: Range): Range => ({ start: { line: r.start.line + line, column: r.start.column }, end: { line: r.end.line + line, column: r.end.column } });
  return {
    ...f,
    cell,
    range: shift(f.range),
    ...(f.fix ? { fix: { ...f.fix, edits: f.fix.edits.map((e) => (e.file !== undefined ? e : { ...e, cell, range: shift(e.range) })) } } : {}),
    ...(f.related ? { related: f.related.map((r) => ({ ...r, cell, range: shift(r.range) })) } : {}),
  };
}
