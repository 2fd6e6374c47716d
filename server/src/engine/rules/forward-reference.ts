import { planCellOrder, type CellOrderPlan, type ForwardName } from '../hiddenState/cellOrder';
import { firstInCell, isProvidedName, isTopLevelRead, moduleReads, notebookNames } from '../hiddenState/names';
import { cellName, relatedCell } from '../cellNames';
import type { Fix } from '../model';
import type { NotebookCell } from '../notebook';
import { createRule, nodeRange, type Report } from '../rule';

/** The reorder fix every finding of the notebook shares, or why there is none (appended to each message). */
function reorderFix(plan: CellOrderPlan, cells: readonly NotebookCell[]): { fix: Fix } | { why: string } {
  if (plan.kind === 'cycle') {
    const names = plan.cells.map((c) => cellName(cells, c));
    const list = `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
    return { why: ` Reordering the cells cannot fix this: ${list} need names from each other (a cycle through the names they share).` };
  }
  // Kahn's order keeps cells where they are as long as it can: a reader moves down below what it needs.
  const position = new Map(plan.order.map((cell, i) => [cell, i]));
  const movedDown: number[] = [];
  let highest = -1;
  for (const cell of plan.order) {
    if (cell < highest) movedDown.push(cell);
    highest = Math.max(highest, cell);
  }
  const what = movedDown
    .slice(0, 3)
    .map((cell) => `${cellName(cells, cell)} moves below ${cellName(cells, plan.order[position.get(cell)! - 1]!)}`)
    .join(', ');
  const more = movedDown.length > 3 ? `, and ${movedDown.length - 3} more` : '';
  return { fix: { title: `Reorder the cells so each name is defined before it is read (${what}${more})`, applicability: 'unsafe', edits: [], notebookChange: { kind: 'reorder-cells', order: plan.order } } };
}

/**
 * H-forward: a name read when its cell runs (top level, comprehensions and class bodies
 * included; function and lambda bodies excluded) that only a later cell defines. The saved
 * notebook worked because the later cell ran first; Restart & Run All fails here.
 */
export const forwardReference = createRule(
  {
    id: 'forward-reference',
    family: 'hidden-state',
    category: 'hidden-state',
    subtypes: ['H-forward'],
    description: 'Report names a notebook cell reads that only a later cell defines',
    defaultSeverity: 'warning',
    recommended: true,
    appliesTo: ['notebook'],
    fixable: 'unsafe',
    scope: 'program',
    reads: ['source'],
  },
  (ctx) => {
    const program = ctx.program;
    if (!program || program.kind !== 'notebook') return;
    const names = notebookNames(program, ctx.settings['known-names']);
    const { dynamic } = names;
    const first = firstInCell();
    const reports: Report[] = [];
    // Names whose first definition a reorder can move up (not one made through `global` in a function).
    const forward = new Map<string, ForwardName>();
    const movable: Report[] = [];
    for (const { ref, unit, defs } of moduleReads(program)) {
      const name = ref.name;
      if (!defs.length || !isTopLevelRead(ref.scope) || isProvidedName(names, name)) continue;
      if (defs.some((d) => d.unit <= ref.unit)) continue;
      const earlierMagic = names.magicDefined.get(name);
      if (earlierMagic && earlierMagic.cell !== undefined && unit.cell !== undefined && earlierMagic.cell <= unit.cell) continue;
      if (!first(ref.unit, name)) continue;
      const def = defs[0]!;
      const defUnit = program.units[def.unit]!;
      const where = def.viaGlobal ? ` (inside a function, through \`global\`)` : '';
      const source = dynamic.find((s) => s.unit.cell !== undefined && unit.cell !== undefined && s.unit.cell <= unit.cell);
      const cells = ctx.notebook?.cells ?? [];
      const from = unit.cell;
      const defCell = defUnit.cell ?? 0;
      const definedIn = `${cellName(cells, defCell, { from, defines: name })}${where}`;
      const sourceIn = source ? cellName(cells, source.unit.cell!, { from }) : '';
      const message = source
        ? `\`${name}\` is defined only in ${definedIn}, unless ${source.reason.replace(/ can define (it|names)$/, '')} (in ${sourceIn}) defines it earlier; otherwise a top-down run fails here with NameError.`
        : `\`${name}\` is defined only in ${definedIn}: a top-down run (Restart & Run All) fails here with NameError; move the definition above this cell.`;
      const report: Report = {
        range: nodeRange(unit, ref.node),
        message,
        ...(unit.cell !== undefined ? { cell: unit.cell } : {}),
        ...(source ? { severity: 'hint' as const } : {}),
        related: [
          relatedCell(cells, defCell, `\`${name}\` is defined here`, nodeRange(defUnit, def.node)),
          ...(source ? [relatedCell(cells, source.unit.cell!, 'may define names the analysis cannot see', nodeRange(source.unit, source))] : []),
        ],
      };
      reports.push(report);
      if (!def.viaGlobal && defUnit.cell !== undefined) {
        if (!forward.has(name)) forward.set(name, { name, definedIn: defUnit.cell });
        movable.push(report);
      }
    }
    const shared = forward.size && ctx.notebook ? reorderFix(planCellOrder(program, ctx.notebook.cells.length, [...forward.values()]), ctx.notebook.cells) : undefined;
    for (const r of reports) {
      if (!shared || !movable.includes(r)) ctx.report(r);
      else if ('fix' in shared) ctx.report({ ...r, fix: shared.fix });
      else ctx.report({ ...r, message: r.message + shared.why });
    }
  },
);
