/**
 * What one analysis read of the project: every file text, directory listing, existence and
 * is-a-directory answer it asked the project's file system for, including the answers it got
 * second-hand from a cached fact (a project memo computed while another file was analysed).
 *
 * The CLI's result cache (cli/cache.ts) stores a file's findings with the reads that made
 * them, and trusts them again only while every one of those answers is unchanged. So the read
 * set must be exact: a fact computed once and reused keeps its reads with its value
 * (`capture`) and hands them to every later user (`replay`).
 */

/** One question asked of the file system: its kind and path, as one string (`f:/a/requirements.txt`). */
export type ProjectRead = string;

/** File text, exists, directory listing, is-a-directory. */
export type ReadKind = 'f' | 'e' | 'd' | 'k';

export function readKey(kind: ReadKind, file: string): ProjectRead {
  return `${kind}:${file}`;
}

/** The kind and path of a recorded read. */
export function parseReadKey(read: ProjectRead): { kind: ReadKind; file: string } | undefined {
  const kind = read[0];
  if (read[1] !== ':' || (kind !== 'f' && kind !== 'e' && kind !== 'd' && kind !== 'k')) return undefined;
  return { kind, file: read.slice(2) };
}

/**
 * Collects reads into nested frames: the analysis of a file is one frame, the computation of
 * a cached fact inside it another. A frame's reads also count for the frames around it.
 */
export class ReadRecorder {
  private readonly frames: Set<ProjectRead>[] = [];

  note(read: ProjectRead): void {
    this.frames[this.frames.length - 1]?.add(read);
  }

  /** The reads of a value computed earlier, now used again: they count as made here. */
  replay(reads: Iterable<ProjectRead>): void {
    const top = this.frames[this.frames.length - 1];
    if (top) for (const r of reads) top.add(r);
  }

  /** Run `compute` in a frame of its own; returns its value and what it read (also when it throws, the reads count for the caller). */
  capture<T>(compute: () => T): { value: T; reads: ReadonlySet<ProjectRead> } {
    const frame = new Set<ProjectRead>();
    this.frames.push(frame);
    try {
      return { value: compute(), reads: frame };
    } finally {
      this.frames.pop();
      this.replay(frame);
    }
  }
}
