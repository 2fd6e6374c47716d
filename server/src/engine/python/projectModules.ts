/**
 * The project's own Python modules, as imports name them: which file `utils.slack` or
 * `.helpers` is (relative and absolute imports, packages under `src/`, workspace members laid
 * out as folders with their own `src/`), and that file's program, parsed once per text.
 *
 *   moduleFileOf(project, fromFile, dotted)   the file an import's module names, if the project has it
 *   splitQualified(project, fromFile, name)   `app.mail.send` → { file: …/app/mail.py, path: 'send' }
 *   projectModulesOf(project).programOf(file) the module's program, or 'unparseable'
 *
 * Why by hand: Python's import system searches sys.path at run time; here the question is only
 * which file of this checkout a name means, which is the path arithmetic of PEP 328 (relative
 * imports) over the folders a project puts on its path (its root and `src/`).
 */
import * as path from 'node:path';
import { captureReads, replayReads, type ProjectContext } from '../project';
import type { ProjectRead } from '../projectReads';
import { programFromPython, type PythonProgram } from './program';

/** Folders under a project (or workspace member) root that hold top-level packages. */
const SOURCE_FOLDERS = ['', 'src'];

/** Files that mark the top folder of a checkout (imports are not looked up above it). */
const PROJECT_MARKERS = ['pyproject.toml', 'setup.py', 'setup.cfg', '.git'];

/** Modules parsed per project and run at most; beyond it the oldest are dropped (re-parsed on need). */
const MAX_MODULES = 512;

/**
 * The file of module `dotted` imported from `fromFile`: `.x` / `..pkg.x` relative to the
 * importing file's package (PEP 328), otherwise absolute from the project's source folders and
 * from the folders above `fromFile` up to the root (scripts run from their own folder).
 */
export function moduleFileOf(project: ProjectContext, fromFile: string, dotted: string): string | undefined {
  const level = dotted.length - dotted.replace(/^\.+/, '').length;
  const parts = dotted.slice(level).split('.').filter((p) => p);
  for (const base of searchBases(project, fromFile, level)) {
    const file = fileOf(project, base, parts);
    if (file) return file;
  }
  return undefined;
}

/** The folders an import of this level is looked up in, nearest rules first (remembered per folder and level). */
function searchBases(project: ProjectContext, fromFile: string, level: number): string[] {
  const key = `python.searchBases:${folderOf(project, fromFile)}\0${level}`;
  return project.memo(key, () => searchBasesUncached(project, fromFile, level));
}

function searchBasesUncached(project: ProjectContext, fromFile: string, level: number): string[] {
  const bases: string[] = [];
  if (level > 0) {
    let dir = path.dirname(path.resolve(project.root, fromFile));
    for (let i = 1; i < level; i++) dir = path.dirname(dir);
    bases.push(dir);
  } else {
    for (const s of SOURCE_FOLDERS) bases.push(path.join(project.root, s));
    // The folders above the importing file, up to the checkout's own root (a folder with a
    // project manifest or .git): where `python -m` and test runners put packages on the path,
    // even when only one file of the project is being checked.
    for (let dir = path.dirname(path.resolve(project.root, fromFile)); ; dir = path.dirname(dir)) {
      for (const s of SOURCE_FOLDERS) bases.push(path.join(dir, s));
      if (PROJECT_MARKERS.some((m) => project.fs.exists(path.join(dir, m))) || path.dirname(dir) === dir) break;
    }
  }
  return bases;
}

/**
 * The file of module `parts` under search folder `base`. Remembered per folder and name: files
 * of different folders share most of their search folders (the checkout's root and `src/`), and
 * each asked about the same library names (`numpy.random`…) again.
 */
function fileOf(project: ProjectContext, base: string, parts: readonly string[]): string | undefined {
  return project.memo(`python.fileOf:${base}\0${parts.join('.')}`, () => fileOfUncached(project, base, parts));
}

function fileOfUncached(project: ProjectContext, base: string, parts: readonly string[]): string | undefined {
  if (!parts.length) {
    const init = path.join(base, '__init__.py');
    return project.fs.exists(init) ? init : undefined;
  }
  const stem = path.join(base, ...parts);
  if (project.fs.exists(`${stem}.py`)) return `${stem}.py`;
  const init = path.join(stem, '__init__.py');
  return project.fs.exists(init) ? init : undefined;
}


/** The checkout a file belongs to: its nearest folder with a project manifest or .git, else the project root. */
export function checkoutRootOf(project: ProjectContext, file: string): string {
  for (let dir = path.dirname(path.resolve(project.root, file)); path.dirname(dir) !== dir; dir = path.dirname(dir)) {
    if (PROJECT_MARKERS.some((m) => project.fs.exists(path.join(dir, m)))) return dir;
  }
  return project.root;
}

/** A file as messages show it: relative to the project root, or to its checkout when outside it. */
export function projectPath(project: ProjectContext, file: string): string {
  let rel = path.relative(project.root, file);
  if (rel.startsWith('..')) rel = path.relative(checkoutRootOf(project, file), file);
  return rel.split(path.sep).join('/');
}

