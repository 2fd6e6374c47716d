/**
 * Find the files to check under the paths given: notebooks, `.py` files and dependency
 * manifests. Honours `.gitignore` files (with the `ignore` package, git's own matching rules)
 * and the configured include/exclude globs; skips `.git`, `node_modules`, virtual environments
 * and `site-packages`; never follows a symlink loop; reports unreadable folders instead of failing.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { classifyFile } from './files';
import { pathFilter } from './pathFilter';
import { readRegularFile, specialKind } from './regularFile';

export const DEFAULT_SKIPPED_DIRS = new Set([
  '.git', '.hg', '.svn', 'node_modules', '__pycache__', '.ipynb_checkpoints', '.venv', 'venv',
  '.tox', '.nox', '.mypy_cache', '.pytest_cache', '.ruff_cache', 'site-packages', 'dist-packages', '.eggs', 'build',
  '.preflight_cache',
]);

export interface ScanOptions {
  include?: readonly string[];
  exclude?: readonly string[];
  /** Honour .gitignore files (default true). */
  gitignore?: boolean;
}

export interface ScanResult {
  files: string[];
  problems: { path: string; message: string }[];
}

function isVirtualEnv(dir: string): boolean {
  return fs.existsSync(path.join(dir, 'pyvenv.cfg')) || fs.existsSync(path.join(dir, 'conda-meta'));
}

export function scanPaths(paths: readonly string[], root: string, opts: ScanOptions = {}): ScanResult {
  const files = new Set<string>();
  const problems: ScanResult['problems'] = [];
  const globs = pathFilter(root, { include: opts.include ?? [], exclude: opts.exclude ?? [] });
  const seenDirs = new Set<string>();

  const visitDir = (dir: string, ignores: { base: string; ig: Ignore }[]) => {
    let real: string;
    try {
      real = fs.realpathSync(dir);
    } catch (e) {
      problems.push({ path: dir, message: `cannot resolve: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
      return;
    }
    if (seenDirs.has(real)) return; // symlink loop or a folder reached twice
    seenDirs.add(real);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      problems.push({ path: dir, message: `cannot read folder: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
      return;
    }
    let scoped = ignores;
    if (opts.gitignore !== false && entries.some((e) => e.name === '.gitignore')) {
      try {
        scoped = [...ignores, { base: dir, ig: ignore().add(readRegularFile(path.join(dir, '.gitignore')).toString('utf8')) }];
      } catch {
        /* an unreadable .gitignore ignores nothing */
      }
    }
    const ignored = (p: string, isDir: boolean) =>
      scoped.some(({ base, ig }) => {
        const r = path.relative(base, p).split(path.sep).join('/');
        return r !== '' && !r.startsWith('..') && ig.ignores(isDir ? `${r}/` : r);
      });
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(dir, e.name);
      let isDir = e.isDirectory();
      let isFile = e.isFile();
      let what: fs.Stats | fs.Dirent = e;
      if (e.isSymbolicLink()) {
        try {
          const st = fs.statSync(p);
          isDir = st.isDirectory();
          isFile = st.isFile();
          what = st;
        } catch {
          problems.push({ path: p, message: 'broken symbolic link' });
          continue;
        }
      }
      if (globs.excluded(globs.relative(p))) continue;
      const special = isDir || isFile ? undefined : specialKind(what);
      if (special && classifyFile(p) && !ignored(p, false)) {
        problems.push({ path: p, message: `not a regular file (${special}): skipped` });
        continue;
      }
      if (isDir) {
        if (DEFAULT_SKIPPED_DIRS.has(e.name) || ignored(p, true) || isVirtualEnv(p)) continue;
        visitDir(p, scoped);
      } else if (isFile && classifyFile(p) && !ignored(p, false)) {
        if (!globs.included(globs.relative(p))) continue;
        files.add(p);
      }
    }
  };

  for (const p of paths) {
    const abs = path.resolve(p);
    let st: fs.Stats;
    try {
      st = fs.statSync(abs);
    } catch (e) {
      problems.push({ path: p, message: `no such file or folder (${(e as NodeJS.ErrnoException).code ?? 'error'})` });
      continue;
    }
    if (st.isDirectory()) visitDir(abs, []);
    else if (classifyFile(abs)) files.add(abs);
    else problems.push({ path: p, message: 'not a notebook, Python file or dependency manifest' });
  }
  return { files: [...files].sort(), problems };
}
