/**
 * The project's file system as the editor sees it: the text of open documents (unsaved edits to
 * requirements.txt or pyproject.toml included) over the disk. Rules that read other files of the
 * project (declared dependencies, lock files) then agree with what the user is typing.
 */
import * as path from 'node:path';
import { nodeFileSystem, type FileSystem } from '../engine';

export interface OpenTexts {
  /** Text of the open document at this path, if any. */
  textAt(file: string): string | undefined;
  /** Paths of open documents (to list files that exist only in the editor). */
  openPaths(): Iterable<string>;
}

export function overlayFileSystem(open: OpenTexts, disk: FileSystem = nodeFileSystem): FileSystem {
  return {
    readFile(file) {
      return open.textAt(path.resolve(file)) ?? disk.readFile(file);
    },
    exists(file) {
      return open.textAt(path.resolve(file)) !== undefined || disk.exists(file);
    },
    readDir(dir) {
      const onDisk = disk.readDir(dir);
      const abs = path.resolve(dir);
      const extra = [...open.openPaths()].filter((p) => path.dirname(p) === abs).map((p) => path.basename(p));
      if (!onDisk && extra.length === 0) return undefined;
      return [...new Set([...(onDisk ?? []), ...extra])];
    },
    isDirectory: (file) => disk.isDirectory(file),
  };
}
