/**
 * Is this code a script's own program? A `.py` file run as `python file.py` executes its top
 * level (an `if __name__ == "__main__":` block included) and whatever that calls: there
 * `print` is the program's output, not a service's log line. A function counts when every
 * call of it the call graph knows (certain edges only) is itself in script code; a function
 * nothing in the file calls may be called from elsewhere (a worker, a framework) and is not.
 */
import { CERTAIN_EDGES, calledFromModuleLevel, callGraphOf } from '../python/callGraph';
import type { PythonProgram } from '../python/program';
import type { FunctionInfo } from '../python/semantics';
import { dottedName, stringValue, text, walk, type PyNode } from '../python/syntax';
import { originOf } from '../python/resolve';
import { matchesName } from '../python/patterns';
import { derived, derivedKey } from '../derived';
import { SCRIPT_ARGUMENT_PARSERS, SERVICE_FRAMEWORKS } from '../catalogues/agent';

/** The innermost function whose body holds `node`, if any. */
export function functionAround(program: PythonProgram, unit: number, node: PyNode): FunctionInfo | undefined {
  let best: FunctionInfo | undefined;
  for (const f of program.semantics.functions) {
    if (f.unit !== unit || f.node.start > node.start || f.node.end < node.end || f.node === node) continue;
    if (!best || f.node.start >= best.node.start) best = f;
  }
  return best;
}

/** Whether `node` runs only as part of a Python file executed as a script. */
export function isScriptCode(program: PythonProgram, unit: number, node: PyNode): boolean {
  if (program.kind !== 'python') return false;
  const fn = functionAround(program, unit, node);
  return !fn || calledFromModuleLevel(callGraphOf(program), fn, 'every', CERTAIN_EDGES);
}

/** `__name__ == "__main__"` (either order). */
function isMainGuard(cond: PyNode | undefined): boolean {
  if (!cond || cond.type !== 'comparison_operator') return false;
  const operands = cond.children.filter((c) => c.type === 'identifier' || c.type === 'string');
  return operands.some((c) => c.type === 'identifier' && text(c) === '__name__') && operands.some((c) => c.type === 'string' && stringValue(c) === '__main__');
}

const ONE_OFF = derivedKey<boolean>('agent.oneOffScript');

/**
 * Is this Python file a one-off command-line script (a benchmark, an evaluation, a maintenance
 * tool run by hand) rather than service code? It is run as `__main__` (a module-level
 * `if __name__ == "__main__":`), reads its command line through an argument parser
 * (`SCRIPT_ARGUMENT_PARSERS`: argparse, click, typer, fire…), and imports no framework whose code
 * runs unattended (`SERVICE_FRAMEWORKS`: web servers, task queues, workflow engines, consumers).
 * Notebooks are never scripts here: their severities are set per rule (`notebookSeverity`).
 */
export function isOneOffScript(program: PythonProgram): boolean {
  return derived(program, ONE_OFF, (p) => {
    if (p.kind !== 'python') return false;
    let main = false;
    let service = false;
    const isService = (module: string) => SERVICE_FRAMEWORKS.some((f) => module === f || module.startsWith(`${f}.`));
    for (const unit of p.units) {
      for (const stmt of unit.root.children) {
        if (stmt.type === 'if_statement' && isMainGuard(stmt.children.find((c) => c.field === 'condition'))) main = true;
      }
      walk(unit.root, (n) => {
        if (n.type === 'import_statement') {
          for (const c of n.children) {
            const name = c.type === 'aliased_import' ? c.children.find((x) => x.field === 'name') : c.type === 'dotted_name' ? c : undefined;
            if (name && isService(dottedName(name) ?? '')) service = true;
          }
          return false;
        }
        if (n.type === 'import_from_statement') {
          const mod = n.children.find((c) => c.field === 'module_name');
          if (mod?.type === 'dotted_name' && isService(dottedName(mod) ?? '')) service = true;
          return false;
        }
        return undefined;
      });
    }
    if (!main || service) return false;
    return p.semantics.calls.some((call) => {
      const name = originOf(p, call.callee, call.unit);
      return SCRIPT_ARGUMENT_PARSERS.some((pattern) => matchesName(name, pattern));
    });
  });
}
