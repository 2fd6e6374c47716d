/**
 * An effect a retry cannot repeat: the place is run again only when an exception escapes it
 * (tenacity / backoff decorators, a Celery task's retry), the effect's own failure is caught and
 * not re-raised, and nothing after it can let an exception out. Then no attempt fails once the
 * effect has happened, so no retry follows it:
 *
 *     @shared_task(autoretry_for=(Exception,))
 *     def refresh_all():
 *         for url in urls():
 *             try:
 *                 refresh_one.delay(url)        # a failure is logged, never retried
 *             except Exception as e:
 *                 log.warning("…", e)
 *
 * "Nothing after it can raise" is read from the syntax, conservatively: what follows the `try`,
 * up to the end of the place, may only be more such `try` statements, `pass`, `continue`, `break`,
 * a bare `return` or one of a constant or name, and `print` / logging calls; the `try` may sit in
 * loops and `if` branches, never inside a `with` (its exit — a commit — can fail) or another
 * `try` (whose handler may re-raise).
 */
import { field, lastNameOf, namedChildren, text, walk, type PyNode } from '../python/syntax';

const BROAD = new Set(['Exception', 'BaseException']);
const LOGGERS = new Set(['print', 'debug', 'info', 'warning', 'warn', 'error', 'exception', 'critical', 'log']);
const PASS_THROUGH = new Set(['block', 'for_statement', 'while_statement', 'if_statement', 'elif_clause', 'else_clause']);

/** Does a retry of `place` (a def run again only on an escaping exception) never repeat `node`? */
export function failureSwallowedToTheEnd(node: PyNode, place: PyNode): boolean {
  let swallowing: PyNode | undefined;
  for (let n = node.parent; n && n !== place; n = n.parent) {
    if (n.type === 'try_statement') {
      if (swallowing || field(n, 'body') === undefined || !isAncestor(field(n, 'body')!, node) || !swallowsAll(n)) return false;
      swallowing = n;
    }
  }
  if (!swallowing) return false;
  let child: PyNode = swallowing;
  for (let n = swallowing.parent; n && n !== place; child = n, n = n.parent) {
    if (!PASS_THROUGH.has(n.type)) return false;
    if (n.type === 'block' && !restIsQuiet(n, child)) return false;
  }
  return true;
}

function isAncestor(a: PyNode, n: PyNode): boolean {
  return n.start >= a.start && n.end <= a.end;
}

/** A handler for every exception (`except:`, `except Exception`) that raises nothing, and no `finally`. */
function swallowsAll(tryStmt: PyNode): boolean {
  if (tryStmt.children.some((c) => c.type === 'finally_clause')) return false;
  const handlers = tryStmt.children.filter((c) => c.type === 'except_clause');
  const broad = handlers.find((h) => {
    const caught = h.children.filter((c) => c.named && c.type !== 'block' && c.type !== 'comment');
    if (!caught.length) return true;
    let c: PyNode | undefined = caught[0];
    if (c?.type === 'as_pattern') c = c.children.find((x) => x.named);
    return caught.length === 1 && c?.type === 'identifier' && BROAD.has(text(c));
  });
  if (!broad) return false;
  // Every handler the effect's failure could reach must let nothing out.
  return handlers.every((h) => isQuietBlock(h.children.find((c) => c.type === 'block')));
}

function isQuietBlock(block: PyNode | undefined): boolean {
  return !!block && namedChildren(block).every(isQuiet);
}

/** The statements after `child` in `block` cannot raise (see the module comment). */
function restIsQuiet(block: PyNode, child: PyNode): boolean {
  const rest = namedChildren(block).filter((s) => s.start >= child.end);
  return rest.every((s) => isQuiet(s) || (s.type === 'try_statement' && swallowsAll(s)));
}

function isQuiet(s: PyNode): boolean {
  switch (s.type) {
    case 'comment':
    case 'pass_statement':
    case 'continue_statement':
    case 'break_statement':
      return true;
    case 'return_statement': {
      const value = namedChildren(s)[0];
      return !value || ['identifier', 'none', 'true', 'false', 'integer', 'string'].includes(value.type);
    }
    case 'expression_statement': {
      const call = namedChildren(s)[0];
      if (call?.type !== 'call') return false;
      const name = lastNameOf(field(call, 'function')!);
      if (!name || !LOGGERS.has(name)) return false;
      // Arguments that call something else may raise; f-strings and names do not (in practice).
      let calls = false;
      walk(field(call, 'arguments')!, (x) => {
        if (x.type === 'call' && !['str', 'repr', 'len'].includes(lastNameOf(field(x, 'function')!) ?? '')) calls = true;
        return !calls;
      });
      return !calls;
    }
    default:
      return false;
  }
}
