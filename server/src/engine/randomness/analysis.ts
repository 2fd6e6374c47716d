/**
 * Seed-order analysis shared by the randomness rules: which calls seed which global RNGs, which
 * calls draw from them, and whether a draw has a seed of its RNG before it in execution order.
 *
 * "Before" follows ../shared/spec/TAXONOMY.md: top-down cells in a notebook (a seed in a later
 * cell does not count), source order in a script, and for code inside a function a seed earlier
 * in the same body, a module-level seed before the draw, or every call of the function being
 * seeded itself (so `def main(): …` called after `np.random.seed(0)` is fine). Calls to the
 * project's own helpers that seed (`def seed_everything(s): random.seed(s); …`) count as seeds,
 * whether the helper is defined in the file or imported from another project module
 * (`from helper_functions import set_seeds`, python/projectSummaries.ts); a draw in a method or
 * `__init__` is seeded when every call of it (a class called is a call of its `__init__`) is.
 *
 * Computed once per program, catalogue and project (the four rules share it); a cached analysis
 * is reused only while the imported helpers it asked about still seed the same RNGs.
 */
import type { ResolvedConfig } from '../config/resolved';
import { derived, derivedKey } from '../derived';
import { CatalogueIndex, DEFAULT_CATALOGUE, ENTROPY_SEED_PATTERN, type DrawEntry, type RandomnessCatalogue, type RngId } from '../catalogues/randomness';
import type { PythonProgram } from '../python/program';
import type { ProjectContext } from '../project';
import { importedSummary, projectSummaries, type SummaryKind } from '../python/projectSummaries';
import { callFact, callGraphOf, enclosingFunction, summarize, type SummarySpec } from '../python/callGraph';
import type { CallSite, FunctionInfo } from '../python/semantics';
import { text, type PyNode } from '../python/syntax';
import { userCatalogue } from './userCatalogue';
import { qualifiedName } from '../python/resolve';

export interface SeedEvent {
  readonly call: CallSite;
  readonly rngs: ReadonlySet<RngId>;
}

export interface DrawSite {
  readonly call: CallSite;
  readonly entry: DrawEntry;
  readonly rng: RngId;
  /** A seed of `rng` runs before the draw on every path we can see. */
  readonly seeded: boolean;
}

export interface RandomnessAnalysis {
  readonly index: CatalogueIndex;
  readonly seeds: readonly SeedEvent[];
  readonly draws: readonly DrawSite[];
  /** RNGs seeded somewhere in the program (any order). */
  readonly seededAnywhere: ReadonlySet<RngId>;
  /** A seed of `rng` runs before `call` on every path we can see (the test draws get). */
  seededBefore(call: CallSite, rng: RngId): boolean;
  /** Qualified name of a call's callee (cached). */
  qualifiedCallee(call: CallSite): string | undefined;
}

/** How many levels of callers a draw inside a function looks up for seeds (every caller seeded). */
const MAX_CALL_DEPTH = 4;
const NO_RNGS: ReadonlySet<RngId> = new Set();

const cataloguesByRaw = new WeakMap<object, CatalogueIndex>();
const defaultIndex = new CatalogueIndex(DEFAULT_CATALOGUE);

/** The default catalogue plus the user's `[tool.preflight.randomness]` rows. */
export function catalogueIndexFor(config: ResolvedConfig): CatalogueIndex {
  const raw = config.settingsOf('randomness');
  if (Object.keys(raw).length === 0) return defaultIndex;
  let idx = cataloguesByRaw.get(raw);
  if (!idx) {
    const extra: RandomnessCatalogue = userCatalogue(raw);
    idx = new CatalogueIndex({
      draws: [...DEFAULT_CATALOGUE.draws, ...extra.draws],
      seeds: [...DEFAULT_CATALOGUE.seeds, ...extra.seeds],
      params: [...DEFAULT_CATALOGUE.params, ...extra.params],
      methods: [...DEFAULT_CATALOGUE.methods, ...extra.methods],
      generators: [...DEFAULT_CATALOGUE.generators, ...extra.generators],
      determinism: DEFAULT_CATALOGUE.determinism,
    });
    cataloguesByRaw.set(raw, idx);
  }
  return idx;
}

/** The project a file belongs to, for seeding helpers imported from its other modules. */
export interface ProjectFile {
  readonly project: ProjectContext;
  readonly file: string;
}

interface Cached {
  readonly analysis: RandomnessAnalysis;
  readonly project: ProjectContext | undefined;
  readonly file: string | undefined;
  /** What a call of each imported name seeded when the analysis was made. */
  readonly imported: ReadonlyMap<CallSite, ReadonlySet<RngId> | undefined>;
}

/** Analyses of a program, one per catalogue (projects may extend the catalogue). */
const ANALYSES = derivedKey<Map<CatalogueIndex, Cached>>('randomness.analyses');

