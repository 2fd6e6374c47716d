/**
 * Turn the user's `[tool.preflight.randomness]` rows (validated by the zod schema in
 * randomness/settings.ts) into catalogue entries, so a team can teach Preflight its own
 * seeding helper or an in-house estimator without code.
 */
import type { GeneratorEntry, MethodEntry, ParamEntry, RandomnessCatalogue } from '../catalogues/randomness';
import { DEFAULT_CATALOGUE } from '../catalogues/randomness';
import type { RandomnessSettings } from './settings';

export function userCatalogue(raw: RandomnessSettings): RandomnessCatalogue {
  const params: ParamEntry[] = (raw.params ?? []).map((p) => ({
    name: p.name,
    params: p.params,
    ...(p.position !== undefined ? { position: p.position } : {}),
    ...(p.when ? { when: { param: p.when.param, values: p.when.values, ...(p.when.position !== undefined ? { position: p.when.position } : {}) } } : {}),
    ...(p.fix !== false ? { fixParam: p.params[0]! } : {}),
  }));
  const methods: MethodEntry[] = (raw.methods ?? []).map((m) => ({
    method: m.method,
    receivers: m.receivers,
    params: m.params,
    fixParam: m.params[0]!,
  }));
  const generators: GeneratorEntry[] = (raw.generators ?? []).map((g) => ({
    name: g.name,
    params: g.params ?? [],
    position: g.position ?? 0,
    seedMethods: g['seed-methods'] ?? [],
    fix: { kind: 'argument' },
  }));
  return {
    draws: (raw.draws ?? []).map((d) => ({ name: d.name, rng: d.rng, ...(d.explicit ? { explicit: d.explicit } : {}) })),
    seeds: (raw.seeds ?? []).map((s) => ({ name: s.name, rngs: s.rngs })),
    params,
    methods,
    generators,
    determinism: DEFAULT_CATALOGUE.determinism,
  };
}
