/**
 * H-global, project-written stores: a class of the project that implements a framework's
 * persistence interface (catalogues/hiddenState.ts PERSISTENCE_INTERFACES: ChatKit `Store`,
 * LangGraph `BaseCheckpointSaver`/`BaseStore`, LangChain `BaseChatMessageHistory`) and keeps its
 * records in instance containers is an in-memory store, like the libraries' own `InMemoryStore`.
 *
 *   inMemoryImplementation(project, file, program, call)
 *       the class a call constructs, when it is such a store (in this file or imported from
 *       another project module), with where it is defined
 *
 * "Keeps its records in memory" is what its constructor states: it takes nothing but `self`
 * (no connection, path or client is injected) and gives its attributes only empty containers or
 * locks. A store that opens a database, or is handed one, is not reported.
 */
import { IN_MEMORY_CONTAINERS, PERSISTENCE_INTERFACES } from '../catalogues/hiddenState';
import type { ProjectContext } from '../project';
import { matchesAny } from '../python/patterns';
import type { PythonProgram } from '../python/program';
import { projectModulesOf, splitQualified } from '../python/projectModules';
import { qualifiedName } from '../python/resolve';
import type { CallSite, ClassInfo } from '../python/semantics';
import { field, parameterNames, text, walk, type PyNode } from '../python/syntax';

export interface InMemoryImplementation {
  readonly cls: ClassInfo;
  /** The file defining the class, and the 0-based line of its `class` statement. */
  readonly file: string;
  readonly line: number;
  readonly what: string;
  readonly alternative: string;
}

export function inMemoryImplementation(project: ProjectContext, file: string, program: PythonProgram, call: CallSite): InMemoryImplementation | undefined {
  if (call.callee.type !== 'identifier' && call.callee.type !== 'attribute') return undefined;
  const local = call.callee.type === 'identifier' ? program.semantics.lookup(text(call.callee), call.callee, call.unit) : undefined;
  if (local?.kind === 'class') {
    const cls = program.semantics.classes.find((c) => c.node === local.stmt);
    return cls ? check(program, file, cls) : undefined;
  }
  const name = qualifiedName(program, call.callee, call.unit);
  const target = name ? splitQualified(project, file, name) : undefined;
  if (!target?.path || target.path.includes('.')) return undefined;
  const other = projectModulesOf(project).programOf(target.file);
  if (other === 'unparseable') return undefined;
  const cls = other.semantics.classes.find((c) => c.name === target.path && c.scope.parent?.kind === 'module');
  return cls ? check(other, target.file, cls) : undefined;
}

function check(program: PythonProgram, file: string, cls: ClassInfo): InMemoryImplementation | undefined {
  const iface = PERSISTENCE_INTERFACES.find((i) => cls.bases.some((b) => matchesAny(qualifiedName(program, b.type === 'subscript' ? (field(b, 'value') ?? b) : b, cls.unit), i.bases)));
  if (!iface) return undefined;
  const init = program.semantics.functions.find((f) => f.cls === cls && f.name === '__init__');
  if (!init || parameterNames(init.node).length !== 1) return undefined;
  if (!keepsOnlyContainers(program, init.node, init.unit)) return undefined;
  const line = program.units[cls.unit]?.lines.positionAt(cls.node.start).line ?? 0;
  return { cls, file, line, what: iface.what, alternative: iface.alternative };
}

/** Every `self.x = …` of the constructor is an empty container or a lock, and one is a container. */
function keepsOnlyContainers(program: PythonProgram, init: PyNode, unit: number): boolean {
  let containers = 0;
  let other = false;
  walk(init, (n) => {
    if (n.type !== 'assignment') return true;
    const left = field(n, 'left');
    const right = field(n, 'right');
    if (left?.type !== 'attribute' || text(field(left, 'object') ?? left) !== 'self' || !right) return true;
    if (['dictionary', 'list', 'set'].includes(right.type)) containers++;
    else if (right.type === 'call' && matchesAny(qualifiedName(program, field(right, 'function') ?? right, unit) ?? text(field(right, 'function') ?? right), IN_MEMORY_CONTAINERS)) {
      if (!/Lock$/.test(text(field(right, 'function') ?? right))) containers++;
    } else other = true;
    return false;
  });
  return containers > 0 && !other;
}