/**
 * The seed-order analysis of a program. With the project and file (rules pass `ctx.project`,
 * `ctx.file`), calls of seeding helpers imported from the project's other modules count as seeds.
 */
export function randomnessOf(program: PythonProgram, config: ResolvedConfig, where?: ProjectFile): RandomnessAnalysis {
  const index = catalogueIndexFor(config);
  const byIndex = derived(program, ANALYSES, () => new Map());
  const hit = byIndex.get(index);
  if (hit && hit.project === where?.project && hit.file === where?.file && stillSeeds(program, index, where, hit.imported)) return hit.analysis;
  const imported = new Map<CallSite, ReadonlySet<RngId> | undefined>();
  const analysis = analyse(program, index, where, imported);
  byIndex.set(index, { analysis, project: where?.project, file: where?.file, imported });
  return analysis;
}

/** The imported helpers a cached analysis asked about still seed what they did (a module may have been edited). */
function stillSeeds(program: PythonProgram, index: CatalogueIndex, where: ProjectFile | undefined, imported: ReadonlyMap<CallSite, ReadonlySet<RngId> | undefined>): boolean {
  if (!where) return true;
  for (const [call, before] of imported) {
    const now = importedSummary(where.project, where.file, program, call, seedKind(index));
    if (!sameRngs(now, before)) return false;
  }
  return true;
}

function sameRngs(a: ReadonlySet<RngId> | undefined, b: ReadonlySet<RngId> | undefined): boolean {
  if (!a || !b) return (a?.size ?? 0) === (b?.size ?? 0);
  return a.size === b.size && [...a].every((r) => b.has(r));
}

function isNoneLiteral(n: PyNode | undefined): boolean {
  return !!n && n.type === 'none';
}

/** RNGs a call seeds directly (a catalogue seed with a real seed argument). */
function directSeeds(index: CatalogueIndex, q: string | undefined, call: CallSite): RngId[] {
  const entry = q ? index.seed(q) : undefined;
  if (!entry) return [];
  // `random.seed()` / `np.random.seed(None)` re-seed from OS entropy: not a seed.
  const first = call.positional[0] ?? call.keywords.get('seed') ?? call.keywords.get('a') ?? call.keywords.values().next().value;
  if (!first && !call.hasStarArgs && !call.hasStarKwargs) return [];
  if (isNoneLiteral(first)) return [];
  if (first && ENTROPY_SEED_PATTERN.test(text(first))) return [];
  return [...entry.rngs];
}

const joinRngs = (a: ReadonlySet<RngId>, b: ReadonlySet<RngId>): ReadonlySet<RngId> => (b.size === 0 ? a : a.size === 0 ? b : new Set([...a, ...b]));

/**
 * RNGs a function of a program seeds when it runs: its own seed calls and its helpers', to a
 * fixpoint over the call graph (so `def seed_everything(s): …` counts as a seed).
 */
function seedSpecOf(program: PythonProgram, index: CatalogueIndex, qualifiedCallee?: (call: CallSite) => string | undefined): Omit<SummarySpec<ReadonlySet<RngId>>, 'external'> {
  const q = qualifiedCallee ?? ((call: CallSite) => qualifiedName(program, call.callee, call.unit));
  return {
    local: () => NO_RNGS,
    atCall: (call) => {
      const rngs = directSeeds(index, q(call), call);
      return rngs.length ? new Set(rngs) : NO_RNGS;
    },
    join: joinRngs,
    equals: (a, b) => a.size === b.size,
  };
}

const seedKinds = new WeakMap<CatalogueIndex, SummaryKind<ReadonlySet<RngId>>>();
let seedKindIds = 0;

/** The summary kind "RNGs a function seeds" of one catalogue, for the project's other modules. */
function seedKind(index: CatalogueIndex): SummaryKind<ReadonlySet<RngId>> {
  let kind = seedKinds.get(index);
  if (!kind) {
    kind = { id: `randomness.seeds.${seedKindIds++}`, spec: (program) => seedSpecOf(program, index) };
    seedKinds.set(index, kind);
  }
  return kind;
}

