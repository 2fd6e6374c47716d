/**
 * The `validation-gate` check: a trained model should not reach production when it got worse, so
 * something CI runs must fail when a quality metric drops below a threshold. Evidence, read with
 * the tree-sitter core from the tests and the code: an `assert` comparing a metric with a
 * threshold (`assert accuracy >= 0.9`, `assert f1_score(y, p) > THRESHOLD`), a unittest
 * `assertGreaterEqual(acc, 0.9)`, or an `if metric < threshold:` that raises or exits — plus a CI
 * configuration to run it. Applies only to projects that train a model.
 */
import { FAILING_EXITS, METRIC_CALLS, METRIC_WORDS, THRESHOLD_ASSERTIONS } from '../catalogues/readiness';
import { matchesAny } from '../python/patterns';
import { originOf } from '../python/resolve';
import { field, lastNameOf, stringValue, text, walk, type PyNode } from '../python/syntax';
import type { CheckContext, CheckResult } from './checkContext';
import { MAX_EVIDENCE, note, notApplicable, plural, trainingCalls, withCodeNotes } from './checkHelpers';
import { evidenceAt, type CodeFile } from './code';
import type { Evidence } from './model';
import { CI_PATHS } from './signals';

const COMPARISONS = new Set(['<', '<=', '>', '>=']);
/** Bounds every ratio or probability meets: `assert 0 <= score <= 1` is a sanity check, not a gate. */
const TRIVIAL_BOUNDS = new Set([0, 1]);
const THRESHOLD_WORDS = ['threshold', 'baseline', 'min', 'minimum', 'max', 'maximum', 'tolerance', 'target'];

const wordsOf = (name: string) => name.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);

/** Does an operand name a metric: `accuracy`, `metrics.val_f1`, `report["f1"]`, `f1_score(y, p)`, `model.score(X, y)`? */
function isMetric(file: CodeFile, node: PyNode, unit: number): boolean {
  switch (node.type) {
    case 'identifier':
    case 'attribute': {
      const name = lastNameOf(node);
      return name !== undefined && wordsOf(name).some((w) => METRIC_WORDS.includes(w));
    }
    case 'subscript': {
      const key = stringValue(field(node, 'subscript'));
      return (key !== undefined && wordsOf(key).some((w) => METRIC_WORDS.includes(w))) || isMetric(file, field(node, 'value') ?? node, unit);
    }
    case 'call': {
      const fn = field(node, 'function');
      if (!fn) return false;
      const name = originOf(file.program, fn, unit);
      return (name !== undefined && matchesAny(name, METRIC_CALLS)) || isMetric(file, fn, unit);
    }
    case 'parenthesized_expression':
      return node.children.some((c) => c.named && isMetric(file, c, unit));
    default:
      return false;
  }
}

/** A threshold: a number other than 0 or 1, or a name such as `THRESHOLD`, `baseline_f1`, `MIN_ACCURACY`. */
function isThreshold(node: PyNode): boolean {
  if (node.type === 'unary_operator') return isThreshold(node.children.find((c) => c.named) ?? node);
  if (node.type === 'integer' || node.type === 'float') {
    const value = Number(text(node).replace(/_/g, ''));
    return Number.isFinite(value) && !TRIVIAL_BOUNDS.has(value);
  }
  if (node.type === 'identifier' || node.type === 'attribute') {
    const name = lastNameOf(node);
    return name !== undefined && wordsOf(name).some((w) => THRESHOLD_WORDS.includes(w));
  }
  return false;
}

/** `metric >= threshold` (either side, chained comparisons too). */
function metricComparison(file: CodeFile, cond: PyNode | undefined, unit: number): boolean {
  if (!cond) return false;
  if (cond.type === 'boolean_operator') return cond.children.some((c) => c.named && metricComparison(file, c, unit));
  if (cond.type !== 'comparison_operator') return false;
  if (!cond.children.some((c) => !c.named && COMPARISONS.has(c.type))) return false;
  const operands = cond.children.filter((c) => c.named);
  return operands.some((o) => isMetric(file, o, unit)) && operands.some((o) => isThreshold(o));
}

