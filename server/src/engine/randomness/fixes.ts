/**
 * Quick fixes of the randomness rules: add `random_state=<seed>` to a call, pass a seed to a
 * generator constructor, and insert one seed block that seeds exactly the RNGs a file draws
 * from (after the imports of a `.py`; in a notebook a new code cell after the last cell above
 * the first draw that imports something, or a new first code cell).
 */
import { SEED_RECIPES, type RngId } from '../catalogues/randomness';
import type { Fix } from '../model';
import { addKeywordEdit, argumentList, editAt, isDocstring } from '../python/edits';
import type { PythonProgram, Unit } from '../python/program';
import type { CallSite } from '../python/semantics';
import type { PyNode } from '../python/syntax';

// Fix titles are plain text in VS Code's menus (no Markdown): no backticks in them.

/** `f(a, b)` → `f(a, b, name=value)`. */
export function addKeywordFix(program: PythonProgram, call: CallSite, name: string, value: string): Fix | undefined {
  const unit = program.units[call.unit];
  const edit = unit && addKeywordEdit(unit, call.node, name, value);
  return edit ? { title: `Add ${name}=${value}`, applicability: 'safe', edits: [edit] } : undefined;
}

/** `default_rng()` → `default_rng(42)`; `torch.Generator()` → `torch.Generator().manual_seed(42)`. */
export function seedGeneratorFix(program: PythonProgram, call: CallSite, how: { kind: 'argument' } | { kind: 'chain'; method: string }, seed: number): Fix | undefined {
  const unit = program.units[call.unit];
  const args = argumentList(call.node);
  if (!unit || !args) return undefined;
  if (how.kind === 'chain') {
    return { title: `Seed it with .${how.method}(${seed})`, applicability: 'safe', edits: [editAt(unit, call.node.end, call.node.end, `.${how.method}(${seed})`)] };
  }
  if (call.positional.length) return undefined;
  const hasOthers = args.children.some((c) => c.named && c.type !== 'comment');
  return { title: `Pass the seed ${seed}`, applicability: 'safe', edits: [editAt(unit, args.start + 1, args.start + 1, hasOthers ? `${seed}, ` : `${seed}`)] };
}

const IMPORT_TYPES = new Set(['import_statement', 'import_from_statement', 'future_import_statement']);

function hasImports(unit: Unit): boolean {
  return unit.root.children.some((s) => IMPORT_TYPES.has(s.type));
}

/**
 * One fix that seeds `rngs` before `firstDraw` (unit index + offset). The seed calls reuse the
 * names the code already binds at module level before the insertion point (`np`, `torch`) and
 * import the rest.
 */
export function seedBlockFix(program: PythonProgram, rngs: ReadonlySet<RngId>, firstDraw: { unit: number; offset: number }, seed: number): Fix | undefined {
  const recipes = SEED_RECIPES.filter((r) => rngs.has(r.rng));
  if (!recipes.length) return undefined;
  const sem = program.semantics;

  // Where the block goes.
  let point: { unit: number; offset: number; newCellAt?: number };
  if (program.kind === 'python') {
    const unit = program.units[0]!;
    const stmts = unit.root.children.filter((c) => c.named && c.type !== 'comment');
    let after: PyNode | undefined;
    for (const s of stmts) {
      if (s.start >= firstDraw.offset) break;
      if (IMPORT_TYPES.has(s.type) || (s === stmts[0] && isDocstring(s))) after = s;
    }
    point = { unit: 0, offset: after ? after.end : 0 };
  } else {
    // After the last cell above the draw that imports something: the seed calls then reuse its
    // names (`np`) rather than importing them again above it.
    const firstCode = program.units[0];
    if (!firstCode) return undefined;
    let imports = -1;
    for (let u = 0; u < firstDraw.unit; u++) if (hasImports(program.units[u]!)) imports = u;
    const after = program.units[imports];
    if (after) point = { unit: imports, offset: after.text.length, newCellAt: after.cell! + 1 };
    else point = { unit: 0, offset: -1, newCellAt: firstCode.cell! };
  }

  // Names bound to each module at module level before the point.
  const at = point.offset < 0 ? -1 : sem.order(point.unit, point.offset);
  const nameFor = (module: string): string | undefined => {
    for (const [name, list] of sem.module.bindings) {
      const b = list.filter((x) => sem.order(x.unit, x.node.start) < at).pop();
      if (b && b.kind === 'import' && b.qualifiedName === module) return name;
    }
    return undefined;
  };
  const boundAnywhere = (name: string) => sem.module.bindings.has(name);
  // A new notebook cell never ran: a name it binds that cells below read without a binding of
  // their own before them (a name the live kernel had) would make them depend on a never-run
  // cell (skipped-cell). Such a name is not used; with no other, there is no fix.
  const readFromKernel = (name: string) =>
    sem.references.some((ref) => {
      if (point.newCellAt === undefined || ref.name !== name || program.units[ref.unit]!.cell! < point.newCellAt) return false;
      const b = sem.lookup(name, ref.node, ref.unit);
      return !b || sem.order(b.unit, b.node.start) > sem.order(ref.unit, ref.node.start);
    });
  const imports: string[] = [];
  const calls: string[] = [];
  for (const r of recipes) {
    let name = nameFor(r.module);
    if (!name) {
      const alias = r.alias && (!boundAnywhere(r.alias) || sem.module.bindings.get(r.alias)!.every((b) => b.qualifiedName === r.module)) ? r.alias : undefined;
      name = [alias, r.module].find((n) => n !== undefined && !readFromKernel(n));
      if (!name) return undefined;
      const line = name === r.module ? `import ${r.module}` : `import ${r.module} as ${name}`;
      if (!imports.includes(line)) imports.push(line);
    }
    const call = `${name}${r.call.replace('{{seed}}', String(seed))}`;
    if (!calls.includes(call)) calls.push(call);
  }
  const block = [...imports, ...calls];
  const title = `Seed the random number generators (${calls.join(', ')})`;

  if (point.newCellAt !== undefined) {
    return { title, applicability: 'safe', edits: [], cellInserts: [{ index: point.newCellAt, kind: 'code', source: block.join('\n') }] };
  }
  const unit = program.units[0]!;
  const newText = point.offset === 0 ? `${block.join('\n')}\n\n` : `\n${imports.length ? '\n' : ''}${block.join('\n')}`;
  return { title, applicability: 'safe', edits: [editAt(unit, point.offset, point.offset, newText)] };
}