function analyse(program: PythonProgram, index: CatalogueIndex, where: ProjectFile | undefined, imported: Map<CallSite, ReadonlySet<RngId> | undefined>): RandomnessAnalysis {
  const sem = program.semantics;
  const graph = callGraphOf(program);
  const qualified = new Map<CallSite, string | undefined>();
  const qualifiedCallee = (call: CallSite) => {
    if (!qualified.has(call)) qualified.set(call, qualifiedName(program, call.callee, call.unit));
    return qualified.get(call);
  };

  // RNGs a function of the program seeds when it runs, with calls of functions imported from
  // the project's other modules answered by those modules' own seed summaries.
  const seedSpec: SummarySpec<ReadonlySet<RngId>> = seedSpecOf(program, index, qualifiedCallee);
  const kind = seedKind(index);
  const fnSeeds = where ? projectSummaries(where.project, where.file, program, kind) : summarize(graph, seedSpec);
  // One look-up per imported name (`random.random` called 10 000 times is asked about once).
  const byName = new Map<string, ReadonlySet<RngId> | undefined>();
  const importedSeeds = (call: CallSite): ReadonlySet<RngId> | undefined => {
    const name = where ? graph.external(call) : undefined;
    if (!where || !name) return undefined;
    if (byName.has(name)) return byName.get(name);
    const rngs = importedSummary(where.project, where.file, program, call, kind);
    byName.set(name, rngs);
    imported.set(call, rngs);
    return rngs;
  };
  const seedsOfCall = (call: CallSite): ReadonlySet<RngId> => {
    const own = callFact(graph, seedSpec, fnSeeds, call) ?? NO_RNGS;
    const outside = importedSeeds(call);
    return outside ? joinRngs(own, outside) : own;
  };

  const seeds: SeedEvent[] = [];
  const seededAnywhere = new Set<RngId>();
  for (const call of sem.calls) {
    const rngs = seedsOfCall(call);
    if (!rngs.size) continue;
    seeds.push({ call, rngs });
    for (const r of rngs) seededAnywhere.add(r);
  }

  const orderOf = (c: { unit: number; node: PyNode }) => sem.order(c.unit, c.node.start);
  // Earliest module-level seed of each RNG: a draw after it (in execution order) is seeded.
  const firstModuleSeed = new Map<RngId, number>();
  for (const s of seeds) {
    if (s.call.fn) continue;
    const o = orderOf(s.call);
    for (const r of s.rngs) if (!(firstModuleSeed.get(r)! <= o)) firstModuleSeed.set(r, o);
  }
  const seedsIn = new Map<FunctionInfo, SeedEvent[]>();
  for (const s of seeds) if (s.call.fn) seedsIn.set(s.call.fn, [...(seedsIn.get(s.call.fn) ?? []), s]);

  const isSeededAt = (site: { unit: number; node: PyNode; fn?: FunctionInfo | undefined }, rng: RngId, depth: number, visiting: Set<FunctionInfo>): boolean => {
    const at = orderOf(site);
    const firstSeed = firstModuleSeed.get(rng);
    if (firstSeed !== undefined && firstSeed < at) return true;
    const fn = site.fn;
    if (!fn) return false;
    // A seed earlier in the same body (or in an enclosing function's body before the def).
    for (let f: FunctionInfo | undefined = fn; f; f = enclosingFunction(f)) {
      const bodyStart = f === fn ? -1 : f.node.start;
      const limit = f === fn ? site.node.start : fnAncestorStart(fn, f);
      if ((seedsIn.get(f) ?? []).some((s) => s.call.unit === site.unit && s.call.node.start < limit && s.call.node.start > bodyStart && s.rngs.has(rng))) return true;
    }
    if (depth >= MAX_CALL_DEPTH || visiting.has(fn)) return false;
    // Every call that may run the function (a class called runs its `__init__`: a constructor
    // edge). Calls from the function itself or from functions being asked about are left out:
    // recursion (and `super().__init__()` taken for a call of the same `__init__`) only runs
    // after some other call has.
    const next = new Set(visiting).add(fn);
    const callers = graph.callers(fn).filter((c) => !c.fn || !next.has(c.fn));
    if (!callers.length) return false;
    return callers.every((c) => isSeededAt(c, rng, depth + 1, next));
  };

  const draws: DrawSite[] = [];
  for (const call of sem.calls) {
    const q = qualifiedCallee(call);
    const entry = q ? index.draw(q) : undefined;
    if (!entry) continue;
    if (entry.explicit?.some((k) => call.keywords.has(k) && !isNoneLiteral(call.keywords.get(k)))) continue;
    let rng = entry.rng;
    if (entry.deviceParam) {
      const device = call.keywords.get(entry.deviceParam);
      if (device && /cuda/.test(text(device))) rng = 'torch-cuda';
    }
    draws.push({ call, entry, rng, seeded: isSeededAt(call, rng, 0, new Set()) });
  }

  const seededBefore = (call: CallSite, rng: RngId) => isSeededAt(call, rng, 0, new Set());
  return { index, seeds, draws, seededAnywhere, seededBefore, qualifiedCallee };
}

/** Start offset of the def (inside `outer`) that leads down to `inner`. */
function fnAncestorStart(inner: FunctionInfo, outer: FunctionInfo): number {
  let f: FunctionInfo | undefined = inner;
  while (f && enclosingFunction(f) !== outer) f = enclosingFunction(f);
  return f ? f.node.start : -1;
}
