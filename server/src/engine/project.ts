/**
 * What a rule may know about the project around a document: its files on disk (through an
 * injectable file system, so the language server can overlay unsaved editors) and a per-project
 * memo for expensive facts (declared dependencies, lock files).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readRegularText } from './regularFile';
import { readKey, type ProjectRead, type ReadRecorder } from './projectReads';

export interface FileSystem {
  readFile(file: string): string | undefined;
  exists(file: string): boolean;
  /** Entry names of a directory, or undefined if it cannot be read. */
  readDir(dir: string): string[] | undefined;
  isDirectory(file: string): boolean;
}

export const nodeFileSystem: FileSystem = {
  // Only regular files: a FIFO named like a manifest would block the read for good.
  readFile: readRegularText,
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

/**
 * A file system that remembers what it answered, for one run over a snapshot of the disk (the
 * CLI, the checklist): rules ask the same questions about manifests, packages and modules for
 * every file of a project. Not for the language server, whose files change while it runs.
 */
export function snapshotFileSystem(base: FileSystem = nodeFileSystem): FileSystem {
  const files = new Map<string, string | undefined>();
  const exists = new Map<string, boolean>();
  const dirs = new Map<string, string[] | undefined>();
  const isDir = new Map<string, boolean>();
  const remember = <T>(m: Map<string, T>, k: string, f: () => T): T => {
    if (m.has(k)) return m.get(k) as T;
    const v = f();
    m.set(k, v);
    return v;
  };
  const listings = new Map<string, Set<string> | undefined>();
  const listing = (d: string) =>
    remember(listings, d, () => {
      const names = remember(dirs, d, () => base.readDir(d));
      return names ? new Set(names) : undefined;
    });
  return {
    readFile: (f) => remember(files, f, () => base.readFile(f)),
    // Module resolution asks about many names that are not there (`pkg/x.py`, `pkg/x/__init__.py`
    // under every search folder): one listing per folder answers them all, where a stat each was
    // the largest share of a workspace scan's system time.
    exists: (f) =>
      remember(exists, f, () => {
        const dir = path.dirname(f);
        const name = path.basename(f);
        if (dir === f || !name || name === '.' || name === '..') return base.exists(f);
        return listing(dir)?.has(name) ?? false;
      }),
    readDir: (d) => remember(dirs, d, () => base.readDir(d)),
    isDirectory: (f) => remember(isDir, f, () => base.isDirectory(f)),
  };
}

/** `base`, noting every question asked of it in `recorder`. */
function recordingFileSystem(base: FileSystem, recorder: ReadRecorder): FileSystem {
  return {
    readFile(file) {
      recorder.note(readKey('f', file));
      return base.readFile(file);
    },
    exists(file) {
      recorder.note(readKey('e', file));
      return base.exists(file);
    },
    readDir(dir) {
      recorder.note(readKey('d', dir));
      return base.readDir(dir);
    },
    isDirectory(file) {
      recorder.note(readKey('k', file));
      return base.isDirectory(file);
    },
  };
}

export interface ProjectContext {
  /** The project root (the folder checked, or the workspace folder). */
  readonly root: string;
  readonly fs: FileSystem;
  /** Memo for facts computed once per project per run (keys are owned by the rule families). */
  memo<T>(key: string, compute: () => T): T;
  /** Drop memoised facts (the language server calls this when a manifest changes). */
  invalidate(): void;
  /**
   * Set when the caller records what each analysis reads (the CLI's result cache): `fs` notes
   * every read, and `memo` keeps a fact's reads with it and replays them on every reuse. A
   * cache of project facts kept outside `memo` must do the same (`captureReads`, `replayReads`).
   */
  readonly reads?: ReadRecorder;
}

/** A memoised fact, with the project reads that computed it when they are recorded. */
interface Memoised {
  value: unknown;
  reads?: ReadonlySet<ProjectRead>;
}

export function createProject(root: string, fsys: FileSystem = nodeFileSystem, recorder?: ReadRecorder): ProjectContext {
  const cache = new Map<string, Memoised>();
  return {
    root: path.resolve(root),
    fs: recorder ? recordingFileSystem(fsys, recorder) : fsys,
    memo<T>(key: string, compute: () => T): T {
      let m = cache.get(key);
      if (!m) cache.set(key, (m = recorder ? recorder.capture(compute) : { value: compute() }));
      else if (m.reads) recorder?.replay(m.reads);
      return m.value as T;
    },
    invalidate: () => cache.clear(),
    ...(recorder ? { reads: recorder } : {}),
  };
}

/** Run `compute` for a cache of project facts kept outside `memo`; keep `reads` with the value for `replayReads`. */
export function captureReads<T>(project: ProjectContext, compute: () => T): { value: T; reads?: ReadonlySet<ProjectRead> } {
  return project.reads ? project.reads.capture(compute) : { value: compute() };
}

/** A value kept by `captureReads` is used again: its reads count for the analysis using it. */
export function replayReads(project: ProjectContext, reads: ReadonlySet<ProjectRead> | undefined): void {
  if (reads) project.reads?.replay(reads);
}
