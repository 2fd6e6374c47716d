/** Control flow inside `while True` loops: is it a retry loop, and can a failure ever end it. */
import { field, type PyNode } from '../python/syntax';

const SCOPES = new Set(['function_definition', 'lambda', 'class_definition']);
const LOOPS = new Set(['for_statement', 'while_statement']);

/** `while True:` / `while 1:`. */
export function isInfiniteWhile(n: PyNode): boolean {
  if (n.type !== 'while_statement') return false;
  const cond = field(n, 'condition');
  return !!cond && (cond.type === 'true' || (cond.type === 'integer' && cond.source.slice(cond.start, cond.end) !== '0'));
}

/**
 * Statements under `root` that leave the loop `root` belongs to: `return`, `raise`, `break`
 * (not the `break` of an inner loop), `sys.exit(…)`/`exit(…)`. Nested functions and classes
 * are other code and are skipped. `skip` excludes a subtree (the try body of the retry).
 */
export function loopExits(root: PyNode, skip?: PyNode): PyNode[] {
  const out: PyNode[] = [];
  const stack: { n: PyNode; inner: boolean }[] = root.children.map((n) => ({ n, inner: false }));
  while (stack.length) {
    const { n, inner } = stack.pop()!;
    if (n === skip || SCOPES.has(n.type)) continue;
    if (n.type === 'return_statement' || n.type === 'raise_statement' || (n.type === 'break_statement' && !inner)) out.push(n);
    if (n.type === 'call') {
      const fn = field(n, 'function');
      const name = fn ? fn.source.slice(fn.start, fn.end) : '';
      if (/^(sys\.exit|exit|quit|os\._exit)$/.test(name)) out.push(n);
    }
    const nowInner = inner || LOOPS.has(n.type);
    for (const c of n.children) stack.push({ n: c, inner: nowInner });
  }
  return out;
}

/**
 * The try statement that makes a `while True` loop a retry loop: directly in the loop body,
 * its try block leaves the loop on success, and an except clause lets failure loop again.
 */
export function retryTry(loop: PyNode): PyNode | undefined {
  const body = field(loop, 'body');
  for (const stmt of body?.children ?? []) {
    if (stmt.type !== 'try_statement') continue;
    const tryBody = field(stmt, 'body');
    if (!tryBody || loopExits(tryBody).length === 0) continue;
    const handlers = stmt.children.filter((c) => c.type === 'except_clause' || c.type === 'except_group_clause');
    if (handlers.some((h) => loopExits(h).length === 0)) return stmt;
  }
  return undefined;
}
