/**
 * D-undeclared: a third-party module imported by a notebook or `.py` file that no dependency
 * manifest of its project declares, when the project has at least one manifest. Standard
 * library modules (per Python version), the project's own modules, modules the same notebook
 * installs (`%pip install x`: unpinned-install covers those) and guarded optional imports
 * (`try: import x / except ImportError`) are left alone. The project model (workspaces, dynamic
 * dependency lists, extras) is `dependencies/projectDeclarations.ts`; modules a notebook makes
 * itself are `dependencies/localModules.ts`; import names are mapped to distributions by
 * `catalogues/importNames.ts` and the virtual environment's `top_level.txt`/`RECORD`. A module
 * only a locked transitive dependency or a declared distribution's required dependency provides
 * is a hint.
 */
import * as path from 'node:path';
import { IMPORT_TO_DISTRIBUTIONS, NAMESPACE_IMPORTS } from '../catalogues/dependencies';
import { DISTRIBUTION_AFFIXES, ENVIRONMENT_SEEDED_MODULES, EXTRA_DISTRIBUTIONS, EXTRA_PATTERNS, HARD_DEPENDENCIES, KERNEL_MODULES, MODULE_DISTRIBUTIONS, RUNTIME_MODULES } from '../catalogues/importNames';
import { suppliedByUsage } from '../dependencies/usageText';
import { localModulesOf, type LocalModules } from '../dependencies/localModules';
import { isStdlibModule } from '../catalogues/pythonStdlib';
import { installSitesOfProgram } from '../dependencies/installSites';
import { declarationsFor, isOwnModule, moduleIn, projectModuleIndex } from '../dependencies/projectDeclarations';
import { normalizeName } from '../manifests/requirement';
import { installedModules, knownVersion, lockedVersions } from '../dependencies/versions';
import { LineIndex, type Fix } from '../model';
import type { ProjectContext } from '../project';
import type { Unit } from '../python/program';
import { dottedName, text as nodeText, walk, type PyNode } from '../python/syntax';
import { createRule } from '../rule';
import { fileRoleOf, ROLE_LABEL } from '../fileRoles';

interface ImportSite {
  readonly unit: Unit;
  readonly node: PyNode;
  /** Dotted module path (`google.cloud.storage`). */
  readonly module: string;
  /** Imported only when a function runs (a lazy import: the idiom for an optional dependency). */
  readonly lazy: boolean;
}

/** `TYPE_CHECKING` or `typing.TYPE_CHECKING` (any module's: `typing_extensions` too). */
function isTypeCheckingFlag(cond: PyNode | undefined): boolean {
  if (!cond) return false;
  if (cond.type === 'identifier') return nodeText(cond) === 'TYPE_CHECKING';
  return cond.type === 'attribute' && nodeText(cond.children.find((c) => c.field === 'attribute') ?? cond) === 'TYPE_CHECKING';
}

/**
 * Under `if TYPE_CHECKING:` (not its `else`): only type checkers read it, the import never
 * runs, so a fresh install without the module works.
 */
function typeCheckingOnly(node: PyNode): boolean {
  for (let n: PyNode | null = node; n?.parent; n = n.parent) {
    const p: PyNode = n.parent;
    if (p.type === 'if_statement' && n.field === 'consequence' && isTypeCheckingFlag(p.children.find((c) => c.field === 'condition'))) return true;
  }
  return false;
}

function insideFunction(node: PyNode): boolean {
  for (let n: PyNode | null = node.parent; n; n = n.parent) if (n.type === 'function_definition' || n.type === 'lambda') return true;
  return false;
}

/** Exceptions whose handler catches a failed import. */
const IMPORT_ERRORS = new Set(['ImportError', 'ModuleNotFoundError', 'Exception', 'BaseException']);

