/**
 * Engine findings → LSP diagnostics. The fix is serialised into `Diagnostic.data` with every
 * edit already resolved to a document URI (a cell URI for notebook edits), so code actions are
 * answered from the diagnostic alone, without re-analysis (ruff's `AssociatedDiagnosticData`).
 */
import { DiagnosticSeverity, type Diagnostic, type Range as LspRange } from 'vscode-languageserver';
import { type Finding, type Range, ruleById, type Severity } from '../engine';
import { DIAGNOSTIC_SOURCE, type DiagnosticData, type SerializedFix } from '../protocol';
import { uriOfPath } from '../documents/uri';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toLspRange(r: Range): LspRange {
  return { start: { line: r.start.line, character: r.start.column }, end: { line: r.end.line, character: r.end.column } };
}

const ZERO: LspRange = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** Where a finding goes: a plain document, or a notebook's cells. */
export type Target =
  | { kind: 'text'; uri: string }
  | { kind: 'notebook'; notebookUri: string; cellUris: readonly string[] };

/** The document URI a finding (or a related location) in `cell` belongs to. */
export function uriFor(target: Target, cell: number | undefined): string {
  if (target.kind === 'text') return target.uri;
  return target.cellUris[cell ?? 0] ?? target.cellUris[0] ?? target.notebookUri;
}

function serializeFix(f: Finding, target: Target): SerializedFix | undefined {
  if (!f.fix) return undefined;
  // A whole-notebook change only applies to a notebook whose every cell the server was sent.
  if (f.fix.notebookChange && (target.kind !== 'notebook' || (f.fix.notebookChange.kind === 'reorder-cells' && f.fix.notebookChange.order.some((i) => target.cellUris[i] === undefined)))) return undefined;
  const fix: SerializedFix = {
    title: f.fix.title,
    applicability: f.fix.applicability,
    edits: f.fix.edits.map((e) => ({ uri: e.file !== undefined ? uriOfPath(e.file) : uriFor(target, e.cell ?? f.cell), range: toLspRange(e.range), newText: e.newText })),
  };
  if (f.fix.cellInserts?.length && target.kind === 'notebook') {
    fix.cellInserts = {
      notebookUri: target.notebookUri,
      inserts: f.fix.cellInserts.map((c) => {
        const before = target.cellUris[c.index];
        return { ...(before !== undefined ? { beforeCellUri: before } : {}), kind: c.kind, source: c.source };
      }),
    };
  }
  const change = f.fix.notebookChange;
  if (change && target.kind === 'notebook') {
    fix.notebookChange = {
      notebookUri: target.notebookUri,
      change: change.kind === 'reorder-cells' ? { kind: 'reorder-cells', cellUris: change.order.map((i) => target.cellUris[i] ?? '') } : { kind: 'clear-outputs' },
    };
  }
  return fix;
}

export function toDiagnostic(f: Finding, target: Target): { uri: string; diagnostic: Diagnostic } {
  const uri = uriFor(target, f.cell);
  // A notebook finding without a cell (about the notebook as a whole) is shown at the top of the first cell.
  const range = target.kind === 'notebook' && f.cell === undefined ? ZERO : toLspRange(f.range);
  const fix = serializeFix(f, target);
  const data: DiagnosticData = { ruleId: f.ruleId, ...(f.cell !== undefined ? { cell: f.cell } : {}), ...(fix ? { fix } : {}) };
  const url = ruleById(f.ruleId)?.meta.url;
  const diagnostic: Diagnostic = {
    range,
    severity: SEVERITY[f.severity],
    source: DIAGNOSTIC_SOURCE,
    code: f.ruleId,
    ...(url ? { codeDescription: { href: url } } : {}),
    message: f.message,
    data,
  };
  if (f.related?.length) {
    diagnostic.relatedInformation = f.related.map((r) => ({ location: { uri: r.file !== undefined ? uriOfPath(r.file) : uriFor(target, r.cell ?? f.cell), range: toLspRange(r.range) }, message: r.message }));
  }
  return { uri, diagnostic };
}

/** Read back what `toDiagnostic` stored, tolerating anything else a client might send. */
export function dataOf(d: Diagnostic): DiagnosticData | undefined {
  if (d.source !== DIAGNOSTIC_SOURCE) return undefined;
  const data = d.data as Partial<DiagnosticData> | undefined;
  if (!data || typeof data !== 'object' || typeof data.ruleId !== 'string') return undefined;
  return data as DiagnosticData;
}
