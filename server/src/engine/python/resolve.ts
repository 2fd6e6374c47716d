/**
 * The resolver: what an expression IS, as far as the code shows. The one answer every rule
 * family uses (no family keeps its own).
 *
 *   qualifiedName(program, expr, unit)  imports and aliases: `np.random.rand` → `numpy.random.rand`
 *   originOf(program, expr, unit)       a value spelled the way catalogues spell it: qualified
 *                                       imports (`requests.post`), an instance as its constructor
 *                                       plus `()` (`httpx.Client()`), through assignments,
 *                                       `with … as`, parameter annotations, `self.x = …` in the
 *                                       class, declared field types (a dataclass field
 *                                       `cal: Calendar`, `self.cal: Calendar = …`), generic
 *                                       contexts (`ctx.userdata` of `RunContext[Userdata]`,
 *                                       catalogues/returns.ts) and factories (`requests.session()` →
 *                                       `requests.Session()`); `?` where nothing tells
 *                                       (`?.client.post`), `[]` for subscripts
 *   libraryOf(program, expr, unit)      the imported name a value comes from (`pandas.read_csv`
 *                                       for `df` after `df = pd.read_csv(…)`), for receivers
 *   valueOf(program, expr, unit)        the expression a name was bound to (`x = …`, `with … as x`)
 *   constantOf(program, expr, unit)     a literal value (str, number, bool, None), through names
 *   elementsOf(program, expr, unit)     the items of a list or tuple the code builds: literals,
 *                                       names bound to them, `a + b`, `[*a, x]` (`tools=[…]`
 *                                       several assignments away)
 *   projectValueOf(project, file, …)    valueOf across the project's modules: a name imported
 *                                       from one of them (`from config import llm_config`) is
 *                                       followed to its module-level binding there
 *   projectCallee(project, file, name)  where a qualified callee is defined in the project, through
 *                                       instances of its classes (`common.Userdata().db.send` →
 *                                       `HotelDB.send` in hotel_db.py when `Userdata` declares `db: HotelDB`)
 *   constructorOf(program, expr, unit)  the call that built a value (`client` after
 *                                       `client = OpenAI(…)`, `self.client` after
 *                                       `self.client = OpenAI(…)` in the class)
 *
 * Why one module: before it, four families answered these questions with four small resolvers
 * that disagreed (a `self.session.post` was a requests call for one rule and unknown for another).
 */
import { CONTEXT_RETURNS, FACTORY_RETURNS, GENERIC_ATTRIBUTES } from '../catalogues/returns';
import { derived, derivedKey } from '../derived';
import type { ProjectContext } from '../project';
import type { PythonProgram } from './program';
import { projectModulesOf, splitQualified } from './projectModules';
import type { Binding } from './semantics';
import { field, stringValue, text, walk, type PyNode } from './syntax';

/**
 * How many steps a value is followed. Notebooks rebind step by step (`ds = ds.map(f)` six
 * times, three steps each), so the limit is generous; it only stops pathological chains.
 */
const MAX_DEPTH = 64;

/** Qualified name of a name or attribute chain through imports and aliases, if it has one. */
export function qualifiedName(program: PythonProgram, expr: PyNode, unit: number): string | undefined {
  return program.semantics.qualify(expr, unit);
}

/** The value expression a binding got: `x = value`, `x := value` or `with value as x`. */
export function boundValue(b: Binding | undefined): PyNode | undefined {
  if (!b) return undefined;
  if (b.value) return b.value;
  if (b.kind === 'with') return withValue(b.node);
  return undefined;
}

/** The expression behind a name (followed through simple assignments), or the expression itself. */
export function valueOf(program: PythonProgram, expr: PyNode, unit: number): { node: PyNode; unit: number } {
  let node = expr;
  let at = unit;
  for (let i = 0; i < MAX_DEPTH && node.type === 'identifier'; i++) {
    const b = program.semantics.lookup(text(node), node, at);
    const v = boundValue(b);
    if (!b || !v || v === node) break;
    node = v;
    at = b.unit;
  }
  return { node, unit: at };
}

/** A value and where it is: the module (file and program) that binds it. */
export interface ProjectValue {
  readonly node: PyNode;
  readonly unit: number;
  readonly file: string;
  readonly program: PythonProgram;
}

