/**
 * Live analysis and diagnostics publishing for open documents: `.py` files, dependency
 * manifests and notebooks.
 *
 * - Typing is debounced per document; each document has a generation number so work that a
 *   newer change superseded is dropped after every await.
 * - Due documents go through one queue, one document per macrotask (`setImmediate` between
 *   them), so re-analysing a whole workspace after a manifest change never blocks the message
 *   loop: requests and edits are read between two documents.
 * - Each `.py` file and code cell keeps its tree-sitter tree; only changed text is reparsed
 *   (documents/incremental.ts) and the semantics are rebuilt from the units (`programFromUnits`).
 * - Notebooks: diagnostics are published for every synced cell (`[]` for clean ones, removed
 *   ones and on close), keyed by the cell URI string exactly as received. Cross-cell analysis
 *   means an edit in one cell can change another's diagnostics, so each run covers them all; a
 *   cell whose diagnostics did not change is not re-sent.
 */
import * as path from 'node:path';
import picomatch from 'picomatch';
import type { Connection, Diagnostic, NotebookDocuments, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, type AnalysisInput } from '../engine/analyze';
import type { ResolvedConfig } from '../engine/config';
import { classifyFile, type FileKind } from '../engine/files';
import type { Finding } from '../engine/model';
import type { FileSystem } from '../engine/project';
import { programFromUnits, type PythonProgram } from '../engine/python/program';
import { free, parseIncremental, type ParsedText } from '../documents/incremental';
import { notebookModel, savedCountsFrom, type NotebookModel, type SavedCounts } from '../documents/notebookModel';
import type { Projects } from '../documents/projects';
import { fsPathOf, nameOf } from '../documents/uri';
import type { CellExecutionInfo } from '../protocol';
import { effectiveConfig, type ServerSettings } from '../settings';
import { toDiagnostic, type Target } from './findingToDiagnostic';
import { describeError, type Logger } from './log';

export const TYPING_DELAY_MS = 150;

/**
 * Notebooks that keep their cells' parses between analyses (most recently analysed first out of
 * this many). Older ones drop them and re-parse on their next analysis (a few milliseconds per
 * notebook): with all 204 perf-corpus notebooks open, keeping every parse cost about 50 MB.
 */
export const PARSED_NOTEBOOKS_KEPT = 16;

const CELL_SCHEME = 'vscode-notebook-cell:';

type Job = { kind: 'text' | 'notebook'; uri: string };

interface NotebookState {
  parsed: Map<string, ParsedText>;
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

function matchesGlobs(file: string | undefined, root: string, config: ResolvedConfig): boolean {
  if (file === undefined || (config.include.length === 0 && config.exclude.length === 0)) return true;
  const rel = path.relative(root, file).split(path.sep).join('/');
  if (rel.startsWith('../')) return true;
  if (config.include.length && !picomatch(config.include as string[], { dot: true })(rel)) return false;
  if (config.exclude.length && picomatch(config.exclude as string[], { dot: true })(rel)) return false;
  return true;
}

/** Checks the CLI does in `inputFromBytes`, for text that is already decoded. */
function tooBigOrBinary(file: string, text: string, config: ResolvedConfig): AnalysisInput | undefined {
  if (text.length > config.maxFileSize) {
    return { target: 'invalid', file, message: `skipped: ${(text.length / 1e6).toFixed(1)} MB is over the ${(config.maxFileSize / 1e6).toFixed(1)} MB limit (tool.preflight.max-file-size)` };
  }
  if (text.includes('\u0000')) return { target: 'invalid', file, message: 'binary content (NUL bytes): the file was not analysed' };
  return undefined;
}

export class DiagnosticsService {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly generations = new Map<string, number>();
  private readonly queue = new Map<string, Job>();
  private draining = false;
  private readonly textParses = new Map<string, ParsedText>();
  private readonly notebookStates = new Map<string, NotebookState>();
  /** Notebooks holding parses, least recently analysed first (see PARSED_NOTEBOOKS_KEPT). */
  private readonly parsedOrder = new Set<string>();
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

  /** Re-analyse every open document (settings changed, a manifest changed), optionally filtered by path. */
  scheduleAll(filter: (file: string | undefined) => boolean = () => true, delay = 0): void {
    for (const doc of this.deps.documents.all()) if (filter(fsPathOf(doc.uri))) this.schedule({ kind: 'text', uri: doc.uri }, delay);
    for (const uri of this.notebookStates.keys()) if (filter(fsPathOf(uri))) this.schedule({ kind: 'notebook', uri }, delay);
  }

