import { createRule, nodeRange } from '../rule';

/**
 * One finding per unit (file or cell) at the first syntax error; the rest is still analysed.
 * Only errors CPython (after IPython's input transformations, in notebooks) would raise too:
 * tree-sitter's parse may stumble on code CPython accepts, so its errors are confirmed first
 * (python/parser.ts `confirmSyntaxError`); an unconfirmed one is not reported. What the grammar
 * accepts and CPython rejects (Python 2 syntax) comes from python/lenientGrammar.ts, and a
 * misplaced cell magic is reported with the UsageError IPython stops the cell with.
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
    scope: 'cell',
  },
  (ctx) => {
    for (const unit of ctx.program?.units ?? []) {
      const err = unit.syntaxError;
      if (!err?.confirmed) continue;
      const unexpected = err.unexpected.trim().split('\n')[0];
      const what = err.message ?? (err.unexpected.startsWith('missing') ? err.unexpected : unexpected ? `unexpected \`${unexpected}\`` : 'unexpected end of input');
      // A misplaced cell magic compiles, then stops the cell with IPython's UsageError.
      const message = err.usage
        ? `IPython stops this cell with UsageError: ${what} A cell magic (\`%%\`) only works on the first line of a cell: move it above everything else, comments included.`
        : `Syntax error: ${what}. Preflight still checks the rest, but names defined past this point may be missed.`;
      ctx.report({
        range: nodeRange(unit, err),
        message,
        ...(unit.cell !== undefined ? { cell: unit.cell } : {}),
      });
    }
  },
);
