/**
 * Which paths the configured `include` / `exclude` globs keep: one answer for the folder scan
 * (`preflight check`, the checklist) and the language server. Globs match paths relative to the
 * project root, `/`-separated, dot files included. `exclude` removes a file or a whole folder;
 * `include`, when given, keeps only the files it matches.
 */
import * as path from 'node:path';
import picomatch from 'picomatch';

export interface PathFilter {
  /** A folder or file the `exclude` globs remove (a folder's files are then never looked at). */
  excluded(relPath: string): boolean;
  /** A file the `include` globs keep (every file when there are none). */
  included(relPath: string): boolean;
  /**
   * Whether an absolute file path is analysed: inside the root, neither it nor a folder above
   * it (up to the root) excluded, and included. Files outside the root are always analysed.
   */
  accepts(file: string): boolean;
  /** `file` relative to the root, `/`-separated. */
  relative(file: string): string;
}

export function pathFilter(root: string, globs: { include: readonly string[]; exclude: readonly string[] }): PathFilter {
  const include = globs.include.length ? picomatch(globs.include as string[], { dot: true }) : undefined;
  const exclude = globs.exclude.length ? picomatch(globs.exclude as string[], { dot: true }) : undefined;
  const relative = (file: string) => path.relative(root, file).split(path.sep).join('/');
  const excluded = (rel: string) => exclude !== undefined && exclude(rel);
  const included = (rel: string) => include === undefined || include(rel);
  return {
    excluded,
    included,
    relative,
    accepts(file) {
      if (!include && !exclude) return true;
      const rel = relative(file);
      if (rel === '' || rel.startsWith('../') || path.isAbsolute(rel)) return true;
      const parts = rel.split('/');
      for (let i = 1; i <= parts.length; i++) if (excluded(parts.slice(0, i).join('/'))) return false;
      return included(rel);
    },
  };
}
