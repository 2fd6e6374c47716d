import { RERUN_MUTATIONS } from '../catalogues/sideEffects';
import { cellName, relatedCell } from '../cellNames';
import { isApiClient, isFixedPointCall, isIdempotentInplace, isIdempotentTransform } from '../idempotency/fixedPoints';
import { derivedKey, derivedOfUnit } from '../derived';
import { nodesOfTypes } from '../python/nodeIndex';
import type { PythonProgram, Unit } from '../python/program';
import { statementOf, type Binding } from '../python/semantics';
import { field, text, type PyNode } from '../python/syntax';
import { createRule, nodeRange, type RuleContext } from '../rule';

/** Bindings that are state a cell builds up (not imports, defs, or IPython names). */
const STATE_BINDINGS = new Set<Binding['kind']>(['assign', 'augassign', 'for', 'with', 'walrus', 'except', 'match']);
const SKIP = new Set(['function_definition', 'class_definition', 'lambda', 'decorated_definition']);
const norm = (n: PyNode) => text(n).replace(/\s+/g, '');

/**
 * I-rerun: a cell that changes, at its top level, a name an earlier cell defined
 * (`x += 1`, `lst.append(…)`, `df.drop(…, inplace=True)`, `df["c"] = df["c"] * 2`,
 * `df = pd.concat([df, new])`, re-wrapping a method it saved first). Each run of the cell changes it once more, so the
 * result depends on how many times the cell ran.
 */
export const rerunMutation = createRule(
  {
    id: 'rerun-mutation',
    family: 'idempotency',
    category: 'idempotency',
    subtypes: ['I-rerun'],
    description: 'Report notebook cells that change an earlier cell\'s variable in place, so re-running them gives a different result',
    defaultSeverity: 'warning',
    recommended: true,
    appliesTo: ['notebook'],
    scope: 'program',
    reads: ['source'],
  },
  (ctx) => {
    const program = ctx.program;
    if (!program || program.kind !== 'notebook') return;
    program.units.forEach((unit, u) => {
      const reported = new Set<PyNode>();
      for (const n of derivedOfUnit(unit, CANDIDATES, candidatesOf)) {
        const hit = mutation(program, n, u);
        if (hit && !reported.has(hit.stmt)) {
          reported.add(hit.stmt);
          report(ctx, program, u, hit);
        }
      }
    });
  },
);

/** The node types `mutation` looks at. */
const MUTATING = ['augmented_assignment', 'call', 'assignment'];

/**
 * A cell's nodes of those types that run when the cell runs (not inside a def, class or
 * lambda), in document order: a fact of the cell's syntax, kept with its parse (from its node
 * index), so an edit looks at the edited cell only.
 */
const CANDIDATES = derivedKey<readonly PyNode[]>('rerunMutation.candidates');

function candidatesOf(unit: Unit): PyNode[] {
  return nodesOfTypes(unit, MUTATING).filter((n) => {
    for (let p = n.parent; p; p = p.parent) if (SKIP.has(p.type)) return false;
    return true;
  });
}

interface Hit {
  node: PyNode;
  stmt: PyNode;
  name: string;
  binding: Binding;
  how: string;
  hint: boolean;
}

/** The name at the root of `a`, `a.b`, `a["k"]`, `a.b[0].c` (calls in the chain end it). */
function rootName(n: PyNode | undefined): PyNode | undefined {
  let cur = n;
  while (cur) {
    if (cur.type === 'identifier') return cur;
    if (cur.type === 'attribute') cur = field(cur, 'object');
    else if (cur.type === 'subscript') cur = field(cur, 'value');
    else return undefined;
  }
  return undefined;
}

/** The binding from an earlier cell that `id` refers to, if the cell did not make it itself. */
function earlierState(program: PythonProgram, id: PyNode, unit: number): Binding | undefined {
  const b = program.semantics.lookup(text(id), id, unit);
  if (!b || b.unit >= unit || !STATE_BINDINGS.has(b.kind) || b.viaGlobal) return undefined;
  return b;
}

function mutation(program: PythonProgram, n: PyNode, unit: number): Hit | undefined {
  const hit = (node: PyNode, target: PyNode | undefined, how: string, hint = false): Hit | undefined => {
    const root = rootName(target);
    const binding = root && earlierState(program, root, unit);
    return binding ? { node, stmt: statementOf(n), name: text(root), binding, how, hint } : undefined;
  };
  switch (n.type) {
    case 'augmented_assignment': {
      const left = field(n, 'left');
      const op = n.children.find((c) => c.field === 'operator');
      // `s |= {1}` and `flags &= mask` reach a fixed point: running them again changes nothing.
      if (op && (RERUN_MUTATIONS.idempotentAugmented as readonly string[]).includes(text(op))) return undefined;
      return hit(n, left, `\`${op ? text(op) : 'augmented assignment'}\``);
    }
    case 'call': {
      const callee = field(n, 'function');
      if (callee?.type !== 'attribute') return undefined;
      const method = text(field(callee, 'attribute')!);
      const obj = field(callee, 'object')!;
      const root = rootName(obj);
      if ((RERUN_MUTATIONS.methods as readonly string[]).includes(method)) {
        // `d.pop(k, None)`, `d.update({"a": 1})`, pandas `.append`, `client.x.update(…)`: fixed points.
        if (root && isFixedPointCall(program, n, method, obj, root, unit)) return undefined;
        return hit(callee, obj, `\`.${method}\``);
      }
      const inplace = field(n, 'arguments')?.children.find((a) => a.type === 'keyword_argument' && text(field(a, 'name')!) === 'inplace');
      if (inplace && text(field(inplace, 'value')!) === 'True' && !isIdempotentInplace(program, n, method, unit)) {
        if (root && isApiClient(program, root, unit)) return undefined;
        return hit(callee, obj, `\`.${method}(inplace=True)\``);
      }
      return undefined;
    }
    case 'assignment': {
      const left = field(n, 'left');
      const right = field(n, 'right');
      if (!left || !right || !['identifier', 'attribute', 'subscript'].includes(left.type)) return undefined;
      const target = norm(left);
      const how = compounds(program, right, target, unit);
      // `ds = ds.map(f)` rebinds a name (not an in-place change, TAXONOMY lists it under
      // neither): only a hint; `df["c"] = df["c"].map(f)` changes df and is reported.
      if (how) return hit(left, left, `\`${text(left)} = … ${text(left)} …\``, how === 'transform' && left.type === 'identifier');
      if (left.type === 'attribute' && savedBefore(n, target)) return hit(left, left, 'rewrap');
      return undefined;
    }
    default:
      return undefined;
  }
}

