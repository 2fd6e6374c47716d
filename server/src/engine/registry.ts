/**
 * The explicit list of rules (ESLint's lib/rules/index.js, typescript-eslint's rules/index.ts).
 * Each family keeps its own list in registry/<family>.ts so families grow without touching
 * each other; this file joins them and answers look-ups by id.
 */
import type { Rule } from './rule';
import * as agent from './registry/agent';
import * as core from './registry/core';
import * as dependencies from './registry/dependencies';
import * as hiddenState from './registry/hiddenState';
import * as idempotency from './registry/idempotency';
import * as randomness from './registry/randomness';

/** Config sections (`[tool.preflight.<key>]`) each family reads, with their schemas. */
export const familySettings = {
  randomness: randomness.settings,
  dependencies: dependencies.settings,
  idempotency: idempotency.settings,
  'hidden-state': hiddenState.settings,
  agent: agent.settings,
} as const;

export const allRules: readonly Rule[] = [
  ...core.rules,
  ...randomness.rules,
  ...dependencies.rules,
  ...idempotency.rules,
  ...hiddenState.rules,
  ...agent.rules,
].slice().sort((a, b) => a.meta.id.localeCompare(b.meta.id));

const byId = new Map(allRules.map((r) => [r.meta.id, r]));

export function ruleById(id: string): Rule | undefined {
  return byId.get(id);
}

export const ruleIds: readonly string[] = allRules.map((r) => r.meta.id);
