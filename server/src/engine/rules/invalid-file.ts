import { createRule } from '../rule';

/**
 * A file Preflight could not read or load (bad JSON, unsupported nbformat, not UTF-8, over the
 * size limit, or over the time budget). analyze() reports it from this rule's metadata, since there
 * is no document to check; like any rule it can be turned off or given another severity.
 */
export const invalidFile = createRule(
  {
    id: 'invalid-file',
    family: 'core',
    category: 'file',
    subtypes: [],
    description: 'Report files that could not be read or loaded',
    defaultSeverity: 'warning',
    recommended: true,
    appliesTo: ['python', 'notebook', 'manifest'],
  },
  () => {},
);