/**
 * `valueOf`, continued into the project's own modules: a name bound by `from m import name`
 * where `m` is a project module is followed to `name`'s last module-level assignment there
 * (and on, a few modules at most). A module that cannot be parsed ends the walk at the name.
 */
export function projectValueOf(project: ProjectContext, file: string, program: PythonProgram, expr: PyNode, unit: number): ProjectValue {
  const v = valueOf(program, expr, unit);
  const here = { node: v.node, unit: v.unit, file, program };
  if (v.node.type !== 'identifier') return here;
  const b = program.semantics.lookup(text(v.node), v.node, v.unit);
  return (b?.kind === 'from-import' && b.qualifiedName && importedValue(project, file, b.qualifiedName, 0)) || here;
}

/** The module-level value a project name (`config.llm_config`) is bound to, through re-exports. */
function importedValue(project: ProjectContext, file: string, qualified: string, depth: number): ProjectValue | undefined {
  const target = depth <= 4 ? splitQualified(project, file, qualified) : undefined;
  if (!target?.path || target.path.includes('.')) return undefined;
  const other = projectModulesOf(project).programOf(target.file);
  if (other === 'unparseable') return undefined;
  const def = other.semantics.module.bindings.get(target.path)?.filter((d) => !d.viaGlobal).at(-1);
  // A package's `__init__.py` that re-exports the name by its own import: follow that import.
  if (def?.kind === 'from-import' && def.qualifiedName) return importedValue(project, target.file, def.qualifiedName, depth + 1);
  const value = boundValue(def);
  if (!def || !value) return undefined;
  const v = valueOf(other, value, def.unit);
  if (v.node.type === 'identifier') {
    const next = other.semantics.lookup(text(v.node), v.node, v.unit);
    if (next?.kind === 'from-import' && next.qualifiedName) return importedValue(project, target.file, next.qualifiedName, depth + 1) ?? { ...v, file: target.file, program: other };
  }
  return { node: v.node, unit: v.unit, file: target.file, program: other };
}

/**
 * Where a qualified callee is defined in the project, through instances of the project's own
 * classes as their modules declare them: `common.Userdata().db.record_followup`, where
 * `common.Userdata` declares `db: HotelDB` (a dataclass field, a class annotation, or
 * `self.db = HotelDB(…)` in a method), is `HotelDB.record_followup` in `hotel_db.py`. Names
 * without an instance step are `splitQualified`'s. Undefined when a step is unknown (a field
 * without a declared type, a name two classes of the module share, a module that does not parse).
 */
export function projectCallee(project: ProjectContext, fromFile: string, name: string): { file: string; path: string } | undefined {
  const at = name.indexOf('().');
  if (at < 0) return splitQualified(project, fromFile, name);
  const cls = splitQualified(project, fromFile, name.slice(0, at));
  if (!cls?.path || cls.path.includes('.')) return undefined;
  return memberOf(project, cls.file, cls.path, name.slice(at + 3).split('.'), 0);
}

/** `cls.a.b.method` in `file`: each attribute step by the type the step's class declares for it. */
function memberOf(project: ProjectContext, file: string, cls: string, rest: readonly string[], depth: number): { file: string; path: string } | undefined {
  if (rest.length === 1) return { file, path: `${cls}.${rest[0]}` };
  const program = depth <= 4 ? projectModulesOf(project).programOf(file) : 'unparseable';
  if (program === 'unparseable' || !rest[0]) return undefined;
  const type = fieldOrigin(program, `${cls}()`, rest[0], 0, undefined) ?? selfCallOrigin(program, cls, rest[0]);
  const m = type?.match(/^([A-Za-z_][\w.]*)\(\)$/);
  if (!m) return undefined;
  // A class of the same module (`HotelDB()`), or one it imports (`hotel_db.HotelDB()`).
  if (!m[1]!.includes('.')) return program.semantics.classes.some((c) => c.name === m[1]) ? memberOf(project, file, m[1]!, rest.slice(1), depth + 1) : undefined;
  const next = splitQualified(project, file, m[1]!);
  return next?.path && !next.path.includes('.') ? memberOf(project, next.file, next.path, rest.slice(1), depth + 1) : undefined;
}

