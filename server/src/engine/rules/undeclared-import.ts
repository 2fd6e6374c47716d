/**
 * D-undeclared: a third-party module imported by a notebook or `.py` file that no dependency
 * manifest of its project declares, when the project has at least one manifest. Standard
 * library modules (per Python version), the project's own modules, modules the same notebook
 * installs (`%pip install x`: unpinned-install covers those) and guarded optional imports
 * (`try: import x / except ImportError`) are left alone.
 */
import * as path from 'node:path';
import { IMPORT_TO_DISTRIBUTIONS, NAMESPACE_IMPORTS } from '../catalogues/dependencies';
import { isStdlibModule } from '../catalogues/pythonStdlib';
import { installSitesOfProgram } from '../dependencies/installSites';
import { declarationsFor, isOwnModule } from '../dependencies/projectDeclarations';
import { normalizeName } from '../manifests/requirement';
import { knownVersion } from '../dependencies/versions';
import { LineIndex, type Fix } from '../model';
import type { ProjectContext } from '../project';
import type { Unit } from '../python/program';
import { dottedName, text as nodeText, walk, type PyNode } from '../python/syntax';
import { createRule } from '../rule';

interface ImportSite {
  readonly unit: Unit;
  readonly node: PyNode;
  /** Dotted module path (`google.cloud.storage`). */
  readonly module: string;
}

const IMPORT_ERRORS = /\b(ImportError|ModuleNotFoundError|Exception|BaseException)\b/;

/** Inside `try:` whose handlers catch an import failure (or a bare `except:`)? */
function guarded(node: PyNode): boolean {
  for (let n: PyNode | null = node.parent; n; n = n.parent) {
    if (n.type === 'try_statement') {
      const handlers = n.children.filter((c) => c.type === 'except_clause');
      if (handlers.some((h) => IMPORT_ERRORS.test(nodeText(h).split(':')[0]!) || /^except\s*:/.test(nodeText(h)))) return true;
    }
    if (n.type === 'function_definition' || n.type === 'class_definition') continue;
  }
  return false;
}

function importsOf(unit: Unit): ImportSite[] {
  const out: ImportSite[] = [];
  walk(unit.root, (n) => {
    if (n.type === 'import_statement') {
      for (const c of n.children) {
        const nameNode = c.type === 'aliased_import' ? c.children.find((x) => x.field === 'name') : c.type === 'dotted_name' ? c : undefined;
        const module = nameNode ? dottedName(nameNode) : undefined;
        if (nameNode && module && !guarded(n)) out.push({ unit, node: nameNode, module });
      }
      return false;
    }
    if (n.type === 'import_from_statement') {
      const modNode = n.children.find((c) => c.field === 'module_name');
      if (modNode && modNode.type === 'dotted_name' && !guarded(n)) {
        const module = dottedName(modNode);
        if (module) out.push({ unit, node: modNode, module });
      }
      return false;
    }
    // Imports are statements: expressions never hold one, so their subtrees are skipped.
    if (n.type === 'expression_statement' || n.type === 'return_statement' || n.type === 'assert_statement') return false;
    return undefined;
  });
  return out;
}

/** Distribution names that could provide `module`. */
function candidates(module: string, extraMap: Record<string, string[]>): string[] {
  const parts = module.split('.');
  const top = parts[0]!;
  const joined: string[] = [];
  for (let i = parts.length; i >= 2; i--) joined.push(parts.slice(0, i).join('-'));
  // Namespace packages are named after their dotted path first (`google.cloud.storage` → google-cloud-storage).
  const named = [...(extraMap[top] ?? []), ...(IMPORT_TO_DISTRIBUTIONS[top] ?? []), top];
  const out = NAMESPACE_IMPORTS.has(top) ? [...joined, ...named] : [...named, ...joined];
  return out.map(normalizeName);
}

