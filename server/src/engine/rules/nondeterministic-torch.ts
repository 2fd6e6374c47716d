import { createRule } from '../rule';
import { randomnessOf } from '../randomness/analysis';
import { matchesAny } from '../python/patterns';
import { walk, field, stringValue, text, type PyNode } from '../python/syntax';
import { constantOf, qualifiedName, valueOf } from '../python/resolve';
import { argumentsOf, type CallSite } from '../python/semantics';
import type { DeterminismEntry } from '../catalogues/randomness';
import type { PythonProgram } from '../python/program';

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
    scope: 'program',
    reads: ['source', 'manifests'],
  },
  (ctx) => {
    const program = ctx.program;
    if (!program) return;
    const a = randomnessOf(program, ctx.config, { project: ctx.project, file: ctx.file });
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
    // CPU kernels are deterministic: the hint is about GPU training (see the doc page).
    if (!mayUseAccelerator(program, det, a.qualifiedCallee)) return;
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

/**
 * Does anything in the program put work on an accelerator (or may it, with a device not known
 * to be the CPU)? `torch.cuda.*` and friends, `.cuda()`, a `"cuda"`/`"mps"` device string,
 * `torch.device(x)` / `.to(x)` / `device=x` with a value that is not a constant, and Lightning
 * Trainers, which pick a GPU themselves unless `accelerator="cpu"`.
 */
function mayUseAccelerator(program: PythonProgram, det: DeterminismEntry, qualify: (c: CallSite) => string | undefined): boolean {
  const sem = program.semantics;
  const unknownDevice = (arg: PyNode | undefined, unit: number, depth = 0): boolean => {
    if (!arg || depth > 4) return false;
    const c = constantOf(program, arg, unit);
    if (typeof c === 'string') return det.acceleratorStrings.test(c);
    if (c !== undefined) return c !== null && typeof c === 'number'; // `torch.device(0)` is a GPU index
    // `device = torch.device("cpu")`: the device's own argument decides.
    const v = valueOf(program, arg, unit);
    const callee = v.node.type === 'call' ? field(v.node, 'function') : undefined;
    const cq = callee ? qualifiedName(program, callee, v.unit) : undefined;
    if (cq && matchesAny(cq, det.deviceCalls)) {
      const args = argumentsOf(field(v.node, 'arguments'));
      return unknownDevice(args.positional[0] ?? args.keywords.get('type'), v.unit, depth + 1);
    }
    // `torch.float16` and other torch attributes are dtypes or the CPU device, not a device choice.
    const q = qualifiedName(program, arg, unit);
    return !(q && q.startsWith('torch.') && !matchesAny(q, det.acceleratorNames));
  };
  for (const call of sem.calls) {
    const q = qualify(call);
    if (q && matchesAny(q, det.acceleratorNames)) return true;
    if (q && matchesAny(q, det.autoAcceleratorCalls)) {
      const acc = det.acceleratorKeywords.map((k) => call.keywords.get(k)).find((v) => v);
      const c = acc ? constantOf(program, acc, call.unit) : undefined;
      if (!(typeof c === 'string' && c.toLowerCase() === 'cpu')) return true;
    }
    if (q && matchesAny(q, det.deviceCalls) && unknownDevice(call.positional[0] ?? call.keywords.get('type'), call.unit)) return true;
    for (const k of det.deviceKeywords) if (unknownDevice(call.keywords.get(k), call.unit)) return true;
    if (call.callee.type === 'attribute') {
      const attr = text(field(call.callee, 'attribute') ?? call.callee);
      if (det.acceleratorMethods.includes(attr)) return true;
      if (det.deviceMethods.includes(attr) && unknownDevice(call.positional[0], call.unit)) return true;
    }
  }
  // Device strings and accelerator attributes (`torch.backends.cudnn.benchmark = True`) anywhere.
  for (let u = 0; u < program.units.length; u++) {
    let found = false;
    walk(program.units[u]!.root, (n) => {
      if (found) return false;
      if (n.type === 'string') {
        const v = stringValue(n);
        if (v !== undefined && det.acceleratorStrings.test(v)) found = true;
        return false;
      }
      if (n.type === 'attribute') {
        const q = qualifiedName(program, n, u);
        if (q && matchesAny(q, det.acceleratorNames)) found = true;
        return !found;
      }
      return undefined;
    });
    if (found) return true;
  }
  return false;
}
