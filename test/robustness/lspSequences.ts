/**
 * LSP message-sequence fuzzing: random sequences of notebook and text document sync messages
 * (out-of-bounds edits, out-of-order versions, cell structure edits with bad indices and unknown
 * cells, unknown documents, malformed params), code action and hover requests on random ranges,
 * applied quick fixes, and `preflight/cellExecution` junk, sent to the in-process server.
 *
 * The expected document state comes from a mirror: the same `TextDocuments`/`NotebookDocuments`
 * classes the server uses, fed the same messages through a stand-in connection. Whatever the
 * library makes of a nonsensical message, the server's diagnostics must agree with it.
 *
 * Properties, checked at every settle point and after closing everything:
 *  - the server never dies and every request is answered (empty is fine; only unknown methods
 *    may answer with an error),
 *  - every published diagnostic, related location and stored fix edit lies inside the current
 *    text of its document, and only live documents (open text documents, cells of open
 *    notebooks) carry diagnostics,
 *  - the notebook the server analysed last is the notebook the mirror holds,
 *  - after closing everything, every URI the run touched has `[]` as its last publication.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { NotebookDocuments, TextDocuments, type CodeAction, type Diagnostic, type Range as LspRange } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Harness } from '../server/lspHarness';
import { countInput, fixableSnippets, pythonish } from './properties';

// ---- the mirror -------------------------------------------------------------------------

type Handler = (params: unknown) => unknown;

/** The library's own document bookkeeping, driven without a connection. */
class Mirror {
  readonly texts = new TextDocuments(TextDocument);
  readonly notebooks = new NotebookDocuments(TextDocument);
  private readonly handlers = new Map<string, Handler>();

  constructor() {
    const on = (method: string) => (h: Handler) => {
      this.handlers.set(method, h);
      return { dispose() {} };
    };
    const connection = {
      onDidOpenTextDocument: on('textDocument/didOpen'),
      onDidChangeTextDocument: on('textDocument/didChange'),
      onDidCloseTextDocument: on('textDocument/didClose'),
      onWillSaveTextDocument: on('textDocument/willSave'),
      onWillSaveTextDocumentWaitUntil: on('textDocument/willSaveWaitUntil'),
      onDidSaveTextDocument: on('textDocument/didSave'),
      notebooks: {
        synchronization: {
          onDidOpenNotebookDocument: on('notebookDocument/didOpen'),
          onDidChangeNotebookDocument: on('notebookDocument/didChange'),
          onDidSaveNotebookDocument: on('notebookDocument/didSave'),
          onDidCloseNotebookDocument: on('notebookDocument/didClose'),
        },
      },
    };
    this.texts.listen(connection as never);
    this.notebooks.listen(connection as never);
  }

  /** Apply a notification as the server receives it (a JSON copy; a throwing handler is ignored, as jsonrpc does). */
  async apply(method: string, params: unknown): Promise<void> {
    const h = this.handlers.get(method);
    if (!h) return;
    try {
      await h(JSON.parse(JSON.stringify(params ?? null)));
    } catch {
      // the server's handler throws at the same point and keeps the same partial state
    }
  }

  /** Text of a live document: an open text document or a cell of an open notebook ('' if its text was never opened). */
  liveText(uri: string): string | undefined {
    const doc = this.texts.get(uri);
    if (doc) return doc.getText();
    if (this.notebooks.findNotebookDocumentForCell(uri) && this.notebooks.getNotebookCell(uri)) {
      return this.notebooks.cellTextDocuments.get(uri)?.getText() ?? '';
    }
    return undefined;
  }

  version(uri: string): number | undefined {
    return (this.texts.get(uri) ?? this.notebooks.cellTextDocuments.get(uri))?.version;
  }
}

// ---- operations ---------------------------------------------------------------------------

const smallInt = (min: number, max: number) => fc.integer({ min, max });
const edgeInt = fc.oneof(smallInt(0, 6), smallInt(-3, 40), fc.constantFrom(2 ** 31 - 1, -(2 ** 31), 1e9));

