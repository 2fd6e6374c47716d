import { createRule, nodeRange } from '../rule';

/**
 * One finding per unit (file or cell) at the first syntax error; the rest is still analysed.
 * Only errors CPython (after IPython's input transformations, in notebooks) would raise too:
 * tree-sitter's parse may stumble on code CPython accepts, so its errors are confirmed first
 * (python/parser.ts `confirmSyntaxError`); an unconfirmed one is not reported.
 */
export const syntaxError = createRule(
  {
    id: 'syntax-error',
    family: 'core',
    category: 'file',
    subtypes: [],
    description: 'Report Python code that does not parse',
    defaultSeverity: 'error',
    recommended: true,
    appliesTo: ['python', 'notebook'],
  },
  (ctx) => {
    for (const unit of ctx.program?.units ?? []) {
      const err = unit.syntaxError;
      if (!err?.confirmed) continue;
      const unexpected = err.unexpected.trim().split('\n')[0];
      const what = err.message ?? (err.unexpected.startsWith('missing') ? err.unexpected : unexpected ? `unexpected \`${unexpected}\`` : 'unexpected end of input');
      ctx.report({
        range: nodeRange(unit, err),
        message: `Syntax error: ${what}. Preflight still checks the rest, but names defined past this point may be missed.`,
        ...(unit.cell !== undefined ? { cell: unit.cell } : {}),
      });
    }
  },
);