/** What the class `cls` (one class of that name in the program) assigns to `self.<name>` by a call, as an origin. */
function selfCallOrigin(program: PythonProgram, cls: string, name: string): string | undefined {
  const named = program.semantics.classes.filter((c) => c.name === cls);
  if (named.length !== 1) return undefined;
  const value = selfAttributesOf(program, named[0]!.node, named[0]!.unit).get(name);
  return value ? originOf(program, value, named[0]!.unit) : undefined;
}

/**
 * The call that built a value, if the code shows one: the expression itself, a name bound to
 * a call, or `self.x` assigned a call in the class. Undefined for parameters and unknowns.
 */
export function constructorOf(program: PythonProgram, expr: PyNode, unit: number): PyNode | undefined {
  if (expr.type === 'attribute') {
    const selfValue = selfAttributeValue(program, expr, unit);
    return selfValue?.type === 'call' ? selfValue : undefined;
  }
  const { node } = valueOf(program, expr, unit);
  return node.type === 'call' ? node : undefined;
}

/**
 * The items of a list or tuple as the code writes it, followed through names, `+` and `*`
 * unpacking; undefined when some part is not a literal collection (a call's result, a parameter).
 */
export function elementsOf(program: PythonProgram, expr: PyNode, unit: number, depth = 0): { node: PyNode; unit: number }[] | undefined {
  if (depth > 8) return undefined;
  const v = valueOf(program, expr, unit);
  const n = v.node.type === 'parenthesized_expression' ? v.node.children.find((c) => c.named) : v.node;
  if (!n) return undefined;
  if (n.type === 'list' || n.type === 'tuple') {
    const out: { node: PyNode; unit: number }[] = [];
    for (const c of n.children) {
      if (!c.named || c.type === 'comment') continue;
      if (c.type === 'list_splat') {
        const inner = c.children.find((x) => x.named);
        const items = inner ? elementsOf(program, inner, v.unit, depth + 1) : undefined;
        if (!items) return undefined;
        out.push(...items);
      } else out.push({ node: c, unit: v.unit });
    }
    return out;
  }
  if (n.type === 'binary_operator' && n.children.some((c) => !c.named && c.type === '+')) {
    const left = field(n, 'left');
    const right = field(n, 'right');
    const a = left ? elementsOf(program, left, v.unit, depth + 1) : undefined;
    const b = right ? elementsOf(program, right, v.unit, depth + 1) : undefined;
    return a && b ? [...a, ...b] : undefined;
  }
  return undefined;
}

export type Constant = string | number | boolean | null;

/** A literal value: `"a"`, `3`, `2.5`, `True`, `None`, or a name bound to one. */
export function constantOf(program: PythonProgram, expr: PyNode, unit: number): Constant | undefined {
  const { node } = valueOf(program, expr, unit);
  switch (node.type) {
    case 'string':
      return stringValue(node);
    case 'integer':
    case 'float': {
      const n = Number(text(node).replace(/_/g, ''));
      return Number.isFinite(n) ? n : undefined;
    }
    case 'true':
      return true;
    case 'false':
      return false;
    case 'none':
      return null;
    default:
      return undefined;
  }
}

/**
 * What a call of a function defined elsewhere returns, spelled like `originOf` (`get_session`
 * in the project's `db.py` returns `sqlalchemy.orm.sessionmaker()`), given the callee's
 * qualified name; undefined when unknown. Supplied by callers that see the whole project
 * (python/projectReturns.ts): the resolver itself reads one program only.
 */
export type OutsideReturns = (callee: string) => string | undefined;

/**
 * What an expression is, spelled like the catalogues (see the module comment). Undefined only
 * for shapes that name nothing (a missing child, a chain deeper than MAX_DEPTH).
 */
export function originOf(program: PythonProgram, expr: PyNode, unit: number, depth = 0, outside?: OutsideReturns): string | undefined {
  if (depth > 0 || outside) return originAt(program, expr, unit, depth, outside);
  // A rule's own question (no project returns): answered once per expression for the program's
  // life; the families ask about the same callees and receivers again and again.
  const kept = derived(program, ORIGINS, () => new Map());
  const known = kept.get(expr);
  if (known && known.unit === unit) return known.origin;
  const origin = originAt(program, expr, unit, 0, undefined);
  if (!known) kept.set(expr, { unit, origin });
  return origin;
}

