/**
 * Guards that make a side effect safe to run again: an existence check before it
 * (`if not os.path.exists(p): os.mkdir(p)`, `if already_sent(id): return`), a handler for the
 * "already exists" error around it (`except FileExistsError`, `except IntegrityError`), or a
 * lookup of the same model before it with a branch on its result — the check-then-create the
 * remedies ask for:
 *   `existing = session.query(User).filter_by(k=k).first()` then `if not existing: session.add(User(…))`,
 *   `try: Channel.objects.get(rss=r)` / `except Channel.DoesNotExist: Channel.objects.create(…)`.
 */
import { DUPLICATE_EXCEPTIONS, EXISTENCE_CHECKS, LOOKUP_CALLS, NOT_FOUND_EXCEPTIONS } from '../catalogues/sideEffects';
import { field, lastNameOf, text, walk, type PyNode } from '../python/syntax';
import { insertsGuardedCollection } from './collectedRows';

const NEGATION = /^\s*not\b|\bnot\s+in\b|\bis\s+None\b|\bis\s+False\b|==\s*(0|False|None)\b|<\s*1\b/;
const EXITS = new Set(['return_statement', 'continue_statement', 'break_statement', 'raise_statement']);
const BOUNDARIES = new Set(['function_definition', 'class_definition', 'lambda', 'module']);

/** Is the effect at `node` guarded, looking outwards up to `boundary` (the place's node)? */
export function isGuarded(node: PyNode, boundary?: PyNode): boolean {
  if (node.type === 'call' && writesLookedUpRow(node)) return true;
  // A bulk insert of rows each added only when a lookup found it missing (collectedRows.ts).
  if (node.type === 'call' && insertsGuardedCollection(node, (add) => isGuarded(add))) return true;
  const models = node.type === 'call' ? modelsOf(node) : new Set<string>();
  let child = node;
  for (let n = node.parent; n; child = n, n = n.parent) {
    if (n.type === 'if_statement') {
      const cond = field(n, 'condition');
      const condText = cond ? text(cond) : '';
      const inBody = field(n, 'consequence') === child;
      if (inBody && cond && membershipRecorded(cond, n) === 'not in') return true;
      if (EXISTENCE_CHECKS.test(condText) || (cond && testsLookup(cond, models, n))) {
        if (inBody && NEGATION.test(condText)) return true;
        if (!inBody && !NEGATION.test(condText)) return true; // else branch of "if exists"
      }
    }
    if (n.type === 'try_statement' && child.type === 'block') {
      for (const h of n.children.filter((c) => c.type === 'except_clause')) {
        const caught = h.children.filter((c) => c.type !== 'block').map(text).join(' ');
        if (DUPLICATE_EXCEPTIONS.some((e) => caught.includes(e))) return true;
      }
    }
    // The handler of "not found" after a lookup of the same model: `except User.DoesNotExist: User.objects.create(…)`.
    if (n.type === 'except_clause' && child.type === 'block' && n.parent?.type === 'try_statement' && models.size) {
      const caughtNodes = n.children.filter((c) => c.type !== 'block');
      const body = field(n.parent, 'body');
      const notFound = caughtNodes.some((c) => mentions(c, NOT_FOUND)); // `User.DoesNotExist`, `NoResultFound`
      // A bare `except:` (or `except Exception:`) catches the not-found error of the lookup too.
      const broad = caughtNodes.length === 0 || (caughtNodes.length === 1 && isBroadException(caughtNodes[0]!));
      if (notFound && caughtNodes.some((c) => mentions(c, models))) return true;
      if ((notFound || broad) && body && hasLookup(body, models)) return true;
    }
    if (n.type === 'block' || n.type === 'module') {
      // An early exit before the effect: `if os.path.exists(p): return`, `if existing: return`.
      for (const s of n.children) {
        if (s === child) break;
        if (s.type !== 'if_statement') continue;
        const cond = field(s, 'condition');
        const body = field(s, 'consequence');
        const last = body?.children.filter((c) => c.named && c.type !== 'comment').at(-1);
        if (cond && (EXISTENCE_CHECKS.test(text(cond)) || testsLookup(cond, models, s)) && !NEGATION.test(text(cond)) && last && EXITS.has(last.type)) return true;
        if (cond && last && EXITS.has(last.type) && membershipRecorded(cond, s) === 'in') return true;
      }
    }
    if (n === boundary || BOUNDARIES.has(n.type)) break;
  }
  return false;
}

