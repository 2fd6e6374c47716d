/**
 * Guards that make a side effect safe to run again: an existence check before it
 * (`if not os.path.exists(p): os.mkdir(p)`, `if already_sent(id): return`), or a handler for
 * the "already exists" error around it (`except FileExistsError`, `except IntegrityError`).
 */
import { DUPLICATE_EXCEPTIONS, EXISTENCE_CHECKS } from '../catalogues/sideEffects';
import { field, text, type PyNode } from '../python/syntax';

const NEGATION = /^\s*not\b|\bnot\s+in\b|\bis\s+None\b|\bis\s+False\b|==\s*(0|False|None)\b|<\s*1\b/;
const EXITS = new Set(['return_statement', 'continue_statement', 'break_statement', 'raise_statement']);
const BOUNDARIES = new Set(['function_definition', 'class_definition', 'lambda', 'module']);

/** Is the effect at `node` guarded, looking outwards up to `boundary` (the place's node)? */
export function isGuarded(node: PyNode, boundary?: PyNode): boolean {
  let child = node;
  for (let n = node.parent; n; child = n, n = n.parent) {
    if (n.type === 'if_statement') {
      const cond = field(n, 'condition');
      const condText = cond ? text(cond) : '';
      const inBody = field(n, 'consequence') === child;
      if (EXISTENCE_CHECKS.test(condText)) {
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
    if (n.type === 'block' || n.type === 'module') {
      // An early exit before the effect: `if os.path.exists(p): return`.
      for (const s of n.children) {
        if (s === child) break;
        if (s.type !== 'if_statement') continue;
        const cond = field(s, 'condition');
        const body = field(s, 'consequence');
        const last = body?.children.filter((c) => c.named && c.type !== 'comment').at(-1);
        if (cond && EXISTENCE_CHECKS.test(text(cond)) && !NEGATION.test(text(cond)) && last && EXITS.has(last.type)) return true;
      }
    }
    if (n === boundary || BOUNDARIES.has(n.type)) break;
  }
  return false;
}
