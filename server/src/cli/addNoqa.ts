/**
 * `preflight check --add-noqa`: a baseline. Every current finding gets the
 * `# preflight: ignore[rule]` directive the editor's "ignore for this line" quick fix writes
 * (handlers/suppressionEdits.ts: each file's comment syntax, a directive extended rather than
 * doubled, the line above where a line cannot end in a comment); in a notebook the cell's
 * directive where the line's cannot go (the cell's first line), written back with
 * `rewriteNotebook` so only those cells' sources change. A finding no directive can reach
 * (a Pipfile.lock, an unreadable file) is listed on stderr.
 *
 * Edits go from the bottom of each text up, so an inserted line never moves a line still to be
 * done; rows below an insertion are shifted by one for the findings of the same row.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TextEdit as LspEdit } from 'vscode-languageserver';
import { type CheckOptions, type CheckReport, classifyFile, type Finding, loadNotebook, type ManifestKind, readFileToFix, rewriteNotebook, runCheck, type TextEdit, applyTextEdits } from '../engine';
import { cellSuppressionEdit, lineSuppressionEdit } from '../handlers/suppressionEdits';

const toEngineEdit = (e: LspEdit): TextEdit => ({ range: { start: { line: e.range.start.line, column: e.range.start.character }, end: { line: e.range.end.line, column: e.range.end.character } }, newText: e.newText });

/** Directives for `findings` (of one text) added to `text`; `cell`: the text is a notebook cell. */
export function addDirectives(text: string, findings: readonly Finding[], manifestKind: ManifestKind | undefined, cell: boolean): string {
  const todo = findings.map((f) => ({ f, line: f.range.start.line })).sort((a, b) => b.line - a.line);
  let current = text;
  for (let i = 0; i < todo.length; i++) {
    const { f, line } = todo[i]!;
    const edit = lineSuppressionEdit(current, line, f.ruleId, manifestKind, cell) ?? (cell ? cellSuppressionEdit(current, f.ruleId) : undefined);
    // None: already covered, or no directive can reach the line (the check after the run says which).
    if (!edit) continue;
    current = applyTextEdits(current, [toEngineEdit(edit)]);
    const inserted = edit.newText.endsWith('\n') && edit.range.start.character === 0 ? edit.range.start.line : undefined;
    if (inserted !== undefined) for (let j = i + 1; j < todo.length; j++) if (todo[j]!.line >= inserted) todo[j]!.line++;
  }
  return current;
}

/** One file's findings as directives: its new text, or a reason it cannot take them. */
function baselineFile(file: string, findings: readonly Finding[]): { text: string } | { reason: string } {
  const before = readFileToFix(file);
  if (before === undefined) return { reason: 'cannot read the file as UTF-8 text' };
  const kind = classifyFile(file);
  if (kind?.target === 'notebook') {
    const loaded = loadNotebook(before);
    if (!loaded.ok) return { reason: loaded.message };
    const sources = new Map<number, string>();
    const byCell = new Map<number, Finding[]>();
    for (const f of findings) if (f.cell !== undefined) byCell.set(f.cell, [...(byCell.get(f.cell) ?? []), f]);
    for (const [cell, list] of byCell) {
      const source = loaded.notebook.cells[cell]?.source;
      if (source === undefined || loaded.notebook.cells[cell]?.kind !== 'code') continue;
      const after = addDirectives(source, list, undefined, true);
      if (after !== source) sources.set(cell, after);
    }
    if (!sources.size) return { text: before };
    const written = rewriteNotebook(before, { sources, inserts: [], changes: [] });
    return written.ok ? { text: written.text } : { reason: written.message };
  }
  const manifestKind = kind?.target === 'manifest' && kind.manifestKind !== 'setup-py' ? kind.manifestKind : undefined;
  const bom = before.charCodeAt(0) === 0xfeff ? '\ufeff' : '';
  return { text: bom + addDirectives(before.slice(bom.length), findings, manifestKind, false) };
}

export interface NoqaRun {
  /** Files written, with the number of findings each now ignores. */
  written: Map<string, number>;
  /** What is still reported after the directives (nothing can be written for it). */
  remaining: CheckReport;
  notes: string[];
}

/** Write the directives, then check again: what remains is what no directive could reach. */
export function addNoqa(opts: CheckOptions): NoqaRun {
  const report = runCheck(opts);
  const byFile = new Map<string, Finding[]>();
  for (const f of report.findings) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
  const written = new Map<string, number>();
  const notes: string[] = [];
  for (const [file, findings] of byFile) {
    const result = baselineFile(file, findings);
    if ('reason' in result) {
      notes.push(`${file}: no directives written: ${result.reason}`);
      continue;
    }
    if (result.text === readFileToFix(file)) continue;
    try {
      fs.writeFileSync(file, result.text);
      written.set(file, findings.length);
    } catch (e) {
      notes.push(`${file}: cannot write: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  }
  return { written, remaining: runCheck(opts), notes };
}

export function formatNoqaSummary(run: NoqaRun, cwd: string): string {
  const n = [...run.written.values()].reduce((a, b) => a + b, 0);
  const lines = [`Added ignore directives for ${n} finding${n === 1 ? '' : 's'} in ${run.written.size} file${run.written.size === 1 ? '' : 's'}.`];
  if (run.remaining.findings.length) {
    lines.push(`${run.remaining.findings.length} finding${run.remaining.findings.length === 1 ? '' : 's'} cannot take a directive (${[...new Set(run.remaining.findings.map((f) => path.relative(cwd, f.file) || f.file))].join(', ')}).`);
  }
  return `${lines.join('\n')}\n`;
}