/** The `if` body stops the run: a `raise`, or `sys.exit(…)`. */
function fails(file: CodeFile, body: PyNode | undefined, unit: number): boolean {
  let found = false;
  if (body)
    walk(body, (n) => {
      if (found || n.type === 'function_definition' || n.type === 'class_definition') return false;
      if (n.type === 'raise_statement') found = true;
      else if (n.type === 'call') {
        const fn = field(n, 'function');
        if (fn && matchesAny(originOf(file.program, fn, unit), FAILING_EXITS)) found = true;
      }
      return undefined;
    });
  return found;
}

function gatesIn(file: CodeFile): Evidence[] {
  const out: Evidence[] = [];
  file.program.units.forEach((u, unit) => {
    walk(u.root, (n) => {
      if (n.type === 'assert_statement') {
        if (metricComparison(file, n.children.find((c) => c.named), unit)) out.push(evidenceAt(file, n, unit, `asserts a metric threshold: ${text(n).split('\n')[0]!.slice(0, 80)}`));
        return false;
      }
      if (n.type === 'if_statement' && metricComparison(file, field(n, 'condition'), unit) && fails(file, field(n, 'consequence'), unit)) {
        out.push(evidenceAt(file, n, unit, `fails when a metric misses its threshold: ${text(field(n, 'condition')!).slice(0, 80)}`));
      }
      if (n.type === 'call') {
        const fn = field(n, 'function');
        const name = fn?.type === 'attribute' ? lastNameOf(fn) : undefined;
        const args = (field(n, 'arguments')?.children ?? []).filter((c) => c.named && c.type !== 'keyword_argument');
        if (name && THRESHOLD_ASSERTIONS.includes(name) && args.length >= 2 && args.some((a) => isMetric(file, a, unit)) && args.some((a) => isThreshold(a))) {
          out.push(evidenceAt(file, n, unit, `asserts a metric threshold (${name})`));
        }
      }
      return undefined;
    });
  });
  return out;
}

export function validationGate(ctx: CheckContext): CheckResult {
  const training = trainingCalls(ctx);
  if (!training.length) return notApplicable(ctx, 'No model training code found.');
  const tests = ctx.code.testFiles();
  const gates = [...tests, ...ctx.code.files()].flatMap(gatesIn);
  const ci = ctx.facts.files.filter((f) => CI_PATHS.some((c) => f === c || f.startsWith(`${c}/`)));
  const ciEvidence = ci.slice(0, 3).map((f): Evidence => ({ kind: 'file', file: f, message: 'CI configuration' }));
  const lookedAt = [...tests.map((f) => f.rel), ...ci];
  const trains = training.slice(0, 3).map(({ file, call, name }) => evidenceAt(file, call.node, call.unit, `trains (${name})`));
  if (gates.length && ci.length) return { status: 'pass', summary: 'A metric threshold is asserted, and CI is configured to run it.', evidence: [...gates.slice(0, MAX_EVIDENCE - 1), ciEvidence[0]!], lookedAt };
  if (gates.length) return { status: 'warn', summary: 'A metric threshold is asserted, but no CI runs it: a model that got worse still merges.', evidence: [...gates.slice(0, MAX_EVIDENCE - 1), note(`looked for ${CI_PATHS.join(', ')}`)], lookedAt };
  const looked = note(`looked in ${plural(tests.length, 'test file')} and ${plural(ctx.code.files().length, 'Python file')} for an assert or an if/raise comparing a metric (accuracy, f1, auc, rmse, loss…) with a threshold`);
  if (!ci.length) return { status: 'warn', summary: 'A model is trained, and nothing fails when its metrics drop: no metric threshold in the tests or scripts, and no CI.', evidence: withCodeNotes(ctx, [...trains, looked]), lookedAt };
  return {
    status: 'unknown',
    summary: 'CI is configured, but no test or script compares a metric with a threshold. Check by hand that the pipeline fails when a metric drops (the gate may be a CI step or a tool such as CML, DVC metrics or MLflow model validation).',
    evidence: withCodeNotes(ctx, [...trains, ...ciEvidence, looked]),
    lookedAt,
  };
}
