/**
 * Trained models saved to a fixed path with no version in it (`joblib.dump(model,
 * "model.pkl")`): every run overwrites the previous model, so nobody can say which model is in
 * production or roll back to the last good one. Only paths the code fixes (literals, names
 * bound to literals, `open(literal)`, `os.path.join` of literals) are judged: a computed path
 * may well carry a version.
 */
import { boundValue, qualifiedName } from '../python/resolve';
import { plainStringValue } from '../agent/strings';
import { ARTIFACT_LOADS, ARTIFACT_SAVES, MODEL_WORDS, VERSION_MARKERS, type ArtifactSave } from '../catalogues/agent';
import type { PythonProgram } from '../python/program';
import { argumentOf, type CallSite } from '../python/semantics';
import { field, lastNameOf, text, type PyNode } from '../python/syntax';
import { createRule } from '../rule';
import { lastNamesOf } from '../python/patterns';

const BY_CALLEE = new Map<string, ArtifactSave>(ARTIFACT_SAVES.map((s) => [s.callee, s]));
const LAST_NAMES = lastNamesOf(ARTIFACT_SAVES.map((s) => s.callee));

/** Extensions of files that are not models (`img.save("out.png")`, `wb.save("x.xlsx")`). */
const DATA_EXTENSIONS = /\.(png|jpe?g|gif|svg|pdf|csv|tsv|xlsx?|txt|json|html?|wav|mp[34]|parquet|npy|npz)$/i;

/** The fixed path an expression denotes, or undefined when it is computed. */
function fixedPath(program: PythonProgram, expr: PyNode | undefined, unit: number, depth = 0): string | undefined {
  if (!expr || depth > 4) return undefined;
  if (expr.type === 'string') return plainStringValue(expr);
  if (expr.type === 'identifier') {
    const b = program.semantics.lookup(text(expr), expr, unit);
    return b ? fixedPath(program, boundValue(b), b.unit, depth + 1) : undefined;
  }
  if (expr.type === 'call') {
    const fn = field(expr, 'function');
    const q = fn ? qualifiedName(program, fn, unit) : undefined;
    const args = field(expr, 'arguments')?.children.filter((c) => c.named && c.type !== 'comment') ?? [];
    if (q === 'open' || q === 'io.open' || q === 'gzip.open' || q === 'bz2.open') return fixedPath(program, args[0], unit, depth + 1);
    if (q === 'os.path.join' || q === 'posixpath.join') {
      const parts = args.map((a) => fixedPath(program, a, unit, depth + 1));
      return parts.every((p) => p !== undefined) ? parts.join('/') : undefined;
    }
  }
  return undefined;
}

/** Whether an expression starts from an imported module (`np.save`), not from an object. */
function rootIsImport(program: PythonProgram, expr: PyNode, unit: number): boolean {
  let n = expr;
  while (n.type === 'attribute') n = field(n, 'object') ?? n;
  if (n.type !== 'identifier') return false;
  const b = program.semantics.lookup(text(n), n, unit);
  return b?.kind === 'import' || b?.kind === 'from-import';
}

function match(program: PythonProgram, call: CallSite): ArtifactSave | undefined {
  if (LAST_NAMES && !LAST_NAMES.has(lastNameOf(call.callee) ?? '')) return undefined;
  const q = qualifiedName(program, call.callee, call.unit);
  const known = q ? BY_CALLEE.get(q) : undefined;
  if (known) return known;
  // A method on an object (not a module function such as numpy.save).
  if (call.callee.type !== 'attribute') return undefined;
  const obj = field(call.callee, 'object');
  const attr = field(call.callee, 'attribute');
  if (!obj || !attr || rootIsImport(program, obj, call.unit)) return undefined;
  return BY_CALLEE.get(`.${text(attr)}`);
}

/** Fixed paths the program loads a model from (ARTIFACT_LOADS). */
function loadedPaths(program: PythonProgram): Set<string> {
  const out = new Set<string>();
  for (const call of program.semantics.calls) {
    const last = lastNameOf(call.callee);
    const load = ARTIFACT_LOADS.find((l) => (l.callee.startsWith('.') ? l.callee === `.${last}` : qualifiedName(program, call.callee, call.unit) === l.callee));
    if (!load) continue;
    const path = fixedPath(program, argumentOf(call, load.pathKeyword, load.pathArg), call.unit);
    if (path) out.add(path);
  }
  return out;
}

export const unversionedModelArtifact = createRule(
  {
    id: 'unversioned-model-artifact',
    family: 'agent',
    category: 'artifacts',
    subtypes: [],
    description: 'Report models saved to a fixed path with no version in it',
    defaultSeverity: 'warning',
    recommended: true,
    appliesTo: ['python', 'notebook'],
    scope: 'program',
    reads: ['source'],
  },
  (ctx) => {
    const program = ctx.program;
    if (!program) return;
    const loaded = loadedPaths(program);
    for (const call of program.semantics.calls) {
      const save = match(program, call);
      if (!save) continue;
      const pathExpr = argumentOf(call, save.pathKeyword, save.pathArg);
      const path = fixedPath(program, pathExpr, call.unit);
      if (path === undefined || path === '' || VERSION_MARKERS.test(path)) continue;
      const receiver = call.callee.type === 'attribute' ? field(call.callee, 'object') : undefined;
      const objectExpr = save.objectArg !== undefined ? call.positional[save.objectArg] : save.callee.startsWith('.') ? receiver : undefined;
      const objectText = objectExpr ? text(objectExpr) : '';
      if (save.callee === '.save') {
        if (!MODEL_WORDS.test(objectText) || DATA_EXTENSIONS.test(path)) continue;
      } else if (!save.alwaysModel && !MODEL_WORDS.test(objectText) && !MODEL_WORDS.test(path)) continue;
      const unit = program.units[call.unit]!;
      const shown = save.callee.startsWith('.') ? `${objectText.length <= 30 ? objectText : '…'}${save.callee}` : save.callee;
      // Saved and loaded back by the same program: the save/load round trip of a tutorial.
      const roundTrip = loaded.has(path);
      ctx.reportNode(
        unit,
        call.callee,
        roundTrip
          ? `\`${shown}\` saves the model to a fixed path ("${path}") that this code loads back: if it is more than a save/load check, each run overwrites the last model; put a version or timestamp in the path, or log it to a model registry.`
          : `\`${shown}\` saves the model to a fixed path ("${path}") with no version: each run overwrites the last model, so you cannot tell which one is deployed or roll back; put a version or timestamp in the path, or log it to a model registry.`,
        roundTrip ? { severity: 'hint' } : {},
      );
    }
  },
);