/** `utils/chat.py:12` for messages (0-based `line` in, 1-based out). */
export function shortLocation(project: ProjectContext, file: string, line: number): string {
  return `${projectPath(project, file)}:${line + 1}`;
}

/**
 * A qualified name that points into the project: the longest module prefix that is a project
 * file, and the rest (`Client.send`, or '' for the module itself).
 */
export function splitQualified(project: ProjectContext, fromFile: string, name: string): { file: string; path: string } | undefined {
  // Asked for every call of every file, on every edit in the editor (most names are libraries':
  // `requests.get`): remembered per importing folder, since resolution depends only on that
  // folder, in maps by folder and name (no key string built per question). Each answer keeps
  // the reads it took and replays them on reuse, as `memo` does (projectReads.ts).
  const byFolder = project.memo('python.splitQualified', () => new Map<string, Map<string, Split>>());
  const folder = folderOf(project, fromFile);
  let byName = byFolder.get(folder);
  if (!byName) byFolder.set(folder, (byName = new Map()));
  const known = byName.get(name);
  if (known) {
    replayReads(project, known.reads);
    return known.value;
  }
  const split = captureReads(project, () => splitUncached(project, fromFile, name));
  byName.set(name, split);
  return split.value;
}

type Split = { value: { file: string; path: string } | undefined; reads?: ReadonlySet<ProjectRead> };

/** The folder of `fromFile` (resolved against the project root), remembered per project and file. */
function folderOf(project: ProjectContext, fromFile: string): string {
  const folders = project.memo('python.folderOf', () => new Map<string, string>());
  let folder = folders.get(fromFile);
  if (folder === undefined) folders.set(fromFile, (folder = path.dirname(path.resolve(project.root, fromFile))));
  return folder;
}

function splitUncached(project: ProjectContext, fromFile: string, name: string): { file: string; path: string } | undefined {
  const level = name.length - name.replace(/^\.+/, '').length;
  const parts = name.slice(level).split('.');
  // An absolute name is the project's only if its top-level module is (`requests.get` is not):
  // one lookup per folder and top-level name instead of one per prefix of every name.
  if (level === 0 && !topLevelModule(project, fromFile, parts[0]!)) return undefined;
  for (let n = parts.length; n >= (level > 0 ? 0 : 1); n--) {
    const file = moduleFileOf(project, fromFile, '.'.repeat(level) + parts.slice(0, n).join('.'));
    if (file) return { file, path: parts.slice(n).join('.') };
  }
  return undefined;
}

/** Is `head` a module or package of the project, seen from `fromFile`'s folder? (remembered) */
function topLevelModule(project: ProjectContext, fromFile: string, head: string): boolean {
  const key = `python.topLevelModules:${folderOf(project, fromFile)}\0${head}`;
  // A module, a package, or a namespace package (PEP 420: a folder without __init__.py).
  // `exists` first: answered from the folder's listing, where `isDirectory` is a stat of its own.
  return project.memo(key, () => searchBases(project, fromFile, 0).some((b) => project.fs.exists(path.join(b, `${head}.py`)) || (project.fs.exists(path.join(b, head)) && project.fs.isDirectory(path.join(b, head)))));
}

export interface ProjectModules {
  /** The module's program (parsed once per text), 'unparseable' if it cannot be read or parsed. */
  programOf(file: string): PythonProgram | 'unparseable';
  /**
   * The program of `text` as module `file` — the same one `programOf` gives while the file holds
   * that text. A workspace scan analyses a file with it, so a module that other files import is
   * parsed once, not once for its own analysis and again as an import. Throws what parsing throws.
   */
  programFor(file: string, text: string): PythonProgram;
}

/** The project's module cache (one per project and run; the project memo owns its lifetime). */
export function projectModulesOf(project: ProjectContext): ProjectModules {
  return project.memo('python.projectModules', () => createModules(project));
}

function createModules(project: ProjectContext): ProjectModules {
  const cache = new Map<string, { text: string; program: PythonProgram | 'unparseable' }>();
  const keep = (file: string, text: string, program: PythonProgram | 'unparseable') => {
    cache.delete(file);
    if (cache.size >= MAX_MODULES) cache.delete(cache.keys().next().value!);
    cache.set(file, { text, program });
  };
  return {
    programOf(file) {
      const text = project.fs.readFile(file);
      if (text === undefined) return 'unparseable';
      const hit = cache.get(file);
      if (hit && hit.text === text) return hit.program;
      let program: PythonProgram | 'unparseable';
      try {
        program = programFromPython(text);
      } catch {
        program = 'unparseable';
      }
      keep(file, text, program);
      return program;
    },
    programFor(file, text) {
      const hit = cache.get(file);
      if (hit && hit.text === text && hit.program !== 'unparseable') return hit.program;
      const program = programFromPython(text);
      keep(file, text, program);
      return program;
    },
  };
}