  private cancel(key: string): void {
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
      try {
        if (job.kind === 'text') await this.analyzeText(job.uri, current);
        else await this.analyzeNotebook(job.uri, current);
      } catch (e) {
        this.deps.log.error(`Analysis of ${job.uri} failed: ${describeError(e)}`);
      }
      setImmediate(() => void step());
    };
    setImmediate(() => void step());
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
    free(this.textParses.get(uri));
    this.textParses.delete(uri);
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
    const text = doc.getText();
    const name = file ?? uri;
    const input: AnalysisInput = tooBigOrBinary(name, text, config) ?? (kind.target === 'python' ? { target: 'python', file: name, text } : { target: 'manifest', file: name, text, manifestKind: kind.manifestKind });
    let program: PythonProgram | undefined;
    if (input.target === 'python') {
      // A Python cell of a notebook type we do not sync arrives as a text document: IPython syntax allowed.
      const parsed = parseIncremental(text, { ipython: uri.startsWith(CELL_SCHEME) }, this.textParses.get(uri));
      this.textParses.set(uri, parsed);
      program = programFromUnits('python', [parsed.unit]);
    } else if (input.target === 'invalid') {
      free(this.textParses.get(uri));
      this.textParses.delete(uri);
    }
    const result = analyze(input, { config, project, ...(program ? { program } : {}) });
    this.logRuleErrors(uri, result.ruleErrors);
    const target: Target = { kind: 'text', uri };
    this.analysedVersions.set(uri, doc.version);
    this.publish(uri, result.findings.map((f) => toDiagnostic(f, target).diagnostic));
  }

  // ---- notebooks ------------------------------------------------------------------------------

  openNotebook(uri: string): void {
    if (!this.notebookStates.has(uri)) this.notebookStates.set(uri, { parsed: new Map(), published: new Set() });
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
    this.parsedOrder.delete(uri);
    this.executions.delete(uri);
    for (const p of state?.parsed.values() ?? []) free(p);
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
    const byCell = new Map<string, Diagnostic[]>(model.cellUris.map((c) => [c, []]));

    let findings: Finding[] = [];
    const enabled = settings.enable && matchesGlobs(file, project.root, config);
    if (enabled) {
      if (model.notebook.cells.length > config.maxCells) {
        findings = analyze({ target: 'invalid', file: file ?? uri, message: `skipped: ${model.notebook.cells.length} cells is over the ${config.maxCells}-cell limit (tool.preflight.max-cells)` }, { config, project }).findings;
      } else {
        const units = [];
        const live = new Set<string>();
        for (let i = 0; i < model.notebook.cells.length; i++) {
          const cell = model.notebook.cells[i]!;
          if (cell.kind !== 'code') continue;
          const cellUri = model.cellUris[i]!;
          const parsed = parseIncremental(cell.source, { cell: i, ipython: true }, state.parsed.get(cellUri));
          state.parsed.set(cellUri, parsed);
          live.add(cellUri);
          units.push(parsed.unit);
        }
        for (const [cellUri, p] of state.parsed) {
          if (!live.has(cellUri)) {
            free(p);
            state.parsed.delete(cellUri);
          }
        }
        this.keepParsed(uri);
        const program = programFromUnits('notebook', units, model.notebook);
        const result = analyze({ target: 'notebook', file: file ?? uri, notebook: model.notebook }, { config, project, program });
        this.logRuleErrors(uri, result.ruleErrors);
        findings = result.findings;
      }
    }
    for (const f of findings) {
      const { uri: cellUri, diagnostic } = toDiagnostic(f, target);
      byCell.get(cellUri)?.push(diagnostic);
    }
    for (const [cellUri, diagnostics] of byCell) {
      const version = cellDoc(cellUri)?.version;
      if (version !== undefined) this.analysedVersions.set(cellUri, version);
      // A cell's first report is always sent (even `[]`), so every cell starts from a known state.
      this.publish(cellUri, diagnostics, !state.published.has(cellUri));
    }
    for (const old of state.published) if (!byCell.has(old)) this.clear(old);
    state.published = new Set(byCell.keys());
  }

  /** Mark a notebook's parses as recently used; drop those of the least recently analysed ones. */
  private keepParsed(uri: string): void {
    this.parsedOrder.delete(uri);
    this.parsedOrder.add(uri);
    for (const old of this.parsedOrder) {
      if (this.parsedOrder.size <= PARSED_NOTEBOOKS_KEPT) break;
      this.parsedOrder.delete(old);
      const parsed = this.notebookStates.get(old)?.parsed;
      for (const p of parsed?.values() ?? []) free(p);
      parsed?.clear();
    }
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
    for (const p of this.textParses.values()) free(p);
    this.textParses.clear();
    for (const s of this.notebookStates.values()) for (const p of s.parsed.values()) free(p);
    this.notebookStates.clear();
  }
}
