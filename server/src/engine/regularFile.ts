/**
 * Reading a file only when it is a regular file. A FIFO named `requirements.txt` blocks a plain
 * `readFileSync` until some writer opens it (forever, usually), and a device such as a terminal
 * or `/dev/zero` never ends: every read of outside files goes through here.
 *
 * The file is opened non-blocking (opening a FIFO for reading then returns at once) and checked
 * with `fstat` on that descriptor, so a file swapped for a FIFO between a check and the read
 * cannot slip through.
 */
import * as fs from 'node:fs';

/** POSIX only; Windows has no FIFOs among plain paths, and no such flag. */
const NON_BLOCKING = fs.constants.O_NONBLOCK ?? 0;

/** What a path is when it is not a regular file, for the message. */
function kindOf(st: fs.Stats): string {
  if (st.isFIFO()) return 'a FIFO';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isSocket()) return 'a socket';
  if (st.isDirectory()) return 'a folder';
  return 'not a regular file';
}

export class NotRegularFile extends Error {
  readonly code = 'ENOTREG';
  constructor(kind: string) {
    super(`not a regular file (${kind})`);
  }
}

/** The bytes of `file`; throws `NotRegularFile` for FIFOs, devices and sockets, and fs errors as they come. */
export function readRegularFile(file: string): Buffer {
  const fd = fs.openSync(file, fs.constants.O_RDONLY | NON_BLOCKING);
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) throw new NotRegularFile(kindOf(st));
    return fs.readFileSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** The UTF-8 text of a regular file, or undefined when it is missing, unreadable or not a regular file. */
export function readRegularText(file: string): string | undefined {
  try {
    return readRegularFile(file).toString('utf8');
  } catch {
    return undefined;
  }
}

/** Whether `st` describes something that is neither a regular file nor a folder (scans report these). */
export function specialKind(st: fs.Stats | fs.Dirent): string | undefined {
  if (st.isFile() || st.isDirectory() || st.isSymbolicLink()) return undefined;
  if (st.isFIFO()) return 'a FIFO';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isSocket()) return 'a socket';
  return undefined;
}
