import * as path from 'node:path';
import { isTestFile } from '../fileRoles';
import { inMockCode, purposeOfGenerator, servesRequests } from '../randomness/purpose';
import { createRule } from '../rule';
import { randomnessOf } from '../randomness/analysis';
import { seedGeneratorFix } from '../randomness/fixes';
import type { CallSite } from '../python/semantics';
import { field, text, type PyNode } from '../python/syntax';
import { argumentOf, statementOf } from '../python/semantics';

/**
 * R-param: an explicit generator created without a seed (`np.random.default_rng()`,
 * `RandomState()`, `random.Random()`, `torch.Generator()` never `.manual_seed(...)`-ed). A
 * generator is the right tool only once it is seeded; unseeded it draws from OS entropy.
 */
export const unseededGenerator = createRule(
  {
    id: 'unseeded-generator',
    family: 'randomness',
    category: 'randomness',
    subtypes: ['R-param'],
    description: 'Report random generators created without a seed',
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
    // Test code: fixture and fake data whose values do not matter.
    if (program.kind === 'python' && isTestFile(path.relative(ctx.project.root, ctx.file))) return;
    const a = randomnessOf(program, ctx.config, { project: ctx.project, file: ctx.file });
    const sem = program.semantics;
    // `target.method(...)` calls by receiver text, to see generators seeded after construction.
    const methodCalls = new Map<string, Set<string>>();
    for (const c of sem.calls) {
      if (c.callee.type !== 'attribute') continue;
      const obj = field(c.callee, 'object');
      const attr = field(c.callee, 'attribute');
      if (!obj || !attr) continue;
      const key = text(obj);
      if (!methodCalls.has(key)) methodCalls.set(key, new Set());
      methodCalls.get(key)!.add(text(attr));
    }
    for (const call of sem.calls) {
      const q = a.qualifiedCallee(call);
      const g = q ? a.index.generator(q) : undefined;
      if (!g) continue;
      const seedArg = argumentOf(call, g.params, g.position);
      if (call.hasStarArgs || call.hasStarKwargs) continue;
      if (seedArg && seedArg.type !== 'none') continue;
      if (g.seedMethods.length && seededLater(call, g.seedMethods, methodCalls)) continue;
      // Draws meant to differ per run (an endpoint pick, an id, a delay) or per request.
      if (servesRequests(program, call) || inMockCode(program, call, ctx.file) || purposeOfGenerator(program, call)) continue;
      const unit = program.units[call.unit]!;
      const fix = seedArg ? undefined : seedGeneratorFix(program, call, g.fix, ctx.config.seed);
      const callText = text(call.callee);
      const suggestion = g.fix.kind === 'chain' ? `${callText}().${g.fix.method}(${ctx.config.seed})` : `${callText}(${ctx.config.seed})`;
      ctx.reportNode(unit, call.callee, `\`${callText}()\` is created without a seed, so it draws different numbers on every run; seed it: \`${suggestion}\`.`, fix ? { fix } : {});
    }
  },
);

/** `torch.Generator().manual_seed(0)`, or `g = torch.Generator()` followed by `g.manual_seed(0)`. */
function seededLater(call: CallSite, methods: readonly string[], methodCalls: Map<string, Set<string>>): boolean {
  const parent = call.node.parent;
  if (parent?.type === 'attribute' && parent.parent?.type === 'call') {
    const attr = field(parent, 'attribute');
    if (attr && methods.includes(text(attr))) return true;
  }
  const stmt: PyNode = statementOf(call.node);
  const assign = stmt.type === 'expression_statement' ? stmt.children.find((c) => c.type === 'assignment') : undefined;
  const left = assign && field(assign, 'left');
  const right = assign && field(assign, 'right');
  if (left && right === call.node) {
    const seen = methodCalls.get(text(left));
    if (seen && methods.some((m) => seen.has(m))) return true;
  }
  return false;
}
