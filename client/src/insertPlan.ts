/**
 * Which of a fix's new cells to insert, and where. Pure (no `vscode` import) so it is unit-tested.
 *
 * Inserts are idempotent: VS Code's per-cell save action (`source.fixAll.preflight` in
 * `notebook.codeActionsOnSave`) asks every cell in turn, and each cell that draws random numbers
 * carries the same seed-cell fix, computed before the previous cell's insert landed. A cell equal
 * to one already next to the insertion point (or already planned there) is not added again, so a
 * notebook gets at most one seed cell however many times its fix is applied.
 */

export interface CellLike {
  kind: 'code' | 'markdown';
  source: string;
}

export interface PlannedInsert extends CellLike {
  /** Index in the live notebook the new cell goes at (the notebook's length: at the end). */
  index: number;
}

const same = (a: CellLike, b: CellLike) => a.kind === b.kind && a.source.trim() === b.source.trim();

/** The inserts to make, in request order, without those the notebook has (or gets) already. */
export function planInserts(cells: readonly CellLike[], inserts: readonly PlannedInsert[]): PlannedInsert[] {
  const out: PlannedInsert[] = [];
  for (const insert of inserts) {
    const neighbours = [cells[insert.index - 1], cells[insert.index]].filter((c): c is CellLike => c !== undefined);
    if (neighbours.some((c) => same(c, insert))) continue;
    if (out.some((p) => p.index === insert.index && same(p, insert))) continue;
    out.push(insert);
  }
  return out;
}
