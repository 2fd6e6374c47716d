/**
 * Top-level modules of the Python standard library, per version (3.8–3.13), as
 * `sys.stdlib_module_names` lists them (public names; private `_x` modules are all stdlib or
 * C extensions and are treated as such by the rules).
 *
 * Hand-written data: no npm package ships Python's module list (the registry has none for
 * Python stdlib names), and no Python is run at analysis time. Source: the "Removed" and "New
 * modules" sections of each "What's New in Python 3.x" page.
 */

/** Modules present in every version 3.8–3.13. */
const ALWAYS = `abc argparse array ast asyncio atexit base64 bdb binascii bisect builtins bz2 cProfile calendar
cmath cmd code codecs codeop collections colorsys compileall concurrent configparser contextlib contextvars copy copyreg
csv ctypes curses dataclasses datetime dbm decimal difflib dis doctest email encodings ensurepip enum errno faulthandler
fcntl filecmp fileinput fnmatch fractions ftplib functools gc genericpath getopt getpass gettext glob grp gzip hashlib
heapq hmac html http idlelib imaplib importlib inspect io ipaddress itertools json keyword linecache locale logging lzma
mailbox marshal math mimetypes mmap modulefinder msvcrt multiprocessing netrc nt ntpath nturl2path numbers opcode operator
optparse os pathlib pdb pickle pickletools pkgutil platform plistlib poplib posix posixpath pprint profile pstats pty pwd
py_compile pyclbr pydoc pydoc_data pyexpat queue quopri random re readline reprlib resource rlcompleter runpy sched
secrets select selectors shelve shlex shutil signal site smtplib socket socketserver sqlite3 sre_compile sre_constants
sre_parse ssl stat statistics string stringprep struct subprocess symtable sys sysconfig syslog tabnanny tarfile tempfile
termios textwrap this threading time timeit tkinter token tokenize trace traceback tracemalloc tty turtle turtledemo types
typing unicodedata unittest urllib uuid venv warnings wave weakref webbrowser winreg winsound wsgiref xml xmlrpc zipapp
zipfile zipimport zlib antigravity`;

/** Modules with a first and/or last version (minor numbers of 3.x; `until` is the first version without it). */
const VERSIONED: Record<string, { since?: number; until?: number }> = {
  graphlib: { since: 9 },
  zoneinfo: { since: 9 },
  tomllib: { since: 11 },
  formatter: { until: 10 },
  parser: { until: 10 },
  symbol: { until: 10 },
  binhex: { until: 11 },
  dummy_threading: { until: 9 },
  asynchat: { until: 12 },
  asyncore: { until: 12 },
  smtpd: { until: 12 },
  distutils: { until: 12 },
  imp: { until: 12 },
  aifc: { until: 13 },
  audioop: { until: 13 },
  cgi: { until: 13 },
  cgitb: { until: 13 },
  chunk: { until: 13 },
  crypt: { until: 13 },
  imghdr: { until: 13 },
  mailcap: { until: 13 },
  msilib: { until: 13 },
  nis: { until: 13 },
  nntplib: { until: 13 },
  ossaudiodev: { until: 13 },
  pipes: { until: 13 },
  sndhdr: { until: 13 },
  spwd: { until: 13 },
  sunau: { until: 13 },
  telnetlib: { until: 13 },
  uu: { until: 13 },
  xdrlib: { until: 13 },
  lib2to3: { until: 13 },
};

const ALWAYS_SET: ReadonlySet<string> = new Set(ALWAYS.split(/\s+/).filter(Boolean));

export const SUPPORTED_MINORS = [8, 9, 10, 11, 12, 13] as const;

/** Is `module` (a top-level name) in the standard library of 3.`minor`, or of any 3.8–3.13 when no version is given? */
export function isStdlibModule(module: string, minor?: number): boolean {
  if (module.startsWith('_')) return true;
  if (module === '__future__' || module === '__main__') return true;
  if (ALWAYS_SET.has(module)) return true;
  const v = VERSIONED[module];
  if (!v) return false;
  if (minor === undefined) return true;
  return (v.since === undefined || minor >= v.since) && (v.until === undefined || minor < v.until);
}
