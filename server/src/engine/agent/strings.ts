/** String literals of a unit and where a secret-like literal is assigned to a name. */
import type { Unit } from '../python/program';
import { field, stringValue, text, walk, type PyNode } from '../python/syntax';

/** Every `string` node of a unit (parts of implicit concatenations included). */
export function stringNodes(unit: Unit): PyNode[] {
  const out: PyNode[] = [];
  walk(unit.root, (n) => {
    if (n.type === 'string') {
      out.push(n);
      return false;
    }
    return undefined;
  });
  return out;
}

/** The innermost string literal that contains [start, end). */
export function stringAt(strings: readonly PyNode[], start: number, end: number): PyNode | undefined {
  return strings.find((s) => s.start <= start && end <= s.end);
}

/** A plain (non-f, non-bytes) literal's value. */
export function plainStringValue(n: PyNode): string | undefined {
  const prefix = /^[A-Za-z]*/.exec(text(n))?.[0]?.toLowerCase() ?? '';
  if (prefix.includes('f') || prefix.includes('b')) return undefined;
  return stringValue(n);
}

export interface NamedLiteral {
  /** The name the literal is bound to (variable, attribute, keyword, dict key, env var). */
  readonly name: string;
  readonly literal: PyNode;
  readonly value: string;
  /** `os.environ["X"] = "…"` / `os.environ.setdefault("X", "…")`: the literal sets an env var. */
  readonly setsEnv: boolean;
}

function lastName(n: PyNode | undefined): string | undefined {
  if (!n) return undefined;
  if (n.type === 'identifier') return text(n);
  if (n.type === 'attribute') return lastName(field(n, 'attribute'));
  if (n.type === 'subscript') {
    const idx = field(n, 'subscript');
    return idx && idx.type === 'string' ? plainStringValue(idx) : undefined;
  }
  return undefined;
}

function isEnvTarget(n: PyNode): boolean {
  const obj = n.type === 'subscript' ? field(n, 'value') : undefined;
  return !!obj && /(^|\.)environ$/.test(text(obj));
}

/** Literals bound to a name: `x = "…"`, `f(x="…")`, `{"x": "…"}`, `def f(x="…")`, env writes. */
export function namedLiterals(unit: Unit): NamedLiteral[] {
  const out: NamedLiteral[] = [];
  const push = (name: string | undefined, lit: PyNode | undefined, setsEnv = false) => {
    if (!name || !lit || lit.type !== 'string') return;
    const value = plainStringValue(lit);
    if (value !== undefined) out.push({ name, literal: lit, value, setsEnv });
  };
  walk(unit.root, (n) => {
    switch (n.type) {
      case 'assignment': {
        const left = field(n, 'left');
        const right = field(n, 'right');
        if (left) push(lastName(left), right, isEnvTarget(left));
        break;
      }
      case 'keyword_argument':
      case 'default_parameter':
      case 'typed_default_parameter':
        push(lastName(field(n, 'name')), field(n, 'value'));
        break;
      case 'pair': {
        const key = field(n, 'key');
        if (key?.type === 'string') push(plainStringValue(key), field(n, 'value'));
        break;
      }
      case 'call': {
        // os.environ.setdefault("X", "…"), os.putenv("X", "…")
        const fn = field(n, 'function');
        const callee = fn ? text(fn) : '';
        if (/(^|\.)(environ\.setdefault|putenv)$/.test(callee)) {
          const args = field(n, 'arguments')?.children.filter((c) => c.named) ?? [];
          const [k, v] = args;
          if (k?.type === 'string') push(plainStringValue(k), v, true);
        }
        break;
      }
    }
    return undefined;
  });
  return out;
}
