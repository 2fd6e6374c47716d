/**
 * The engine session: the one place that turns documents into parsed units and programs, keeps
 * them for documents that stay open, and runs the analysis on them. The language server keeps
 * one session for its open documents (edits re-parse only changed text, per file or per cell);
 * the CLI and the checklist use one for a run (`analyze`, keeping nothing between files).
 *
 * Per-program derived facts (`derived`, ./derived.ts) live as long as the program the session
 * built: replacing a document's program on an edit drops its facts with it.
 */
import { analyze, loadFailure, rulesToRun, type AnalysisOptions, type AnalysisResult } from './analyze';
import { checkBudget, withBudget } from './budget';
import { defaultConfig } from './config';
import { derived, type DerivedKey } from './derived';
import type { AnalysisInput } from './input';
import { free, parseIncremental, type ParsedText } from './python/incremental';
import { programFromUnits, type PythonProgram, type Unit } from './python/program';
import { RuleResults, type RuleRunStats } from './ruleResults';

/**
 * Notebooks that keep their cells' parses, program and rule outcomes between analyses (most
 * recently analysed first out of this many). Older ones drop them and re-parse on their next
 * analysis (a few milliseconds per notebook): with all 204 perf-corpus notebooks open, keeping
 * every parse cost about 50 MB.
 */
export const PARSED_NOTEBOOKS_KEPT = 16;

/** An open document as the session knows it: its key (the editor's URI) and how to parse it. */
export interface OpenDocument {
  key: string;
  /** Python text that allows IPython syntax (a notebook cell synced as a plain text document). */
  ipython?: boolean;
  /** For a notebook: one stable key per cell (the cell URIs), parallel to `notebook.cells`. */
  cellKeys?: readonly string[];
}

interface DocumentState {
  /** Parses by cell key ('' for a file's one unit). */
  parses: Map<string, ParsedText>;
  program?: PythonProgram;
  /** Each rule's last outcome, for incremental analysis (./ruleResults.ts). */
  results: RuleResults;
}

export interface DocumentAnalysisOptions extends Omit<AnalysisOptions, 'program' | 'runRule'> {
  /**
   * Re-use the outcomes of rules whose inputs did not change (default true). False when
   * something the session cannot see changed: the configuration, or the project's files.
   */
  incremental?: boolean;
  /**
   * The early pass of a long notebook just opened (given its first cells): only the `cell` rules
   * (rule.ts `RuleScope`), exact without the rest, and the `prefixStable` program rules, which
   * report nothing on the first cells that the whole notebook's analysis takes back. The cell
   * rules' outcomes are kept, so the full analysis that follows does not run them again.
   */
  earlyRulesOnly?: boolean;
}

export interface SessionOptions {
  /** Notebooks that keep their parses (default PARSED_NOTEBOOKS_KEPT). */
  parsedNotebooksKept?: number;
}

export class AnalysisSession {
  private readonly documents = new Map<string, DocumentState>();
  /** Notebooks holding parses, least recently analysed first. */
  private readonly notebookOrder = new Set<string>();
  private readonly kept: number;

  constructor(options: SessionOptions = {}) {
    this.kept = options.parsedNotebooksKept ?? PARSED_NOTEBOOKS_KEPT;
  }

  /** Analyse one input and keep nothing (the CLI, the checklist). */
  analyze(input: AnalysisInput, options: AnalysisOptions = {}): AnalysisResult {
    return analyze(input, options);
  }

  /**
   * Analyse an open document, re-using the parses of its previous analysis (same `doc.key`):
   * only changed text is re-parsed, and the program is rebuilt from the units.
   */
  analyzeDocument(doc: OpenDocument, input: AnalysisInput, documentOptions: DocumentAnalysisOptions = {}): AnalysisResult {
    const { incremental = true, earlyRulesOnly = false, ...options } = documentOptions;
    const config = options.config ?? defaultConfig;
    const state = this.stateOf(doc.key);
    // Rules given by the caller (tests) are not the ones whose outcomes are kept.
    if (!incremental || options.rules) state.results.clear();
    let program: PythonProgram | undefined;
    try {
      // Parsing gets the file's time budget, as `analyze` gives it when it parses.
      program = withBudget(config.maxMsPerFile, () => this.buildProgram(doc, input, state));
    } catch (e) {
      // A parse stopped by the budget or a parser that ran out of memory: this document
      // gets the one finding, and its next analysis parses from scratch.
      this.freeParses(state);
      delete state.program;
      state.results.clear();
      return analyze({ target: 'invalid', file: input.file, message: loadFailure(e, config) }, options);
    }
    if (program) state.program = program;
    else delete state.program;
    const runRule = options.rules ? undefined : state.results.runner();
    const rules = earlyRulesOnly ? rulesToRun(config, options.rules).filter((r) => r.meta.scope === 'cell' || r.meta.prefixStable === true) : options.rules;
    return analyze(input, { ...options, ...(rules ? { rules } : {}), ...(program ? { program } : {}), ...(runRule ? { runRule } : {}) });
  }

