/** The readiness checklist: model, item catalogue, git scope, evaluation and renderings. */
export * from './model';
export { ITEMS, type ItemSpec, type RuleSelector } from './items';
export { computeChecklist, ChecklistScopeError, type ChecklistOptions } from './run';
export { evaluateChecklist, rulesFor } from './evaluate';
export { formatChecklistMarkdown, formatChecklistText, evidenceLocation, scopeDescription } from './format';
export { resolveGitScope, type GitScope } from './git';
