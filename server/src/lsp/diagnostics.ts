/**
 * Live analysis and diagnostics publishing for open documents: `.py` files, dependency
 * manifests and notebooks.
 *
 * - Typing: a change is analysed at once when nothing of its document is outstanding, a burst
 *   of changes typed faster than the analysis once it pauses for TYPING_DELAY_MS
 *   (./typingDelay.ts `TypingClock`); each document has
 *   a generation number so work that a newer change superseded is dropped after every await,
 *   and the analysis always reads the latest text.
 * - Analyses are incremental (engine/ruleResults.ts): only rules whose inputs an edit changed
 *   run again. Changes the session cannot see (settings, configuration, project files) come
 *   through `scheduleAll`, which marks the documents for a fresh analysis.
 * - Due documents go through one queue, one document per macrotask (`setImmediate` between
 *   them), so re-analysing a whole workspace after a manifest change never blocks the message
 *   loop: requests and edits are read between two documents.
 * - Parsing and programs belong to the engine session (engine/session.ts): each open `.py` file
 *   and code cell keeps its parse there, and only changed text is re-parsed. Inputs and their
 *   limits come from the engine's pipeline (`inputFromText`, `inputFromNotebook`), and which
 *   files the include/exclude globs keep from its `pathFilter`, as for `preflight check`.
 * - Notebooks: diagnostics are published for every synced cell (`[]` for clean ones, removed
 *   ones and on close), keyed by the cell URI string exactly as received. Cross-cell analysis
 *   means an edit in one cell can change another's diagnostics, so each run covers them all. The
 *   edited cells are published first, and always (so the editor knows their diagnostics are
 *   current for the text typed); another cell whose diagnostics did not change is not re-sent.
 */
