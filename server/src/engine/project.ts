/**
 * What a rule may know about the project around a document: its files on disk (through an
 * injectable file system, so the language server can overlay unsaved editors) and a per-project
 * memo for expensive facts (declared dependencies, lock files).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface FileSystem {
  readFile(file: string): string | undefined;
  exists(file: string): boolean;
  /** Entry names of a directory, or undefined if it cannot be read. */
  readDir(dir: string): string[] | undefined;
  isDirectory(file: string): boolean;
}

export const nodeFileSystem: FileSystem = {
  readFile(file) {
    try {
      return fs.readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
  },
  exists: (file) => fs.existsSync(file),
  readDir(dir) {
    try {
      return fs.readdirSync(dir);
    } catch {
      return undefined;
    }
  },
  isDirectory(file) {
    try {
      return fs.statSync(file).isDirectory();
    } catch {
      return false;
    }
  },
};

export interface ProjectContext {
  /** The project root (the folder checked, or the workspace folder). */
  readonly root: string;
  readonly fs: FileSystem;
  /** Memo for facts computed once per project per run (keys are owned by the rule families). */
  memo<T>(key: string, compute: () => T): T;
  /** Drop memoised facts (the language server calls this when a manifest changes). */
  invalidate(): void;
}

export function createProject(root: string, fsys: FileSystem = nodeFileSystem): ProjectContext {
  const cache = new Map<string, unknown>();
  return {
    root: path.resolve(root),
    fs: fsys,
    memo<T>(key: string, compute: () => T): T {
      if (!cache.has(key)) cache.set(key, compute());
      return cache.get(key) as T;
    },
    invalidate: () => cache.clear(),
  };
}