  /** Parse a document's text or cells (re-using the previous parses) into its program. */
  private buildProgram(doc: OpenDocument, input: AnalysisInput, state: DocumentState): PythonProgram | undefined {
    if (input.target === 'python') {
      const parsed = parseIncremental(input.text, { ipython: doc.ipython === true }, state.parses.get(''));
      state.parses.set('', parsed);
      return programFromUnits('python', [parsed.unit]);
    }
    if (input.target === 'notebook') {
      const units = this.parseCells(doc, input.notebook.cells, state);
      return programFromUnits('notebook', units, input.notebook);
    }
    if (input.target === 'invalid') this.freeParses(state);
    return undefined;
  }

  /** Which rules the last analysis of an open document ran again (tests). */
  lastRuleRun(key: string): RuleRunStats | undefined {
    return this.documents.get(key)?.results.lastRun;
  }

  /** The program of an open document's last analysis (undefined once its notebook's parses were dropped). */
  programOf(key: string): PythonProgram | undefined {
    return this.documents.get(key)?.program;
  }

  /** A per-program derived fact (see ./derived.ts): computed once, then shared. */
  derived<T>(program: PythonProgram, key: DerivedKey<T>, compute: (program: PythonProgram) => T): T {
    return derived(program, key, compute);
  }

  /** The document was closed: drop its parses and program. */
  close(key: string): void {
    const state = this.documents.get(key);
    if (state) this.freeParses(state);
    this.documents.delete(key);
    this.notebookOrder.delete(key);
  }

  dispose(): void {
    for (const state of this.documents.values()) this.freeParses(state);
    this.documents.clear();
    this.notebookOrder.clear();
  }

  private stateOf(key: string): DocumentState {
    let state = this.documents.get(key);
    if (!state) this.documents.set(key, (state = { parses: new Map(), results: new RuleResults() }));
    return state;
  }

  private freeParses(state: DocumentState): void {
    for (const p of state.parses.values()) free(p);
    state.parses.clear();
  }

  /** Parse a notebook's code cells (re-using each cell's previous parse); drop removed cells'. */
  private parseCells(doc: OpenDocument, cells: readonly { kind: string; source: string }[], state: DocumentState): Unit[] {
    const units: Unit[] = [];
    const live = new Set<string>();
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i]!;
      if (cell.kind !== 'code') continue;
      checkBudget('parsing');
      const cellKey = doc.cellKeys?.[i] ?? String(i);
      const parsed = parseIncremental(cell.source, { cell: i, ipython: true }, state.parses.get(cellKey));
      state.parses.set(cellKey, parsed);
      live.add(cellKey);
      units.push(parsed.unit);
    }
    for (const [cellKey, p] of state.parses) {
      if (!live.has(cellKey)) {
        free(p);
        state.parses.delete(cellKey);
      }
    }
    this.keepParsed(doc.key);
    return units;
  }

  /** Mark a notebook's parses as recently used; drop those of the least recently analysed ones. */
  private keepParsed(key: string): void {
    this.notebookOrder.delete(key);
    this.notebookOrder.add(key);
    for (const old of this.notebookOrder) {
      if (this.notebookOrder.size <= this.kept) break;
      this.notebookOrder.delete(old);
      const state = this.documents.get(old);
      if (state) {
        this.freeParses(state);
        // The program and the kept rule outcomes (cell rules' are keyed by the parses' trees)
        // would hold every cell's copied syntax tree alive: the next analysis rebuilds them.
        delete state.program;
        state.results.clear();
      }
    }
  }
}
