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
 * Which lines are IPython syntax follows IPython's own rules (see `maskIPython`), never a list
 * of magic names: IPython turns any `%name` line into a call, whether or not the magic exists.
 * Lists of names only say what a magic does with the rest of its line (`%time stmt` runs Python).
 *
 * Written by hand because no npm package implements IPython's input transformations; like
 * IPython's own transformers, it reads lines with a Python tokenizer (tokens.ts) that knows
 * strings, brackets and continuations, so a `!` or `%` inside a string is never touched.
 * It works on tokens and lines, not on the syntax tree, on purpose: IPython decides what is
 * IPython syntax from Python's tokenizer and physical lines before any parse (a cell with
 * `!ls` is not Python, so it has no tree to read), and mirroring those token and line rules
 * one for one is what makes the masker agree with IPython. The few regular expressions left
 * are IPython's own (`_help_end_re`, its prompt patterns), applied to the text it applies them to.
 */
import { lexLogicalLine, lineEndAt, type Token } from './tokens';

export type MagicKind = 'line-magic' | 'cell-magic' | 'shell' | 'help' | 'automagic' | 'autocall';

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
  /**
   * Characters IPython strips at the start of physical lines (keyed by the line's start offset):
   * the first line's indentation from every line that has it, `>>> ` / `In [1]: ` prompts.
   */
  stripped?: Map<number, number>;
  /** `masked` with the Python statement of `%time stmt` masked too; only set when it differs. */
  opaque?: string;
  /**
   * The first line IPython turns into a call that cannot run: a `%%magic` line that is not the
   * cell's first line is the line magic `%magic` to IPython, which raises
   * `UsageError: Line magic function `%%magic` not found.` (its wording, in `message`).
   */
  usageError?: { start: number; end: number; message: string };
}

/** Cell magics whose body is Python that IPython runs (timed, captured, profiled…). */
const PYTHON_CELL_MAGICS = new Set(['time', 'timeit', 'capture', 'prun', 'memit', 'debug', 'mprun', 'snakeviz', 'skip', 'tensorflow_version']);

/**
 * Line magics that take a Python statement after their options (`%time x = f()`), with the
 * options that take a value (`%timeit -n 10`, `%mprun -f func stmt`). The statement is kept
 * visible to the parser; when it does not parse the line counts as masked whole (`opaque`),
 * because IPython hands the line to the magic as a string.
 */
const PYTHON_LINE_MAGICS = new Map<string, Set<string>>([
  ['time', new Set()],
  ['timeit', new Set(['-n', '-r', '-p'])],
  ['prun', new Set(['-l', '-s', '-T', '-D'])],
  ['memit', new Set(['-r', '-t'])],
  ['mprun', new Set(['-f', '-T'])],
  ['debug', new Set(['-b', '--breakpoint'])],
]);

/** Line magics IPython runs without `%` (automagic), when the line is not Python. */
const AUTOMAGICS = new Set([
  'pip', 'conda', 'mamba', 'micromamba', 'cd', 'load_ext', 'reload_ext', 'matplotlib', 'autoreload', 'store',
  'run', 'reset', 'who', 'whos', 'pylab', 'config', 'env', 'pwd', 'ls', 'pdb', 'aimport', 'sx', 'bookmark',
  'rm', 'cp', 'mv', 'mkdir', 'cat',
]);

const PY_KEYWORDS = new Set([
  'and', 'or', 'not', 'in', 'is', 'if', 'else', 'for', 'lambda', 'await', 'async', 'as', 'from',
]);


