import { RNG_LABEL, type ArgCondition, type MethodEntry, type ParamEntry } from '../catalogues/randomness';
import type { RuleContext } from '../rule';
import { createRule } from '../rule';
import { randomnessOf, type RandomnessAnalysis } from '../randomness/analysis';
import { addKeywordFix } from '../randomness/fixes';
import { unusedRandomState } from '../randomness/estimators';
import { FEATURE_ORDER_TREES, fittedOnOneFeature } from '../randomness/oneFeature';
import { baseName, isModuleReceiver } from '../randomness/receivers';
import { matchesAny, prefixFamily } from '../python/patterns';
import type { PythonProgram } from '../python/program';
import { libraryOf } from '../python/resolve';
import { argumentOf, type CallSite } from '../python/semantics';
import { field, text } from '../python/syntax';

/**
 * R-param: an API with a randomness parameter left unset (scikit-learn's `random_state`,
 * xgboost/lightgbm/catboost seeds, `DataFrame.sample`, `scipy.stats` `.rvs`, torch shuffling
 * without a generator when torch is never seeded). Any value given, even a variable, or a
 * `**kwargs` splat counts as set. A global seed does not excuse it: the parameter is the contract
 * — but a hint, not a warning, when that global RNG is the one the call falls back to and it is
 * seeded before, or when the library's own fixed default seed makes runs repeat.
 */
export const missingRandomState = createRule(
  {
    id: 'missing-random-state',
    family: 'randomness',
    category: 'randomness',
    subtypes: ['R-param'],
    description: 'Report calls to random APIs whose random_state or seed parameter is not set',
    defaultSeverity: 'warning',
    recommended: true,
    appliesTo: ['python', 'notebook'],
    scope: 'program',
    prefixStable: true,
    reads: ['source', 'manifests'],
    fixable: 'safe',
  },
  (ctx) => {
    const program = ctx.program;
    if (!program) return;
    const a = randomnessOf(program, ctx.config, { project: ctx.project, file: ctx.file });
    const sem = program.semantics;
    for (const call of sem.calls) {
      const q = a.qualifiedCallee(call);
      const entry = q ? a.index.param(q) : undefined;
      if (entry) {
        if (isGiven(call, entry.params, entry.position)) continue;
        if (entry.when && !conditionHolds(call, entry.when)) continue;
        // Random only with subsampling (XGBoost, LightGBM): none written, nothing is drawn.
        if (entry.randomOnlyWith && !call.hasStarKwargs && !entry.randomOnlyWith.some((p) => turnedOn(argumentOf(call, p)))) continue;
        const onlyIf = entry.randomOnlyIf && conditionHolds(call, entry.randomOnlyIf.when) ? entry.randomOnlyIf.anyOf : undefined;
        // Random only with some other argument (liblinear: penalty='l1' or dual=True): written
        // with another value, deterministic; not written at all, a parameter grid may set it.
        if (onlyIf && !onlyIf.some((c) => conditionHolds(call, c)) && onlyIf.some((c) => argumentOf(call, c.param, c.position))) continue;
        if (entry.excusedBySeedOf && a.seededAnywhere.has(entry.excusedBySeedOf)) continue;
        // An estimator (a class) whose own `random_state` is never used: seeded by its
        // meta-estimator, or only displayed and never fitted (TAXONOMY R-param).
        if (/^[A-Z]/.test(shortName(q!)) && unusedRandomState(program, call)) continue;
        // A decision tree fitted on one feature has nothing to draw (randomness/oneFeature.ts).
        if (FEATURE_ORDER_TREES.has(shortName(q!)) && fittedOnOneFeature(program, call)) continue;
        report(ctx, a, call, entry.label ?? shortName(q!), entry, onlyIf && !onlyIf.some((c) => conditionHolds(call, c)) ? onlyIf : undefined);
        continue;
      }
      const method = methodEntryFor(program, call);
      if (method) report(ctx, a, call, method.label ?? `.${method.method}()`, method);
    }

    function methodEntryFor(program: PythonProgram, call: CallSite): MethodEntry | undefined {
      if (call.callee.type !== 'attribute') return undefined;
      const attr = field(call.callee, 'attribute');
      const recv = field(call.callee, 'object');
      if (!attr || !recv) return undefined;
      const name = text(attr);
      if (!a.index.methodNames.has(name)) return undefined;
      for (const m of a.index.catalogue.methods) {
        if (m.method !== name || isGiven(call, m.params)) continue;
        const origin = libraryOf(program, recv, call.unit);
        if (origin !== undefined) {
          if (m.receivers.some((r) => matchesAny(origin, prefixFamily(r)))) return m;
          // Traced to some other library (`random.sample`, `torch.distributions…`): not ours.
          if (isModuleReceiver(sem, recv, call.unit) || origin.includes('.')) continue;
        }
        if (isModuleReceiver(sem, recv, call.unit)) continue;
        if (m.tellingKeywords?.some((k) => call.keywords.has(k))) return m;
        const base = baseName(recv);
        if (m.receiverNamePattern && base && new RegExp(m.receiverNamePattern, 'i').test(text(base))) return m;
      }
      return undefined;
    }
  },
);

