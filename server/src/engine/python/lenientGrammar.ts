/**
 * Syntax the tree-sitter grammar accepts and CPython rejects, read from the parsed tree.
 *
 * tree-sitter-python parses Python 2 on purpose (it has `print_statement` and `exec_statement`
 * nodes, `<>` in comparisons, backquotes as strings, `0777` and `10L` as integers, the `ur`
 * prefix), and it leaves the compiler's checks to the compiler (`from __future__` placement).
 * CPython 3 raises a SyntaxError for each, so a parse without an ERROR node is not enough to call
 * a text valid: this finds the first of them, with a message that says what it is.
 */
import { STRING_PREFIXES } from './tokens';
import { text, walk, type PyNode } from './syntax';

export interface GrammarGap {
  start: number;
  end: number;
  message: string;
}

const PY2 = 'Python 2 syntax';

/** The `__future__` features CPython 3 knows (Lib/__future__.py's all_feature_names). */
const FUTURE_FEATURES = new Set([
  'nested_scopes', 'generators', 'division', 'absolute_import', 'with_statement', 'print_function',
  'unicode_literals', 'barry_as_FLUFL', 'generator_stop', 'annotations',
]);

/** The first construct of `root` that CPython 3 rejects although the tree has no error there. */
export function grammarGap(root: PyNode): GrammarGap | undefined {
  let found: GrammarGap | undefined;
  walk(root, (n) => {
    if (found || n.error) return false;
    found = nodeGap(n);
    return !found;
  });
  const future = futureGap(root);
  if (future && (!found || future.start < found.start)) return future;
  return found;
}

function gap(n: PyNode, message: string, end = n.end): GrammarGap {
  return { start: n.start, end, message };
}

function nodeGap(n: PyNode): GrammarGap | undefined {
  switch (n.type) {
    case 'print_statement':
      // `print >>f, x` is Python 3 too (a tuple whose first item is `print >> f`); the grammar
      // only picks the other form when no Python 3 reading exists (`print x`, `print 'a', b`).
      if (n.children.some((c) => c.type === 'chevron')) return undefined;
      return gap(n, `${PY2}: the \`print\` statement (in Python 3, \`print(…)\` is a function call)`);
    case 'exec_statement':
      return gap(n, `${PY2}: the \`exec\` statement (in Python 3, \`exec(…)\` is a function call)`);
    case 'comparison_operator': {
      const op = n.children.find((c) => c.type === '<>');
      return op ? gap(op, `${PY2}: the \`<>\` operator (Python 3: \`!=\`)`) : undefined;
    }
    case 'string':
      return stringGap(n);
    case 'integer':
      return integerGap(n);
    case 'except_clause': {
      // `except E, e:` (Python 2's `except E as e:`); three or more unparenthesised types are
      // the error CPython up to 3.13 reports.
      const values = n.children.filter((c) => c.field === 'value');
      if (values.length === 2) return gap(n, `${PY2}: \`except E, name:\` (Python 3: \`except E as name:\`)`, values[1]!.end);
      if (values.length > 2) return gap(n, 'multiple exception types must be parenthesized', values[values.length - 1]!.end);
      return undefined;
    }
    case 'raise_statement':
      return n.children.some((c) => c.type === 'expression_list') ? gap(n, `${PY2}: \`raise E, value\` (Python 3: \`raise E(value)\`)`) : undefined;
    default:
      return undefined;
  }
}

function stringGap(n: PyNode): GrammarGap | undefined {
  const start = n.children.find((c) => c.type === 'string_start');
  if (!start) return undefined;
  const opening = text(start);
  if (opening.startsWith('`')) return gap(n, `${PY2}: backquotes (Python 3: \`repr(…)\`)`);
  let q = 0;
  while (q < opening.length && opening[q] !== '"' && opening[q] !== "'") q++;
  const prefix = opening.slice(0, q).toLowerCase();
  if (!prefix || STRING_PREFIXES.has(prefix)) return undefined;
  if (prefix === 'ur') return gap(start, `${PY2}: the \`${opening.slice(0, q)}\` string prefix (Python 3: \`r\`)`);
  return gap(start, `invalid string prefix \`${opening.slice(0, q)}\``);
}

function integerGap(n: PyNode): GrammarGap | undefined {
  const s = text(n);
  const last = s[s.length - 1];
  if (last === 'l' || last === 'L') return gap(n, `${PY2}: the long-integer suffix \`${last}\` (Python 3 integers need none)`);
  // `0777`: a decimal literal with a leading zero and another digit than 0. Imaginary literals
  // (`0777j`) may have leading zeros; `0x`, `0o`, `0b` literals are not decimal.
  if (s.length < 2 || s[0] !== '0' || last === 'j' || last === 'J') return undefined;
  let digits = '';
  for (const c of s.slice(1)) {
    if (c >= '1' && c <= '9') digits += c;
    else if (c === '0') digits += digits ? c : '';
    else if (c !== '_') return undefined;
  }
  return digits ? gap(n, `${PY2}: the octal literal \`${s}\` (Python 3: \`0o${digits}\`)`) : undefined;
}

/**
 * `from __future__ import …` must come first in a module (after its docstring and other future
 * imports) and name a feature CPython knows; the compiler checks both, not the grammar.
 */
function futureGap(root: PyNode): GrammarGap | undefined {
  let atStart = true;
  const first = root.children.findIndex((c) => c.type !== 'comment');
  for (const [i, s] of root.children.entries()) {
    if (s.type === 'comment') continue;
    if (s.type === 'future_import_statement') {
      if (!atStart) return gap(s, 'from __future__ imports must occur at the beginning of the file');
      for (const f of s.children.filter((c) => c.field === 'name')) {
        const name = f.type === 'aliased_import' ? f.children.find((c) => c.field === 'name') : f;
        const feature = name ? text(name) : '';
        if (feature === 'braces') return gap(f, 'not a chance');
        if (!FUTURE_FEATURES.has(feature)) return gap(f, `future feature ${feature} is not defined`);
      }
      continue;
    }
    const docstring = i === first && s.type === 'expression_statement' && s.children.length === 1 && s.children[0]!.type === 'string';
    if (!docstring) atStart = false;
  }
  return undefined;
}
