/**
 * A bulk insert of rows collected under a guard: the list it writes is built in the same
 * function, and every row put into it is added only when a lookup says it is missing —
 *   `for t in titles:`
 *   `    if not Category.objects.filter(title=t).exists(): new.append(Category(title=t))`
 *   `Category.objects.bulk_create(new)`
 * — a hand-written get-or-create for many rows: run again, the rows are found and nothing is
 * inserted twice. The guard of each `append`/`extend`/`insert` is the same check a single insert
 * gets (guards.ts `isGuarded`), so this stays one definition of "guarded".
 */
import { field, lastNameOf, text, walk, type PyNode } from '../python/syntax';

const BULK_WRITES = new Set(['bulk_create', 'add_all', 'insert_many', 'bulk_save_objects', 'bulk_insert_mappings']);
const LIST_ADDS = new Set(['append', 'extend', 'insert']);
const SCOPES = new Set(['function_definition', 'lambda', 'module']);

function scopeOf(node: PyNode): PyNode | undefined {
  let n: PyNode | null = node.parent;
  while (n && !SCOPES.has(n.type)) n = n.parent;
  return n ?? undefined;
}

/**
 * Is `call` a bulk insert of a list that starts empty in its function (`rows = []`) and into
 * which every addition before the call is guarded by `guarded` (and nothing else assigns it)?
 */
export function insertsGuardedCollection(call: PyNode, guarded: (add: PyNode) => boolean): boolean {
  const callee = field(call, 'function');
  if (!callee || !BULK_WRITES.has(lastNameOf(callee) ?? '')) return false;
  const first = (field(call, 'arguments')?.children ?? []).find((c) => c.named && c.type !== 'keyword_argument' && c.type !== 'comment');
  if (first?.type !== 'identifier') return false;
  const name = text(first);
  const scope = scopeOf(call);
  if (!scope) return false;
  let starts = 0;
  let other = false;
  const adds: PyNode[] = [];
  walk(scope, (x) => {
    if (x !== scope && (x.type === 'function_definition' || x.type === 'class_definition' || x.type === 'lambda')) return false;
    if (x.start >= call.start) return false;
    if (x.type === 'assignment' || x.type === 'augmented_assignment') {
      const left = field(x, 'left');
      if (left?.type === 'identifier' && text(left) === name) {
        const right = field(x, 'right');
        if (x.type === 'assignment' && right?.type === 'list' && !right.children.some((c) => c.named && c.type !== 'comment')) starts++;
        else other = true;
      }
    }
    if (x.type === 'call') {
      const f = field(x, 'function');
      if (f?.type === 'attribute' && field(f, 'object')?.type === 'identifier' && text(field(f, 'object')!) === name && LIST_ADDS.has(text(field(f, 'attribute')!))) adds.push(x);
    }
    return true;
  });
  return starts === 1 && !other && adds.length > 0 && adds.every(guarded);
}
