/**
 * The edits every family's quick fixes are made of, in one place so that they agree: a text
 * edit at offsets of a unit (a `.py` file, a notebook cell, or a manifest's text), a keyword
 * argument appended to a call, and a module or name made importable at a place (reusing an
 * import in scope, else adding one where an import line goes).
 */
import type { LineIndex, TextEdit } from '../model';
import type { PythonProgram, Unit } from './program';
import { field, type PyNode } from './syntax';

/** What an edit is made against: a unit, or any text with its line index (and cell, in a notebook). */
export interface EditTarget {
  readonly lines: LineIndex;
  readonly cell?: number | undefined;
}

/** Replace [start, end) of the target's text; a notebook edit carries its cell. */
export function editAt(target: EditTarget, start: number, end: number, newText: string): TextEdit {
  return { range: target.lines.rangeAt(start, end), newText, ...(target.cell !== undefined ? { cell: target.cell } : {}) };
}

/** Replace a node (or any [start, end) span). */
export function replaceEdit(target: EditTarget, node: { start: number; end: number }, newText: string): TextEdit {
  return editAt(target, node.start, node.end, newText);
}

/** The `( … )` argument list of a call; undefined for `f(x for x in y)` and odd shapes. */
export function argumentList(call: PyNode): PyNode | undefined {
  const args = field(call, 'arguments');
  return args?.type === 'argument_list' ? args : undefined;
}

/**
 * `f(a)` → `f(a, keyword=value)`; undefined where that is not plain (`f(x for x in y)`).
 *
 * The argument goes right after the last one, so a comment after it stays a comment. Empty
 * parentheses get just the argument (`f( )` → `f(keyword=value)`). A trailing comma before
 * `)` on the same line gives way to the argument (`f(a,)` → `f(a, keyword=value)`); one that
 * ends a line of a call split over lines (black's magic trailing comma) stays after it.
 */
export function addKeywordEdit(unit: EditTarget, call: PyNode, keyword: string, value: string): TextEdit | undefined {
  const args = argumentList(call);
  if (!args) return undefined;
  const argText = `${keyword}=${value}`;
  const open = args.start + 1;
  const close = args.end - 1;
  const items = args.children.filter((c) => c.named && c.type !== 'comment');
  const last = items[items.length - 1];
  if (!last) return /^\s*$/.test(args.source.slice(open, close)) ? editAt(unit, open, close, argText) : editAt(unit, open, open, argText);
  const sameLineComma = /^\s*,[^\S\n\r]*$/.exec(args.source.slice(last.end, close));
  if (sameLineComma) {
    const comma = last.end + sameLineComma[0].indexOf(',') + 1;
    return editAt(unit, comma, comma, ` ${argText}`);
  }
  return editAt(unit, last.end, last.end, `, ${argText}`);
}

/** A statement that is only a string literal (a docstring where it comes first). */
export function isDocstring(stmt: PyNode): boolean {
  return stmt.type === 'expression_statement' && stmt.children.length === 1 && stmt.children[0]!.type === 'string';
}

/**
 * Offset in a unit where a new import line goes, or -1 where there is none: after a docstring,
 * `__future__` imports and leading comments of a file (a shebang or encoding line stays
 * first); at the top of a cell (after a leading `%%cell_magic` line).
 */
export function importOffset(unit: Unit): number {
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
    const docstring = offset === 0 && isDocstring(stmt);
    if (!docstring && stmt.type !== 'future_import_statement') break;
    offset = stmt.end;
  }
  if (offset === 0) {
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
