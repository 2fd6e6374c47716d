/**
 * The side-effect catalogue in force: the built-in entries plus the user's
 * `[tool.preflight.idempotency] effects = [...]` (idempotency/settings.ts validates them).
 */
import { SIDE_EFFECTS, type SideEffectEntry } from '../catalogues/sideEffects';
import type { ResolvedConfig } from '../config/resolved';

const memo = new WeakMap<object, readonly SideEffectEntry[]>();

export function effectCatalogue(config: ResolvedConfig): readonly SideEffectEntry[] {
  const user = config.settingsOf('idempotency');
  if (!user.effects && !user['ignore-effects']) return SIDE_EFFECTS;
  let merged = memo.get(user);
  if (!merged) {
    const ignored = user['ignore-effects'] ?? [];
    const extra: SideEffectEntry[] = (user.effects ?? []).map((e) => ({
      family: 'http',
      callees: e.callees,
      effect: e.effect,
      outcome: e.outcome ?? 'does it {again}',
      remedy: e.remedy ?? 'make it idempotent (a key derived from the inputs) or check whether it was already done',
      ...(e.evidence ? { evidence: e.evidence } : {}),
    }));
    merged = [...SIDE_EFFECTS.map((s) => (ignored.length ? { ...s, exclude: [...(s.exclude ?? []), ...ignored] } : s)), ...extra];
    memo.set(user, merged);
  }
  return merged;
}
