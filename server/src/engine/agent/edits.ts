/**
 * Small, honest edits the agent rules' quick fixes are made of: add a keyword argument to a
 * call, and make a module or name importable at a place (reusing an import in scope, else
 * adding one at the top of the file or cell).
 */
import type { TextEdit } from '../model';
import type { PythonProgram, Unit } from '../python/program';
import { field, text, type PyNode } from '../python/syntax';

function editAt(unit: Unit, start: number, end: number, newText: string): TextEdit {
  return { range: { start: unit.lines.positionAt(start), end: unit.lines.positionAt(end) }, newText, ...(unit.cell !== undefined ? { cell: unit.cell } : {}) };
}

export function replaceEdit(unit: Unit, node: { start: number; end: number }, newText: string): TextEdit {
  return editAt(unit, node.start, node.end, newText);
}

/** `f(a)` → `f(a, kw=value)`; undefined for shapes where that is not plain (`f(x for x in y)`). */
export function addKeywordEdit(unit: Unit, call: PyNode, keyword: string, value: string): TextEdit | undefined {
  const args = field(call, 'arguments');
  if (!args || args.type !== 'argument_list') return undefined;
  const items = args.children.filter((c) => c.named && c.type !== 'comment');
  if (items.length === 0) return editAt(unit, args.start + 1, args.start + 1, `${keyword}=${value}`);
  const last = items[items.length - 1]!;
  return editAt(unit, last.end, last.end, `, ${keyword}=${value}`);
}

/** Offset in a unit where a new import line goes: after a docstring, `__future__` imports and
 * leading comments of a file; at the top of a cell (after a leading `%%cell_magic` line). */
function importOffset(unit: Unit): number {
  if (unit.cell !== undefined) {
    if (/^%%/.test(unit.text)) {
      const nl = unit.text.indexOf('\n');
      return nl < 0 ? -1 : nl + 1;
    }
    return 0;
  }
  let offset = 0;
  for (const stmt of unit.root.children) {
    if (stmt.type === 'comment') continue;
    const isDocstring = stmt.type === 'expression_statement' && stmt.children[0]?.type === 'string' && offset === 0;
    const isFuture = stmt.type === 'future_import_statement';
    if (!isDocstring && !isFuture) break;
    offset = stmt.end;
  }
  if (offset === 0) {
    // Keep a shebang / encoding line first.
    let i = 0;
    while (/^#(!|.*coding[:=])/.test(unit.text.slice(i))) {
      const nl = unit.text.indexOf('\n', i);
      if (nl < 0) return -1;
      i = nl + 1;
    }
    return i;
  }
  const nl = unit.text.indexOf('\n', offset);
  return nl < 0 ? -1 : nl + 1;
}

export interface ImportedName {
  /** Expression text to use at the place (`os`, `tenacity.stop_after_attempt`). */
  readonly expr: string;
  readonly edits: TextEdit[];
}

/**
 * Make `module` (and optionally `module.name`) usable at `node`. Reuses `import module [as m]`
 * or `from module import name [as n]` when in scope there; adds an import otherwise. Undefined
 * when the name is taken by something else (the fix would be wrong) or there is no safe place.
 */
export function importedName(program: PythonProgram, unit: Unit, node: PyNode, module: string, name?: string): ImportedName | undefined {
  const sem = program.semantics;
  const unitIndex = program.units.indexOf(unit);
  const qualified = name ? `${module}.${name}` : module;
  if (name) {
    const b = sem.lookup(name, node, unitIndex);
    if (b?.qualifiedName === qualified) return { expr: name, edits: [] };
    if (b) return undefined;
  }
  const top = module.split('.')[0]!;
  const modBinding = sem.lookup(top, node, unitIndex);
  if (modBinding?.qualifiedName === top && top === module) return { expr: name ? `${top}.${name}` : top, edits: [] };
  if (!name && modBinding) return undefined;
  const at = importOffset(unit);
  if (at < 0) return undefined;
  const line = name ? `from ${module} import ${name}\n` : `import ${module}\n`;
  return { expr: name ?? module, edits: [editAt(unit, at, at, line)] };
}

/** The text of a node. */
export { text };
