/**
 * IPython syntax in notebook cells, masked before parsing.
 *
 * IPython rewrites a cell before Python sees it (IPython.core.inputtransformer2): cell magics
 * (`%%time`), line magics (`%pip install x`), shell escapes (`!ls`, `x = !ls`), help (`obj?`,
 * `??obj`) and automagics (`pip install x`). We do the same rewrite, but position-preserving:
 * every masked character becomes a space (or a tiny placeholder expression padded with spaces),
 * line breaks stay, so every offset the parser reports is the offset in the user's cell.
 * Each rewrite is also kept as a structured record, because rules read them
 * (`%pip install` for dependencies, `%run` / `%store -r` for hidden state).
 *
 * Written by hand because no npm package implements IPython's input transformations; like
 * IPython's own transformers, it scans lines with a small tokenizer that knows strings,
 * brackets and continuations, so a `!` or `%` inside a string is never touched.
 */

export type MagicKind = 'line-magic' | 'cell-magic' | 'shell' | 'help' | 'automagic';

export interface MagicRecord {
  kind: MagicKind;
  /** Magic name without `%` (`pip`, `time`, `bash`); for shell escapes, the command word (`pip`). */
  name: string;
  /** Everything after the name (for shell: the whole command line), continuations joined. */
  args: string;
  /** Offsets in the cell text: the whole masked span. */
  start: number;
  end: number;
  /** 0-based line of the magic's first character. */
  line: number;
  /** Column (UTF-16) where the magic itself (`%`, `!`) starts. */
  column: number;
  /** For cell magics: does the body stay Python (`%%time`) or not (`%%bash`). */
  pythonBody?: boolean;
  /** For cell magics: the body text after the first line. */
  body?: string;
  /** Name(s) assigned from the output (`files = !ls`). */
  assignedTo?: string;
}

export interface MaskResult {
  /** Same length as the input; IPython-only syntax replaced by spaces / placeholders. */
  masked: string;
  magics: MagicRecord[];
}

/** Cell magics whose body is Python that IPython runs (timed, captured, profiled…). */
const PYTHON_CELL_MAGICS = new Set(['time', 'timeit', 'capture', 'prun', 'memit', 'debug', 'mprun', 'snakeviz', 'skip', 'tensorflow_version']);

/** Line magics that take a Python statement after their options (`%time x = f()`). */
const PYTHON_LINE_MAGICS = new Set(['time', 'timeit', 'prun', 'memit', 'debug', 'mprun']);

/** Line magics IPython runs without `%` (automagic), when the line is not Python. */
const AUTOMAGICS = new Set([
  'pip', 'conda', 'mamba', 'micromamba', 'cd', 'load_ext', 'reload_ext', 'matplotlib', 'autoreload', 'store',
  'run', 'reset', 'who', 'whos', 'pylab', 'config', 'env', 'pwd', 'ls', 'pdb', 'aimport', 'sx', 'bookmark',
  'rm', 'cp', 'mv', 'mkdir', 'cat',
]);

const PY_KEYWORDS = new Set([
  'and', 'or', 'not', 'in', 'is', 'if', 'else', 'for', 'lambda', 'await', 'async', 'as', 'from',
]);


interface Scan {
  /** Offsets at which a logical line starts (outside strings, brackets and continuations). */
  logicalStarts: number[];
}

/**
 * Finds the starts of logical lines, skipping strings, comments, bracketed and continued lines.
 * Magic syntax is only recognised at those starts, as in IPython.
 */
function scanLogicalLines(text: string): Scan {
  const logicalStarts: number[] = [0];
  let depth = 0;
  let i = 0;
  const n = text.length;
  let continued = false;
  while (i < n) {
    const ch = text[i]!;
    if (ch === '#') {
      while (i < n && text[i] !== '\n' && text[i] !== '\r') i++;
      continue;
    }
    if (ch === '\\' && (text[i + 1] === '\n' || text[i + 1] === '\r')) {
      continued = true;
      i++;
      continue;
    }
    if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      i++;
      if (depth === 0 && !continued) logicalStarts.push(i);
      continued = false;
      continue;
    }
    if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ')' || ch === ']' || ch === '}') depth = Math.max(0, depth - 1);
    else if (ch === '"' || ch === "'") {
      i = skipString(text, i);
      continue;
    }
    i++;
  }
  return { logicalStarts };
}

/** Skips a string literal starting at its quote; returns the offset after it (or end of text). */
function skipString(text: string, start: number): number {
  const q = text[start]!;
  const triple = text[start + 1] === q && text[start + 2] === q;
  let i = start + (triple ? 3 : 1);
  const n = text.length;
  while (i < n) {
    const ch = text[i]!;
    if (ch === '\\') {
      i += 2;
      continue;
    }
    if (!triple && (ch === '\n' || ch === '\r')) return i; // unterminated: stop at line end
    if (ch === q) {
      if (!triple) return i + 1;
      if (text[i + 1] === q && text[i + 2] === q) return i + 3;
    }
    i++;
  }
  return n;
}

