/** Shared test helpers: parser init, small program builders, projects on an in-memory file system. */
import * as path from 'node:path';
import { before } from 'node:test';
import { createProject, type FileSystem, type ProjectContext } from '../../server/src/engine/project';
import { initParser } from '../../server/src/engine/python/parser';

/** The root of memoryProject's projects. */
export const MEMORY_ROOT = path.resolve('/proj');

/** A project whose files are `files` ({ 'app/x.py': '…' }, relative to MEMORY_ROOT), nothing on disk. */
export function memoryProject(files: Record<string, string>): ProjectContext {
  const abs = new Map(Object.entries(files).map(([k, v]) => [path.join(MEMORY_ROOT, k), v]));
  const dirs = new Set<string>();
  for (const f of abs.keys()) for (let d = path.dirname(f); d.startsWith(MEMORY_ROOT); d = path.dirname(d)) dirs.add(d);
  const fsys: FileSystem = {
    readFile: (f) => abs.get(f),
    exists: (f) => abs.has(f) || dirs.has(f),
    readDir: (d) => (dirs.has(d) ? [...abs.keys(), ...dirs].filter((f) => path.dirname(f) === d).map((f) => path.basename(f)) : undefined),
    isDirectory: (f) => dirs.has(f),
  };
  return createProject(MEMORY_ROOT, fsys);
}

export function useParser(): void {
  before(async () => {
    await initParser();
  });
}