/** Does an `except` clause catch an import failure: a bare `except:`, or one naming an exception above (`except (ImportError, OSError) as e`)? */
function catchesImportError(handler: PyNode): boolean {
  const caught = handler.children.filter((c) => c.type !== 'block' && c.type !== 'comment');
  if (!caught.length) return true;
  let hit = false;
  for (const c of caught) {
    walk(c, (n) => {
      if (n.type === 'identifier' && IMPORT_ERRORS.has(nodeText(n))) hit = true;
      return hit ? false : undefined;
    });
  }
  return hit;
}

/** Inside `try:` whose handlers catch an import failure (or a bare `except:`)? */
function guarded(node: PyNode): boolean {
  for (let n: PyNode | null = node.parent; n; n = n.parent) {
    if (n.type === 'try_statement' && n.children.some((c) => c.type === 'except_clause' && catchesImportError(c))) return true;
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
        if (nameNode && module && !guarded(n) && !typeCheckingOnly(n)) out.push({ unit, node: nameNode, module, lazy: insideFunction(n) });
      }
      return false;
    }
    if (n.type === 'import_from_statement') {
      const modNode = n.children.find((c) => c.field === 'module_name');
      if (modNode && modNode.type === 'dotted_name' && !guarded(n) && !typeCheckingOnly(n)) {
        const module = dottedName(modNode);
        if (module) out.push({ unit, node: modNode, module, lazy: insideFunction(n) });
      }
      return false;
    }
    // Imports are statements: expressions never hold one, so their subtrees are skipped.
    if (n.type === 'expression_statement' || n.type === 'return_statement' || n.type === 'assert_statement') return false;
    return undefined;
  });
  return out;
}

/** The distributions the data tables name for `module`: the longest dotted prefix listed, then its top-level name. */
function tableDistributions(module: string): readonly string[] {
  const parts = module.split('.');
  for (let i = parts.length; i >= 1; i--) {
    const hit = MODULE_DISTRIBUTIONS[parts.slice(0, i).join('.')];
    if (hit) return hit;
  }
  return IMPORT_TO_DISTRIBUTIONS[parts[0]!] ?? [];
}

/** Distribution names that could provide `module` (normalised). */
function candidates(module: string, extraMap: Record<string, string[]>, venv: ReadonlyMap<string, ReadonlySet<string>>): string[] {
  const parts = module.split('.');
  const top = parts[0]!;
  const joined: string[] = [];
  for (let i = parts.length; i >= 2; i--) joined.push(parts.slice(0, i).join('-'));
  // Namespace packages are named after their dotted path first (`google.cloud.storage` → google-cloud-storage).
  const named = [...(extraMap[top] ?? []), ...(venv.get(top) ?? []), ...tableDistributions(module), ...(IMPORT_TO_DISTRIBUTIONS[top] ?? []), top];
  const out = NAMESPACE_IMPORTS.has(top) ? [...joined, ...named] : [...named, ...joined];
  return [...new Set(out.map(normalizeName))];
}

/** The distribution the message may name: one the user's map, the virtual environment or the tables know provides `module`. */
function knownDistribution(module: string, extraMap: Record<string, string[]>, venv: ReadonlyMap<string, ReadonlySet<string>>): string | undefined {
  const top = module.split('.')[0]!;
  return extraMap[top]?.[0] ?? [...(venv.get(top) ?? [])][0] ?? tableDistributions(module)[0];
}

let knownMemo: Set<string> | undefined;
/** Every distribution name the catalogues know (normalised). */
function knownDistributions(): Set<string> {
  if (!knownMemo) {
    knownMemo = new Set<string>();
    const add = (list: readonly string[]) => list.forEach((d) => knownMemo!.add(normalizeName(d)));
    for (const l of [...Object.values(IMPORT_TO_DISTRIBUTIONS), ...Object.values(MODULE_DISTRIBUTIONS), ...Object.values(EXTRA_DISTRIBUTIONS), ...Object.values(HARD_DEPENDENCIES)]) add(l);
    add(Object.keys(HARD_DEPENDENCIES));
  }
  return knownMemo;
}