/** End of the physical line at `i` (offset of the line break or end of text). */
function lineEnd(text: string, i: number): number {
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  return i;
}

/** End of a magic line including backslash continuations, as IPython joins them. */
function magicEnd(text: string, i: number): number {
  let end = lineEnd(text, i);
  while (end > 0 && text[end - 1] === '\\' && end < text.length) {
    const next = text[end] === '\r' && text[end + 1] === '\n' ? end + 2 : end + 1;
    end = lineEnd(text, next);
  }
  return end;
}

function joinContinuations(s: string): string {
  return s.replace(/\\\r?\n/g, ' ');
}

function lineOf(text: string, offset: number): { line: number; column: number } {
  let line = 0;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    const ch = text[i];
    if (ch === '\n' || (ch === '\r' && text[i + 1] !== '\n')) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart };
}

class Masker {
  private readonly out: string[];
  readonly magics: MagicRecord[] = [];
  constructor(private readonly text: string) {
    this.out = text.split('');
  }
  /** Replace [start, end) by `placeholder` padded with spaces, keeping line breaks. */
  mask(start: number, end: number, placeholder = ''): void {
    let p = 0;
    for (let i = start; i < end; i++) {
      const ch = this.text[i];
      if (ch === '\n' || ch === '\r') continue;
      this.out[i] = p < placeholder.length ? placeholder[p++]! : ' ';
    }
  }
  record(r: Omit<MagicRecord, 'line' | 'column'>): void {
    const { line, column } = lineOf(this.text, r.start);
    this.magics.push({ ...r, line, column });
  }
  result(): MaskResult {
    return { masked: this.out.join(''), magics: this.magics };
  }
}

function readWord(text: string, i: number): string {
  let j = i;
  while (j < text.length && /[\w.\-]/.test(text[j]!)) j++;
  return text.slice(i, j);
}

function skipSpaces(text: string, i: number): number {
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  return i;
}

/** Offset where the Python statement of `%time -n 3 stmt` starts (after the magic's options). */
function afterMagicOptions(text: string, i: number, end: number): number {
  i = skipSpaces(text, i);
  while (i < end && text[i] === '-') {
    const word = readWord(text, i);
    i += Math.max(1, word.length);
    // -n 10 / -r 3 / -p 2 take a separate value
    if (/^-[nrp]$/.test(word)) {
      i = skipSpaces(text, i);
      i += readWord(text, i).length;
    }
    i = skipSpaces(text, i);
  }
  return i;
}

/** Is the text at `i` an automagic call (`pip install x`) rather than Python? */
function isAutomagic(text: string, i: number, end: number): string | undefined {
  const m = /^([A-Za-z_]\w*)/.exec(text.slice(i, end));
  if (!m || !AUTOMAGICS.has(m[1]!)) return undefined;
  const after = i + m[1]!.length;
  if (after >= end || (text[after] !== ' ' && text[after] !== '\t')) return undefined;
  const j = skipSpaces(text, after);
  if (j >= end) return undefined;
  const next = text[j]!;
  // `pip = 3`, `ls - x`, `cd(…)`, `run.x`, `env["A"]`: Python, not automagic.
  // `cd /tmp` and `cd ~/x` read as division in Python, but nobody divides a `cd` variable.
  const pathStart = m[1] === 'cd' && (next === '/' || next === '~' || next === '.');
  if (!pathStart && '=([.,:;+*/%<>&|^~@!'.includes(next)) return undefined;
  if (next === '-' && !/^-{1,2}[A-Za-z]/.test(text.slice(j, j + 3))) return undefined;
  const word = /^[A-Za-z_]\w*/.exec(text.slice(j, end))?.[0];
  if (word && PY_KEYWORDS.has(word)) return undefined;
  return m[1];
}