/** Calls that record a key in a collection of done keys. */
const RECORDS = new Set(['add', 'append']);

/**
 * `key in done` / `key not in done`, where the enclosing function also records `key` in `done`
 * (`done.add(key)`, `done.append(key)`, `done[key] = …`): a check of what this code already did
 * (`if destination in ctx.userdata.transferred_to: return …` … `transferred_to.add(destination)`).
 * Which operator it is; undefined for any other condition.
 */
function membershipRecorded(cond: PyNode, at: PyNode): 'in' | 'not in' | undefined {
  if (cond.type !== 'comparison_operator') return undefined;
  const operands = cond.children.filter((c) => c.named);
  const ops = cond.children.filter((c) => !c.named).map((c) => c.type);
  const op = ops.length === 1 && ops[0] === 'in' ? 'in' : ops.length === 1 && ops[0] === 'not in' ? 'not in' : ops.length === 2 && ops[0] === 'not' && ops[1] === 'in' ? 'not in' : undefined;
  if (!op || operands.length !== 2) return undefined;
  const key = text(operands[0]!);
  const done = text(operands[1]!);
  let scope: PyNode | null = at;
  while (scope && !BOUNDARIES.has(scope.type)) scope = scope.parent;
  if (!scope) return undefined;
  let recorded = false;
  walk(scope, (n) => {
    if (recorded) return false;
    if ((n.type === 'function_definition' || n.type === 'lambda' || n.type === 'class_definition') && n !== scope) return false;
    if (n.type === 'call') {
      const callee = field(n, 'function');
      const first = field(n, 'arguments')?.children.find((c) => c.named && c.type !== 'comment');
      if (callee?.type === 'attribute' && RECORDS.has(text(field(callee, 'attribute') ?? callee)) && text(field(callee, 'object') ?? callee) === done && first && text(first) === key) recorded = true;
    } else if (n.type === 'assignment') {
      const left = field(n, 'left');
      if (left?.type === 'subscript' && text(field(left, 'value') ?? left) === done && text(field(left, 'subscript') ?? left) === key) recorded = true;
    }
    return !recorded;
  });
  return recorded ? op : undefined;
}

/** Inserts whose first argument is the row or table written (not a URL or a message). */
const ROW_WRITES = new Set(['add', 'add_all', 'insert', 'insert_one', 'insert_many', 'create', 'bulk_create', 'merge', 'save', 'put_item']);

const isClassName = (s: string) => /^[A-Z]/.test(s);

/**
 * What an insert writes, by name: the model class or table it names (`User` of
 * `User.objects.create(…)`, `session.add(User(…))`, `insert(users)`, `session.add(u)` with
 * `u = User(…)` before it in the function).
 */
function modelsOf(call: PyNode): Set<string> {
  const out = new Set<string>();
  const callee = field(call, 'function');
  if (callee?.type === 'attribute') {
    walk(field(callee, 'object')!, (n) => {
      if (n.type === 'identifier' && isClassName(text(n))) out.add(text(n));
      return n.type !== 'argument_list';
    });
  }
  const args = (field(call, 'arguments')?.children ?? []).filter((c) => c.named && c.type !== 'keyword_argument' && c.type !== 'comment');
  const visit = (a: PyNode) => {
    if (a.type === 'list' || a.type === 'tuple') {
      for (const e of a.children) if (e.named) visit(e);
    } else if (a.type === 'call') {
      const name = lastNameOf(field(a, 'function')!);
      if (name && isClassName(name)) out.add(name);
    } else if (a.type === 'identifier') {
      const name = text(a);
      const bound = assignedBefore(name, call);
      const value = bound && field(bound, 'right');
      const cls = value?.type === 'call' ? lastNameOf(field(value, 'function')!) : undefined;
      if (cls && isClassName(cls)) out.add(cls);
      else if (isClassName(name) || ROW_WRITES.has(lastNameOf(callee!) ?? '')) out.add(name); // a table, or the row itself

    }
  };
  for (const a of args.slice(0, 1)) visit(a);
  return out;
}

