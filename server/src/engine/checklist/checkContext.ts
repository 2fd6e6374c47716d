/** What a project check gets and gives (./checks.ts, ./productionChecks.ts). */
import type { CodeIndex } from './code';
import type { ProjectFacts } from './facts';
import type { ChecklistStatus, Evidence } from './model';

export interface CheckResult {
  status: ChecklistStatus;
  summary: string;
  evidence: Evidence[];
  /** Files whose content or presence decided the result (relative to the root). */
  lookedAt?: readonly string[];
}

export interface CheckContext {
  facts: ProjectFacts;
  /** Rule ids the registry has for a taxonomy subtype (so a check can defer to a rule). */
  rulesCovering(subtype: string): readonly string[];
  /** Enabled rule ids of a category (so a check can leave to a rule what the rule reports). */
  rulesInCategory(category: string): readonly string[];
  /** The workspace's Python code, parsed once, for the production items (./code.ts). */
  code: CodeIndex;
}
