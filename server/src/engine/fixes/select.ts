/**
 * Which fixes of a run to apply together, as the editor's fix-all chooses them
 * (handlers/codeActions.ts): every fix of the allowed applicability whose edits collide with no
 * fix taken before it, in report order; the same fix reported twice (one import for two calls)
 * is taken once and fixes both findings. A fix that moves cells (`reorder-cells`) needs the
 * notebook to itself in that pass: the cell indices of every other fix would no longer hold.
 * What is left waits for the next pass, when it is offered again on the fixed text.
 */
import type { CellInsert, Finding, Fix, NotebookChange, Range, TextEdit } from '../model';
import { comparePositions } from '../model';

/** What to change in one file in this pass. `edits` by cell (`undefined` for a file's text). */
export interface FileFixes {
  edits: Map<number | undefined, TextEdit[]>;
  inserts: CellInsert[];
  notebookChanges: NotebookChange[];
}

export interface FixSelection {
  /** By file (the finding's file, or an edit's own `file`). */
  files: Map<string, FileFixes>;
  /** Findings whose fix is in the selection. */
  fixed: Finding[];
}

/** `safe` fixes always; `unsafe` ones only when asked (`--unsafe-fixes`). */
export function fixAllowed(fix: Fix, unsafe: boolean): boolean {
  return fix.applicability === 'safe' || unsafe;
}

function overlaps(a: Range, b: Range): boolean {
  const aEmpty = comparePositions(a.start, a.end) >= 0;
  const bEmpty = comparePositions(b.start, b.end) >= 0;
  // Two insertions at one point conflict too (their order would be arbitrary).
  if (aEmpty && bEmpty) return comparePositions(a.start, b.start) === 0;
  return comparePositions(a.start, b.end) < 0 && comparePositions(b.start, a.end) < 0;
}

const emptyFileFixes = (): FileFixes => ({ edits: new Map(), inserts: [], notebookChanges: [] });

/** Choose the fixes to apply together; `frozen` files take none (a fix there broke the syntax). */
export function selectFixes(findings: readonly Finding[], options: { unsafe: boolean; frozen?: ReadonlySet<string> }): FixSelection {
  const files = new Map<string, FileFixes>();
  /** Notebooks a reorder took, and notebooks something else touched already. */
  const reordered = new Set<string>();
  const fixed: Finding[] = [];
  const taken = new Set<string>();
  const fileOf = (f: Finding, e: TextEdit) => e.file ?? f.file;
  for (const f of findings) {
    const fix = f.fix;
    if (!fix || !fixAllowed(fix, options.unsafe)) continue;
    const key = JSON.stringify([f.file, fix.edits, fix.cellInserts, fix.notebookChange]);
    if (taken.has(key)) {
      fixed.push(f);
      continue;
    }
    const touched = new Set([...fix.edits.map((e) => fileOf(f, e)), ...(fix.cellInserts?.length || fix.notebookChange ? [f.file] : [])]);
    if (!touched.size || [...touched].some((file) => reordered.has(file) || options.frozen?.has(file))) continue;
    if (fix.notebookChange?.kind === 'reorder-cells' && files.has(f.file)) continue;
    const collides = fix.edits.some((e) => (files.get(fileOf(f, e))?.edits.get(e.file === undefined ? (e.cell ?? f.cell) : undefined) ?? []).some((t) => overlaps(t.range, e.range)));
    if (collides) continue;
    taken.add(key);
    fixed.push(f);
    for (const e of fix.edits) {
      const ff = files.get(fileOf(f, e)) ?? files.set(fileOf(f, e), emptyFileFixes()).get(fileOf(f, e))!;
      const cell = e.file === undefined ? (e.cell ?? f.cell) : undefined;
      (ff.edits.get(cell) ?? ff.edits.set(cell, []).get(cell)!).push(e);
    }
    if (fix.cellInserts?.length || fix.notebookChange) {
      const ff = files.get(f.file) ?? files.set(f.file, emptyFileFixes()).get(f.file)!;
      ff.inserts.push(...(fix.cellInserts ?? []));
      if (fix.notebookChange) {
        if (!ff.notebookChanges.some((c) => JSON.stringify(c) === JSON.stringify(fix.notebookChange))) ff.notebookChanges.push(fix.notebookChange);
        if (fix.notebookChange.kind === 'reorder-cells') reordered.add(f.file);
      }
    }
  }
  return { files, fixed };
}