function declaredBy(names: Set<string>, module: string, extraMap: Record<string, string[]>): boolean {
  const top = normalizeName(module.split('.')[0]!);
  if (candidates(module, extraMap).some((c) => names.has(c))) return true;
  // Common spellings of a module's distribution: python-x, py-x, pyx, x-python, x-py.
  for (const n of [`python-${top}`, `py-${top}`, `py${top}`, `${top}-python`, `${top}-py`, `${top}-sdk`, `${top}-client`]) if (names.has(n)) return true;
  if (NAMESPACE_IMPORTS.has(module.split('.')[0]!)) for (const n of names) if (n.startsWith(`${top}-`)) return true;
  return false;
}

/**
 * Declare the distribution in the nearest requirements file, pinned to the version the lock
 * file or the workspace's virtual environment has (never a guessed version: no fix without
 * one). The edit appends a line to that file; pyproject.toml and other manifests get no fix.
 * Marked unsafe because it edits another file: fix-all on save leaves it to the user.
 */
function declareFix(project: ProjectContext, file: string, manifests: readonly string[], dist: string): Fix | undefined {
  const known = knownVersion(project, file, dist);
  if (!known) return undefined;
  const target = manifests.find((m) => /^requirements[\w.-]*\.txt$/i.test(path.basename(m)));
  const text = target ? project.fs.readFile(target) : undefined;
  if (!target || text === undefined) return undefined;
  const end = new LineIndex(text).positionAt(text.length);
  const line = `${dist}==${known.version}\n`;
  return {
    title: `Add ${dist}==${known.version} to ${path.basename(target)} (from the ${known.source === 'lock' ? 'lock file' : 'virtual environment'})`,
    applicability: 'unsafe',
    edits: [{ file: target, range: { start: end, end }, newText: text === '' || text.endsWith('\n') ? line : `\n${line}` }],
  };
}

export const undeclaredImport = createRule(
  {
    id: 'undeclared-import',
    family: 'dependencies',
    category: 'dependencies',
    subtypes: ['D-undeclared'],
    description: 'Report third-party imports that no dependency manifest of the project declares',
    defaultSeverity: 'warning',
    recommended: true,
    appliesTo: ['notebook', 'python'],
  },
  (ctx) => {
    const program = ctx.program;
    if (!program) return;
    const dir = path.dirname(path.resolve(ctx.file));
    const decl = declarationsFor(ctx.project, dir);
    if (!decl.manifests.length) return; // no manifest at all: the checklist says so once
    const { settings } = ctx;
    const minor = settings['python-version'] ? Number(settings['python-version'].split('.')[1]) : undefined;
    const firstParty = new Set(settings['known-first-party'] ?? []);
    const extraMap = settings['import-map'] ?? {};
    let installedMemo: Set<string> | undefined;
    const installed = () => {
      if (!installedMemo) {
        installedMemo = new Set<string>();
        for (const site of installSitesOfProgram(program)) for (const p of site.command.packages) if (p.requirement.key) installedMemo.add(p.requirement.key);
      }
      return installedMemo;
    };
    const reported = new Set<string>();
    const manifestNames = decl.manifests.map((m) => path.relative(ctx.project.root, m) || path.basename(m)).slice(0, 3).join(', ');
    for (const unit of program.units) {
      for (const imp of importsOf(unit)) {
        const top = imp.module.split('.')[0]!;
        if (reported.has(top) || isStdlibModule(top, minor) || firstParty.has(top)) continue;
        if (decl.ownNames.has(normalizeName(top)) || isOwnModule(ctx.project, dir, top)) continue;
        if (declaredBy(decl.names, imp.module, extraMap) || declaredBy(installed(), imp.module, extraMap)) continue;
        reported.add(top);
        const dist = candidates(imp.module, extraMap)[0] ?? top;
        const fix = declareFix(ctx.project, ctx.file, decl.manifests, dist);
        ctx.reportNode(
          unit,
          imp.node,
          `'${top}' is imported but no dependency manifest of the project declares it (${manifestNames}): a fresh install will not have it; add '${dist}' (pinned) to the manifest.`,
          fix ? { fix } : {},
        );
      }
    }
  },
);
