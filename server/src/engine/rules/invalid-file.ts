import { createRule } from '../rule';

/**
 * A file Preflight could not read or load (bad JSON, unsupported nbformat, not UTF-8, over the
 * size limit). The finding is made by analyze() itself, since there is no document to check;
 * the rule exists so it has an id, a doc page and a severity users can configure.
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
