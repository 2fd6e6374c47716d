/**
 * Code actions, answered from `Diagnostic.data` without re-analysis:
 *  - a quick fix per finding that has a fix (preferred when the fix is safe),
 *  - "ignore for this line" / "ignore for this cell" / "ignore in this file" (suppression comments),
 *  - fix-all of the safe fixes under `source.fixAll.preflight` (one document) and
 *    `notebook.source.fixAll.preflight` (every cell of the notebook; VS Code asks notebook-level
 *    kinds once per notebook, on its first cell, which may be a markdown cell: the client's
 *    selector includes them for this, and they get nothing else).
 * A fix is offered only while every document it edits is at the version it was computed for:
 * between a keystroke and the next report the stored offsets may be stale.
 */
import { CodeActionKind, type CodeAction, type CodeActionParams, type Command, type Diagnostic, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import type { ManifestKind } from '../engine';
import { APPLY_CELL_INSERTS_COMMAND, APPLY_NOTEBOOK_CHANGE_COMMAND, FIX_ALL_KIND, NOTEBOOK_FIX_ALL_KIND, type ApplyCellInsertsArgs, type SerializedFix } from '../protocol';
import { dataOf } from '../lsp/findingToDiagnostic';
import { cellSuppressionEdit, fileSuppressionEdit, lineSuppressionEdit } from './suppressionEdits';

export interface CodeActionContextDeps {
  /** Current text and version of a text document or notebook cell. */
  document(uri: string): { text: string; version: number } | undefined;
  /** For a notebook cell: its notebook, every synced cell URI, and whether this cell is a (Python) code cell. */
  notebookOf(cellUri: string): { notebookUri: string; cellUris: string[]; isCode: boolean } | undefined;
  /** For a text document: its manifest kind, if it is a manifest. */
  manifestKindOf(uri: string): ManifestKind | undefined;
  published: ReadonlyMap<string, readonly Diagnostic[]>;
  analysedVersions: ReadonlyMap<string, number>;
}

const CELL_SCHEME = 'vscode-notebook-cell:';

function wants(only: readonly string[] | undefined, kind: string): boolean {
  if (!only) return true;
  return only.some((o) => kind === o || kind.startsWith(`${o}.`));
}

/**
 * The request is for fix-all (on save, or the command): `only` names our fix-all kind or a
 * fix-all kind above it. A bare `source` or no `only` (the light bulb) is not.
 */
export function asksForFixAll(only: readonly string[] | undefined): boolean {
  return (only ?? []).some((o) => o.split('.').includes('fixAll') && [FIX_ALL_KIND, NOTEBOOK_FIX_ALL_KIND].some((k) => k === o || k.startsWith(`${o}.`)));
}

/**
 * The fix's documents and the one it was reported on are still at the version analysed. A
 * file the editor does not have open (requirements.txt for "declare this import") is read from
 * disk when the fix is made and is taken as it is.
 */
function isFresh(fix: SerializedFix, reportedOn: string, deps: CodeActionContextDeps): boolean {
  return [reportedOn, ...fix.edits.map((e) => e.uri)].every((uri) => {
    if (uri !== reportedOn && uri.startsWith('file:') && !deps.document(uri)) return true;
    const v = deps.analysedVersions.get(uri);
    return v !== undefined && deps.document(uri)?.version === v;
  });
}

/**
 * The diagnostic is one the server shows now for `uri`. Versions alone do not tell: a document
 * opened again starts its versions again, so a diagnostic of its earlier text that a client still
 * holds would pass the version check with edits for that other text.
 */
function isPublished(d: Diagnostic, uri: string, deps: CodeActionContextDeps): boolean {
  const key = JSON.stringify([d.range, d.data]);
  return (deps.published.get(uri) ?? []).some((p) => JSON.stringify([p.range, p.data]) === key);
}

function editOf(edits: readonly { uri: string; edit: TextEdit }[]): WorkspaceEdit {
  const changes: Record<string, TextEdit[]> = {};
  for (const { uri, edit } of edits) (changes[uri] ??= []).push(edit);
  return { changes };
}

function cellInsertCommand(args: ApplyCellInsertsArgs[]): Command | undefined {
  const inserts = args.flatMap((a) => a.inserts);
  if (!inserts.length) return undefined;
  return { title: 'Insert notebook cells', command: APPLY_CELL_INSERTS_COMMAND, arguments: [{ notebookUri: args[0]!.notebookUri, inserts }] };
}

function quickFix(d: Diagnostic, fix: SerializedFix): CodeAction {
  const action: CodeAction = {
    title: fix.title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [d],
    isPreferred: fix.applicability === 'safe',
    edit: editOf(fix.edits.map((e) => ({ uri: e.uri, edit: { range: e.range, newText: e.newText } }))),
  };
  const command = fix.cellInserts ? cellInsertCommand([fix.cellInserts]) : undefined;
  if (command) action.command = command;
  // Whole-notebook fixes are unsafe (never in fix-all) and come alone: no text edits beside them.
  if (fix.notebookChange) action.command = { title: fix.title, command: APPLY_NOTEBOOK_CHANGE_COMMAND, arguments: [fix.notebookChange] };
  return action;
}

function overlaps(a: TextEdit['range'], b: TextEdit['range']): boolean {
  const before = (p: { line: number; character: number }, q: { line: number; character: number }) => p.line < q.line || (p.line === q.line && p.character < q.character);
  // Two insertions at one point conflict too (their order would be arbitrary).
  const aEmpty = !before(a.start, a.end);
  const bEmpty = !before(b.start, b.end);
  if (aEmpty && bEmpty) return a.start.line === b.start.line && a.start.character === b.start.character;
  return before(a.start, b.end) && before(b.start, a.end);
}

/** One action applying every fresh safe fix among `diagnostics` that does not collide with an earlier one. */
function fixAll(kind: string, title: string, diagnostics: Iterable<{ uri: string; d: Diagnostic }>, deps: CodeActionContextDeps): CodeAction | undefined {
  const taken = new Map<string, TextEdit['range'][]>();
  const seen = new Set<string>();
  const edits: { uri: string; edit: TextEdit }[] = [];
  const inserts: ApplyCellInsertsArgs[] = [];
  const fixed: Diagnostic[] = [];
  for (const { uri, d } of diagnostics) {
    const fix = dataOf(d)?.fix;
    if (!fix || fix.applicability !== 'safe' || !isFresh(fix, uri, deps)) continue;
    const key = JSON.stringify([fix.edits, fix.cellInserts]);
    if (seen.has(key)) {
      fixed.push(d); // the same fix reported twice (e.g. one import for two calls)
      continue;
    }
    if (fix.edits.some((e) => (taken.get(e.uri) ?? []).some((r) => overlaps(r, e.range)))) continue;
    seen.add(key);
    for (const e of fix.edits) {
      (taken.get(e.uri) ?? taken.set(e.uri, []).get(e.uri)!).push(e.range);
      edits.push({ uri: e.uri, edit: { range: e.range, newText: e.newText } });
    }
    if (fix.cellInserts) inserts.push(fix.cellInserts);
    fixed.push(d);
  }
  if (!fixed.length) return undefined;
  const action: CodeAction = { title, kind, diagnostics: fixed, edit: editOf(edits) };
  const command = cellInsertCommand(inserts);
  if (command) action.command = command;
  return action;
}

export function codeActions(params: CodeActionParams, deps: CodeActionContextDeps): CodeAction[] {
  const uri = params.textDocument.uri;
  const only = params.context.only;
  const out: CodeAction[] = [];
  const doc = deps.document(uri);
  const notebook = deps.notebookOf(uri);
  const manifestKind = notebook ? undefined : deps.manifestKindOf(uri);
  // A notebook cell, or a cell document on its own (the interactive window): IPython syntax.
  const isCell = notebook !== undefined || uri.startsWith(CELL_SCHEME);
  // Cell-level kinds are for code cells; a markdown cell is asked only because VS Code asks the
  // notebook's first cell for notebook-level kinds.
  const cellLevel = notebook === undefined || notebook.isCode;

  if (wants(only, CodeActionKind.QuickFix) && doc && cellLevel) {
    const suppressed = new Set<string>();
    for (const d of params.context.diagnostics) {
      const data = dataOf(d);
      // Only for what the server shows now: a client may still hold diagnostics of a closed
      // notebook's cell or of an earlier text of a re-opened document.
      if (!data || !isPublished(d, uri, deps)) continue;
      if (data.fix && isFresh(data.fix, uri, deps)) out.push(quickFix(d, data.fix));
      const rule = data.ruleId;
      const lineKey = `line:${rule}:${d.range.start.line}`;
      if (!suppressed.has(lineKey)) {
        suppressed.add(lineKey);
        const edit = lineSuppressionEdit(doc.text, d.range.start.line, rule, manifestKind, isCell);
        if (edit) out.push({ title: `Ignore ${rule} for this line`, kind: CodeActionKind.QuickFix, diagnostics: [d], edit: editOf([{ uri, edit }]) });
      }
      if (notebook?.isCode && !suppressed.has(`cell:${rule}`)) {
        suppressed.add(`cell:${rule}`);
        const edit = cellSuppressionEdit(doc.text, rule);
        if (edit) out.push({ title: `Ignore ${rule} for this cell`, kind: CodeActionKind.QuickFix, diagnostics: [d], edit: editOf([{ uri, edit }]) });
      }
      if (!notebook && !suppressed.has(`file:${rule}`)) {
        suppressed.add(`file:${rule}`);
        const edit = fileSuppressionEdit(doc.text, rule, manifestKind);
        if (edit) out.push({ title: `Ignore ${rule} in this file`, kind: CodeActionKind.QuickFix, diagnostics: [d], edit: editOf([{ uri, edit }]) });
      }
    }
  }

  if (wants(only, FIX_ALL_KIND) && cellLevel) {
    const action = fixAll(FIX_ALL_KIND, 'Fix all safely fixable Preflight problems', (deps.published.get(uri) ?? []).map((d) => ({ uri, d })), deps);
    if (action) out.push(action);
  }
  if (notebook && only && wants(only, NOTEBOOK_FIX_ALL_KIND)) {
    const all = notebook.cellUris.flatMap((c) => (deps.published.get(c) ?? []).map((d) => ({ uri: c, d })));
    const action = fixAll(NOTEBOOK_FIX_ALL_KIND, 'Fix all safely fixable Preflight problems in the notebook', all, deps);
    if (action) out.push(action);
  }
  return out;
}
