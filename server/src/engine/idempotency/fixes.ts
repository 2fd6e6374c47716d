/**
 * Quick fixes for non-idempotent effects: `exist_ok=True` (safe), `os.mkdir` → `os.makedirs`
 * (unsafe: it also creates parents), and an idempotency key / header / dedup id with a key
 * derived from the step's inputs (unsafe: a placeholder the user must check). File appends get
 * no fix: the write-once alternative changes the program's shape (the message explains it).
 */
import type { ResolvedConfig } from '../config/resolved';
import type { Fix, TextEdit } from '../model';
import { addKeywordEdit, argumentList, editAt } from '../python/edits';
import type { PythonProgram } from '../python/program';
import type { RerunPlace } from '../python/rerunPlaces';
import { parameterNames, text } from '../python/syntax';
import type { EffectSite } from './effects';

export function idempotencyFix(program: PythonProgram, site: EffectSite, place: RerunPlace, _config: ResolvedConfig): Fix | undefined {
  const unit = program.units[site.call.unit];
  if (!unit || !argumentList(site.call.node)) return undefined;
  // The argument list is there (checked above), so the keyword edit always exists.
  const keyword = (name: string, value: string): TextEdit => addKeywordEdit(unit, site.call.node, name, value)!;
  switch (site.entry.fix) {
    case 'exist-ok':
      return { title: 'Pass exist_ok=True', applicability: 'safe', edits: [keyword('exist_ok', 'True')] };
    case 'mkdir-to-makedirs':
      if (text(site.call.callee) !== 'os.mkdir') return undefined;
      return {
        title: 'Use os.makedirs(..., exist_ok=True)',
        applicability: 'unsafe',
        edits: [editAt(unit, site.call.callee.start, site.call.callee.end, 'os.makedirs'), keyword('exist_ok', 'True')],
      };
    case 'idempotency-key':
      return { title: 'Pass an idempotency_key derived from the inputs', applicability: 'unsafe', edits: [keyword('idempotency_key', keyExpression(site, place))] };
    case 'dedup-id':
      return { title: 'Pass a MessageDeduplicationId derived from the inputs (FIFO queues)', applicability: 'unsafe', edits: [keyword('MessageDeduplicationId', keyExpression(site, place))] };
    case 'idempotency-header': {
      const headers = site.call.keywords.get('headers');
      const entry = `"Idempotency-Key": ${keyExpression(site, place)}`;
      if (!headers) return { title: 'Send an Idempotency-Key header derived from the inputs', applicability: 'unsafe', edits: [keyword('headers', `{${entry}}`)] };
      if (headers.type !== 'dictionary') return undefined;
      const empty = !headers.children.some((c) => c.named && c.type !== 'comment');
      return { title: 'Send an Idempotency-Key header derived from the inputs', applicability: 'unsafe', edits: [editAt(unit, headers.start + 1, headers.start + 1, empty ? entry : `${entry}, `)] };
    }
    default:
      return undefined;
  }
}

/**
 * A key from the step's inputs: `f"charge_customer-{customer_id}-{amount}"` inside a function
 * with parameters; a placeholder string otherwise. Either way the user must check it names the
 * operation exactly once (hence "unsafe").
 */
function keyExpression(site: EffectSite, place: RerunPlace): string {
  const fn = site.call.fn ?? place.functionInfo;
  if (fn) {
    const params = parameterNames(fn.node).filter((p) => !['self', 'cls', 'ctx', 'context', 'config', 'run_manager', 'callbacks'].includes(p));
    if (params.length) return `f"${fn.name}-${params.map((p) => `{${p}}`).join('-')}"`;
  }
  return '"TODO: a key unique to this operation"';
}
