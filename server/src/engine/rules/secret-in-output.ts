/**
 * Credentials in saved cell outputs. A key printed by `print(os.environ[…])`, `%env`, `!cat
 * .env` or an echoed config is saved in the `.ipynb` and committed with it, even when the
 * source reads the key from the environment. No other linter reads outputs.
 */
import type * as nbformat from '@jupyterlab/nbformat';
import { findProviderSecrets, maskSecret } from '../agent/secrets';
import { jsonText } from '../jsonText';
import { LineIndex } from '../model';
import { createRule } from '../rule';

function joined(v: unknown): string {
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return v.filter((x) => typeof x === 'string').join('');
  if (v && typeof v === 'object') return jsonText(v);
  return '';
}

/** The text an output shows (stream text, rich data of text types, error messages). */
export function outputTexts(output: nbformat.IOutput): string[] {
  const o = output as Record<string, unknown>;
  switch (output.output_type) {
    case 'stream':
      return [joined(o.text)];
    case 'execute_result':
    case 'display_data':
    case 'update_display_data': {
      const data = (o.data ?? {}) as Record<string, unknown>;
      return Object.entries(data)
        .filter(([mime]) => mime.startsWith('text/') || mime.endsWith('json'))
        .map(([, v]) => joined(v));
    }
    case 'error':
      return [joined(o.evalue), joined(o.traceback)];
    default:
      return [];
  }
}

export const secretInOutput = createRule(
  {
    id: 'secret-in-output',
    family: 'agent',
    category: 'secrets',
    subtypes: [],
    description: 'Report credentials saved in notebook cell outputs',
    defaultSeverity: 'error',
    recommended: true,
    appliesTo: ['notebook'],
    scope: 'program',
    reads: ['source', 'outputs'],
  },
  (ctx) => {
    ctx.notebook?.cells.forEach((cell, index) => {
      if (cell.kind !== 'code' || !cell.outputs?.length) return;
      const seen = new Set<string>();
      for (const output of cell.outputs) {
        for (const t of outputTexts(output)) {
          for (const m of findProviderSecrets(t)) {
            if (seen.has(m.value)) continue;
            seen.add(m.value);
            // Outputs have no place in the source: point at the cell's first line.
            const first = new LineIndex(cell.source).lineText(0);
            ctx.report({
              cell: index,
              range: { start: { line: 0, column: 0 }, end: { line: 0, column: first.length } },
              message: `The saved output of this cell shows ${m.kind.what} (${maskSecret(m.value)}): outputs are committed with the notebook; clear the output, stop printing the key, and rotate it.`,
            });
          }
        }
      }
    });
  },
);
