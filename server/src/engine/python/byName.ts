/**
 * Functions reached by name: which strings an expression used as a function's NAME can be, for
 * `getattr(self, name)(…)`, `getattr(obj, f"handle_{kind}")(…)` and routing methods
 * (`toolkit.run("create_refund", args)` where `run` does `getattr(self, name)(**args)`).
 * The call graph (./callGraph.ts) turns these names into `by-name` edges; nothing else should
 * guess names from strings.
 *
 * A name is known only when the code spells its possible values: a string literal, a name bound
 * to one, a loop over a literal list/tuple/set/dict of them, a dict of literal names looked up
 * (`ACTIONS[kind]`), a branch of a conditional, a parameter typed `Literal["a", "b"]`, or an
 * f-string / `+` whose unknown part leaves a literal prefix and suffix (`f"handle_{kind}"`),
 * matched against the class's method names. Anything else is unknown (no edge): a name from
 * input may be any method, and an edge to every method would be a guess.
 */
import type { PythonProgram } from './program';
import { boundValue, elementsOf, valueOf } from './resolve';
import { field, stringValue, text, type PyNode } from './syntax';

/** One possible name: exactly this, or any name with this prefix and suffix. */
export type NameChoice = { readonly exact: string } | { readonly prefix: string; readonly suffix: string };

const MAX_DEPTH = 8;
/** More choices than this is no longer "a known set" (a name built from two open parts). */
const MAX_CHOICES = 64;

/** The names an expression can be, or undefined when the code does not say. */
export function possibleNames(program: PythonProgram, expr: PyNode, unit: number, depth = 0): NameChoice[] | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const n = expr.type === 'parenthesized_expression' ? expr.children.find((c) => c.named) : expr;
  if (!n) return undefined;
  const literal = stringValue(n);
  if (literal !== undefined) return [{ exact: literal }];
  switch (n.type) {
    case 'string':
      return fStringNames(program, n, unit, depth);
    case 'binary_operator':
      return concatNames(program, n, unit, depth);
    case 'conditional_expression': {
      const branches = n.children.filter((c) => c.named);
      const a = branches[0] ? possibleNames(program, branches[0], unit, depth + 1) : undefined;
      const b = branches[2] ? possibleNames(program, branches[2], unit, depth + 1) : undefined;
      return a && b ? dedupe([...a, ...b]) : undefined;
    }
    case 'subscript':
    case 'call':
      return lookedUpNames(program, n, unit, depth);
    case 'identifier':
      return boundNames(program, n, unit, depth);
    default:
      return undefined;
  }
}

/** Whether a function name is one of the choices. */
export function nameMatches(choices: readonly NameChoice[], name: string): boolean {
  return choices.some((c) => ('exact' in c ? c.exact === name : name.length >= c.prefix.length + c.suffix.length && name.startsWith(c.prefix) && name.endsWith(c.suffix)));
}

/** `name` bound by an assignment, a `for` over literal names, or a `Literal[…]` parameter. */
function boundNames(program: PythonProgram, id: PyNode, unit: number, depth: number): NameChoice[] | undefined {
  const b = program.semantics.lookup(text(id), id, unit);
  if (!b) return undefined;
  if (b.kind === 'param') return literalAnnotation(b.node);
  if (b.kind === 'for' && b.stmt.type === 'for_statement' && field(b.stmt, 'left') === b.node) {
    const right = field(b.stmt, 'right');
    return right ? collectionNames(program, right, b.unit, depth) : undefined;
  }
  const v = boundValue(b);
  return v && v !== id ? possibleNames(program, v, b.unit, depth + 1) : undefined;
}

/** The literal items of a list / tuple / set, or the keys of a dict (what iterating yields). */
function collectionNames(program: PythonProgram, expr: PyNode, unit: number, depth: number): NameChoice[] | undefined {
  const items = elementsOf(program, expr, unit);
  if (items) return allNames(program, items, depth);
  const { node, unit: at } = valueOf(program, expr, unit);
  if (node.type === 'set') return allNames(program, node.children.filter((c) => c.named).map((c) => ({ node: c, unit: at })), depth);
  if (node.type === 'dictionary') return allNames(program, pairs(node).map((p) => ({ node: p.key, unit: at })), depth);
  return undefined;
}

/** `ACTIONS[kind]` / `ACTIONS.get(kind)` over a dict literal of names: its values (the one for a known key). */
function lookedUpNames(program: PythonProgram, n: PyNode, unit: number, depth: number): NameChoice[] | undefined {
  let table: PyNode | undefined;
  let key: PyNode | undefined;
  if (n.type === 'subscript') {
    table = field(n, 'value');
    key = field(n, 'subscript');
  } else {
    const fn = field(n, 'function');
    if (fn?.type !== 'attribute' || text(field(fn, 'attribute') ?? fn) !== 'get') return undefined;
    table = field(fn, 'object');
    key = field(n, 'arguments')?.children.find((c) => c.named);
  }
  if (!table) return undefined;
  const { node: dict, unit: at } = valueOf(program, table, unit);
  if (dict.type !== 'dictionary') return undefined;
  const entries = pairs(dict);
  const known = key ? stringValue(valueOf(program, key, unit).node) : undefined;
  const chosen = known !== undefined ? entries.filter((p) => stringValue(p.key) === known) : entries;
  return chosen.length ? allNames(program, chosen.map((p) => ({ node: p.value, unit: at })), depth) : undefined;
}