/** `pd.concat([X, new])`, `np.append(X, v)`: a joining call with the target among its inputs. */
function accumulates(call: PyNode, target: string): boolean {
  const callee = field(call, 'function');
  const name = callee?.type === 'attribute' ? field(callee, 'attribute') : callee;
  if (!name || !(RERUN_MUTATIONS.accumulatingCalls as readonly string[]).includes(text(name))) return false;
  const args = field(call, 'arguments')?.children.filter((c) => c.named && c.type !== 'keyword_argument') ?? [];
  // `df = df.append(row)`: pandas' append returns a copy with the row added, which is kept.
  if (callee?.type === 'attribute' && norm(field(callee, 'object')!) === target && args.length) return true;
  return args.some((a) => norm(a) === target || ((a.type === 'list' || a.type === 'tuple') && a.children.some((e) => e.named && norm(e) === target)));
}

/** The value uses the target as an operand of a compounding operator or transform (`x + 1`, `.map`). */
function compounds(program: PythonProgram, value: PyNode, target: string, unit: number): 'operator' | 'transform' | undefined {
  const stack = [value];
  while (stack.length) {
    const n = stack.pop()!;
    if (SKIP.has(n.type) || n.type === 'list_comprehension' || n.type === 'generator_expression') continue;
    if (n.type === 'binary_operator') {
      const op = n.children.find((c) => c.field === 'operator');
      const operands = [field(n, 'left'), field(n, 'right')];
      if (op && (RERUN_MUTATIONS.compoundingOperators as readonly string[]).includes(text(op)) && operands.some((o) => o && norm(o) === target)) return 'operator';
    }
    if (n.type === 'call') {
      if (accumulates(n, target)) return 'operator';
      const callee = field(n, 'function');
      const obj = callee?.type === 'attribute' ? field(callee, 'object') : undefined;
      // `.apply(lambda x: min(x, 120))`, `.map(str.lower)`: applying it again changes nothing.
      if (obj && norm(obj) === target && (RERUN_MUTATIONS.transformMethods as readonly string[]).includes(text(field(callee!, 'attribute')!)) && !isIdempotentTransform(program, n, unit)) return 'transform';
    }
    stack.push(...n.children);
  }
  return undefined;
}

/** `orig = obj.method` earlier in the same cell, then `obj.method = wrapper`: each run wraps the wrapper. */
function savedBefore(assign: PyNode, target: string): boolean {
  const stmt = statementOf(assign);
  const block = stmt.parent;
  if (!block) return false;
  for (const s of block.children) {
    if (s === stmt) return false;
    const a = s.type === 'expression_statement' ? s.children.find((c) => c.type === 'assignment') : undefined;
    const right = a ? field(a, 'right') : undefined;
    if (right && norm(right) === target && field(a!, 'left')?.type === 'identifier') return true;
  }
  return false;
}

function report(ctx: RuleContext, program: PythonProgram, u: number, hit: Hit): void {
  const unit = program.units[u]!;
  const defUnit = program.units[hit.binding.unit];
  const defCell = defUnit?.cell !== undefined && defUnit.cell !== unit.cell ? defUnit.cell : undefined;
  const cells = ctx.notebook?.cells ?? [];
  const from = defCell !== undefined ? ` (defined in ${cellName(cells, defCell, { from: unit.cell, defines: hit.name })})` : '';
  const message =
    hit.how === 'rewrap'
      ? `\`${text(hit.node)}\` is replaced by a wrapper of the original this cell saved from \`${hit.name}\`${from}: each re-run wraps the previous wrapper again; save the original once (in the cell that creates \`${hit.name}\`) or unwrap first.`
      : `${hit.how} changes \`${hit.name}\`${from} in place: each re-run of this cell changes it again, so results depend on how often the cell ran; create \`${hit.name}\` in this cell, or derive a new name instead of changing it.`;
  const related = defUnit && defCell !== undefined ? [relatedCell(cells, defCell, `\`${hit.name}\` is defined here`, nodeRange(defUnit, hit.binding.node))] : undefined;
  ctx.reportNode(unit, hit.node, message, { ...(related ? { related } : {}), ...(hit.hint ? { severity: 'hint' as const } : {}) });
}
