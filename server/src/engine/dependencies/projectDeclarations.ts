/**
 * What a project declares: the distributions named by every dependency manifest between a file
 * and the project root (requirements files with their `-r` includes, pyproject.toml, Pipfile,
 * environment.yml, setup.py, setup.cfg), and the top-level modules the project itself provides.
 * Memoised per folder with `project.memo`.
 */
import * as path from 'node:path';
import { classifyFile } from '../files';
import { DECLARING_KINDS, parseManifest } from '../manifests';
import { normalizeName } from '../manifests/requirement';
import type { ProjectContext } from '../project';
import { programFromPython } from '../python/program';
import { foldersUp } from './versions';

export interface Declarations {
  /** Manifest files found (absolute paths). */
  readonly manifests: string[];
  /** PEP 503-normalised distribution names declared. */
  readonly names: Set<string>;
  /** The project's own distribution names (normalised). */
  readonly ownNames: Set<string>;
}

function manifestsOfFolder(project: ProjectContext, dir: string): string[] {
  const out: string[] = [];
  for (const n of project.fs.readDir(dir) ?? []) {
    const p = path.join(dir, n);
    const kind = classifyFile(p);
    if (kind?.target === 'manifest' && DECLARING_KINDS.has(kind.manifestKind)) out.push(p);
    else if (n === 'requirements' && project.fs.isDirectory(p)) {
      for (const m of project.fs.readDir(p) ?? []) if (/\.(txt|in)$/i.test(m)) out.push(path.join(p, m));
    }
  }
  return out;
}

function declareFile(project: ProjectContext, file: string, into: Declarations, seen: Set<string>): void {
  if (seen.has(file)) return;
  seen.add(file);
  const text = project.fs.readFile(file);
  if (text === undefined) return;
  const kind = classifyFile(file);
  const manifestKind = kind?.target === 'manifest' ? kind.manifestKind : 'requirements';
  let program;
  if (manifestKind === 'setup-py') {
    try {
      program = programFromPython(text);
    } catch {
      program = undefined;
    }
  }
  const parsed = parseManifest(manifestKind, text, program);
  for (const r of parsed.requirements) if (r.requirement.key) into.names.add(r.requirement.key);
  if (parsed.projectName) into.ownNames.add(normalizeName(parsed.projectName));
  for (const inc of parsed.includes) declareFile(project, path.resolve(path.dirname(file), inc.path), into, seen);
}

/** Declarations visible from a folder: its manifests and those of its parents up to the root. */
export function declarationsFor(project: ProjectContext, dir: string): Declarations {
  return project.memo(`deps:declared:${dir}`, () => {
    const d: Declarations = { manifests: [], names: new Set(), ownNames: new Set() };
    const seen = new Set<string>();
    for (const folder of foldersUp(project, dir)) {
      for (const file of manifestsOfFolder(project, folder)) {
        d.manifests.push(file);
        declareFile(project, file, d, seen);
      }
    }
    return d;
  });
}

/** Is `module` a module of the project itself (a `.py` file or a package folder next to the code, or under `src/`)? */
export function isOwnModule(project: ProjectContext, dir: string, module: string): boolean {
  return project.memo(`deps:own:${dir}:${module}`, () => {
    for (const folder of foldersUp(project, dir)) {
      for (const base of [folder, path.join(folder, 'src')]) {
        if (project.fs.exists(path.join(base, `${module}.py`)) || project.fs.exists(path.join(base, `${module}.pyi`))) return true;
        const pkg = path.join(base, module);
        if (project.fs.isDirectory(pkg) && (project.fs.readDir(pkg) ?? []).some((n) => n.endsWith('.py') || project.fs.isDirectory(path.join(pkg, n)))) return true;
        // compiled extension modules built in place (`module.cpython-311-x86_64-linux-gnu.so`)
        if ((project.fs.readDir(base) ?? []).some((n) => n.startsWith(`${module}.`) && /\.(so|pyd)$/.test(n))) return true;
      }
    }
    return false;
  });
}