/**
 * `session.add(author)` where `author` is the result of a lookup (`author = session.query(Author)…first()`):
 * the row is already there, adding it again saves an update, it inserts nothing.
 */
function writesLookedUpRow(call: PyNode): boolean {
  const callee = field(call, 'function');
  if (!callee || !ROW_WRITES.has(lastNameOf(callee) ?? '')) return false;
  const first = (field(call, 'arguments')?.children ?? []).find((c) => c.named && c.type !== 'keyword_argument' && c.type !== 'comment');
  if (first?.type !== 'identifier') return false;
  let value = field(assignedBefore(text(first), call) ?? first, 'right');
  while (value?.type === 'await' || value?.type === 'parenthesized_expression') value = value.children.find((c) => c.named);
  const name = value?.type === 'call' ? lastNameOf(field(value, 'function')!) : undefined;
  if (!value || !name || !LOOKUP_CALLS.has(name) || name === 'count' || name === 'exists') return false;
  // A lookup of a model (`session.query(Author)`, `session.get(User, k)`), not a dict's `.get`.
  let model = false;
  walk(value, (x) => {
    if (x.type === 'identifier' && isClassName(text(x))) model = true;
    return !model;
  });
  return model;
}

/** Does `n` name one of `models` (as a name or an attribute)? */
function mentions(n: PyNode, models: ReadonlySet<string>): boolean {
  let found = false;
  walk(n, (x) => {
    if (found) return false;
    if (x.type === 'identifier' && models.has(text(x))) found = true;
    return true;
  });
  return found;
}

const NOT_FOUND = new Set(NOT_FOUND_EXCEPTIONS);

/** `Exception` or `BaseException` as an except clause catches it: `Exception`, `(Exception)`, `Exception as e`. */
function isBroadException(caught: PyNode): boolean {
  let n: PyNode | undefined = caught;
  if (n.type === 'as_pattern') n = n.children.find((c) => c.named);
  if (n?.type === 'parenthesized_expression') n = n.children.find((c) => c.named);
  return n?.type === 'identifier' && (text(n) === 'Exception' || text(n) === 'BaseException');
}

/** Does `n` contain a lookup call (`.first()`, `.get(…)`, `.filter(…)`) of one of `models`? */
function hasLookup(n: PyNode, models: ReadonlySet<string>): boolean {
  let found = false;
  walk(n, (x) => {
    if (found) return false;
    if (x.type === 'call') {
      const name = lastNameOf(field(x, 'function')!);
      if (name && LOOKUP_CALLS.has(name) && mentions(x, models)) found = true;
    }
    return true;
  });
  return found;
}

/**
 * Does the condition test the result of a lookup of the same model: the lookup itself
 * (`if session.get(User, k) is None`) or a name bound to one before the `if` in the same function
 * (`existing = …first()` then `if not existing`, `if row is None`)?
 */
function testsLookup(cond: PyNode, models: ReadonlySet<string>, at: PyNode): boolean {
  if (!models.size) return false;
  if (hasLookup(cond, models)) return true;
  let found = false;
  walk(cond, (x) => {
    if (found) return false;
    if (x.type === 'identifier' && !(x.parent?.type === 'attribute' && field(x.parent, 'attribute') === x)) {
      const right = assignedBefore(text(x), at);
      if (right && hasLookup(field(right, 'right')!, models)) found = true;
    }
    return true;
  });
  return found;
}

/** The last `name = …` assignment before `at` in the function (or module) that holds `at`. */
function assignedBefore(name: string, at: PyNode): PyNode | undefined {
  let scope: PyNode | undefined = at.parent ?? undefined;
  while (scope && !BOUNDARIES.has(scope.type)) scope = scope.parent ?? undefined;
  if (!scope) return undefined;
  let best: PyNode | undefined;
  walk(scope, (x) => {
    if (x !== scope && (x.type === 'function_definition' || x.type === 'class_definition' || x.type === 'lambda')) return false;
    if (x.start >= at.start) return false;
    if (x.type === 'assignment') {
      const left = field(x, 'left');
      const right = field(x, 'right');
      if (left?.type === 'identifier' && text(left) === name && right && x.end <= at.start) best = !best || x.start > best.start ? x : best;
    }
    return true;
  });
  return best;
}