const manifestText = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.constantFrom(
    'numpy\npandas==2.2.0\n',
    'requests>=2\n-r other.txt\n--index-url https://x\n',
    'torch @ https://example.com/torch.whl\n',
    '[project]\ndependencies = ["numpy", "pandas>=2"]\n',
    '[tool.preflight]\nmax-file-size = "1kb"\n',
    '[tool.preflight]\nmax-cells = 1\n',
    '[tool.preflight]\nseed = "x"\nrules = 3\n',
    '[tool.preflight.randomness]\nbogus = [1, 2\n',
    '[[[ not toml',
    'name: env\ndependencies:\n  - numpy\n  - pip:\n    - torch\n',
    'FROM python:latest\nRUN pip install numpy\n',
    '\u0000\u0000',
  ),
);

const cellText = fc.oneof(pythonish, fc.constantFrom(...fixableSnippets), fc.array(fc.oneof(pythonish, fc.constantFrom(...fixableSnippets)), { maxLength: 4 }).map((xs) => xs.join('\n')));

const position = fc.record({ line: edgeInt, character: edgeInt });
const lspRange = fc.record({ start: position, end: position });
/** A content change: mostly small in-range edits (positions near the text), sometimes anything. */
const contentChange = fc.oneof(
  { weight: 4, arbitrary: fc.record({ range: fc.record({ start: fc.record({ line: smallInt(0, 4), character: smallInt(0, 12) }), end: fc.record({ line: smallInt(0, 4), character: smallInt(0, 12) }) }), text: cellText }) },
  { weight: 1, arbitrary: fc.record({ range: lspRange, text: fc.string({ maxLength: 20 }) }) },
  { weight: 1, arbitrary: fc.record({ text: cellText }) },
);
/** A version: the next one (most of the time), or an out-of-order one. */
const versionPick = fc.oneof({ weight: 5, arbitrary: fc.constant('next' as const) }, { weight: 1, arbitrary: fc.integer({ min: -2, max: 5 }) });
const cellKind = fc.constantFrom('code', 'code', 'code', 'markdown', 'sql');

export type Op =
  | { t: 'hugeNb'; nb: number; cells: number; text: string }
  | { t: 'openNb'; nb: number; cells: { text: string; kind: string; exec?: number | undefined }[]; withTexts: boolean }
  | { t: 'editCell'; nb: number; cell: number; unknown: boolean; version: 'next' | number; changes: object[] }
  | { t: 'structure'; nb: number; start: number; deleteCount: number; insert: { text: string; kind: string; open: boolean }[]; close: number[]; closeUnknown: boolean }
  | { t: 'data'; nb: number; cell: number; unknown: boolean; kind: string; exec?: number | undefined }
  | { t: 'closeNb'; nb: number; cells: 'all' | 'none' | 'first' | 'unknown' }
  | { t: 'saveNb'; nb: number }
  | { t: 'openText'; doc: number; text: string; version: number }
  | { t: 'changeText'; doc: number; version: 'next' | number; changes: object[] }
  | { t: 'closeText'; doc: number }
  | { t: 'codeAction'; doc: number; range: LspRange; withDiagnostics: boolean; settleFirst: boolean; only?: string[] | undefined; apply: number }
  | { t: 'hover'; doc: number; position: { line: number; character: number } }
  | { t: 'cellExecution'; nb: number; junk: number; orders: number[] }
  | { t: 'junk'; kind: number }
  | { t: 'config' }
  | { t: 'settle' };

