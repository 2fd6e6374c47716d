import { createRule } from '../rule';
import { randomnessOf } from '../randomness/analysis';
import { matchesAny } from '../python/patterns';
import { walk, field, text } from '../python/syntax';
import { qualifiedName } from '../python/resolve';

/**
 * A hint for PyTorch training with no `torch.use_deterministic_algorithms(True)` (or cudnn's
 * deterministic flag, or `Trainer(deterministic=True)`): seeds alone do not make GPU kernels
 * reproducible. Reported once, at the first optimizer or Trainer.
 */
export const nondeterministicTorch = createRule(
  {
    id: 'nondeterministic-torch',
    family: 'randomness',
    category: 'randomness',
    subtypes: [],
    description: 'Suggest deterministic algorithms for PyTorch training',
    defaultSeverity: 'hint',
    recommended: true,
    appliesTo: ['python', 'notebook'],
  },
  (ctx) => {
    const program = ctx.program;
    if (!program) return;
    const a = randomnessOf(program, ctx.config);
    const det = a.index.catalogue.determinism;
    const sem = program.semantics;
    let first: (typeof sem.calls)[number] | undefined;
    for (const call of sem.calls) {
      const q = a.qualifiedCallee(call);
      if (!q) continue;
      if (matchesAny(q, det.enablingCalls)) {
        const arg = call.positional[0] ?? call.keywords.get('mode');
        if (!arg || text(arg) !== 'False') return;
      }
      if (matchesAny(q, det.trainingCalls) && /^[A-Z]/.test(q.split('.').pop()!)) {
        const kw = call.keywords.get(det.trainingKeyword);
        if (kw && text(kw) !== 'False') return;
        if (!first || sem.order(call.unit, call.node.start) < sem.order(first.unit, first.node.start)) first = call;
      }
    }
    if (!first) return;
    // `torch.backends.cudnn.deterministic = True` anywhere.
    for (const unit of program.units) {
      let enabled = false;
      walk(unit.root, (n) => {
        if (enabled) return false;
        if (n.type !== 'assignment') return;
        const left = field(n, 'left');
        const right = field(n, 'right');
        const unitIndex = program.units.indexOf(unit);
        const q = left ? qualifiedName(program, left, unitIndex) : undefined;
        if (matchesAny(q, det.enablingFlags) && right && text(right) === 'True') enabled = true;
        return undefined;
      });
      if (enabled) return;
    }
    const unit = program.units[first.unit]!;
    ctx.reportNode(
      unit,
      first.callee,
      'PyTorch training without deterministic algorithms: even with seeds, GPU kernels can give different results on each run; call `torch.use_deterministic_algorithms(True)` (and set `torch.backends.cudnn.benchmark = False`).',
    );
  },
);