const ORIGINS = derivedKey<Map<PyNode, { unit: number; origin: string | undefined }>>('python.origins');

function originAt(program: PythonProgram, expr: PyNode, unit: number, depth: number, outside: OutsideReturns | undefined): string | undefined {
  if (depth > MAX_DEPTH) return undefined;
  switch (expr.type) {
    case 'identifier':
      return identifierOrigin(program, expr, unit, depth, outside);
    case 'attribute': {
      const obj = field(expr, 'object');
      const attr = field(expr, 'attribute');
      if (!obj || !attr) return undefined;
      const selfValue = selfAttributeValue(program, expr, unit);
      if (selfValue) return originOf(program, selfValue, unit, depth + 1, outside);
      const generic = genericAttribute(program, obj, text(attr), unit, depth, outside);
      if (generic) return generic;
      const own = obj.type === 'identifier' ? classOfSelf(program, obj, unit) : undefined;
      const left = originOf(program, obj, unit, depth + 1, outside) ?? '?';
      return fieldOrigin(program, own?.node ?? left, text(attr), depth, outside) ?? `${left}.${text(attr)}`;
    }
    case 'call': {
      const callee = field(expr, 'function');
      if (!callee) return undefined;
      const c = originOf(program, callee, unit, depth + 1, outside);
      if (c === undefined) return undefined;
      return FACTORY_RETURNS.get(c) ?? outside?.(c) ?? `${c}()`;
    }
    case 'subscript': {
      // `client["db"]["users"]` → `pymongo.MongoClient()[][]`
      const value = field(expr, 'value');
      return value ? `${originOf(program, value, unit, depth + 1, outside) ?? '?'}[]` : undefined;
    }
    case 'await':
    case 'parenthesized_expression': {
      const inner = expr.children.find((c) => c.named && c.type !== 'comment');
      return inner ? originOf(program, inner, unit, depth + 1, outside) : undefined;
    }
    default:
      return '?';
  }
}

function identifierOrigin(program: PythonProgram, expr: PyNode, unit: number, depth: number, outside: OutsideReturns | undefined): string | undefined {
  const name = text(expr);
  const b = program.semantics.lookup(name, expr, unit);
  if (!b) return name; // a builtin or a name from elsewhere: its own name
  if (b.qualifiedName) return b.qualifiedName;
  if ((b.kind === 'assign' || b.kind === 'walrus') && b.value && b.value !== expr) return originOf(program, b.value, b.unit, depth + 1, outside);
  if (b.kind === 'with') {
    const value = withValue(b.node);
    const manager = value ? originOf(program, value, b.unit, depth + 1, outside) : '?';
    // `with Session.begin() as session`: what `__enter__` gives, when it is not the manager.
    return (manager && CONTEXT_RETURNS.get(manager)) ?? manager;
  }
  if (b.kind === 'param') {
    const ann = paramAnnotation(b.node);
    if (ann) {
      const t = originOf(program, ann, b.unit, depth + 1, outside);
      return t && t !== '?' ? `${t}()` : '?';
    }
  }
  if (b.kind === 'def' || b.kind === 'class') return name;
  return '?';
}

/**
 * The imported name a value is traced to (`pandas.read_csv` for `df = pd.read_csv(…)`,
 * `pandas.DataFrame` for `pd.DataFrame(x).sample`): `originOf` up to its first call or
 * subscript. Undefined when the value starts at something unknown (`?`, an untyped parameter).
 */