/** Mask IPython syntax in one cell. Plain Python comes back unchanged. */
export function maskIPython(text: string): MaskResult {
  const masker = new Masker(text);
  const { logicalStarts } = scanLogicalLines(text);
  let bodyFrom = -1; // offset where a non-Python cell-magic body ends analysis

  for (const ls of logicalStarts) {
    if (bodyFrom >= 0) break;
    const i = skipSpaces(text, ls);
    const end = lineEnd(text, i);
    if (i >= end) continue;
    const ch = text[i]!;
    const isFirstLine = text.slice(0, ls).trim() === '';

    if (ch === '%' && text[i + 1] === '%') {
      const name = readWord(text, i + 2);
      const headEnd = magicEnd(text, i);
      const bodyStart = headEnd < text.length ? headEnd + (text[headEnd] === '\r' && text[headEnd + 1] === '\n' ? 2 : 1) : headEnd;
      const body = text.slice(bodyStart);
      const pythonBody = isFirstLine && PYTHON_CELL_MAGICS.has(name);
      masker.record({
        kind: 'cell-magic', name, args: joinContinuations(text.slice(i + 2 + name.length, headEnd)).trim(),
        start: i, end: pythonBody ? headEnd : text.length, pythonBody, body,
      });
      masker.mask(i, headEnd, '0');
      if (!pythonBody) {
        masker.mask(headEnd, text.length);
        bodyFrom = headEnd;
      }
      continue;
    }
    if (ch === '%') {
      const name = readWord(text, i + 1);
      const end2 = magicEnd(text, i);
      const argsStart = i + 1 + name.length;
      if (PYTHON_LINE_MAGICS.has(name)) {
        const stmt = afterMagicOptions(text, argsStart, end2);
        masker.record({ kind: 'line-magic', name, args: text.slice(argsStart, end2).trim(), start: i, end: stmt });
        if (stmt < end2) masker.mask(i, stmt, '0;');
        else masker.mask(i, end2, '0');
      } else {
        masker.record({ kind: 'line-magic', name, args: joinContinuations(text.slice(argsStart, end2)).trim(), start: i, end: end2 });
        masker.mask(i, end2, '0');
      }
      continue;
    }
    if (ch === '!') {
      const end2 = magicEnd(text, i);
      const cmdStart = skipSpaces(text, text[i + 1] === '!' ? i + 2 : i + 1);
      const args = joinContinuations(text.slice(cmdStart, end2)).trim();
      masker.record({ kind: 'shell', name: readWord(text, cmdStart), args, start: i, end: end2 });
      masker.mask(i, end2, '0');
      continue;
    }
    if (ch === '?') {
      const end2 = lineEnd(text, i);
      masker.record({ kind: 'help', name: text.slice(i, end2).replace(/^\?+/, '').trim(), args: '', start: i, end: end2 });
      masker.mask(i, end2, '0');
      continue;
    }
    // `files = !ls`, `out = %sx ls` (IPython's assign_system / assign_magic)
    const assign = /^([\w.]+(?:\s*,\s*[\w.]+)*)\s*=\s*([!%])/u.exec(text.slice(i, end));
    if (assign && text[i + assign[0].length] !== '=') {
      const opStart = i + assign[0].length - 1;
      const end2 = magicEnd(text, opStart);
      const isShell = assign[2] === '!';
      const nameStart = isShell ? skipSpaces(text, opStart + 1) : opStart + 1;
      const name = readWord(text, nameStart);
      const args = isShell
        ? joinContinuations(text.slice(nameStart, end2)).trim()
        : joinContinuations(text.slice(nameStart + name.length, end2)).trim();
      masker.record({ kind: isShell ? 'shell' : 'line-magic', name, args, start: opStart, end: end2, assignedTo: assign[1]! });
      masker.mask(opStart, end2, '0');
      continue;
    }
    const auto = isAutomagic(text, i, end);
    if (auto) {
      const end2 = magicEnd(text, i);
      masker.record({ kind: 'automagic', name: auto, args: joinContinuations(text.slice(i + auto.length, end2)).trim(), start: i, end: end2 });
      masker.mask(i, end2, '0');
      continue;
    }
    // help suffix: `obj?`, `obj.attr??` (only when the line is a dotted name followed by ?s)
    const help = /^([\p{L}_][\p{L}\p{N}_.]*(?:\(\))?)(\?{1,2})\s*$/u.exec(text.slice(i, end));
    if (help) {
      const qStart = i + help[1]!.length;
      masker.record({ kind: 'help', name: help[1]!, args: '', start: i, end });
      masker.mask(qStart, qStart + help[2]!.length);
      continue;
    }
  }
  return masker.result();
}

/** The pip/conda/uv arguments of a magic, if it is a package install command. */
export function installCommandOf(m: MagicRecord): { tool: string; args: string } | undefined {
  if (m.kind === 'line-magic' || m.kind === 'automagic') {
    if (['pip', 'conda', 'mamba', 'micromamba', 'uv'].includes(m.name)) return { tool: m.name, args: m.args };
    return undefined;
  }
  if (m.kind === 'shell') return { tool: 'shell', args: m.args };
  if (m.kind === 'cell-magic' && !m.pythonBody && ['bash', 'sh', 'script', 'system'].includes(m.name)) {
    return { tool: 'shell', args: m.body ?? '' };
  }
  return undefined;
}
