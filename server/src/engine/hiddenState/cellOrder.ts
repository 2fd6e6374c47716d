/**
 * The cell order that makes a notebook's forward references run top-down (forward-reference's
 * fix, nborder's "reorder" stage): for each name the cells read before any cell defines it,
 * its first defining cell moves above those readers, and every other pair of cells that share
 * a name keeps its order. Those constraints are a graph over cells; a topological order of it
 * that stays as close to the saved order as it can (Kahn's algorithm, always taking the
 * lowest-numbered cell that is free to go) is the new order. A cycle (cell 2 needs a name from
 * cell 5 and cell 5 one from cell 2) has no such order, and the fix says so instead.
 */
import type { PythonProgram } from '../python/program';
import { moduleReads } from './names';

/** A forward-referenced name: `definedIn` (its first defining cell) must run before `readIn`. */
export interface ForwardName {
  name: string;
  definedIn: number;
}

export type CellOrderPlan = { kind: 'order'; order: number[] } | { kind: 'cycle'; cells: number[] };

/**
 * Per name, the cells that read or bind it at module level (in any scope: a function body that
 * reads a global depends on which cell bound it before it is called), in cell order.
 */
function cellsTouching(program: PythonProgram): Map<string, number[]> {
  const sets = new Map<string, Set<number>>();
  const add = (name: string, cell: number | undefined) => {
    if (cell === undefined) return;
    (sets.get(name) ?? sets.set(name, new Set()).get(name)!).add(cell);
  };
  for (const [name, bindings] of program.semantics.module.bindings) for (const b of bindings) add(name, program.units[b.unit]?.cell);
  for (const { ref, unit } of moduleReads(program)) if (ref.name) add(ref.name, unit.cell);
  const out = new Map<string, number[]>();
  for (const [name, cells] of sets) if (cells.size > 1) out.set(name, [...cells].sort((a, b) => a - b));
  return out;
}

/** The constraint edges `before → after` between cells (as adjacency lists and in-degrees). */
function constraints(program: PythonProgram, cellCount: number, forward: readonly ForwardName[]): { next: Set<number>[]; prev: Set<number>[] } {
  const next = Array.from({ length: cellCount }, () => new Set<number>());
  const prev = Array.from({ length: cellCount }, () => new Set<number>());
  const moved = new Map(forward.map((f) => [f.name, f.definedIn]));
  for (const [name, cells] of cellsTouching(program)) {
    const first = moved.get(name);
    const sequence = first === undefined ? cells : [first, ...cells.filter((c) => c !== first)];
    for (let i = 1; i < sequence.length; i++) {
      const a = sequence[i - 1]!;
      const b = sequence[i]!;
      if (a >= cellCount || b >= cellCount) continue;
      next[a]!.add(b);
      prev[b]!.add(a);
    }
  }
  return { next, prev };
}

/** Insert `n` into the sorted array `ready`. */
function insertSorted(ready: number[], n: number): void {
  let lo = 0;
  let hi = ready.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ready[mid]! < n) lo = mid + 1;
    else hi = mid;
  }
  ready.splice(lo, 0, n);
}

/** A cycle among the cells Kahn's algorithm could not place: walk back along edges from one until a cell repeats. */
function findCycle(prev: Set<number>[], left: Set<number>): number[] {
  const path: number[] = [];
  const at = new Map<number, number>();
  let cell = Math.min(...left);
  while (!at.has(cell)) {
    at.set(cell, path.length);
    path.push(cell);
    cell = [...prev[cell]!].filter((p) => left.has(p)).sort((a, b) => a - b)[0]!;
  }
  return path.slice(at.get(cell)).reverse();
}

/** The new order of the notebook's `cellCount` cells, or the cycle that forbids one. */
export function planCellOrder(program: PythonProgram, cellCount: number, forward: readonly ForwardName[]): CellOrderPlan {
  const { next, prev } = constraints(program, cellCount, forward);
  const indegree = prev.map((p) => p.size);
  const ready: number[] = [];
  for (let c = 0; c < cellCount; c++) if (indegree[c] === 0) ready.push(c);
  const order: number[] = [];
  while (ready.length) {
    const c = ready.shift()!;
    order.push(c);
    for (const n of next[c]!) if (--indegree[n]! === 0) insertSorted(ready, n);
  }
  if (order.length === cellCount) return { kind: 'order', order };
  const placed = new Set(order);
  const left = new Set<number>();
  for (let c = 0; c < cellCount; c++) if (!placed.has(c)) left.add(c);
  return { kind: 'cycle', cells: findCycle(prev, left) };
}