/**
 * The import names (normalised) a distribution's name commonly wraps (catalogues/importNames.ts
 * `DISTRIBUTION_AFFIXES`): `valkey-glide-sync` → glide-sync, glide; `python-foo-client` → foo.
 * Never a distribution it requires (`sentence-transformers` requires transformers: another one).
 * Memoised per project (cleared with its other dependency facts), not in a module-level map
 * that would keep every name the language server ever saw.
 */
function wrappedImports(project: ProjectContext, dist: string): ReadonlySet<string> {
  return project.memo(`deps:wrapped:${dist}`, () => affixedNames(dist));
}

function affixedNames(dist: string): ReadonlySet<string> {
  const set = new Set<string>();
  const { prefixes, suffixes, vendorPrefixes, hosts } = DISTRIBUTION_AFFIXES;
  const affixes = (n: string) => {
    const bases = [n, ...prefixes.filter((p) => n.startsWith(p) && n.length > p.length).map((p) => n.slice(p.length))];
    for (const b of bases) {
      set.add(b);
      for (const x of suffixes) if (b.endsWith(x) && b.length > x.length) set.add(b.slice(0, -x.length));
    }
  };
  if (!dist.startsWith('types-') && !dist.endsWith('-stubs')) {
    affixes(dist);
    for (const v of vendorPrefixes) if (dist.startsWith(v) && dist.length > v.length) affixes(dist.slice(v.length));
    const dash = dist.indexOf('-');
    if (dash > 0 && !(hosts as readonly string[]).includes(dist.slice(0, dash))) affixes(dist.slice(dash + 1));
    for (const d of HARD_DEPENDENCIES[dist] ?? []) set.delete(normalizeName(d));
  }
  return set;
}

/** Which of `names` declares `module`; `written` are the names as declared (not those guessed from extras), read for name shapes. */
function declaredBy(project: ProjectContext, names: ReadonlySet<string>, module: string, cands: readonly string[], written: ReadonlySet<string> = names): string | undefined {
  const first = module.split('.')[0]!;
  const top = normalizeName(first);
  const hit = cands.find((c) => names.has(c));
  if (hit) return hit;
  // Common spellings of a module's distribution: python-x, py-x, pyx, x-python, x-py.
  for (const n of [`python-${top}`, `py-${top}`, `py${top}`, `${top}-python`, `${top}-py`, `${top}-sdk`, `${top}-client`]) if (names.has(n)) return n;
  if (NAMESPACE_IMPORTS.has(first)) {
    for (const n of names) if (n.startsWith(`${top}-`)) return n;
    return undefined;
  }
  // An import no table knows, wrapped by a declared distribution's name (`glide_sync` ← valkey-glide-sync).
  if (tableDistributions(module).length || knownDistributions().has(top)) return undefined;
  for (const n of written) if (wrappedImports(project, n).has(top)) return n;
  return undefined;
}

/** Declared names plus what their extras bring (`crewai[tools]` → crewai-tools). */
function withExtras(names: ReadonlySet<string>, extras: ReadonlyMap<string, ReadonlySet<string>>): Set<string> {
  const out = new Set(names);
  for (const [dist, set] of extras) {
    for (const extra of set) {
      for (const d of EXTRA_DISTRIBUTIONS[`${dist}[${extra}]`] ?? []) out.add(normalizeName(d));
      for (const t of EXTRA_PATTERNS[dist] ?? []) out.add(normalizeName(t.replace('{extra}', extra)));
      // An extra named after a companion distribution (`x[tools]` → x-tools).
      out.add(normalizeName(`${dist}-${extra}`));
      // An extra named after a distribution it installs (`polars[pandas,pyarrow]`), or after its import name (`x[sklearn]`).
      if (knownDistributions().has(extra)) out.add(extra);
      for (const d of IMPORT_TO_DISTRIBUTIONS[extra.replace(/-/g, '_')] ?? []) out.add(normalizeName(d));
    }
  }
  return out;
}

/**
 * The chain through which a declared distribution always installs one of `cands`: its required
 * dependencies, and theirs (`haystack-ai` → openai → httpx), declared distribution first.
 */