/** Malformed messages a broken or hostile client could send (method, params, request?). */
const JUNK: [string, unknown, boolean][] = [
  ['textDocument/codeAction', {}, true],
  ['textDocument/codeAction', { textDocument: { uri: 42 }, range: 'x', context: null }, true],
  ['textDocument/codeAction', { textDocument: { uri: 'file:///x.py' }, range: {}, context: { diagnostics: [{ source: 'preflight', data: { ruleId: 'syntax-error', fix: { edits: 'no' } } }] } }, true],
  ['textDocument/codeAction', { textDocument: { uri: 'file:///x.py' }, range: {}, context: { diagnostics: [{ source: 'preflight', range: null, data: { ruleId: 7 } }], only: 'quickfix' } }, true],
  ['textDocument/hover', {}, true],
  ['textDocument/hover', { textDocument: {}, position: null }, true],
  ['preflight/checklist', { root: 12, scope: 'everything' }, true],
  ['preflight/noSuchRequest', {}, true],
  ['preflight/cellExecution', null, false],
  ['preflight/cellExecution', { notebookUri: 1, cells: 'x' }, false],
  ['textDocument/didOpen', null, false],
  ['textDocument/didOpen', { textDocument: { uri: 'file:///junk.py' } }, false],
  ['textDocument/didChange', { textDocument: { uri: 'file:///junk.py' }, contentChanges: [{ text: 'x' }] }, false],
  ['textDocument/didChange', { textDocument: { uri: 'file:///junk.py', version: 2 }, contentChanges: null }, false],
  ['textDocument/didClose', { textDocument: null }, false],
  ['notebookDocument/didOpen', { notebookDocument: { uri: 'file:///junk.ipynb', cells: null }, cellTextDocuments: [] }, false],
  ['notebookDocument/didChange', { notebookDocument: { uri: 'file:///junk.ipynb' }, change: null }, false],
  ['notebookDocument/didClose', { notebookDocument: {}, cellTextDocuments: null }, false],
  ['workspace/didChangeWatchedFiles', { changes: [{ uri: 'file:///tmp/pyproject.toml', type: 2 }, { uri: 'not a uri', type: 9 }] }, false],
  ['workspace/didChangeWatchedFiles', null, false],
  ['$/cancelRequest', { id: 'nope' }, false],
  ['$/setTrace', { value: 'bogus' }, false],
];

const NOTEBOOKS = 3;
const TEXT_DOCS = 8;

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ t: fc.constant('openNb' as const), nb: smallInt(0, NOTEBOOKS - 1), cells: fc.array(fc.record({ text: cellText, kind: cellKind, exec: fc.option(smallInt(-1, 30), { nil: undefined }) }, { requiredKeys: ['text', 'kind'] }), { maxLength: 6 }), withTexts: fc.boolean() }, { requiredKeys: ['t', 'nb', 'cells', 'withTexts'] }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('hugeNb' as const), nb: smallInt(0, NOTEBOOKS - 1), cells: smallInt(200, 600), text: fc.constantFrom(...fixableSnippets) }) },
  { weight: 6, arbitrary: fc.record({ t: fc.constant('editCell' as const), nb: smallInt(0, NOTEBOOKS - 1), cell: smallInt(0, 8), unknown: fc.boolean(), version: versionPick, changes: fc.array(contentChange, { minLength: 1, maxLength: 3 }) }) },
  { weight: 3, arbitrary: fc.record({ t: fc.constant('structure' as const), nb: smallInt(0, NOTEBOOKS - 1), start: fc.oneof(smallInt(0, 6), smallInt(-3, 20)), deleteCount: fc.oneof(smallInt(0, 2), smallInt(-2, 10)), insert: fc.array(fc.record({ text: cellText, kind: cellKind, open: fc.boolean() }), { maxLength: 3 }), close: fc.array(smallInt(0, 8), { maxLength: 2 }), closeUnknown: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('data' as const), nb: smallInt(0, NOTEBOOKS - 1), cell: smallInt(0, 8), unknown: fc.boolean(), kind: cellKind, exec: fc.option(smallInt(-1, 30), { nil: undefined }) }, { requiredKeys: ['t', 'nb', 'cell', 'unknown', 'kind'] }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('closeNb' as const), nb: smallInt(0, NOTEBOOKS - 1), cells: fc.constantFrom('all' as const, 'all' as const, 'none' as const, 'first' as const, 'unknown' as const) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('saveNb' as const), nb: smallInt(0, NOTEBOOKS - 1) }) },
  { weight: 3, arbitrary: fc.record({ t: fc.constant('openText' as const), doc: smallInt(0, TEXT_DOCS - 1), text: fc.oneof(cellText, manifestText), version: smallInt(-1, 3) }) },
  { weight: 4, arbitrary: fc.record({ t: fc.constant('changeText' as const), doc: smallInt(0, TEXT_DOCS - 1), version: versionPick, changes: fc.array(fc.oneof(contentChange, fc.record({ text: manifestText })), { maxLength: 3 }) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('closeText' as const), doc: smallInt(0, TEXT_DOCS - 1) }) },
  {
    weight: 5,
    arbitrary: fc.record(
      { t: fc.constant('codeAction' as const), doc: smallInt(0, TEXT_DOCS + 3 * 8 - 1), range: lspRange, withDiagnostics: fc.boolean(), settleFirst: fc.boolean(), only: fc.option(fc.subarray(['quickfix', 'source', 'source.fixAll.preflight', 'notebook.source.fixAll.preflight', 'refactor']), { nil: undefined, freq: 2 }), apply: smallInt(-1, 4) },
      { requiredKeys: ['t', 'doc', 'range', 'withDiagnostics', 'settleFirst', 'apply'] },
    ),
  },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('hover' as const), doc: smallInt(0, TEXT_DOCS + 3 * 8 - 1), position }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('cellExecution' as const), nb: smallInt(0, NOTEBOOKS - 1), junk: smallInt(0, 6), orders: fc.array(smallInt(-2, 20), { maxLength: 8 }) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('junk' as const), kind: smallInt(0, JUNK.length - 1) }) },
  { weight: 1, arbitrary: fc.constant({ t: 'config' as const }) },
  { weight: 1, arbitrary: fc.constant({ t: 'settle' as const }) },
);