function shortName(q: string): string {
  const parts = q.split('.');
  return parts[parts.length - 1]!;
}

function isGiven(call: CallSite, params: readonly string[], position?: number): boolean {
  if (call.hasStarKwargs) return true;
  if (params.some((p) => call.keywords.has(p))) return true;
  if (position !== undefined && (call.positional.length > position || call.hasStarArgs)) return true;
  return false;
}

function conditionHolds(call: CallSite, cond: ArgCondition): boolean {
  const arg = argumentOf(call, cond.param, cond.position);
  if (!arg) return false;
  const spelled = text(arg).replace(/"/g, "'");
  return cond.values.includes(spelled);
}

function report(ctx: RuleContext, a: RandomnessAnalysis, call: CallSite, label: string, entry: ParamEntry | MethodEntry, unsetCondition?: readonly ArgCondition[]): void {
  const program = ctx.program!;
  const unit = program.units[call.unit]!;
  const param = entry.params[0]!;
  const fixParam = entry.fixParam;
  const seed = ctx.config.seed;
  const fix = fixParam ? addKeywordFix(program, call, fixParam, String(seed)) : undefined;
  const how = fixParam ? `pass \`${fixParam}=${seed}\`` : `pass a seeded \`${param}\``;
  const torchShuffle = 'excusedBySeedOf' in entry && entry.excusedBySeedOf;
  const why = torchShuffle ? 'shuffles with an unseeded RNG (torch is never seeded)' : `is random and \`${param}\` is not set`;
  const hint = { severity: 'hint' as const, ...(fix ? { fix } : {}) };
  if ('fixedDefaultSeed' in entry && entry.fixedDefaultSeed) {
    // XGBoost, LightGBM and CatBoost seed themselves with a fixed default: runs repeat today, so
    // this is a hint about a default nobody wrote down, not a claim that results differ.
    ctx.reportNode(unit, call.callee, `\`${label}\` is random and \`${param}\` is not set, so the model rests on the library's default seed, which a version can change and nobody wrote down; ${how}.`, hint);
    return;
  }
  if (unsetCondition) {
    const args = unsetCondition.map((c) => `\`${c.param}=${c.values[0]}\``).join(' or ');
    ctx.reportNode(unit, call.callee, `\`${label}\` is random only with ${args}, which is not written here (a parameter grid may set it); if it is, \`${param}\` is not set; ${how}.`, hint);
    return;
  }
  if (entry.fallsBackTo && a.seededBefore(call, entry.fallsBackTo)) {
    // random_state=None draws from the global RNG, which is seeded before: runs repeat, but any
    // draw added in between (or a reordering) changes this result (TAXONOMY R-param).
    ctx.reportNode(unit, call.callee, `\`${label}\` ${why}: it draws from ${RNG_LABEL[entry.fallsBackTo]}, which is seeded before it, so runs repeat only while nothing else draws in between; ${how}.`, hint);
    return;
  }
  // random_state=None draws from a global RNG (sklearn, scipy.stats `.rvs`: NumPy's): a seed of
  // that RNG before the call does pin it, so the message says so rather than that it cannot.
  const orSeed = torchShuffle ? ' or seed torch' : entry.fallsBackTo ? ` (seeding ${RNG_LABEL[entry.fallsBackTo] ?? 'the global RNG'} before it also pins it, until another draw is added in between)` : ' (a global seed does not pin it)';
  ctx.reportNode(unit, call.callee, `\`${label}\` ${why}, so each run gives different results; ${how}${orSeed}.`, fix ? { fix } : {});
}

/** An argument that turns a random option on: written, and not the literal that turns it off. */
function turnedOn(arg: ReturnType<typeof argumentOf>): boolean {
  if (!arg) return false;
  return !['1', '1.0', '1.', 'False', 'None', '0'].includes(text(arg));
}
