/**
 * `JSON.stringify` for data that came from outside (a notebook's saved outputs): the same text,
 * built with an explicit stack, because the built-in one recurses and throws a RangeError on
 * nesting that `JSON.parse` accepts (100,000 nested objects in an output's data).
 */

type Frame = { close: string; items: [key: string | undefined, value: unknown][]; next: number };

/** The JSON text of a value parsed from JSON (no `toJSON`, cycles or functions to care about). */
export function jsonText(value: unknown): string {
  const out: string[] = [];
  const stack: Frame[] = [];
  // Write `v`: a primitive at once, an object or array by pushing a frame for its members.
  const write = (v: unknown, key: string | undefined, first: boolean) => {
    if (!first) out.push(',');
    if (key !== undefined) out.push(JSON.stringify(key), ':');
    if (Array.isArray(v)) {
      out.push('[');
      stack.push({ close: ']', items: v.map((x) => [undefined, x ?? null]), next: 0 });
    } else if (v !== null && typeof v === 'object') {
      out.push('{');
      const items = Object.entries(v).filter(([, x]) => x !== undefined && typeof x !== 'function');
      stack.push({ close: '}', items, next: 0 });
    } else {
      out.push(JSON.stringify(v) ?? 'null');
    }
  };
  write(value, undefined, true);
  while (stack.length) {
    const top = stack[stack.length - 1]!;
    if (top.next === top.items.length) {
      out.push(top.close);
      stack.pop();
      continue;
    }
    const [key, v] = top.items[top.next]!;
    write(v, key, top.next++ === 0);
  }
  return out.join('');
}
