/**
 * Functions that run once per request, message, task or agent step: agent tools, graph nodes,
 * web handlers, queue tasks. State such a function keeps in module memory is shared by every
 * concurrent run and lost on restart (H-global).
 *
 * The shared detection of places that run again (`python/rerunPlaces.ts`: tools, tasks,
 * consumers, handlers; retries and notebook cells are not per-run places) is the main source.
 * The few shapes it does not cover yet (base-class handlers such as `BaseHTTPRequestHandler`,
 * `Tool(func=…)`, user-configured decorators, helpers several calls deep) are added from
 * catalogues/hiddenState.ts.
 */
import {
  HANDLER_BASE_CLASSES,
  HANDLER_DECORATOR_METHODS,
  HANDLER_DECORATOR_NAMES,
  HANDLER_DECORATORS,
  HANDLER_REGISTRATIONS,
  TOOL_LIST_KEYWORDS,
} from '../catalogues/hiddenState';
import { callGraphOf } from '../python/callGraph';
import { matchesAny } from '../python/patterns';
import type { PythonProgram } from '../python/program';
import { findRerunPlaces } from '../python/rerunPlaces';
import type { FunctionInfo } from '../python/semantics';
import { field, text, type PyNode } from '../python/syntax';
import { elementsOf, qualifiedName } from '../python/resolve';

/** Decorators that look like handler registrations but are not (CLI commands, test fixtures). */
const NOT_HANDLERS = ['click.*', 'typer.*', 'pytest.*', 'functools.*', 'unittest.*', 'abc.*', 'typing.*'];

/** Places that run once per request / tool call / task; retries and notebook cells are not. */
const PER_RUN_KINDS = new Set<string>(['tool', 'task', 'consumer', 'handler']);

export function runHandlers(program: PythonProgram, extraDecorators: readonly string[] = []): Map<FunctionInfo, string> {
  const sem = program.semantics;
  const out = new Map<FunctionInfo, string>();
  const graph = callGraphOf(program);
  const functionNamed = (expr: PyNode | undefined, unit: number): FunctionInfo | undefined => (expr ? graph.functionNamed(expr, unit) : undefined);

  for (const place of findRerunPlaces(program)) {
    if (place.functionInfo && PER_RUN_KINDS.has(place.kind) && !out.has(place.functionInfo)) out.set(place.functionInfo, place.label);
  }

  for (const fn of sem.functions) {
    if (out.has(fn)) continue;
    for (const d of fn.decorators) {
      const q = qualifiedName(program, d.target, fn.unit);
      if (matchesAny(q, NOT_HANDLERS)) continue;
      const last = d.target.type === 'attribute' ? field(d.target, 'attribute') : undefined;
      if (
        matchesAny(q, HANDLER_DECORATORS) ||
        matchesAny(q, extraDecorators) ||
        (last && matchesAny(text(last), extraDecorators)) ||
        (d.target.type === 'identifier' && HANDLER_DECORATOR_NAMES.includes(text(d.target))) ||
        (last && HANDLER_DECORATOR_METHODS.includes(text(last)))
      ) {
        out.set(fn, `@${text(d.target)}`);
        break;
      }
    }
    const bases = fn.cls?.bases.map((b) => text(b).split('.').pop()!) ?? [];
    for (const base of bases) {
      const methods = Object.prototype.hasOwnProperty.call(HANDLER_BASE_CLASSES, base) ? HANDLER_BASE_CLASSES[base] : undefined;
      if (methods?.includes(fn.name)) out.set(fn, `${base}.${fn.name}`);
    }
  }

  for (const call of sem.calls) {
    const name = call.callee.type === 'identifier' ? text(call.callee) : call.callee.type === 'attribute' ? text(field(call.callee, 'attribute')!) : '';
    for (const reg of HANDLER_REGISTRATIONS) {
      if (reg.method !== name) continue;
      const args = [...(reg.positional ?? []).map((i) => call.positional[i]), ...(reg.keywords ?? []).map((k) => call.keywords.get(k))];
      for (const a of args) {
        const f = functionNamed(a, call.unit);
        if (f && !out.has(f)) out.set(f, `${name}(…)`);
      }
    }
    for (const k of TOOL_LIST_KEYWORDS) {
      const list = call.keywords.get(k);
      // `tools=[…]`, also a list built elsewhere (`tools = base_tools + [lookup]`).
      for (const el of list ? (elementsOf(program, list, call.unit) ?? []) : []) {
        const f = functionNamed(el.node, el.unit);
        if (f && !out.has(f)) out.set(f, `${k}=[…]`);
      }
    }
  }

  // Helpers a handler calls run per request too (a few rounds reach the usual call depth).
  for (let round = 0; round < 4; round++) {
    let grew = false;
    for (const call of sem.calls) {
      if (!call.fn || !out.has(call.fn)) continue;
      for (const { fn: f, kind } of graph.callees(call)) {
        if (kind !== 'direct' || out.has(f) || f.parentScope !== sem.module) continue;
        out.set(f, `called from \`${call.fn.name}\``);
        grew = true;
      }
    }
    if (!grew) break;
  }
  return out;
}
