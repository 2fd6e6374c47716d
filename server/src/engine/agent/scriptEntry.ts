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
import type { PyNode } from '../python/syntax';

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
