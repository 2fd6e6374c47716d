import { cellName, relatedCell } from '../cellNames';
import { firstInCell, isPlaceholderName, isProvidedName, moduleReads, namesInBrokenCells, notebookNames, platformOf } from '../hiddenState/names';
import { nodeRange, createRule } from '../rule';

/**
 * H-undefined: a name a notebook reads that no cell defines and Python / IPython do not
 * provide. It lived in a cell that was deleted, or was typed straight into the kernel: the
 * saved notebook cannot recreate it. Reads inside functions count too (the function fails when
 * called). Anything that could define names unseen (star imports, `%run`, `exec`, `globals()`
 * writes, cells that do not parse, platform kernels) lowers the finding to a hint.
 */
export const undefinedName = createRule(
  {
    id: 'undefined-name',
    family: 'hidden-state',
    category: 'hidden-state',
    subtypes: ['H-undefined'],
    description: 'Report names a notebook reads that no cell defines',
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
    const broken = namesInBrokenCells(program);
    const first = firstInCell();
    for (const { ref, unit, defs } of moduleReads(program)) {
      const name = ref.name;
      if (defs.length || isProvidedName(names, name) || names.magicDefined.has(name)) continue;
      if (!first(ref.unit, name)) continue;
      const platform = platformOf(name);
      const src = dynamic[0];
      if (isPlaceholderName(name)) {
        ctx.reportNode(unit, ref.node, `\`${name}\` looks like a placeholder to replace: no cell defines it, so this cell fails with NameError as written; assign it in a cell above.`, { severity: 'hint' });
      } else if (platform) {
        ctx.reportNode(unit, ref.node, `\`${name}\` is not defined by any cell: ${platform} provides it, so this notebook runs only there; define or import it in a cell to run it elsewhere.`, { severity: 'hint' });
      } else if (src) {
        const cells = ctx.notebook?.cells ?? [];
        const srcCell = src.unit.cell ?? 0;
        ctx.reportNode(unit, ref.node, `\`${name}\` is not defined by any cell; ${src.reason} (in ${cellName(cells, srcCell, { from: unit.cell })}), otherwise it came from a deleted cell or the live kernel and a fresh run fails with NameError.`, {
          severity: 'hint',
          related: [relatedCell(cells, srcCell, 'may define names the analysis cannot see', nodeRange(src.unit, src))],
        });
      } else if (broken.has(name)) {
        ctx.reportNode(unit, ref.node, `\`${name}\` is not defined by any cell that parses; it may be defined in a cell with a syntax error, otherwise a fresh run fails with NameError.`, { severity: 'hint' });
      } else {
        ctx.reportNode(unit, ref.node, `\`${name}\` is read here but no cell of this notebook defines it: it came from a deleted cell or the live kernel, so a fresh run fails with NameError; add the cell that defines it.`);
      }
    }
  },
);