/** End of a magic line including backslash continuations, as IPython joins them. */
function magicEnd(text: string, i: number): number {
  let end = lineEndAt(text, i);
  while (end > 0 && text[end - 1] === '\\' && end < text.length) {
    end = lineEndAt(text, nextLineStart(text, end));
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
  usageError: MaskResult['usageError'];
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
    return { masked: this.out.join(''), magics: this.magics, ...(this.usageError ? { usageError: this.usageError } : {}) };
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
function afterMagicOptions(text: string, i: number, end: number, valued: Set<string>): number {
  i = skipSpaces(text, i);
  while (i < end && text[i] === '-') {
    const word = readWord(text, i);
    i += Math.max(1, word.length);
    // `-n 10`, `-f func`: the value is a separate word (`-n10` is one word already)
    if (valued.has(word)) {
      i = skipSpaces(text, i);
      i += readWord(text, i).length;
    }
    i = skipSpaces(text, i);
  }
  return i;
}

/** Is the logical line of `tokens` an automagic call (`pip install x`) rather than Python? */
function isAutomagic(text: string, tokens: Token[], lineEnd: number): string | undefined {
  const [head, next] = tokens;
  const word = (t: Token | undefined) => (t?.kind === 'name' ? text.slice(t.start, t.end) : undefined);
  const name = word(head);
  if (!name || !AUTOMAGICS.has(name)) return undefined;
  if (text[head!.end] !== ' ' && text[head!.end] !== '\t') return undefined;
  if (!next || next.start >= lineEnd) return undefined;
  const c = text[next.start]!;
  if (next.kind === 'op') {
    // `pip = 3`, `ls - x`, `cd(…)`, `run.x`, `env["A"]`: Python, not automagic.
    // `cd /tmp` and `cd ~/x` read as division in Python, but nobody divides a `cd` variable.
    const pathStart = name === 'cd' && (c === '/' || c === '~' || c === '.');
    if (!pathStart && '=([.,:;+*/%<>&|^~@!'.includes(c)) return undefined;
    // `ls -l`, `pip --version`: an option (one or two dashes, then a letter); `ls - 1` is Python.
    if (c === '-' && !isOption(text, tokens.slice(1))) return undefined;
  }
  const kw = word(next);
  if (kw && PY_KEYWORDS.has(kw)) return undefined;
  return name;
}

/** Do `tokens` start with a command-line option: `-` or `--` directly followed by an ASCII letter? */
function isOption(text: string, tokens: Token[]): boolean {
  let k = 0;
  while (k < 2 && tokens[k] && text.slice(tokens[k]!.start, tokens[k]!.end) === '-' && (k === 0 || tokens[k]!.start === tokens[k - 1]!.end)) k++;
  const name = tokens[k];
  if (k === 0 || !name || name.kind !== 'name' || name.start !== tokens[k - 1]!.end) return false;
  const c = text.charCodeAt(name.start) | 0x20;
  return c >= 0x61 && c <= 0x7a;
}

/** A physical line of the cell: [start, end) without its line break, and where the next one starts. */
interface PhysLine {
  start: number;
  end: number;
  next: number;
}

function physicalLines(text: string, from = 0): PhysLine[] {
  const out: PhysLine[] = [];
  let i = from;
  while (i <= text.length) {
    const end = lineEndAt(text, i);
    const next = nextLineStart(text, end);
    out.push({ start: i, end, next });
    if (next === end) break;
    i = next;
  }
  return out;
}

const CLASSIC_PROMPT = /^(>>>|\.\.\.)( |$)/;
const CLASSIC_INITIAL = /^>>>( |$)/;
const IPYTHON_PROMPT = /^(((\[nav\]|\[ins\])? )?In \[\d+\]: |\s*\.{3,}: ?)/;

/**
 * IPython's cleanup transforms (`leading_empty_lines`, `leading_indent`, `classic_prompt`,
 * `ipython_prompt`) from `from` on: how many characters it strips at the start of each physical
 * line. Prompts are masked; stripped indentation is whitespace already.
 */
function cleanup(text: string, from: number, masker: Masker, stripped: Map<number, number>): void {
  const lines = physicalLines(text, from);
  const f = lines.findIndex((l) => text.slice(l.start, l.end).trim() !== '');
  if (f < 0) return;
  const rest = lines.slice(f);
  const indent = /^[ \t]+/.exec(text.slice(rest[0]!.start, rest[0]!.end))?.[0];
  const strip = new Map<PhysLine, number>();
  if (indent) for (const l of rest) if (text.startsWith(indent, l.start)) strip.set(l, indent.length);
  const after = (l: PhysLine) => text.slice(l.start + (strip.get(l) ?? 0), l.end);
  for (const [prompt, initial] of [[CLASSIC_PROMPT, CLASSIC_INITIAL], [IPYTHON_PROMPT, IPYTHON_PROMPT]] as const) {
    if (!(initial.test(after(rest[0]!)) || (rest.length > 1 && prompt.test(after(rest[1]!))))) continue;
    for (const l of rest) {
      const m = prompt.exec(after(l));
      if (!m || !m[0]) continue;
      const s = l.start + (strip.get(l) ?? 0);
      masker.mask(s, s + m[0].length);
      strip.set(l, (strip.get(l) ?? 0) + m[0].length);
    }
  }
  for (const [l, n] of strip) if (n) stripped.set(l.start, n);
}

/** IPython's `_help_end_re`, searched in the line: `obj?`, `a.b??`, `%magic?`, `np.*rand*?`. */
const HELP_END = /(%{0,2}(?!\p{Nd})[\p{L}\p{N}_*]+(\.(?!\p{Nd})[\p{L}\p{N}_*]+)*)(\?\??)$/u;

/** The characters that make a line IPython syntax when its first token is one (ESCAPE_SINGLES). */
const ESCAPES = new Set(['!', '?', '%', ',', ';', '/']);

function nextLineStart(text: string, end: number): number {
  if (end >= text.length) return text.length;
  return end + (text[end] === '\r' && text[end + 1] === '\n' ? 2 : 1);
}

/**
 * Mask IPython syntax in one cell. Plain Python comes back unchanged.
 *
 * Follows IPython's TransformerManager (IPython.core.inputtransformer2): the cleanup transforms,
 * then `cell_magic` on the first line, then its token transforms on each logical line (tokens
 * grouped as IPython's `make_tokens_by_line` groups them): `EscapedCommand` when the line's
 * first token is one of `! ? % , ; /` (any magic name: `%mprun`, `%%x` in mid-cell), `HelpEnd`
 * when its last token is `?`, `MagicAssign` / `SystemAssign` for `lhs = %magic` / `lhs = !cmd`
 * at the first `=` outside brackets. A transformed line ends at its physical line (and its
 * backslash continuations) and the next line is read afresh, as IPython re-tokenises after each
 * transform. Automagics (`pip install x` without `%`) come last; IPython's prefilter applies them.
 */
export function maskIPython(text: string): MaskResult {
  const masker = new Masker(text);
  const stripped = new Map<number, number>();
  const strip = (ls: number) => stripped.get(ls) ?? 0;
  cleanup(text, 0, masker, stripped);
  let opaque: Masker | undefined; // the same masking, with `%time stmt` masked whole
  const keptStatements: [number, number][] = [];

  let pos = 0;
  // `cell_magic`: a `%%` first line. The body of one that runs Python is a cell of its own to
  // IPython (the magic runs it through `transform_cell`), so its first line may be one again.
  for (;;) {
    const first = physicalLines(text, pos).find((l) => text.slice(l.start, l.end).trim() !== '');
    if (!first) break;
    const i = first.start + strip(first.start);
    // IPython's own test (`re.match(r'%%\w+\?', …)`): `%%time?` is help, left to HelpEnd.
    if (!text.startsWith('%%', i) || /^%%\w+\?/u.test(text.slice(i, first.end))) break;
    const name = readWord(text, i + 2);
    const headEnd = magicEnd(text, i);
    const bodyStart = nextLineStart(text, headEnd);
    const body = text.slice(bodyStart);
    const pythonBody = PYTHON_CELL_MAGICS.has(name);
    masker.record({
      kind: 'cell-magic', name, args: joinContinuations(text.slice(i + 2 + name.length, headEnd)).trim(),
      start: i, end: pythonBody ? headEnd : text.length, pythonBody, body,
    });
    masker.mask(i, headEnd, '0');
    if (!pythonBody) {
      masker.mask(headEnd, text.length);
      return { ...masker.result(), ...(stripped.size ? { stripped } : {}) };
    }
    cleanup(text, bodyStart, masker, stripped);
    if (bodyStart <= pos) break;
    pos = bodyStart;
  }

  while (pos < text.length) {
    const ls = pos;
    const ll = lexLogicalLine(text, ls, ls + strip(ls));
    const i = ll.first;
    if (ll.blank && !ll.error) {
      pos = ll.next > ls ? ll.next : nextLineStart(text, lineEndAt(text, ls));
      continue;
    }
    const lineEnd0 = lineEndAt(text, i);
    const ch = text[i]!;

    // HelpEnd: the line's last token is `?` (or `??`), only spaces after it; its target is
    // searched with IPython's own expression (`x = obj?` is help on `obj` too). It goes before
    // escapes, as in IPython (`%timeit?` is help on the magic).
    const q = ll.tokens[ll.tokens.length - 1];
    if (q && q.kind === 'other' && text[q.start] === '?' && /^\?*[ \t]*$/.test(text.slice(q.start, lineEndAt(text, q.start)))) {
      const qEnd = q.start + /^\?*/.exec(text.slice(q.start))![0].length;
      const m = HELP_END.exec(text.slice(i, qEnd));
      if (m) {
        masker.record({ kind: 'help', name: m[1]!, args: '', start: i, end: qEnd });
        // `obj?` stays an expression (the names it reads are still seen); anything else goes whole.
        if (m.index === 0 && !m[1]!.startsWith('%') && !m[1]!.includes('*')) masker.mask(q.start, qEnd);
        else masker.mask(i, qEnd, '0');
        pos = nextLineStart(text, lineEndAt(text, qEnd));
        continue;
      }
    }

    // EscapedCommand: `%magic`, `%%magic` in mid-cell, `!cmd`, `!!cmd`, `?obj`, `,f a b`, `;f a b`, `/f a`.
    // The first token, not the first character: `%=`, `!=`, `//` are not escapes.
    const firstToken = ll.tokens[0];
    if (firstToken && firstToken.start === i && ESCAPES.has(text.slice(firstToken.start, firstToken.end))) {
      const end2 = magicEnd(text, i);
      if (ch === '%') {
        const double = text[i + 1] === '%';
        const name = readWord(text, i + (double ? 2 : 1));
        const argsStart = i + (double ? 2 : 1) + name.length;
        const valued = double ? undefined : PYTHON_LINE_MAGICS.get(name);
        if (valued) {
          const stmt = afterMagicOptions(text, argsStart, end2, valued);
          masker.record({ kind: 'line-magic', name, args: text.slice(argsStart, end2).trim(), start: i, end: stmt });
          // The statement is what IPython hands the magic: this physical line (and its `\`
          // continuations). One that runs on past it (an open bracket) is not kept visible.
          const rest = stmt < end2 ? lexLogicalLine(text, stmt) : undefined;
          if (rest && !rest.error && rest.end <= end2) {
            masker.mask(i, stmt, '0;');
            keptStatements.push([i, end2]);
          } else masker.mask(i, end2, '0');
        } else {
          // `%%name` here is not on the cell's first line: IPython calls the line magic `%name`
          // (named with its second `%`), which no IPython has.
          const magicName = double ? `%${name}` : name;
          masker.record({ kind: 'line-magic', name: magicName, args: joinContinuations(text.slice(argsStart, end2)).trim(), start: i, end: end2 });
          masker.mask(i, end2, '0');
          if (double) masker.usageError ??= { start: i, end: argsStart, message: `Line magic function \`%${magicName}\` not found.` };
        }
      } else if (ch === '!') {
        const cmdStart = skipSpaces(text, text[i + 1] === '!' ? i + 2 : i + 1);
        masker.record({ kind: 'shell', name: readWord(text, cmdStart), args: joinContinuations(text.slice(cmdStart, end2)).trim(), start: i, end: end2 });
        masker.mask(i, end2, '0');
      } else if (ch === '?') {
        masker.record({ kind: 'help', name: text.slice(i, end2).replace(/^\?+/, '').trim(), args: '', start: i, end: end2 });
        masker.mask(i, end2, '0');
      } else {
        const name = readWord(text, i + 1);
        masker.record({ kind: 'autocall', name, args: joinContinuations(text.slice(i + 1 + name.length, end2)).trim(), start: i, end: end2 });
        masker.mask(i, end2, '0');
      }
      pos = nextLineStart(text, end2);
      continue;
    }

    // MagicAssign / SystemAssign: the first `=` outside brackets, then `%name` or `!`.
    const assign = assignmentMagic(text, ll.tokens);
    if (assign) {
      const { op, isShell } = assign;
      const end2 = magicEnd(text, op);
      const nameStart = isShell ? skipSpaces(text, op + 1) : op + 1;
      const name = readWord(text, nameStart);
      const args = isShell ? joinContinuations(text.slice(nameStart, end2)).trim() : joinContinuations(text.slice(nameStart + name.length, end2)).trim();
      const lhs = assignedNames(text, ll.tokens, op);
      masker.record({ kind: isShell ? 'shell' : 'line-magic', name, args, start: op, end: end2, ...(lhs ? { assignedTo: lhs } : {}) });
      masker.mask(op, end2, '0');
      pos = nextLineStart(text, end2);
      continue;
    }

    const auto = isAutomagic(text, ll.tokens, lineEnd0);
    if (auto) {
      const end2 = magicEnd(text, i);
      masker.record({ kind: 'automagic', name: auto, args: joinContinuations(text.slice(i + auto.length, end2)).trim(), start: i, end: end2 });
      masker.mask(i, end2, '0');
      pos = nextLineStart(text, end2);
      continue;
    }
    pos = ll.next > ls ? ll.next : nextLineStart(text, lineEndAt(text, ls));
  }
  const result = masker.result();
  if (keptStatements.length) {
    opaque = new Masker(result.masked);
    for (const [a, b] of keptStatements) opaque.mask(a, b, '0');
  }
  return { ...result, ...(stripped.size ? { stripped } : {}), ...(opaque ? { opaque: opaque.result().masked } : {}) };
}

/**
 * The targets of `files = !ls` / `a, b = %sx …` (IPython keeps the text before the `=` as is):
 * names and dotted names separated by commas, from the line's tokens before `op`; undefined for
 * any other target (`cfg[0] = !cat x` binds no name).
 */
function assignedNames(text: string, tokens: Token[], op: number): string | undefined {
  const targets: string[] = [];
  let current = '';
  let k = 0;
  for (; k < tokens.length && tokens[k]!.start < op; k++) {
    const t = tokens[k]!;
    const s = text.slice(t.start, t.end);
    if (s === '=') break;
    const dotted = current !== '' && !current.endsWith('.');
    if (t.kind === 'name' && !dotted) current += s;
    else if (t.kind === 'op' && s === '.' && dotted) current += s;
    else if (t.kind === 'op' && s === ',' && dotted) {
      targets.push(current);
      current = '';
    } else return undefined;
  }
  const eq = tokens[k];
  if (!eq || text.slice(eq.start, eq.end) !== '=' || current === '' || current.endsWith('.')) return undefined;
  return [...targets, current].join(', ');
}

/** IPython's MagicAssign / SystemAssign: the offset of `%` / `!` after the line's first `=` outside brackets. */
function assignmentMagic(text: string, tokens: Token[]): { op: number; isShell: boolean } | undefined {
  let depth = 0;
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    const s = text.slice(t.start, t.end);
    if (t.kind === 'op' && s === '=' && depth === 0) {
      const next = tokens[k + 1];
      if (!next || next.kind !== 'op') return undefined;
      if (text[next.start] === '%' && next.end - next.start === 1 && tokens[k + 2]?.kind === 'name') return { op: next.start, isShell: false };
      // SystemAssign, unless the physical line of the `=` starts with it.
      let ls = t.start;
      while (ls > 0 && text[ls - 1] !== '\n' && text[ls - 1] !== '\r') ls--;
      if (text[next.start] === '!' && next.end - next.start === 1 && !text.slice(ls, t.start).trim().startsWith('=') && text.slice(ls, t.start).trim() !== '') return { op: next.start, isShell: true };
      return undefined;
    }
    if (t.kind === 'op' && (s === '(' || s === '[' || s === '{')) depth++;
    else if (t.kind === 'op' && (s === ')' || s === ']' || s === '}') && depth > 0) depth--;
  }
  return undefined;
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
