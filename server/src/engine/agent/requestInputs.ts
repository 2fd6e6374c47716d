/**
 * FastAPI endpoints that accept a request body without a schema: a body parameter annotated
 * `dict`/`Dict[...]`/`Any`/`Mapping` (FastAPI then accepts any JSON object), or
 * `await request.json()` whose result is never validated (no `Model.model_validate(data)`,
 * `Model(**data)`, `jsonschema.validate(data, …)` in the endpoint). One answer for the
 * `unvalidated-request-body` rule and the checklist's `inputs-validated` item.
 */
import { BODY_VALIDATORS, FASTAPI_ROUTE, NON_BODY_PARAMETERS, RAW_JSON_READS, ROUTE_DECORATORS, UNTYPED_BODY_ANNOTATIONS } from '../catalogues/readiness';
import { matchesAny } from '../python/patterns';
import type { PythonProgram } from '../python/program';
import { originOf } from '../python/resolve';
import type { CallSite, FunctionInfo } from '../python/semantics';
import { field, lastNameOf, text, type PyNode } from '../python/syntax';

export interface UnvalidatedInput {
  fn: FunctionInfo;
  /** The parameter, or the `request.json()` call. */
  node: PyNode;
  unit: number;
  kind: 'untyped-parameter' | 'raw-json';
  /** `payload: dict`, or `request.json()`. */
  what: string;
}

/** Functions a FastAPI route decorator (`@app.post(…)`, `@router.get(…)`) declares as endpoints. */
export function fastapiEndpoints(program: PythonProgram): FunctionInfo[] {
  return program.semantics.functions.filter((fn) =>
    fn.decorators.some((d) => {
      if (!d.call) return false;
      const name = originOf(program, d.target, fn.unit);
      return matchesAny(name, ROUTE_DECORATORS) && matchesAny(name, FASTAPI_ROUTE);
    }),
  );
}

function annotationOf(param: PyNode): PyNode | undefined {
  if (param.type !== 'typed_parameter' && param.type !== 'typed_default_parameter') return undefined;
  const t = field(param, 'type');
  return t?.children.find((c) => c.named) ?? t;
}
const parameterName = (param: PyNode) => (param.type === 'typed_parameter' ? param.children.find((c) => c.type === 'identifier') : field(param, 'name'));

/** `x: dict = Depends(...)`: the value comes from a dependency, a header, the query… not the body. */
function fromElsewhere(program: PythonProgram, param: PyNode, unit: number): boolean {
  const value = field(param, 'value');
  const callee = value?.type === 'call' ? field(value, 'function') : undefined;
  return callee !== undefined && matchesAny(originOf(program, callee, unit), NON_BODY_PARAMETERS);
}

/** The call validates `arg`: a validator call, or a class built from it (`Model(**data)`). */
function validates(program: PythonProgram, call: CallSite, passed: (arg: PyNode) => boolean): boolean {
  const args = [...call.positional, ...call.keywords.values()];
  const splats = (field(call.node, 'arguments')?.children ?? []).filter((c) => c.type === 'dictionary_splat').map((c) => c.children.find((x) => x.named)!).filter(Boolean);
  if (![...args, ...splats].some(passed)) return false;
  if (matchesAny(originOf(program, call.callee, call.unit), BODY_VALIDATORS)) return true;
  // A class (CapWords by convention) constructed from the body: a pydantic model or dataclass.
  const last = lastNameOf(call.callee);
  return last !== undefined && /^[A-Z][a-z0-9]+[A-Za-z0-9]*$/.test(last) && splats.some(passed);
}

const unwrapAwait = (n: PyNode) => (n.parent?.type === 'await' ? n.parent : n);

/** Is the parsed JSON of `read` validated in its endpoint? */
function jsonValidated(program: PythonProgram, fn: FunctionInfo, read: CallSite): boolean {
  const value = unwrapAwait(read.node);
  const calls = program.semantics.calls.filter((c) => c.fn === fn && c !== read);
  // `Model.model_validate(await request.json())`, `Model(**await request.json())`.
  if (calls.some((c) => validates(program, c, (a) => a === value))) return true;
  // `data = await request.json()` … `Model.model_validate(data)`.
  const assignment = value.parent?.type === 'assignment' && field(value.parent, 'right') === value ? value.parent : undefined;
  const target = assignment ? field(assignment, 'left') : undefined;
  if (target?.type !== 'identifier') return false;
  const name = text(target);
  return calls.some((c) => c.node.start > value.end && validates(program, c, (a) => a.type === 'identifier' && text(a) === name));
}

export function unvalidatedInputs(program: PythonProgram, fn: FunctionInfo): UnvalidatedInput[] {
  const out: UnvalidatedInput[] = [];
  for (const p of field(fn.node, 'parameters')?.children ?? []) {
    const ann = annotationOf(p);
    if (!ann) continue;
    const name = originOf(program, ann.type === 'generic_type' ? ann.children[0]! : ann, fn.unit);
    if (!matchesAny(name, UNTYPED_BODY_ANNOTATIONS) || fromElsewhere(program, p, fn.unit)) continue;
    const pname = parameterName(p);
    out.push({ fn, node: p, unit: fn.unit, kind: 'untyped-parameter', what: `${pname ? text(pname) : '?'}: ${text(ann)}` });
  }
  for (const c of program.semantics.calls) {
    if (c.fn !== fn || !matchesAny(originOf(program, c.callee, c.unit), RAW_JSON_READS)) continue;
    if (!jsonValidated(program, fn, c)) out.push({ fn, node: c.node, unit: c.unit, kind: 'raw-json', what: `${text(c.callee)}()` });
  }
  return out;
}