export function libraryOf(program: PythonProgram, expr: PyNode, unit: number): string | undefined {
  const origin = originOf(program, expr, unit);
  if (origin === undefined || origin.startsWith('?')) return undefined;
  const cut = origin.search(/[([]/);
  return cut < 0 ? origin : origin.slice(0, cut);
}

/** `with X(...) as name`: X(...) for the alias identifier. */
function withValue(alias: PyNode): PyNode | undefined {
  for (let n: PyNode | null = alias.parent; n && n.type !== 'with_statement' && n.type !== 'block'; n = n.parent) {
    if (n.type === 'as_pattern') return n.children.find((c) => c.named && c.field !== 'alias');
  }
  return undefined;
}

function paramAnnotation(id: PyNode): PyNode | undefined {
  const p = id.parent;
  if (p && (p.type === 'typed_parameter' || p.type === 'typed_default_parameter')) return field(p, 'type')?.children.find((c) => c.named) ?? field(p, 'type');
  return undefined;
}

/**
 * `ctx.userdata` with `ctx: RunContext[Userdata]`: the type argument the generic's attribute
 * holds (catalogues/returns.ts GENERIC_ATTRIBUTES), spelled as an instance (`Userdata()`).
 */
function genericAttribute(program: PythonProgram, obj: PyNode, name: string, unit: number, depth: number, outside: OutsideReturns | undefined): string | undefined {
  if (obj.type !== 'identifier') return undefined;
  const b = program.semantics.lookup(text(obj), obj, unit);
  const ann = b?.kind === 'param' ? paramAnnotation(b.node) : undefined;
  if (ann?.type !== 'generic_type') return undefined;
  const base = ann.children.find((c) => c.named && c.type !== 'type_parameter');
  const q = base ? originOf(program, base, b!.unit, depth + 1, outside) : undefined;
  const index = q ? GENERIC_ATTRIBUTES.get(q)?.get(name) : undefined;
  const arg = index !== undefined ? ann.children.find((c) => c.type === 'type_parameter')?.children.filter((c) => c.named)[index] : undefined;
  return arg ? typeOrigin(program, arg, b!.unit, depth + 1, outside) : undefined;
}

/**
 * A type annotation spelled as an instance of the type (`Calendar` → `calendar_api.Calendar()`),
 * through `X | None` and `Optional[X]`; undefined when it names nothing the resolver knows.
 */
function typeOrigin(program: PythonProgram, ann: PyNode, unit: number, depth: number, outside: OutsideReturns | undefined): string | undefined {
  let node: PyNode | undefined = ann;
  for (let i = 0; node && i < 8; i++) {
    if (node.type === 'type') node = node.children.find((c) => c.named);
    else if (node.type === 'binary_operator' && node.children.some((c) => !c.named && c.type === '|')) {
      const sides = [field(node, 'left'), field(node, 'right')].filter((x): x is PyNode => !!x && x.type !== 'none' && text(x) !== 'None');
      if (sides.length !== 1) return undefined;
      node = sides[0];
    } else if (node.type === 'generic_type') {
      const base = node.children.find((c) => c.named && c.type !== 'type_parameter');
      const args = node.children.find((c) => c.type === 'type_parameter')?.children.filter((c) => c.named) ?? [];
      if (!base || args.length !== 1 || !/^(typing\.)?Optional$/.test(qualifiedName(program, base, unit) ?? text(base))) return undefined;
      node = args[0];
    } else break;
  }
  if (!node || (node.type !== 'identifier' && node.type !== 'attribute')) return undefined;
  const t = originOf(program, node, unit, depth + 1, outside);
  return t && !t.includes('?') ? `${t}()` : undefined;
}

/** The class whose method binds `self` at this read. */
function classOfSelf(program: PythonProgram, obj: PyNode, unit: number): { node: PyNode; name: string; unit: number } | undefined {
  if (text(obj) !== 'self') return undefined;
  const b = program.semantics.lookup('self', obj, unit);
  if (!b || b.kind !== 'param') return undefined;
  const fn = b.fn ?? program.semantics.functions.find((f) => f.node === b.stmt);
  return fn?.cls ? { node: fn.cls.node, name: fn.cls.name, unit: fn.cls.unit } : undefined;
}

/**
 * `x.cal` where `x` is an instance of a class of this program (`Userdata()`, or the class node
 * for `self`) that declares `cal: Calendar` — a dataclass field, a class-level annotation or
 * `self.cal: Calendar = …` in a method: the declared type, as an instance. Only when exactly
 * one class of the program has that name.
 */
function fieldOrigin(program: PythonProgram, of: PyNode | string, name: string, depth: number, outside: OutsideReturns | undefined): string | undefined {
  let cls: { node: PyNode; unit: number } | undefined;
  if (typeof of === 'string') {
    const m = of.match(/^([A-Za-z_]\w*)\(\)$/);
    if (!m) return undefined;
    const named = program.semantics.classes.filter((c) => c.name === m[1]);
    cls = named.length === 1 ? named[0] : undefined;
  } else cls = program.semantics.classes.find((c) => c.node === of);
  if (!cls) return undefined;
  const ann = fieldTypesOf(program, cls.node).get(name);
  return ann ? typeOrigin(program, ann, cls.unit, depth + 1, outside) : undefined;
}

const FIELD_TYPES = derivedKey<Map<PyNode, Map<string, PyNode>>>('python.fieldTypes');

/** `name` → its declared type in a class: `name: T` in the class body, `self.name: T` in a method (first wins). */
function fieldTypesOf(program: PythonProgram, cls: PyNode): Map<string, PyNode> {
  const byClass = derived(program, FIELD_TYPES, () => new Map());
  let fields = byClass.get(cls);
  if (fields) return fields;
  const found = (fields = new Map<string, PyNode>());
  const body = field(cls, 'body');
  walk(cls, (n) => {
    if (n.type === 'class_definition' && n !== cls) return false;
    if (n.type !== 'assignment') return true;
    const left = field(n, 'left');
    const type = field(n, 'type');
    if (!left || !type) return true;
    if (left.type === 'identifier' && n.parent?.parent === body) {
      if (!found.has(text(left))) found.set(text(left), type);
    } else if (left.type === 'attribute') {
      const obj = field(left, 'object');
      const attr = field(left, 'attribute');
      if (obj?.type === 'identifier' && text(obj) === 'self' && attr && !found.has(text(attr))) found.set(text(attr), type);
    }
    return true;
  });
  byClass.set(cls, found);
  return found;
}

/**
 * `self.x` inside a method: the call the class assigns to `self.x` (its first such assignment,
 * in `__init__` or any method), else a parameter with a type annotation assigned to it
 * (`def __init__(self, db: HotelDB): self._db = db`). Only calls and annotated parameters: a
 * constructor or a declared type says what the attribute holds; other names may hold anything.
 */
function selfAttributeValue(program: PythonProgram, expr: PyNode, unit: number): PyNode | undefined {
  const obj = field(expr, 'object');
  const attr = field(expr, 'attribute');
  if (obj?.type !== 'identifier' || !attr || text(obj) !== 'self') return undefined;
  const b = program.semantics.lookup('self', obj, unit);
  if (!b || b.kind !== 'param') return undefined;
  const fn = b.fn ?? program.semantics.functions.find((f) => f.node === b.stmt);
  if (!fn?.cls) return undefined;
  return selfAttributesOf(program, fn.cls.node, fn.unit).get(text(attr));
}

const SELF_ATTRIBUTES = derivedKey<Map<PyNode, Map<string, PyNode>>>('python.selfAttributes');

/** `attr` → the first call (else annotated parameter) a class assigns to `self.attr` (one walk per class, kept with the program). */
function selfAttributesOf(program: PythonProgram, cls: PyNode, unit: number): Map<string, PyNode> {
  const byClass = derived(program, SELF_ATTRIBUTES, () => new Map());
  let attrs = byClass.get(cls);
  if (attrs) return attrs;
  attrs = new Map();
  const found = attrs;
  const annotated = new Map<string, PyNode>();
  walk(cls, (n) => {
    if (n.type === 'assignment') {
      const left = field(n, 'left');
      const right = field(n, 'right');
      const obj = left?.type === 'attribute' ? field(left, 'object') : undefined;
      const name = left?.type === 'attribute' ? field(left, 'attribute') : undefined;
      if (obj?.type === 'identifier' && text(obj) === 'self' && name && right) {
        const key = text(name);
        if (right.type === 'call' && !found.has(key)) found.set(key, right);
        else if (right.type === 'identifier' && !annotated.has(key) && isAnnotatedParameter(program, right, unit)) annotated.set(key, right);
      }
    }
    return true;
  });
  for (const [key, param] of annotated) if (!found.has(key)) found.set(key, param);
  byClass.set(cls, attrs);
  return attrs;
}

/** A name that reads a parameter declared with a type (`db` in `def __init__(self, db: HotelDB)`). */
function isAnnotatedParameter(program: PythonProgram, id: PyNode, unit: number): boolean {
  const b = program.semantics.lookup(text(id), id, unit);
  return b?.kind === 'param' && paramAnnotation(b.node) !== undefined;
}