import type { Connection, Diagnostic, NotebookDocuments, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { AnalysisSession, classifyFile, inputFromNotebook, inputFromText, pathFilter, type FileKind, type FileSystem, type Finding, type ResolvedConfig } from '../engine';
import { notebookModel, savedCountsFrom, type NotebookModel, type SavedCounts } from '../documents/notebookModel';
import type { Projects } from '../documents/projects';
import { fsPathOf, nameOf } from '../documents/uri';
import type { CellExecutionInfo } from '../protocol';
import { effectiveConfig, type ServerSettings } from '../settings';
import { toDiagnostic, type Target } from './findingToDiagnostic';
import { describeError, type Logger } from './log';
import { TYPING_DELAY_MS, TypingClock } from './typingDelay';

export { TYPING_DELAY_MS } from './typingDelay';

const CELL_SCHEME = 'vscode-notebook-cell:';

/**
 * Opening a notebook with at least this many code cells sends an early pass's findings (the cell
 * rules and the prefix-stable program rules on its first cells) before the whole analysis (which
 * takes a second or more on a 700-cell notebook under load). Shorter
 * notebooks are analysed whole at once: the early pass would save little and send more messages.
 */
export const EARLY_CELL_RULES_MIN_CELLS = 50;

/**
 * The early pass covers the notebook's first cells only — what the editor shows on opening —
 * so they get their findings in a fraction of the whole parse (a 700-cell notebook took over a
 * second for every cell's cell rules). Their parses and outcomes are kept for the whole analysis.
 */
export const EARLY_VISIBLE_CELLS = 40;

type Job = { kind: 'text' | 'notebook'; uri: string };

/** The job a `${kind}:${uri}` scheduling key stands for. */
function jobOfKey(key: string): Job | undefined {
  const colon = key.indexOf(':');
  const kind = key.slice(0, colon);
  return kind === 'text' || kind === 'notebook' ? { kind, uri: key.slice(colon + 1) } : undefined;
}

interface NotebookState {
  /** Cell URIs we published for (to clear removed cells). */
  published: Set<string>;
  /** Saved `.ipynb` execution counts (loaded once per open/save; null: none on disk). */
  saved?: SavedCounts | null;
  /** The model of the last analysis (tests and the checklist read it). */
  last?: NotebookModel;
}

export interface DiagnosticsDeps {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  notebooks: NotebookDocuments<TextDocument>;
  projects: Projects;
  fs: FileSystem;
  settings: (scopeUri: string) => Promise<ServerSettings>;
  log: Logger;
}

/** How a text document is analysed, from its file name whatever its language id. */
export function textKindOf(uri: string, languageId: string): FileKind | undefined {
  const kind = classifyFile(nameOf(uri));
  if (kind) return kind;
  return languageId === 'python' ? { target: 'python' } : undefined;
}

/** Whether the include/exclude globs keep the file (files outside the project root always). */
function matchesGlobs(file: string | undefined, root: string, config: ResolvedConfig): boolean {
  return file === undefined || pathFilter(root, config).accepts(file);
}

export class DiagnosticsService {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly generations = new Map<string, number>();
  private readonly queue = new Map<string, Job>();
  /** Documents whose next analysis must not re-use kept rule outcomes (see `scheduleAll`). */
  private readonly fresh = new Set<string>();
  private draining = false;
  /** The document whose analysis is running (between its awaits too), for the typing delay. */
  private running: string | undefined;
  /** How long an edit waits (./typingDelay.ts); tests replace it to hold an edit back. */
  typingDelay: Pick<TypingClock, 'changed'> = new TypingClock();
  /** The open documents' parses and programs, keyed like jobs (`text:<uri>`, `notebook:<uri>`): an .ipynb open as JSON text is not its notebook. */
  private readonly session = new AnalysisSession();
  private readonly notebookStates = new Map<string, NotebookState>();
  /** `preflight/cellExecution` data per notebook URI (may arrive before the notebook opens). */
  private readonly executions = new Map<string, Map<string, CellExecutionInfo>>();
  /** Last diagnostics sent per document URI (hover and code actions read them). */
  readonly published = new Map<string, Diagnostic[]>();
  private readonly publishedJson = new Map<string, string>();
  /** Document version each URI had when its diagnostics were computed (fixes are valid only then). */
  readonly analysedVersions = new Map<string, number>();
  /** Resolves when the queue is empty (tests and benchmarks wait on it). */
  private idleWaiters: (() => void)[] = [];
  disposed = false;

  constructor(private readonly deps: DiagnosticsDeps) {}

  // ---- scheduling -------------------------------------------------------------------------

  /** Analyse a document after `delay` ms (typing) or at once; a newer call supersedes it. */
  schedule(job: Job, delay = TYPING_DELAY_MS): void {
    const key = `${job.kind}:${job.uri}`;
    this.generations.set(key, (this.generations.get(key) ?? 0) + 1);
    clearTimeout(this.timers.get(key));
    this.queue.delete(key);
    const enqueue = () => {
      this.timers.delete(key);
      this.queue.set(key, job);
      this.drain();
    };
    if (delay <= 0) enqueue();
    else this.timers.set(key, setTimeout(enqueue, delay));
  }

  /**
   * The user changed a document's text: analysed at once when nothing of the document is
   * outstanding, else once the burst of changes it belongs to pauses (./typingDelay.ts).
   */
  typed(job: Job): void {
    const key = `${job.kind}:${job.uri}`;
    const outstanding = this.timers.has(key) || this.queue.has(key) || this.running === key;
    this.schedule(job, this.typingDelay.changed(outstanding));
  }

  /** Re-analyse every open document (settings changed, a manifest changed), optionally filtered by path. */
  scheduleAll(filter: (file: string | undefined) => boolean = () => true, delay = 0): void {
    // What changed (settings, configuration, project files) is not visible to the session's
    // incremental analysis: these documents are analysed from scratch.
    const fresh = (job: Job) => {
      this.fresh.add(`${job.kind}:${job.uri}`);
      this.schedule(job, delay);
    };
    for (const doc of this.deps.documents.all()) if (filter(fsPathOf(doc.uri))) fresh({ kind: 'text', uri: doc.uri });
    for (const uri of this.notebookStates.keys()) if (filter(fsPathOf(uri))) fresh({ kind: 'notebook', uri });
  }

  /** Whether the document's analysis may re-use kept rule outcomes (and marks it as used). */
  private incremental(key: string): boolean {
    return !this.fresh.delete(key);
  }

  private cancel(key: string): void {
    this.fresh.delete(key);
    this.generations.set(key, (this.generations.get(key) ?? 0) + 1);
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.queue.delete(key);
  }

  private drain(): void {
    if (this.draining) return;
    this.draining = true;
    const step = async () => {
      const first = this.queue.entries().next();
      if (first.done || this.disposed) {
        this.draining = false;
        if (this.timers.size === 0) for (const w of this.idleWaiters.splice(0)) w();
        return;
      }
      const [key, job] = first.value;
      this.queue.delete(key);
      const generation = this.generations.get(key) ?? 0;
      const current = () => !this.disposed && this.generations.get(key) === generation;
      this.running = key;
      try {
        if (job.kind === 'text') await this.analyzeText(job.uri, current);
        else await this.analyzeNotebook(job.uri, current);
      } catch (e) {
        this.deps.log.error(`Analysis of ${job.uri} failed: ${describeError(e)}`);
      } finally {
        this.running = undefined;
      }
      setImmediate(() => void step());
    };
    setImmediate(() => void step());
  }

  /**
   * Analyse now what waits for a pause in typing, and resolve once nothing is pending or after
   * `maxMs`. Fix-all on save asks right after the last keystroke: its fixes must be of the text
   * being saved, and a fix of an older version is never offered (../handlers/codeActions.ts).
   */
  async settle(maxMs: number): Promise<void> {
    for (const [key, timer] of [...this.timers]) {
      clearTimeout(timer);
      this.timers.delete(key);
      const job = jobOfKey(key);
      if (job) this.queue.set(key, job);
    }
    this.drain();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.whenIdle(), new Promise<void>((resolve) => (timer = setTimeout(resolve, maxMs)))]);
    clearTimeout(timer);
  }

  /** Resolves once nothing is pending (no timer, empty queue). */
  whenIdle(): Promise<void> {
    if (!this.draining && this.timers.size === 0 && this.queue.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  // ---- publishing -------------------------------------------------------------------------

  private publish(uri: string, diagnostics: Diagnostic[], force = false): void {
    const json = JSON.stringify(diagnostics);
    if (!force && this.publishedJson.get(uri) === json) return;
    this.publishedJson.set(uri, json);
    this.published.set(uri, diagnostics);
    void this.deps.connection.sendDiagnostics({ uri, diagnostics }).catch((e: unknown) => this.deps.log.warn(`sendDiagnostics ${uri}: ${describeError(e)}`));
  }

  private clear(uri: string): void {
    this.publishedJson.delete(uri);
    this.published.delete(uri);
    this.analysedVersions.delete(uri);
    void this.deps.connection.sendDiagnostics({ uri, diagnostics: [] }).catch(() => {});
  }

  private logRuleErrors(uri: string, errors: { ruleId: string; error: string }[]): void {
    for (const e of errors) this.deps.log.error(`Rule ${e.ruleId} failed on ${uri}: ${e.error}`);
  }

  /**
   * A document was opened (again): its version numbers start again, so the version its last
   * diagnostics were computed for no longer identifies a text (fixes stay stale until re-analysed).
   */
  forgetVersion(uri: string): void {
    this.analysedVersions.delete(uri);
  }

  // ---- text documents -----------------------------------------------------------------------

  closeText(uri: string): void {
    this.cancel(`text:${uri}`);
    this.session.close(`text:${uri}`);
    this.clear(uri);
  }

  private async analyzeText(uri: string, current: () => boolean): Promise<void> {
    const first = this.deps.documents.get(uri);
    if (!first) return;
    const kind = textKindOf(uri, first.languageId);
    if (!kind || kind.target === 'notebook') {
      // An .ipynb opened as JSON text: its findings belong to cells, which a text editor has not.
      this.publish(uri, []);
      return;
    }
    const settings = await this.deps.settings(uri);
    if (!current()) return;
    const doc = this.deps.documents.get(uri);
    if (!doc) return;
    const file = fsPathOf(uri);
    const project = this.deps.projects.projectFor(file);
    const config = effectiveConfig(this.deps.projects.configFor(file), settings, false);
    if (!settings.enable || !matchesGlobs(file, project.root, config)) {
      this.analysedVersions.set(uri, doc.version);
      this.publish(uri, []);
      return;
    }
    const input = inputFromText(file ?? uri, doc.getText(), config, kind)!;
    // A Python cell of a notebook type we do not sync arrives as a text document: IPython syntax allowed.
    const key = `text:${uri}`;
    const result = this.session.analyzeDocument({ key, ipython: uri.startsWith(CELL_SCHEME) }, input, { config, project, incremental: this.incremental(key) });
    this.logRuleErrors(uri, result.ruleErrors);
    const target: Target = { kind: 'text', uri };
    this.analysedVersions.set(uri, doc.version);
    this.publish(uri, result.findings.map((f) => toDiagnostic(f, target).diagnostic));
  }

  // ---- notebooks ------------------------------------------------------------------------------

  openNotebook(uri: string): void {
    if (!this.notebookStates.has(uri)) this.notebookStates.set(uri, { published: new Set() });
    this.schedule({ kind: 'notebook', uri }, 0);
  }

  /** Saved: the `.ipynb` on disk changed, so the fallback execution counts are reloaded. */
  savedNotebook(uri: string): void {
    const state = this.notebookStates.get(uri);
    if (state) delete state.saved;
  }

  closeNotebook(uri: string, cellUris: readonly string[]): void {
    this.cancel(`notebook:${uri}`);
    const state = this.notebookStates.get(uri);
    this.notebookStates.delete(uri);
    this.session.close(`notebook:${uri}`);
    this.executions.delete(uri);
    for (const cell of new Set([...cellUris, ...(state?.published ?? [])])) this.clear(cell);
  }

  /** `preflight/cellExecution`: the client's view of execution orders (replaces the previous one). */
  setExecutions(notebookUri: string, cells: readonly CellExecutionInfo[]): void {
    this.executions.set(notebookUri, new Map(cells.map((c) => [c.uri, c])));
    if (this.notebookStates.has(notebookUri)) this.schedule({ kind: 'notebook', uri: notebookUri }, 0);
  }

  private async analyzeNotebook(uri: string, current: () => boolean): Promise<void> {
    const state = this.notebookStates.get(uri);
    if (!state || !this.deps.notebooks.getNotebookDocument(uri)) return;
    const settings = await this.deps.settings(uri);
    if (!current()) return;
    const nb = this.deps.notebooks.getNotebookDocument(uri);
    if (!nb) return;
    const cellDoc = (cellUri: string) => this.deps.notebooks.cellTextDocuments.get(cellUri);
    const file = fsPathOf(uri);
    const project = this.deps.projects.projectFor(file);
    const config = effectiveConfig(this.deps.projects.configFor(file), settings, true);
    const forwarded = this.executions.get(uri);
    const needsSaved = !forwarded && nb.cells.some((c) => c.kind !== 1 && c.executionSummary === undefined);
    if (needsSaved && state.saved === undefined && file !== undefined) {
      state.saved = savedCountsFrom(this.deps.fs.readFile(file)) ?? null;
    }
    const model = notebookModel(
      nb,
      { text: (c) => cellDoc(c.document)?.getText() ?? '', languageId: (c) => cellDoc(c.document)?.languageId },
      forwarded,
      needsSaved ? (state.saved ?? undefined) : undefined,
    );
    state.last = model;
    const target: Target = { kind: 'notebook', notebookUri: uri, cellUris: model.cellUris };

    let findings: Finding[] = [];
    const enabled = settings.enable && matchesGlobs(file, project.root, config);
    if (enabled) {
      const input = inputFromNotebook(file ?? uri, model.notebook, config);
      const key = `notebook:${uri}`;
      const doc = { key, cellKeys: model.cellUris };
      let incremental = this.incremental(key);
      if (state.published.size === 0 && model.notebook.cells.filter((c) => c.kind === 'code').length >= EARLY_CELL_RULES_MIN_CELLS) {
        // A long notebook just opened: the early pass's findings go out first; the whole analysis
        // below re-uses the cell rules' outcomes (so it is incremental whatever `incremental` said).
        this.publishEarlyPass(doc, input, { config, project, incremental }, target, state, cellDoc);
        incremental = true;
        // Let the messages go out (and a newer change or a close come in) before the rest.
        await new Promise((resolve) => setImmediate(resolve));
        if (!current()) return;
      }
      const result = this.session.analyzeDocument(doc, input, { config, project, incremental });
      this.logRuleErrors(uri, result.ruleErrors);
      findings = result.findings;
    }
    const byCell = this.byCell(findings, target);
    // Edited cells (a version not analysed before) first, and always: the editor is waiting on them.
    const edited = (cellUri: string) => {
      const version = cellDoc(cellUri)?.version;
      return version !== undefined && this.analysedVersions.get(cellUri) !== version;
    };
    const cells = [...byCell.keys()];
    const order = [...cells.filter(edited), ...cells.filter((c) => !edited(c))];
    for (const cellUri of order) {
      const force = edited(cellUri) || !state.published.has(cellUri);
      const version = cellDoc(cellUri)?.version;
      if (version !== undefined) this.analysedVersions.set(cellUri, version);
      // A cell's first report is always sent (even `[]`), so every cell starts from a known state.
      this.publish(cellUri, byCell.get(cellUri)!, force);
    }
    for (const old of state.published) if (!byCell.has(old)) this.clear(old);
    state.published = new Set(byCell.keys());
  }

  /**
   * Publish the early pass's findings on the first cells, fixes included: the `cell` rules (exact
   * on their own, and cheap) and the `prefixStable` program rules (rule.ts: nothing they report
   * on the first cells is taken back by the whole notebook; it may add to them, and then the cell
   * is sent again).
   */
  private publishEarlyPass(
    doc: Parameters<AnalysisSession['analyzeDocument']>[0],
    input: Parameters<AnalysisSession['analyzeDocument']>[1],
    options: Parameters<AnalysisSession['analyzeDocument']>[2],
    target: Extract<Target, { kind: 'notebook' }>,
    state: NotebookState,
    cellDoc: (cellUri: string) => { version: number } | undefined,
  ): void {
    // The first cells alone: the same document (its parses and cell-rule outcomes are kept for
    // the whole analysis), a notebook cut after them (a top-down run of those cells).
    const cut = input.target === 'notebook' ? Math.min(input.notebook.cells.length, EARLY_VISIBLE_CELLS) : 0;
    const first = input.target === 'notebook' ? { ...input, notebook: { ...input.notebook, cells: input.notebook.cells.slice(0, cut) } } : input;
    const early = this.session.analyzeDocument({ ...doc, ...(doc.cellKeys ? { cellKeys: doc.cellKeys.slice(0, cut) } : {}) }, first, { ...options, earlyRulesOnly: true });
    for (const [cellUri, diagnostics] of this.byCell(early.findings, target)) {
      if (!diagnostics.length) continue;
      // For this version: the whole analysis re-sends the cell only if it changes (adds to it).
      const version = cellDoc(cellUri)?.version;
      if (version !== undefined) this.analysedVersions.set(cellUri, version);
      this.publish(cellUri, diagnostics);
      state.published.add(cellUri);
    }
  }

  /** Each cell's diagnostics (`[]` for a cell without findings), in the notebook's cell order. */
  private byCell(findings: readonly Finding[], target: Extract<Target, { kind: 'notebook' }>): Map<string, Diagnostic[]> {
    const byCell = new Map<string, Diagnostic[]>(target.cellUris.map((c) => [c, []]));
    for (const f of findings) {
      const { uri: cellUri, diagnostic } = toDiagnostic(f, target);
      byCell.get(cellUri)?.push(diagnostic);
    }
    return byCell;
  }

  /** The engine's view of an open notebook at its last analysis. */
  notebookSnapshot(uri: string): NotebookModel | undefined {
    return this.notebookStates.get(uri)?.last;
  }

  dispose(): void {
    this.disposed = true;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    this.queue.clear();
    this.session.dispose();
    this.notebookStates.clear();
  }
}