/** Most sequences start from an open notebook and an open file with fixable code, so later ops meet live documents. */
const fixableCells = fc.array(fc.record({ text: fc.constantFrom(...fixableSnippets), kind: fc.constant('code') }), { minLength: 1, maxLength: 4 });
const prelude: fc.Arbitrary<readonly Op[]> = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(fc.record({ t: fc.constant('openNb' as const), nb: fc.constant(0), cells: fixableCells, withTexts: fc.constant(true) }), fc.record({ t: fc.constant('openText' as const), doc: fc.constantFrom(0, 1), text: fc.constantFrom(...fixableSnippets), version: fc.constant(1) }), fc.constant({ t: 'settle' as const })) },
  { weight: 1, arbitrary: fc.constant([] as Op[]) },
);
export const sequenceArb = fc.tuple(prelude, fc.array(opArb, { minLength: 1, maxLength: 25 })).map(([a, b]) => [...a, ...b]);

// ---- running a sequence ----------------------------------------------------------------------

const REQUEST_TIMEOUT_MS = 15_000;

async function answered<T>(what: string, p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${REQUEST_TIMEOUT_MS} ms`)), REQUEST_TIMEOUT_MS);
  });
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function inside(text: string, r: LspRange | undefined, what: string): void {
  assert.ok(r && r.start && r.end, `${what}: no range`);
  const doc = TextDocument.create('x', 'x', 0, text);
  for (const p of [r.start, r.end]) {
    assert.ok(Number.isInteger(p.line) && p.line >= 0 && p.line < doc.lineCount, `${what}: line ${p.line} outside 0..${doc.lineCount - 1}`);
    const lineLength = doc.getText({ start: { line: p.line, character: 0 }, end: { line: p.line + 1, character: 0 } }).replace(/\r?\n$|\r$/, '').length;
    assert.ok(Number.isInteger(p.character) && p.character >= 0 && p.character <= lineLength, `${what}: character ${p.character} outside line ${p.line} (${lineLength} long)`);
  }
  assert.ok(r.start.line < r.end.line || (r.start.line === r.end.line && r.start.character <= r.end.character), `${what}: range ends before it starts`);
}

let runCounter = 0;

/** What the sequences exercised (so a run that checks nothing shows). */
export const lspStats = { sequences: 0, messages: 0, requests: 0, actions: 0, applied: 0, nonEmptyChecks: 0, diagnosticsChecked: 0, errorsLogged: 0 };

class Run {
  readonly mirror = new Mirror();
  readonly root: string;
  readonly touched = new Set<string>();
  private nextHandle = 0;
  /** Cell URIs created for each notebook slot (also the ones no longer in the notebook). */
  private readonly cellsOf: string[][] = Array.from({ length: NOTEBOOKS }, () => []);
  private notebookVersion = 1;
  requests = 0;

  constructor(private readonly h: Harness) {
    this.root = `/tmp/preflight-fuzz/run-${++runCounter}`;
  }

  notebookUri(nb: number): string {
    return `file://${this.root}/nb${nb}.ipynb`;
  }

  private newCellUri(nb: number): string {
    const uri = `vscode-notebook-cell:${this.root}/nb${nb}.ipynb#W${this.nextHandle++}sZmlsZQ%3D%3D`;
    this.cellsOf[nb]!.push(uri);
    return uri;
  }

  textUri(doc: number): { uri: string; languageId: string } {
    const docs = [
      { uri: `file://${this.root}/train.py`, languageId: 'python' },
      { uri: `file://${this.root}/agent%20tools.py`, languageId: 'python' },
      { uri: `file://${this.root}/requirements.txt`, languageId: 'pip-requirements' },
      { uri: `file://${this.root}/pyproject.toml`, languageId: 'toml' },
      { uri: `untitled:Untitled-${runCounter}`, languageId: 'python' },
      { uri: `file://${this.root}/environment.yml`, languageId: 'yaml' },
      { uri: `file://${this.root}/as-json.ipynb`, languageId: 'json' },
      // A cell of a notebook type the server does not sync arrives as a text document.
      { uri: `vscode-notebook-cell:${this.root}/other.ipynb#W1`, languageId: 'python' },
    ];
    return docs[doc % docs.length]!;
  }

  /** Any URI: text documents, cells ever created, unknown ones. */
  anyUri(i: number): string {
    if (i < TEXT_DOCS) return this.textUri(i).uri;
    const all = this.cellsOf.flat();
    return all[(i - TEXT_DOCS) % Math.max(1, all.length)] ?? `file://${this.root}/unknown-${i}.py`;
  }

  private async notify(method: string, params: unknown): Promise<void> {
    lspStats.messages++;
    countInput('LSP messages');
    await this.h.client.sendNotification(method, params);
    await this.mirror.apply(method, params);
  }

  private version(uri: string, pick: 'next' | number): number {
    return pick === 'next' ? (this.mirror.version(uri) ?? 0) + 1 : pick;
  }

  private lspCell(uri: string, kind: string, exec?: number) {
    return { kind: kind === 'markdown' ? 1 : 2, document: uri, ...(exec !== undefined ? { executionSummary: { executionOrder: exec, success: exec % 2 === 0 } } : {}) };
  }

  private cellDocument(uri: string, kind: string, text: string) {
    return { uri, languageId: kind === 'markdown' ? 'markdown' : kind === 'sql' ? 'sql' : 'python', version: 1, text };
  }

  async run(op: Op): Promise<void> {
    switch (op.t) {
      case 'openNb': {
        const uri = this.notebookUri(op.nb);
        this.touched.add(uri);
        const cells = op.cells.map((c) => ({ ...c, uri: this.newCellUri(op.nb) }));
        for (const c of cells) this.touched.add(c.uri);
        await this.notify('notebookDocument/didOpen', {
          notebookDocument: { uri, notebookType: 'jupyter-notebook', version: this.notebookVersion++, cells: cells.map((c) => this.lspCell(c.uri, c.kind, c.exec)) },
          cellTextDocuments: op.withTexts || cells.length === 0 ? cells.map((c) => this.cellDocument(c.uri, c.kind, c.text)) : cells.slice(1).map((c) => this.cellDocument(c.uri, c.kind, c.text)),
        });
        return;
      }
      case 'hugeNb': {
        // Hundreds of cells, every other one code with a finding: re-indexing and clearing at scale.
        const cells = Array.from({ length: op.cells }, (_, i) => ({ text: i % 2 ? `# Step ${i}` : op.text.replace(/xs|url|payload/g, `v${i}`), kind: i % 2 ? 'markdown' : 'code' }));
        await this.run({ t: 'openNb', nb: op.nb, cells, withTexts: true });
        return;
      }
      case 'editCell': {
        const known = this.cellsOf[op.nb]!;
        const uri = op.unknown || known.length === 0 ? `vscode-notebook-cell:${this.root}/nb${op.nb}.ipynb#Wunknown${op.cell}` : known[op.cell % known.length]!;
        await this.notify('notebookDocument/didChange', {
          notebookDocument: { uri: this.notebookUri(op.nb), version: this.notebookVersion++ },
          change: { cells: { textContent: [{ document: { uri, version: this.version(uri, op.version) }, changes: op.changes }] } },
        });
        return;
      }
      case 'structure': {
        const inserted = op.insert.map((c) => ({ ...c, uri: this.newCellUri(op.nb) }));
        for (const c of inserted) this.touched.add(c.uri);
        const known = this.cellsOf[op.nb]!;
        const close = op.close.map((i) => (op.closeUnknown ? `vscode-notebook-cell:${this.root}/nb${op.nb}.ipynb#Wgone${i}` : known[i % Math.max(1, known.length)]!)).filter(Boolean);
        await this.notify('notebookDocument/didChange', {
          notebookDocument: { uri: this.notebookUri(op.nb), version: this.notebookVersion++ },
          change: {
            cells: {
              structure: {
                array: { start: op.start, deleteCount: op.deleteCount, cells: inserted.map((c) => this.lspCell(c.uri, c.kind)) },
                didOpen: inserted.filter((c) => c.open).map((c) => this.cellDocument(c.uri, c.kind, c.text)),
                didClose: close.map((uri) => ({ uri })),
              },
            },
          },
        });
        return;
      }
      case 'data': {
        const known = this.cellsOf[op.nb]!;
        const uri = op.unknown || known.length === 0 ? `vscode-notebook-cell:${this.root}/nb${op.nb}.ipynb#Wdata${op.cell}` : known[op.cell % known.length]!;
        await this.notify('notebookDocument/didChange', {
          notebookDocument: { uri: this.notebookUri(op.nb), version: this.notebookVersion++ },
          change: { cells: { data: [this.lspCell(uri, op.kind, op.exec)] } },
        });
        return;
      }
      case 'closeNb': {
        const uri = this.notebookUri(op.nb);
        const cells = this.mirror.notebooks.getNotebookDocument(uri)?.cells.map((c) => c.document) ?? this.cellsOf[op.nb]!;
        const list = op.cells === 'all' ? cells : op.cells === 'none' ? [] : op.cells === 'first' ? cells.slice(0, 1) : [`vscode-notebook-cell:${this.root}/nowhere.ipynb#W0`];
        await this.notify('notebookDocument/didClose', { notebookDocument: { uri }, cellTextDocuments: list.map((u) => ({ uri: u })) });
        return;
      }
      case 'saveNb':
        await this.notify('notebookDocument/didSave', { notebookDocument: { uri: this.notebookUri(op.nb) } });
        return;
      case 'openText': {
        const { uri, languageId } = this.textUri(op.doc);
        this.touched.add(uri);
        await this.notify('textDocument/didOpen', { textDocument: { uri, languageId, version: op.version, text: op.text } });
        return;
      }
      case 'changeText': {
        const { uri } = this.textUri(op.doc);
        await this.notify('textDocument/didChange', { textDocument: { uri, version: this.version(uri, op.version) }, contentChanges: op.changes });
        return;
      }
      case 'closeText': {
        const { uri } = this.textUri(op.doc);
        await this.notify('textDocument/didClose', { textDocument: { uri } });
        return;
      }
      case 'codeAction': {
        if (op.settleFirst) await this.settleAndCheck();
        // With diagnostics: a document that shows some (as VS Code asks), else any URI at all.
        const showing = [...this.touched].filter((u) => this.h.latest.get(u)?.length);
        const uri = op.withDiagnostics && showing.length ? showing[op.doc % showing.length]! : this.anyUri(op.doc);
        const diagnostics = op.withDiagnostics ? (this.h.latest.get(uri) ?? []) : [];
        const expected = this.mirror.liveText(uri);
        this.requests++;
        const actions = await answered(
          'codeAction',
          this.h.client.sendRequest<CodeAction[] | null>('textDocument/codeAction', { textDocument: { uri }, range: op.range, context: { diagnostics, ...(op.only ? { only: op.only } : {}) } }),
        );
        assert.ok(Array.isArray(actions), 'codeAction answers an array');
        lspStats.actions += actions.length;
        if (process.env.PREFLIGHT_FUZZ_DEBUG) console.log('CA', uri, diagnostics.length, expected === undefined, actions.length, JSON.stringify(op.only));
        for (const a of actions) {
          for (const [target, edits] of Object.entries(a.edit?.changes ?? {})) {
            const text = this.mirror.liveText(target);
            assert.notEqual(text, undefined, `${a.title}: edits ${target}, which is not open`);
            for (const e of edits) inside(text!, e.range, `${a.title}: edit of ${target}`);
          }
        }
        // Apply one offered action as VS Code would (its text edits; cell inserts need the client).
        const chosen = op.apply >= 0 ? actions[op.apply % Math.max(1, actions.length)] : undefined;
        if (chosen && expected !== undefined) {
          lspStats.applied++;
          await this.applyEdit(chosen);
        }
        return;
      }
      case 'hover': {
        this.requests++;
        const result = await answered('hover', this.h.client.sendRequest('textDocument/hover', { textDocument: { uri: this.anyUri(op.doc) }, position: op.position }));
        assert.ok(result === null || typeof result === 'object', 'hover answers null or a hover');
        return;
      }
      case 'cellExecution': {
        const uri = this.notebookUri(op.nb);
        const cells = this.mirror.notebooks.getNotebookDocument(uri)?.cells ?? [];
        const valid = { notebookUri: uri, cells: cells.map((c, i) => ({ uri: c.document, ...(op.orders[i] !== undefined ? { executionOrder: op.orders[i], success: true } : {}) })) };
        const params = [valid, valid, { notebookUri: uri, cells: [{ uri: 'x', executionOrder: 1.5 }] }, { notebookUri: uri }, { cells: [] }, { notebookUri: `file://${this.root}/closed.ipynb`, cells: [] }, 'junk'][op.junk];
        await this.notify('preflight/cellExecution', params);
        return;
      }
      case 'junk': {
        const [method, params, isRequest] = JUNK[op.kind]!;
        if (isRequest) {
          this.requests++;
          try {
            await answered(method, this.h.client.sendRequest(method, params));
          } catch (e) {
            // Only an unknown method may answer with an error; every handler answers something.
            assert.match(String((e as Error).message), /Unhandled method|not found/i, `${method} answered with an error: ${(e as Error).message}`);
          }
        } else {
          await this.notify(method, params);
        }
        return;
      }
      case 'config':
        await this.h.client.sendNotification('workspace/didChangeConfiguration', { settings: null });
        return;
      case 'settle':
        await this.settleAndCheck();
        return;
    }
  }

  /** Send an action's text edits as didChange notifications (the client's side of applying a quick fix). */
  private async applyEdit(action: CodeAction): Promise<void> {
    for (const [uri, edits] of Object.entries(action.edit?.changes ?? {})) {
      // VS Code applies a WorkspaceEdit's edits as one change, last edit first.
      const sorted = [...edits].sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character);
      const changes = sorted.map((e) => ({ range: e.range, text: e.newText }));
      const nb = this.mirror.notebooks.findNotebookDocumentForCell(uri);
      const version = (this.mirror.version(uri) ?? 0) + 1;
      if (nb) {
        await this.notify('notebookDocument/didChange', { notebookDocument: { uri: nb.uri, version: this.notebookVersion++ }, change: { cells: { textContent: [{ document: { uri, version }, changes }] } } });
      } else {
        await this.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
      }
    }
  }

  async settleAndCheck(): Promise<void> {
    await answered('settle', this.h.settle());
    for (const uri of this.touched) {
      const diagnostics = this.h.latest.get(uri);
      if (!diagnostics?.length) continue;
      const text = this.mirror.liveText(uri);
      assert.notEqual(text, undefined, `${uri} is not open but shows ${diagnostics.length} diagnostic(s): ${diagnostics.map((d) => d.code).join(', ')}`);
      lspStats.nonEmptyChecks++;
      for (const d of diagnostics) this.checkDiagnostic(uri, text!, d);
      lspStats.diagnosticsChecked += diagnostics.length;
    }
    for (let nb = 0; nb < NOTEBOOKS; nb++) {
      const uri = this.notebookUri(nb);
      const doc = this.mirror.notebooks.getNotebookDocument(uri);
      const snapshot = this.h.server.diagnostics.notebookSnapshot(uri);
      if (!doc || !snapshot) continue;
      assert.deepEqual(snapshot.cellUris, doc.cells.map((c) => c.document), `${uri}: the server analysed other cells than the notebook has`);
      assert.deepEqual(
        snapshot.notebook.cells.map((c) => c.source),
        doc.cells.map((c) => this.mirror.notebooks.cellTextDocuments.get(c.document)?.getText() ?? ''),
        `${uri}: the server analysed other cell texts than the notebook has`,
      );
    }
  }

  private checkDiagnostic(uri: string, text: string, d: Diagnostic): void {
    const what = `${uri} ${String(d.code)}`;
    inside(text, d.range, what);
    for (const r of d.relatedInformation ?? []) {
      const relatedText = this.mirror.liveText(r.location.uri);
      assert.notEqual(relatedText, undefined, `${what}: related location in ${r.location.uri}, which is not open`);
      inside(relatedText!, r.location.range, `${what} related`);
    }
    const fix = (d.data as { fix?: { edits: { uri: string; range: LspRange }[] } } | undefined)?.fix;
    for (const e of fix?.edits ?? []) {
      const editText = this.mirror.liveText(e.uri);
      assert.notEqual(editText, undefined, `${what}: fix edits ${e.uri}, which is not open`);
      inside(editText!, e.range, `${what} fix edit`);
    }
  }

  /** Close every open document, then every URI the run touched must show `[]`. */
  async closeAllAndCheck(): Promise<void> {
    for (let nb = 0; nb < NOTEBOOKS; nb++) {
      const uri = this.notebookUri(nb);
      const doc = this.mirror.notebooks.getNotebookDocument(uri);
      if (doc) await this.notify('notebookDocument/didClose', { notebookDocument: { uri }, cellTextDocuments: doc.cells.map((c) => ({ uri: c.document })) });
    }
    for (let i = 0; i < TEXT_DOCS; i++) {
      const { uri } = this.textUri(i);
      if (this.mirror.texts.get(uri)) await this.notify('textDocument/didClose', { textDocument: { uri } });
    }
    await answered('settle', this.h.settle());
    for (const uri of this.touched) {
      const last = this.h.latest.get(uri);
      if (last !== undefined) assert.deepEqual(last, [], `${uri}: last publication after closing everything`);
    }
  }
}

/** Run one sequence against a live server; throws on the first property violation. */
export async function runSequence(h: Harness, ops: readonly Op[]): Promise<{ requests: number }> {
  const run = new Run(h);
  const logsBefore = h.logs.length;
  lspStats.sequences++;
  countInput('LSP sequences');
  for (const op of ops) await run.run(op);
  await run.settleAndCheck();
  await run.closeAllAndCheck();
  // The server still answers after the sequence.
  const alive = await answered('hover after the sequence', h.client.sendRequest('textDocument/hover', { textDocument: { uri: run.notebookUri(0) }, position: { line: 0, character: 0 } }));
  assert.equal(alive, null);
  lspStats.requests += run.requests;
  lspStats.errorsLogged += h.logs.slice(logsBefore).filter((l) => l.type === 1).length;
  return { requests: run.requests };
}

export async function lspProperties(h: Harness, runs: number, seed?: number): Promise<void> {
  await fc.assert(
    fc.asyncProperty(sequenceArb, async (ops) => {
      await runSequence(h, ops);
    }),
    { numRuns: runs, ...(seed !== undefined ? { seed } : {}) },
  );
}
