/**
 * The explicit list of rules (ESLint's lib/rules/index.js, typescript-eslint's rules/index.ts).
 * Each family keeps its own list in registry/<family>.ts so families grow without touching
 * each other (a family's settings schema lives with the family, <family>/settings.ts); this
 * file joins them and answers look-ups by id.
 */
import type { Family } from './config/schema';
import type { Rule } from './rule';
import * as agent from './registry/agent';
import * as core from './registry/core';
import * as dependencies from './registry/dependencies';
import * as hiddenState from './registry/hiddenState';
import * as idempotency from './registry/idempotency';
import * as randomness from './registry/randomness';

/** Each family's rules; a rule's `meta.family` names the list it is in (the meta test checks it). */
export const rulesByFamily: { readonly [F in Family]: readonly Rule[] } = {
  core: core.rules,
  randomness: randomness.rules,
  dependencies: dependencies.rules,
  idempotency: idempotency.rules,
  'hidden-state': hiddenState.rules,
  agent: agent.rules,
};

export const allRules: readonly Rule[] = Object.values(rulesByFamily)
  .flat()
  .sort((a, b) => a.meta.id.localeCompare(b.meta.id));

const byId = new Map(allRules.map((r) => [r.meta.id, r]));

export function ruleById(id: string): Rule | undefined {
  return byId.get(id);
}

export const ruleIds: readonly string[] = allRules.map((r) => r.meta.id);