function installedWith(names: ReadonlySet<string>, cands: readonly string[]): string[] | undefined {
  for (const n of names) {
    const parent = new Map<string, string>();
    const seen = new Set<string>([n]);
    let layer = [n];
    for (let depth = 0; depth < 4 && layer.length; depth++) {
      const next: string[] = [];
      for (const d of layer) {
        for (const dep of HARD_DEPENDENCIES[d] ?? []) {
          const key = normalizeName(dep);
          if (cands.includes(key)) {
            const chain = [d];
            for (let p = parent.get(d); p; p = parent.get(p)) chain.unshift(p);
            return chain;
          }
          if (!seen.has(key)) (seen.add(key), parent.set(key, d), next.push(key));
        }
      }
      layer = next;
    }
  }
  return undefined;
}

const isGeneratedProto = (top: string) => /_pb2(_grpc)?$/.test(top);

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
    scope: 'program',
    reads: ['source', 'manifests'],
  },
  (ctx) => {
    const program = ctx.program;
    if (!program) return;
    const dir = path.dirname(path.resolve(ctx.file));
    const decl = declarationsFor(ctx.project, dir);
    if (!decl.manifests.length) return; // no manifest at all: the checklist says so once
    // A dependency list computed at build time that is not read here: what is declared is unknown.
    if (decl.unknown) return;
    const { settings } = ctx;
    const minor = settings['python-version'] ? Number(settings['python-version'].split('.')[1]) : undefined;
    const firstParty = new Set(settings['known-first-party'] ?? []);
    const extraMap = settings['import-map'] ?? {};
    const notebook = program.kind === 'notebook';
    const venv = installedModules(ctx.project, dir);
    const declared = withExtras(decl.names, decl.extras);
    let localMemo: LocalModules | undefined;
    const local = () => (localMemo ??= localModulesOf(ctx.project, program, dir));
    let installedMemo: Set<string> | undefined;
    const installed = () => {
      if (!installedMemo) {
        installedMemo = new Set<string>(local().installed);
        for (const site of installSitesOfProgram(program)) for (const p of site.command.packages) if (p.requirement.key) installedMemo.add(p.requirement.key);
      }
      return installedMemo;
    };
    const locked = lockedVersions(ctx.project, dir);
    const reported = new Set<string>();
    const manifestNames = decl.manifests.map((m) => path.relative(ctx.project.root, m) || path.basename(m)).slice(0, 3).join(', ');
    const relative = path.relative(ctx.project.root, ctx.file);
    // Test, example and benchmark code is not what a fresh install of the project runs: what it
    // imports belongs in a test/dev group or the example's or benchmark's own requirements (a
    // hint, said so).
    const role = program.kind === 'python' ? fileRoleOf(relative) : 'product';
    const aside = role === 'product' ? undefined : ROLE_LABEL[role];
    const sites = program.units.map((unit) => importsOf(unit));
    // A module imported eagerly anywhere in the file is judged at that import, not a lazy one.
    const eager = new Set(sites.flat().filter((s) => !s.lazy).map((s) => s.module.split('.')[0]!));
    program.units.forEach((unit, u) => {
      for (const imp of sites[u]!) {
        if (imp.lazy && eager.has(imp.module.split('.')[0]!)) continue;
        const top = imp.module.split('.')[0]!;
        if (reported.has(top) || isStdlibModule(top, minor) || firstParty.has(top) || isGeneratedProto(top)) continue;
        // Modules the notebook kernel or a hosted runtime provides.
        if (notebook && KERNEL_MODULES.has(top)) continue;
        if ([...RUNTIME_MODULES].some((r) => imp.module === r || imp.module.startsWith(`${r}.`))) continue;
        const cands = candidates(imp.module, extraMap, venv);
        // The project's own: its packages, workspace members, path sources, modules next to the code.
        if (decl.ownNames.has(normalizeName(top)) || cands.some((c) => decl.ownNames.has(c))) continue;
        if (isOwnModule(ctx.project, dir, top, decl.ownDirs)) continue;
        if (declaredBy(ctx.project, declared, imp.module, cands, decl.names) || declaredBy(ctx.project, installed(), imp.module, cands)) continue;
        // Modules the program writes, clones or puts on its import path; a sibling module of the project.
        const lm = local();
        if (lm.created.has(top) || lm.dirs.some((d) => moduleIn(ctx.project, d, top))) continue;
        if (lm.unknownFrom && (u > lm.unknownFrom.unit || (u === lm.unknownFrom.unit && imp.node.start >= lm.unknownFrom.offset))) continue;
        if (projectModuleIndex(ctx.project).has(top)) continue;
        const known = knownDistribution(imp.module, extraMap, venv);
        // A Kaggle notebook imports the utility scripts attached to it by name: a module no
        // table or environment knows as a distribution is most likely one of them.
        if (lm.kaggle && !known && !knownDistributions().has(normalizeName(top))) continue;
        reported.add(top);
        const what = known ? `'${known}'` : `the distribution that provides '${top}'`;
        // Declared by a workspace member this code depends on: the workspace is maintained as one project.
        if (cands.some((c) => decl.viaMember.has(c))) continue;
        const lockedAs = cands.find((c) => locked.has(c));
        const carrier = installedWith(declared, cands);
        if (lockedAs || carrier) {
          const why = lockedAs || !carrier
              ? 'only a transitive dependency in the lock file provides it'
              : `it is only installed transitively (through '${carrier[0]}'${carrier.length > 1 ? ` → ${carrier.slice(1).join(' → ')}` : ''})`;
          ctx.reportNode(unit, imp.node, `'${top}' is imported but no dependency manifest of the project declares it (${manifestNames}); ${why}. Declare ${what} if this code uses it directly.`, { severity: 'hint' });
          continue;
        }
        const fix = known ? declareFix(ctx.project, ctx.file, decl.manifests, known) : undefined;
        // The installer's own distributions (setuptools' pkg_resources): usually present, not promised.
        const seeded = ENVIRONMENT_SEEDED_MODULES.get(top);
        if (seeded) {
          ctx.reportNode(unit, imp.node, `'${top}' is imported but no dependency manifest of the project declares it (${manifestNames}); it comes with ${seeded}, which most environments are created with but none promises (a Python 3.12+ venv has no setuptools): declare '${seeded}' if this code uses it.`, { severity: 'hint', ...(fix ? { fix } : {}) });
          continue;
        }
        // The file's usage text supplies it for the run (`uv run --with playwright python x.py`).
        const usage = suppliedByUsage(program);
        const supplier = [normalizeName(top), ...cands].map((c) => usage.get(c)).find((c) => c !== undefined);
        if (supplier) {
          ctx.reportNode(unit, imp.node, `'${top}' is imported but no dependency manifest of the project declares it (${manifestNames}); the file's usage text supplies it for its run (\`${supplier}\`): declare ${what} in a development group if the project should install it.`, { severity: 'hint', ...(fix ? { fix } : {}) });
          continue;
        }
        const lazy = imp.lazy && program.kind === 'python';
        if (aside || lazy) {
          const why = aside
            ? `in ${aside}, which a fresh install of the project does not run: declare ${what} in the ${role === 'test' ? 'test or development dependency group' : role === 'example' ? "example's requirements" : "benchmark's requirements (or a development group)"}`
            : `it is imported only inside a function, the way an optional dependency is: declare ${what} as an extra (or a required dependency) so users can install it`;
          ctx.reportNode(unit, imp.node, `'${top}' is imported but no dependency manifest of the project declares it (${manifestNames}); ${why}.`, { severity: 'hint', ...(fix ? { fix } : {}) });
          continue;
        }
        ctx.reportNode(
          unit,
          imp.node,
          `'${top}' is imported but no dependency manifest of the project declares it (${manifestNames}): a fresh install will not have it; add ${what} (pinned) to the manifest.`,
          fix ? { fix } : {},
        );
      }
    });
  },
);
