/**
 * setup.py: `setup(install_requires=[…], extras_require={…})` read from the syntax tree (a
 * list bound to a name first, `install_requires=REQUIRED`, is followed through its binding).
 * Nothing is executed; requirements computed at run time (read from a file) are not seen.
 */
import type { PythonProgram } from '../python/program';
import { qualifiedName, valueOf } from '../python/resolve';
import type { CallSite } from '../python/semantics';
import { lastNameOf, stringValue, text as nodeText, walk, type PyNode } from '../python/syntax';
import { parseRequirement } from './requirement';
import type { ManifestProblem, ManifestRequirement, ParsedManifest } from './types';

function listItems(node: PyNode | undefined, program: PythonProgram, unit: number): PyNode[] {
  if (!node) return [];
  if (node.type === 'identifier') {
    const v = valueOf(program, node, unit);
    return v.node !== node ? listItems(v.node, program, v.unit) : [];
  }
  if (node.type === 'list' || node.type === 'tuple') return node.children.filter((c) => c.named && c.type !== 'comment');
  if (node.type === 'binary_operator') return [...listItems(node.children[0], program, unit), ...listItems(node.children[node.children.length - 1], program, unit)];
  return [];
}

/** The `setup(…)` calls of a setup.py (`setuptools.setup`, `distutils.core.setup`, a bare `setup`). */
export function setupCalls(program: PythonProgram): CallSite[] {
  return program.semantics.calls.filter((call) => /(^|\.)setup$/.test(qualifiedName(program, call.callee, call.unit) ?? nodeText(call.callee)));
}

export function parseSetupPy(program: PythonProgram | undefined): ParsedManifest {
  const requirements: ManifestRequirement[] = [];
  let projectName: string | undefined;
  const dependencyFiles: string[] = [];
  let dependenciesUnknown = false;
  if (!program) return { requirements, includes: [] };
  const error = syntaxProblem(program);
  for (const call of setupCalls(program)) {
    const nameNode = call.keywords.get('name');
    const n = nameNode ? stringValue(nameNode) : undefined;
    if (n) projectName = n;
    const add = (items: PyNode[], group: string) => {
      for (const item of items) {
        const s = stringValue(item);
        if (s === undefined || item.type !== 'string') continue;
        const req = parseRequirement(s);
        if (!req || req.local) continue;
        const contentStart = item.start + nodeText(item).indexOf(s);
        requirements.push({
          requirement: req, start: contentStart + req.nameStart, end: contentStart + req.end, group,
          ...(req.name && !/:\/\//.test(s) ? { fix: { start: contentStart + req.specStart, end: contentStart + req.specEnd, text: (v: string) => `==${v}` } } : {}),
        });
      }
    };
    const installRequires = call.keywords.get('install_requires');
    const items = listItems(installRequires, program, call.unit);
    add(items, 'install_requires');
    if (installRequires && !items.length) {
      // Computed at build time: a requirements file named in the expression is the list.
      const expr = installRequires.type === 'identifier' ? valueOf(program, installRequires, call.unit).node : installRequires;
      const files: string[] = [];
      const collect = (root: PyNode) =>
        walk(root, (n) => {
          const v = n.type === 'string' ? stringValue(n) : undefined;
          if (v && /\.(txt|in)$/i.test(v)) files.push(v);
          return undefined;
        });
      if (expr) collect(expr);
      // Read by a helper (`install_requires=read_requirements()`): the requirements files the script names.
      if (!files.length) for (const u of program.units) collect(u.root);
      if (files.length) dependencyFiles.push(...files);
      else if (expr && expr.type !== 'list' && expr.type !== 'tuple') dependenciesUnknown = true;
    }
    if (call.hasStarKwargs && !installRequires) dependenciesUnknown = true;
    const extras = call.keywords.get('extras_require');
    const extrasNode = extras ? valueOf(program, extras, call.unit).node : undefined;
    if (extrasNode?.type === 'dictionary') {
      for (const pair of extrasNode.children.filter((c) => c.type === 'pair')) {
        const key = pair.children.find((c) => c.field === 'key');
        const value = pair.children.find((c) => c.field === 'value');
        add(listItems(value, program, call.unit), `extras_require.${key ? stringValue(key) ?? '?' : '?'}`);
      }
    }
  }
  // Compiled extensions the script builds (`Extension("pkg._speedups", …)`, `CMakeExtension("lk_x")`,
  // `Pybind11Extension`, `CUDAExtension`…): the project's own top-level modules.
  const extensionModules = new Set<string>();
  let cmakeBuild = false;
  for (const call of program.semantics.calls) {
    const last = lastNameOf(call.callee) ?? '';
    if (!last.endsWith('Extension')) continue;
    if (/^CMake/.test(last)) cmakeBuild = true;
    const nameArg = call.keywords.get('name') ?? call.positional[0];
    const name = nameArg ? stringValue(nameArg) : undefined;
    const top = name?.split('.')[0];
    if (top && /^[A-Za-z_]\w*$/.test(top)) extensionModules.add(top);
  }
  const project = {
    ...(extensionModules.size ? { extensionModules: [...extensionModules] } : {}),
    ...(cmakeBuild ? { cmakeBuild } : {}),
    ...(dependencyFiles.length ? { dependencyFiles } : {}), ...(dependenciesUnknown ? { dependenciesUnknown } : {}) };
  return { requirements, includes: [], ...(projectName ? { projectName } : {}), ...(Object.keys(project).length ? { project } : {}), ...(error ? { error } : {}) };
}

/**
 * A syntax error CPython would raise compiling setup.py (the `syntax-error` rule does not run on
 * manifests): only one the parser confirmed (python/parser.ts), as for any Python file.
 */
function syntaxProblem(program: PythonProgram): ManifestProblem | undefined {
  const unit = program.units[0];
  const err = unit?.syntaxError;
  if (!unit || !err?.confirmed) return undefined;
  const unexpected = err.unexpected.trim().split('\n')[0];
  const what = err.message ?? (err.unexpected.startsWith('missing') ? err.unexpected : unexpected ? `unexpected \`${unexpected.slice(0, 40)}\`` : 'unexpected end of input');
  const p = unit.lines.positionAt(err.start);
  return { message: `Python syntax error at line ${p.line + 1}, column ${p.column + 1}: ${what}`, start: err.start, end: err.end };
}
