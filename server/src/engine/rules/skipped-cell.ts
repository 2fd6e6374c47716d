import { runState, wasRun, type RunState } from '../hiddenState/executionOrder';
import { inPlaceChanges } from '../hiddenState/inPlaceChanges';
import { cellName, relatedCell, type NamedCell } from '../cellNames';
import type { Unit } from '../python/program';
import type { Binding } from '../python/semantics';
import { createRule } from '../rule';

/** The executed cells below that read what the cell `from` defines or changes, as a message says it: "the cell below, which ran, reads" / "3 executed cells below read". */
function readersText(cells: readonly NamedCell[], from: number | undefined, readers: readonly Unit[]): string {
  if (readers.length !== 1) return `${readers.length} executed cells below read`;
  return `${cellName(cells, readers[0]!.cell ?? 0, { from })}, which ran, reads`;
}

/** Each reader as a related location. */
function readerLocations(cells: readonly NamedCell[], readers: readonly Unit[], message: string) {
  return readers.filter((r) => r.cell !== undefined).map((r) => relatedCell(cells, r.cell!, message));
}

/**
 * H-skipped: a code cell that never ran (no execution count) above cells that did run and
 * read names it defines or changes in place (`outputs` filled by `item.update(…)` in a loop). The saved outputs below used values from somewhere else (a deleted
 * cell, another definition, the live kernel), so a top-down run computes something different
 * or fails. A never-run cell nobody depends on (an install cell, an optional setup) is left
 * alone, and so are notebooks that were never run at all. An import the reader also gets from
 * an executed cell (or imports itself) is no dependency: the module is the same either way.
 *
 * A cell with no count but saved outputs did run: it was edited afterwards (VS Code and
 * JupyterLab clear an edited cell's count and keep its outputs, so a quick fix or an ignore
 * comment + save gives one). It is never called "never ran": when executed cells below read
 * what it defines, a hint says it was edited after its run and its outputs are stale.
 */
export const skippedCell = createRule(
  {
    id: 'skipped-cell',
    family: 'hidden-state',
    category: 'hidden-state',
    subtypes: ['H-skipped'],
    description: 'Report never-run notebook cells that executed cells below depend on',
    defaultSeverity: 'warning',
    recommended: true,
    appliesTo: ['notebook'],
    scope: 'program',
    reads: ['source', 'execution-counts', 'outputs'],
  },
  (ctx) => {
    const program = ctx.program;
    const nb = ctx.notebook;
    if (!program || !nb || !wasRun(nb)) return;
    const sem = program.semantics;
    const countOf = (unitIndex: number) => {
      const cell = program.units[unitIndex]?.cell;
      return cell === undefined ? null : (nb.cells[cell]?.executionCount ?? null);
    };
    const stateOf = (unitIndex: number): RunState => {
      const cell = program.units[unitIndex]?.cell;
      const c = cell === undefined ? undefined : nb.cells[cell];
      return c ? runState(c) : 'never';
    };
    // An import binds the same module wherever it runs: when an executed cell above the reader
    // (or the reader itself) imports the same thing under the same name, the never-run cell's
    // import changes nothing the reader sees.
    const importedByRunCell = (b: Binding, readerUnit: number) =>
      !!b.qualifiedName &&
      (b.kind === 'import' || b.kind === 'from-import') &&
      (sem.module.bindings.get(b.name) ?? []).some(
        (o) => o !== b && o.unit <= readerUnit && countOf(o.unit) !== null && (o.kind === 'import' || o.kind === 'from-import') && o.qualifiedName === b.qualifiedName && !o.viaGlobal,
      );
    // For each never-run unit: the bindings of it that executed cells below resolve to.
    const deps = new Map<number, Map<Binding, Set<number>>>();
    for (const ref of sem.references) {
      if (countOf(ref.unit) === null) continue;
      const b = sem.lookup(ref.name, ref.node, ref.unit);
      if (!b || b.scope !== sem.module || b.unit >= ref.unit || countOf(b.unit) !== null) continue;
      // Edited cells (no count, saved outputs) stay in: reported below as a hint, not as never-run.
      if (importedByRunCell(b, ref.unit)) continue;
      let byBinding = deps.get(b.unit);
      if (!byBinding) deps.set(b.unit, (byBinding = new Map()));
      let readers = byBinding.get(b);
      if (!readers) byBinding.set(b, (readers = new Set()));
      readers.add(ref.unit);
    }
    // Never-run cells that define nothing read below but change, in place, a name that executed
    // cells below read: those cells' saved outputs saw the change a top-down run would not make.
    const readersOf = new Map<string, Set<number>>();
    for (const ref of sem.references) {
      if (countOf(ref.unit) === null || ref.scope !== sem.module) continue;
      const set = readersOf.get(ref.name) ?? readersOf.set(ref.name, new Set()).get(ref.name)!;
      set.add(ref.unit);
    }
    program.units.forEach((unit, unitIndex) => {
      if (stateOf(unitIndex) !== 'never' || deps.has(unitIndex) || unit.syntaxError) return;
      const changes = inPlaceChanges(unit).filter((c) => [...(readersOf.get(c.name) ?? [])].some((r) => r > unitIndex));
      if (!changes.length) return;
      const names = [...new Set(changes.map((c) => c.name))];
      const readers = [...new Set(names.flatMap((n) => [...readersOf.get(n)!].filter((r) => r > unitIndex)))].sort((a, b) => a - b).map((u) => program.units[u]!);
      const shown = names.slice(0, 3).map((n) => `\`${n}\``).join(', ') + (names.length > 3 ? ` and ${names.length - 3} more` : '');
      ctx.reportNode(
        unit,
        changes[0]!.node,
        `This cell never ran, yet it changes ${shown} in place and ${readersText(nb.cells, unit.cell, readers)} ${names.length === 1 ? 'it' : 'them'}: the saved outputs came from state the notebook does not show; restart the kernel and run all cells, or delete this cell.`,
        { related: readerLocations(nb.cells, readers, 'ran and reads what this cell changes') },
      );
    });
    for (const [unitIndex, byBinding] of [...deps].sort((a, b) => a[0] - b[0])) {
      const unit = program.units[unitIndex]!;
      const entries = [...byBinding].sort((a, b) => a[0].node.start - b[0].node.start);
      const names = [...new Set(entries.map(([b]) => b.name))];
      const readers = [...new Set(entries.flatMap(([, r]) => [...r]))].sort((a, b) => a - b).map((u) => program.units[u]!);
      const first = entries[0]![0];
      const shown = names.slice(0, 3).map((n) => `\`${n}\``).join(', ') + (names.length > 3 ? ` and ${names.length - 3} more` : '');
      const related = readerLocations(nb.cells, readers, 'ran and reads names this cell defines');
      if (stateOf(unitIndex) === 'edited') {
        ctx.reportNode(
          unit,
          first.node,
          `This cell was edited after it ran, and ${readersText(nb.cells, unit.cell, readers)} ${shown} that it defines: its saved outputs and theirs may be stale; re-run this cell and the cells below to refresh them.`,
          { severity: 'hint', related },
        );
        continue;
      }
      ctx.reportNode(
        unit,
        first.node,
        `This cell never ran, yet ${readersText(nb.cells, unit.cell, readers)} ${shown} that it defines: the saved outputs came from state the notebook does not show; restart the kernel and run all cells, or delete this cell.`,
        { related },
      );
    }
  },
);
