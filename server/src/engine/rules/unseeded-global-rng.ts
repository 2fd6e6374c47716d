import { RNG_LABEL, SEED_RECIPES } from '../catalogues/randomness';
import { cellName, relatedCell } from '../cellNames';
import { randomnessOf } from '../randomness/analysis';
import { seedBlockFix } from '../randomness/fixes';
import { createRule, nodeRange } from '../rule';
import { text } from '../python/syntax';
import { inMockCode, onlyDisplayed, purposeOfDraw, servesRequests, type ImportedFunctions } from '../randomness/purpose';
import { importedFunction } from '../python/projectSummaries';
import { fileRoleOf, isTestFile, ROLE_LABEL } from '../fileRoles';
import { calledFromModuleLevel, callGraphOf } from '../python/callGraph';
import type { PythonProgram } from '../python/program';
import type { CallSite } from '../python/semantics';
import * as path from 'node:path';

/**
 * Does running this file run the draw: is it at module level, or in a function that some chain
 * of callers in the file reaches from module-level code (`main()` under `if __name__ …`)? A draw
 * only in functions other modules call is seeded — or not — by the program that calls it.
 */
function runByThisFile(program: PythonProgram, call: CallSite): boolean {
  return !call.fn || calledFromModuleLevel(callGraphOf(program), call.fn, 'some');
}

export const unseededGlobalRng = createRule(
  {
    id: 'unseeded-global-rng',
    family: 'randomness',
    category: 'randomness',
    subtypes: ['R-global'],
    description: 'Report draws from a global random number generator that nothing seeds before them',
    defaultSeverity: 'warning',
    recommended: true,
    appliesTo: ['python', 'notebook'],
    scope: 'program',
    reads: ['source', 'manifests'],
    fixable: 'safe',
  },
  (ctx) => {
    const program = ctx.program;
    if (!program) return;
    // Test code: fixture and fake data whose values do not matter (and pytest-randomly seeds it).
    if (program.kind === 'python' && isTestFile(path.relative(ctx.project.root, ctx.file))) return;
    const a = randomnessOf(program, ctx.config, { project: ctx.project, file: ctx.file });
    const unseeded = a.draws.filter((d) => !d.seeded && !servesRequests(program, d.call) && !inMockCode(program, d.call, ctx.file) && !purposeOfDraw(program, d.call));
    if (!unseeded.length) return;
    const sem = program.semantics;
    const first = unseeded.reduce((x, y) => (sem.order(y.call.unit, y.call.node.start) < sem.order(x.call.unit, x.call.node.start) ? y : x));
    const fix = seedBlockFix(program, new Set(unseeded.map((d) => d.rng)), { unit: first.call.unit, offset: first.call.node.start }, ctx.config.seed);
    const moduleSeeds = a.seeds.filter((s) => !s.call.fn);
    // Functions of the project's other modules a drawn value is passed to, with their modules.
    const files = new Map<PythonProgram, string>([[program, ctx.file]]);
    const imported: ImportedFunctions = (p, call) => {
      const file = files.get(p);
      const r = file ? importedFunction(ctx.project, file, p, call) : undefined;
      if (r) files.set(r.program, r.file);
      return r;
    };
    const role = program.kind === 'python' ? fileRoleOf(path.relative(ctx.project.root, ctx.file)) : 'product';
    const inExamples = role === 'example' || role === 'benchmark';
    for (const d of unseeded) {
      const unit = program.units[d.call.unit]!;
      const label = RNG_LABEL[d.rng] ?? `the \`${d.rng}\` RNG`;
      const recipe = SEED_RECIPES.find((r) => r.rng === d.rng);
      const howTo = recipe ? `seed it first (\`${recipe.alias ?? recipe.module}${recipe.call.replace('{{seed}}', String(ctx.config.seed))}\`)` : 'seed it first';
      const later = moduleSeeds.find((s) => s.rngs.has(d.rng) && sem.order(s.call.unit, s.call.node.start) > sem.order(d.call.unit, d.call.node.start));
      const laterUnit = later ? program.units[later.call.unit] : undefined;
      const seededInCell = laterUnit?.cell !== undefined && laterUnit.cell !== unit.cell ? laterUnit.cell : undefined;
      const cells = ctx.notebook?.cells ?? [];
      const where = !later ? 'nothing seeds it before this point' : seededInCell !== undefined ? `it is only seeded later, in ${cellName(cells, seededInCell, { from: unit.cell })}` : 'it is only seeded after this point';
      const seedLocation = seededInCell !== undefined && later ? { related: [relatedCell(cells, seededInCell, 'seeded here, after the draw', nodeRange(laterUnit!, later.call.node))] } : {};
      if (onlyDisplayed(program, d.call, imported)) {
        // Items picked to show, a random tensor only printed or run through a model to look at
        // its output: the shown values differ between runs, no result does (TAXONOMY R-global).
        ctx.reportNode(unit, d.call.callee, `\`${text(d.call.callee)}\` draws from ${label} and ${where}, but the drawn values are only shown (printed, plotted or displayed), so only what is shown differs between runs; ${howTo} if the output should repeat.`, { severity: 'hint', ...(fix ? { fix } : {}), ...seedLocation });
        continue;
      }
      if (program.kind === 'python' && (inExamples || !runByThisFile(program, d.call))) {
        // Library code (functions only other modules run) and example scripts: the program that
        // runs them seeds the RNG, or has a reason not to; a hint, said so.
        const whose = inExamples ? `in ${ROLE_LABEL[role as 'example' | 'benchmark']}` : `inside \`${d.call.fn?.name ?? 'a function'}\`, which only other modules call`;
        ctx.reportNode(unit, d.call.callee, `\`${text(d.call.callee)}\` draws from ${label} ${whose}, and nothing here seeds it: results repeat only if the program that runs it seeds ${label} first.`, { severity: 'hint', ...(fix && inExamples ? { fix } : {}) });
        continue;
      }
      ctx.reportNode(unit, d.call.callee, `\`${text(d.call.callee)}\` draws from ${label} and ${where}, so each run gives different results; ${howTo} or use a seeded generator.`, { ...(fix ? { fix } : {}), ...seedLocation });
    }
  },
);
