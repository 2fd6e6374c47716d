import { cellNo, firstInCell, isProvidedName, isTopLevelRead, moduleReads, notebookNames } from '../hiddenState/names';
import { createRule, nodeRange } from '../rule';

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
    scope: 'program',
    reads: ['source'],
  },
  (ctx) => {
    const program = ctx.program;
    if (!program || program.kind !== 'notebook') return;
    const names = notebookNames(program, ctx.settings['known-names']);
    const { dynamic } = names;
    const first = firstInCell();
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
      const message = source
        ? `\`${name}\` is defined only in cell ${cellNo(defUnit)}${where}, below this cell, unless ${source.reason.replace(/ can define (it|names)$/, '')} (cell ${cellNo(source.unit)}) defines it earlier; otherwise a top-down run fails here with NameError.`
        : `\`${name}\` is defined only in cell ${cellNo(defUnit)}${where}, below this cell: a top-down run (Restart & Run All) fails here with NameError; move the definition above this cell.`;
      ctx.reportNode(unit, ref.node, message, {
        ...(source ? { severity: 'hint' as const } : {}),
        related: [{ ...(defUnit.cell !== undefined ? { cell: defUnit.cell } : {}), range: nodeRange(defUnit, def.node), message: `\`${name}\` is defined here` }],
      });
    }
  },
);
