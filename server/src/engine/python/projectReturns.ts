/**
 * What the project's own functions return, for the resolver (resolve.ts `OutsideReturns`): a
 * call of `get_session()` imported from the project's `db.py`, whose body is
 * `return sessionmaker(engine)`, is a `sqlalchemy.orm.sessionmaker()` — so `with
 * get_session().begin() as session: session.add(row)` is an ORM insert one module away.
 *
 *   projectReturnsOf(project, file)   the OutsideReturns for calls made in `file`
 *
 * Only what the code states: every `return` of the function gives the same library value (an
 * imported name, so the spelling means the same in the caller), the function is no generator and
 * carries no decorator that could change what a call gives. Functions that return another
 * project function's result are followed across modules; a cycle, a module that cannot be read or
 * parsed, or anything else gives "unknown" (undefined), never a crash.
 */
import { derived, derivedKey } from '../derived';
import type { ProjectContext } from '../project';
import { functionKey } from './callGraph';
import type { PythonProgram } from './program';
import { projectModulesOf } from './projectModules';
import { originOf, projectCallee, type OutsideReturns } from './resolve';
import type { FunctionInfo } from './semantics';
import { text, walk, type PyNode } from './syntax';

/** Decorators that leave what a call returns as the body says. */
const TRANSPARENT_DECORATORS = new Set(['classmethod', 'staticmethod', 'functools.cache', 'functools.lru_cache']);

/** Per module program: function key → what it returns (null: unknown), filled on demand. */
const RETURNS = derivedKey<Map<string, string | null>>('python.projectReturns');

export function projectReturnsOf(project: ProjectContext, file: string): OutsideReturns {
  return (callee) => returnOf(project, file, callee, new Set());
}

function returnOf(project: ProjectContext, fromFile: string, callee: string, visiting: ReadonlySet<string>): string | undefined {
  // Bare names are the file's own or builtins; qualified ones may be the project's.
  if (!callee.includes('.') || callee.startsWith('?')) return undefined;
  const target = projectCallee(project, fromFile, callee);
  if (!target?.path) return undefined;
  const key = `${target.file}\0${target.path}`;
  if (visiting.has(key)) return undefined;
  const program = projectModulesOf(project).programOf(target.file);
  if (program === 'unparseable') return undefined;
  const memo = derived(program, RETURNS, () => new Map());
  const hit = memo.get(target.path);
  if (hit !== undefined) return hit ?? undefined;
  const fn = program.semantics.functions.find((f) => functionKey(f) === target.path);
  const inner = new Set([...visiting, key]);
  const found = fn ? returnedValue(program, fn, (c) => returnOf(project, target.file, c, inner)) : undefined;
  memo.set(target.path, found ?? null);
  return found;
}

/** The one library value every `return` of `fn` gives, if there is one. */
function returnedValue(program: PythonProgram, fn: FunctionInfo, outside: OutsideReturns): string | undefined {
  if (fn.decorators.some((d) => !TRANSPARENT_DECORATORS.has(program.semantics.qualify(d.target, fn.unit) ?? text(d.target)))) return undefined;
  const values: PyNode[] = [];
  let generator = false;
  const body = fn.node.children.find((c) => c.type === 'block');
  if (!body) return undefined;
  walk(body, (n) => {
    if (n.type === 'function_definition' || n.type === 'class_definition' || n.type === 'lambda') return false;
    if (n.type === 'yield') generator = true;
    if (n.type === 'return_statement') {
      const value = n.children.find((c) => c.named && c.type !== 'comment');
      if (value) values.push(value);
      else generator = true; // a bare `return` gives None on that path: no one value
    }
    return true;
  });
  if (generator || !values.length) return undefined;
  let result: string | undefined;
  for (const v of values) {
    const o = originOf(program, v, fn.unit, 0, outside);
    // A library's value: an imported name (qualified, so it means the same in the caller).
    if (!o || o.startsWith('?') || !/^[A-Za-z_]\w*\.[\w.]*\(/.test(o)) return undefined;
    if (result !== undefined && result !== o) return undefined;
    result = o;
  }
  return result;
}