/** `f"handle_{kind}"`: the names of `kind` spliced in, or the literal prefix and suffix around an unknown part. */
function fStringNames(program: PythonProgram, s: PyNode, unit: number, depth: number): NameChoice[] | undefined {
  const parts: (string | NameChoice[] | undefined)[] = [];
  for (const c of s.children) {
    if (c.type === 'string_content') parts.push(text(c));
    else if (c.type === 'interpolation') {
      const inner = field(c, 'expression') ?? c.children.find((x) => x.named);
      const hasFormat = c.children.some((x) => x.type === 'format_specifier' || x.type === 'type_conversion');
      parts.push(inner && !hasFormat ? possibleNames(program, inner, unit, depth + 1) : undefined);
    } else if (c.type === 'escape_sequence') return undefined;
  }
  return spliced(parts);
}

/** `"handle_" + kind`: as an f-string with one part. */
function concatNames(program: PythonProgram, n: PyNode, unit: number, depth: number): NameChoice[] | undefined {
  if (!n.children.some((c) => !c.named && c.type === '+')) return undefined;
  const left = field(n, 'left');
  const right = field(n, 'right');
  if (!left || !right) return undefined;
  const side = (e: PyNode): string | NameChoice[] | undefined => stringValue(e) ?? possibleNames(program, e, unit, depth + 1);
  return spliced([side(left), side(right)]);
}

/**
 * Literal text and parts with known (or unknown: undefined) names, joined: every combination
 * when all parts are known, else the literal text before the first unknown part and after the
 * last one. Nothing at all literal around an unknown part says nothing.
 */
function spliced(parts: readonly (string | NameChoice[] | undefined)[]): NameChoice[] | undefined {
  const first = parts.findIndex((p) => p === undefined || (Array.isArray(p) && p.some((c) => !('exact' in c))));
  if (first < 0) {
    let out = [''];
    for (const p of parts) {
      const options = typeof p === 'string' ? [p] : (p as NameChoice[]).map((c) => (c as { exact: string }).exact);
      out = out.flatMap((a) => options.map((b) => a + b));
      if (out.length > MAX_CHOICES) return undefined;
    }
    return out.map((exact) => ({ exact }));
  }
  let last = first;
  parts.forEach((p, i) => {
    if (p === undefined || (Array.isArray(p) && p.some((c) => !('exact' in c)))) last = i;
  });
  const fixed = (p: string | NameChoice[] | undefined) => (typeof p === 'string' ? p : p?.length === 1 && 'exact' in p[0]! ? p[0].exact : undefined);
  const before = parts.slice(0, first).map(fixed);
  const after = parts.slice(last + 1).map(fixed);
  if (before.some((p) => p === undefined) || after.some((p) => p === undefined)) return undefined;
  const prefix = before.join('');
  const suffix = after.join('');
  return prefix || suffix ? [{ prefix, suffix }] : undefined;
}

/** `x: Literal["a", "b"]` (also `typing.Literal`, `Optional[Literal[…]]`): the strings. */
function literalAnnotation(param: PyNode): NameChoice[] | undefined {
  const typed = param.parent;
  if (!typed || (typed.type !== 'typed_parameter' && typed.type !== 'typed_default_parameter')) return undefined;
  const annotation = field(typed, 'type');
  if (!annotation) return undefined;
  const out: NameChoice[] = [];
  let literal = false;
  const visit = (n: PyNode, inLiteral: boolean) => {
    if (n.type === 'generic_type' || n.type === 'subscript') {
      const head = n.children.find((c) => c.named);
      const name = head ? text(head) : '';
      const isLiteral = name === 'Literal' || name.endsWith('.Literal');
      literal ||= isLiteral;
      for (const c of n.children) if (c !== head) visit(c, inLiteral || isLiteral);
      return;
    }
    const s = stringValue(n);
    if (inLiteral && s !== undefined) out.push({ exact: s });
    else for (const c of n.children) visit(c, inLiteral);
  };
  visit(annotation, false);
  return literal && out.length ? dedupe(out) : undefined;
}

function allNames(program: PythonProgram, items: readonly { node: PyNode; unit: number }[], depth: number): NameChoice[] | undefined {
  const out: NameChoice[] = [];
  for (const item of items) {
    const names = possibleNames(program, item.node, item.unit, depth + 1);
    if (!names) return undefined;
    out.push(...names);
  }
  return out.length && out.length <= MAX_CHOICES ? dedupe(out) : undefined;
}

function pairs(dict: PyNode): { key: PyNode; value: PyNode }[] {
  const out: { key: PyNode; value: PyNode }[] = [];
  for (const p of dict.children) {
    if (p.type !== 'pair') continue;
    const key = field(p, 'key');
    const value = field(p, 'value');
    if (key && value) out.push({ key, value });
  }
  return out;
}

function dedupe(choices: NameChoice[]): NameChoice[] {
  const seen = new Set<string>();
  return choices.filter((c) => {
    const k = 'exact' in c ? `=${c.exact}` : `${c.prefix}*${c.suffix}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
