/**
 * A Python tokenizer that follows CPython's own (Parser/tokenizer.c, 3.12 and later) where the
 * tree-sitter grammar and CPython can disagree, so that a syntax error is only claimed when
 * CPython would raise one too.
 *
 * It knows implicit line joining inside brackets, backslash continuations, comments, string and
 * f-string literals (PEP 701: any quote inside a replacement field), and indentation as CPython
 * measures it: tab stops of 8, a form feed resetting the column, and the tab-size-1 comparison
 * behind `TabError`. It does not build a syntax tree. It gives:
 * - the logical lines of a text, with their tokens (the IPython masker finds magics with them,
 *   as IPython's own TransformerManager does with Python's `tokenize`);
 * - `checkStructure`: the first error CPython's tokenizer is certain to report (unterminated
 *   string, unmatched or unclosed bracket, stray backslash, bad dedent, TabError, unexpected
 *   indent, missing indented block), and a canonical copy of the text for a second parse:
 *   comments blanked, bracketed and backslash-continued lines joined, indentation one column per
 *   character (the tab-size-1 widths, which order lines as CPython's widths do whenever CPython
 *   raises no TabError). Every place where tree-sitter's scanner handles layout differently
 *   from CPython is gone from that copy.
 */

export type TokenKind = 'name' | 'number' | 'string' | 'op' | 'other';

export interface Token {
  kind: TokenKind;
  start: number;
  end: number;
}

export interface LexError {
  start: number;
  end: number;
  message: string;
  /** Would CPython surely raise it? False for the lenient corners (f-string internals, odd Unicode). */
  certain: boolean;
}

export interface LogicalLine {
  /** Offset where the physical line starts. */
  lineStart: number;
  /** Offset where indentation starts (after what IPython strips at the line start). */
  indentStart: number;
  /** Offset of the first token or comment (after the indentation). */
  first: number;
  /** Tokens; comments, line joins and the final newline are not tokens. */
  tokens: Token[];
  /** Offset of the line break that ends the logical line (or the text length). */
  end: number;
  /** Offset where the next logical line starts. */
  next: number;
  /** Only whitespace and comments. */
  blank: boolean;
  /** Spans that a canonical copy blanks: line breaks joined inside brackets or by `\`, comments inside brackets. */
  blanks: [number, number][];
  /** Comments outside brackets. */
  comments: [number, number][];
  error?: LexError;
}

const ID = /[\p{ID_Start}_][\p{ID_Continue}\u00b7\u0387\u1369-\u1371\u19da]*/uy;
const NUMBER = /(?:0[xX](?:_?[0-9a-fA-F])+|0[oO](?:_?[0-7])+|0[bB](?:_?[01])+|(?:\d(?:_?\d)*(?:\.(?:\d(?:_?\d)*)?)?|\.\d(?:_?\d)*)(?:[eE][+-]?\d(?:_?\d)*)?[jJ]?)/y;
const OPS3 = new Set(['**=', '//=', '>>=', '<<=', '...']);
const OPS2 = new Set(['!=', '->', ':=', '**', '//', '>>', '<<', '<=', '>=', '==', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '@=']);
const OPS1 = new Set([...'+-*/%@&|^~<>()[]{},:;.=!']);
/** String prefixes, lower-cased (`t` strings are PEP 750, Python 3.14). */
export const STRING_PREFIXES = new Set(['r', 'u', 'b', 'br', 'rb', 'f', 'fr', 'rf', 't', 'tr', 'rt']);
const OPENERS: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
/** CPython's TabError. */
const TAB_ERROR = 'inconsistent use of tabs and spaces in indentation';

function newlineLength(text: string, i: number): number {
  const c = text[i];
  if (c === '\n') return 1;
  if (c === '\r') return text[i + 1] === '\n' ? 2 : 1;
  return 0;
}

/** End of the physical line at `i` (offset of the line break or end of text). */
export function lineEndAt(text: string, i: number): number {
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  return i;
}

/** Is `text[i]` a quote that starts a string after the name `text[start, i)` (a prefix)? */
function isStringStart(text: string, start: number, i: number): boolean {
  const q = text[i];
  return (q === '"' || q === "'") && (i === start || STRING_PREFIXES.has(text.slice(start, i).toLowerCase()));
}

interface Lexed {
  end: number;
  error?: LexError;
}

/** A string literal (with its prefix) or a name starting at `i`; undefined when neither does. */
function lexWord(text: string, i: number): (Lexed & { kind: 'string' | 'name' }) | undefined {
  const c = text[i];
  if (c === '"' || c === "'") return { kind: 'string', ...lexString(text, i, i) };
  ID.lastIndex = i;
  const id = ID.exec(text);
  if (!id) return undefined;
  const k = i + id[0].length;
  return isStringStart(text, i, k) ? { kind: 'string', ...lexString(text, i, k) } : { kind: 'name', end: k };
}

/** A string literal from its first prefix letter (or quote) at `start`; `quote` is the quote's offset. */
function lexString(text: string, start: number, quote: number): Lexed {
  const prefix = text.slice(start, quote).toLowerCase();
  const q = text[quote]!;
  const triple = text[quote + 1] === q && text[quote + 2] === q;
  if (prefix.includes('f') || prefix.includes('t')) return lexFString(text, start, quote, q, triple);
  let j = quote + (triple ? 3 : 1);
  const n = text.length;
  while (j < n) {
    const c = text[j]!;
    if (c === '\\') {
      j += 1 + Math.max(1, newlineLength(text, j + 1));
      continue;
    }
    if (!triple && (c === '\n' || c === '\r')) return { end: j, error: { start, end: j, message: 'unterminated string literal', certain: true } };
    if (c === q && (!triple || (text[j + 1] === q && text[j + 2] === q))) return { end: j + (triple ? 3 : 1) };
    j++;
  }
  return { end: n, error: { start, end: n, message: triple ? 'unterminated triple-quoted string literal' : 'unterminated string literal', certain: true } };
}

/**
 * An f-string (or t-string) with PEP 701 replacement fields: any string, bracket or comment may
 * appear inside `{…}`. Errors inside a replacement field are not certain (older Pythons and
 * corner cases differ); a plain unterminated f-string is.
 */
let fstringDepth = 0;

function lexFString(text: string, start: number, quote: number, q: string, triple: boolean): Lexed {
  // Nested f-strings recurse; past a sane depth, give up (not certain) rather than overflow.
  if (fstringDepth > 100) return { end: text.length, error: { start, end: text.length, message: 'f-string nested too deeply', certain: false } };
  fstringDepth++;
  try {
    return lexFStringBody(text, start, quote, q, triple);
  } finally {
    fstringDepth--;
  }
}

function lexFStringBody(text: string, start: number, quote: number, q: string, triple: boolean): Lexed {
  let j = quote + (triple ? 3 : 1);
  const n = text.length;
  let fields = false;
  while (j < n) {
    const c = text[j]!;
    if (c === '\\') {
      j += 1 + Math.max(1, newlineLength(text, j + 1));
      continue;
    }
    if (!triple && (c === '\n' || c === '\r')) return { end: j, error: { start, end: j, message: 'unterminated f-string literal', certain: !fields } };
    if (c === q && (!triple || (text[j + 1] === q && text[j + 2] === q))) return { end: j + (triple ? 3 : 1) };
    if ((c === '{' || c === '}') && text[j + 1] === c) {
      j += 2;
      continue;
    }
    if (c === '{') {
      fields = true;
      const f = lexField(text, j + 1, q, triple);
      if (f.error) return { end: f.end, error: { ...f.error, certain: false } };
      j = f.end;
      continue;
    }
    j++;
  }
  return { end: n, error: { start, end: n, message: 'unterminated f-string literal', certain: !fields } };
}

/** A replacement field after its `{`: returns the offset after the closing `}`. */
function lexField(text: string, from: number, q: string, triple: boolean): Lexed {
  const n = text.length;
  let depth = 0;
  let j = from;
  const fail = (message: string): Lexed => ({ end: j, error: { start: from - 1, end: Math.max(from, j), message, certain: false } });
  while (j < n) {
    const c = text[j]!;
    if (c === '#') {
      j = lineEndAt(text, j);
      continue;
    }
    if (depth === 0 && c === q && (!triple || (text[j + 1] === q && text[j + 2] === q)) && isOuterEnd(text, j)) return fail('f-string: expecting \'}\'');
    const w = lexWord(text, j);
    if (w) {
      if (w.error) return { end: w.end, error: { ...w.error, certain: false } };
      j = w.end;
      continue;
    }
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (c === '}') {
      if (depth === 0) return { end: j + 1 };
      depth--;
    } else if (c === ':' && depth === 0) return lexFormatSpec(text, j + 1, q, triple);
    j++;
  }
  return fail('f-string: expecting \'}\'');
}

/**
 * A quote that may end the enclosing f-string rather than start a nested string: PEP 701 reads a
 * nested string, older Pythons end the literal there. Only used to stop at a line's end.
 */
function isOuterEnd(text: string, j: number): boolean {
  const rest = text.slice(j + 1, lineEndAt(text, j + 1));
  return !/["'}]/.test(rest);
}

/** A format spec after `:`; nested `{…}` fields are expressions again. */
function lexFormatSpec(text: string, from: number, q: string, triple: boolean): Lexed {
  let j = from;
  const n = text.length;
  while (j < n) {
    const c = text[j]!;
    if (c === '{') {
      const f = lexField(text, j + 1, q, triple);
      if (f.error) return f;
      j = f.end;
      continue;
    }
    if (c === '}') return { end: j + 1 };
    if (c === '\\') {
      j += 2;
      continue;
    }
    if ((c === q && (!triple || (text[j + 1] === q && text[j + 2] === q))) || (!triple && (c === '\n' || c === '\r'))) break;
    j++;
  }
  return { end: j, error: { start: from, end: j, message: 'f-string: expecting \'}\'', certain: false } };
}

/**
 * Reads the logical line that starts at `lineStart`, its indentation starting at `indentStart`
 * (IPython strips a prompt or the first line's indentation before that). Stops at the first
 * error. `lenient`: for the IPython masker, which reads on past what is not Python.
 */
export function lexLogicalLine(text: string, lineStart: number, indentStart = lineStart): LogicalLine {
  const n = text.length;
  let i = indentStart;
  while (i < n && (text[i] === ' ' || text[i] === '\t' || text[i] === '\f')) i++;
  const first = i;
  const tokens: Token[] = [];
  const blanks: [number, number][] = [];
  const comments: [number, number][] = [];
  const stack: Token[] = [];
  const done = (end: number, next: number, error?: LexError): LogicalLine => ({
    lineStart, indentStart, first, tokens, end, next, blank: tokens.length === 0, blanks, comments, ...(error ? { error } : {}),
  });
  while (i < n) {
    const c = text[i]!;
    if (c === ' ' || c === '\t' || c === '\f') {
      i++;
      continue;
    }
    if (c === '#') {
      const e = lineEndAt(text, i);
      (stack.length ? blanks : comments).push([i, e]);
      i = e;
      continue;
    }
    if (c === '\\') {
      const nl = newlineLength(text, i + 1);
      if (nl) {
        blanks.push([i, i + 1 + nl]);
        i += 1 + nl;
        if (i >= n) return done(n, n, { start: i - 1 - nl, end: n, message: 'unexpected EOF while parsing', certain: true });
        continue;
      }
      const e = lineEndAt(text, i);
      return done(e, e, { start: i, end: i + 1, message: 'unexpected character after line continuation character', certain: true });
    }
    const nl = newlineLength(text, i);
    if (nl) {
      if (stack.length) {
        blanks.push([i, i + nl]);
        i += nl;
        continue;
      }
      return done(i, i + nl);
    }
    const w = lexWord(text, i);
    if (w) {
      tokens.push({ kind: w.kind, start: i, end: w.end });
      if (w.error) return done(lineEndAt(text, w.end), lineEndAt(text, w.end), w.error);
      i = w.end;
      continue;
    }
    if ((c >= '0' && c <= '9') || (c === '.' && text[i + 1]! >= '0' && text[i + 1]! <= '9')) {
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(text);
      const k = i + (m ? m[0].length : 1);
      tokens.push({ kind: 'number', start: i, end: k });
      i = k;
      continue;
    }
    const three = text.slice(i, i + 3);
    const two = text.slice(i, i + 2);
    const op = OPS3.has(three) ? three : OPS2.has(two) ? two : OPS1.has(c) ? c : undefined;
    if (op) {
      const tok: Token = { kind: 'op', start: i, end: i + op.length };
      tokens.push(tok);
      if (op === '(' || op === '[' || op === '{') stack.push(tok);
      else if (op === ')' || op === ']' || op === '}') {
        const open = stack.pop();
        if (!open) return done(lineEndAt(text, i), lineEndAt(text, i), { start: i, end: i + 1, message: `unmatched '${op}'`, certain: true });
        if (text[open.start] !== OPENERS[op]) {
          return done(lineEndAt(text, i), lineEndAt(text, i), { start: i, end: i + 1, message: `closing parenthesis '${op}' does not match opening parenthesis '${text[open.start]}'`, certain: true });
        }
      }
      i += op.length;
      continue;
    }
    // Not Python outside a string or comment. ASCII ones (`$`, `?`, a backquote) surely; other
    // code points may be identifier characters after NFKC normalisation, which we do not do.
    const cp = text.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    tokens.push({ kind: 'other', start: i, end: i + width });
    return done(lineEndAt(text, i), lineEndAt(text, i), { start: i, end: i + width, message: `invalid character '${String.fromCodePoint(cp)}'`, certain: cp < 128 });
  }
  if (stack.length) {
    const open = stack[stack.length - 1]!;
    return done(n, n, { start: open.start, end: open.end, message: `'${text[open.start]}' was never closed`, certain: true });
  }
  return done(n, n);
}

export interface StructureCheck {
  /** The first error CPython's tokenizer surely reports. */
  error?: LexError;
  /** Why the canonical copy cannot be trusted (an uncertain lexer error…), if it cannot. */
  unsure?: string;
  /** The canonical copy (see the module comment). */
  canonical: string;
  /** The same with the comments outside brackets kept (they may be suppressions), when the text keeps its length. */
  withComments?: string;
  /** Offset in the canonical copy → offset in the text. */
  toSource(offset: number): number;
  /** `[`…`]` spans of PEP 695 type-parameter lists (`def f[T]`, `class A[T = int]`, `type A[T]`). */
  typeParams: [number, number][];
}

/**
 * CPython's tokenizer-level checks over a whole text, and its canonical copy.
 * `stripped(lineStart)`: characters IPython removes at the start of that physical line (prompts,
 * the first line's indentation); they are left out of indentation and of the canonical copy.
 */
export function checkStructure(text: string, stripped?: (lineStart: number) => number): StructureCheck {
  const out = text.split('');
  const comments: [number, number][] = [];
  const removed: [number, number][] = [];
  const typeParams: [number, number][] = [];
  const indents = [0];
  const alts = [0];
  let pendingBlock = -1; // offset of the `:` that opened a block still waiting for its indent
  let pos = 0;
  let error: LexError | undefined;
  let unsure: string | undefined;
  const n = text.length;
  while (pos < n && !error) {
    const strip = stripped?.(pos) ?? 0;
    if (strip) removed.push([pos, pos + strip]);
    const ll = lexLogicalLine(text, pos, pos + strip);
    for (const [a, b] of ll.blanks) for (let k = a; k < b; k++) out[k] = ' ';
    comments.push(...ll.comments);
    if (ll.error) {
      if (ll.error.certain) error = ll.error;
      else unsure = ll.error.message;
    }
    if (!ll.blank && !error) {
      let col = 0;
      let alt = 0;
      for (let k = ll.indentStart; k < ll.first; k++) {
        const c = text[k];
        if (c === ' ') {
          col++;
          alt++;
        } else if (c === '\t') {
          col = (Math.floor(col / 8) + 1) * 8;
          alt++;
          out[k] = ' ';
        } else {
          // Form feed: CPython restarts the count; the copy cannot say that with one column per character.
          col = 0;
          alt = 0;
          unsure ??= 'form feed in indentation';
        }
      }
      const at = { start: ll.lineStart, end: ll.first };
      const top = indents[indents.length - 1]!;
      if (col > top) {
        if (alt <= alts[alts.length - 1]!) error = { ...at, message: TAB_ERROR, certain: true };
        else if (pendingBlock < 0) error = { ...at, message: 'unexpected indent', certain: true };
        indents.push(col);
        alts.push(alt);
      } else {
        while (indents.length > 1 && col < indents[indents.length - 1]!) {
          indents.pop();
          alts.pop();
        }
        if (col !== indents[indents.length - 1]!) error = { ...at, message: 'unindent does not match any outer indentation level', certain: true };
        else if (alt !== alts[alts.length - 1]!) error = { ...at, message: TAB_ERROR, certain: true };
        else if (pendingBlock >= 0) error = { start: pendingBlock, end: pendingBlock + 1, message: 'expected an indented block', certain: true };
      }
      const last = ll.tokens[ll.tokens.length - 1];
      pendingBlock = last && last.kind === 'op' && text[last.start] === ':' && last.end - last.start === 1 ? last.start : -1;
      collectTypeParams(text, ll.tokens, typeParams);
    }
    if (ll.next <= pos) break;
    pos = ll.next;
  }
  if (!error && pendingBlock >= 0) error = { start: pendingBlock, end: pendingBlock + 1, message: 'expected an indented block', certain: true };
  const withComments = removed.length ? undefined : out.join('');
  for (const [a, b] of comments) for (let k = a; k < b; k++) out[k] = ' ';
  const found = { ...(error ? { error } : {}), ...(unsure ? { unsure } : {}), typeParams };
  if (withComments !== undefined) return { ...found, canonical: out.join(''), withComments, toSource: (o) => o };
  // Leave out what IPython strips; keep a map back to the text.
  const map: number[] = [];
  const kept: string[] = [];
  let r = 0;
  for (let k = 0; k < n; k++) {
    while (r < removed.length && removed[r]![1] <= k) r++;
    if (r < removed.length && removed[r]![0] <= k) continue;
    kept.push(out[k]!);
    map.push(k);
  }
  return { ...found, canonical: kept.join(''), toSource: (o) => (o < map.length ? map[o]! : n) };
}

/**
 * A TabError CPython raises on `text`, which tree-sitter's parse does not stumble on (its scanner
 * counts a tab as 8 columns and never compares tabs with spaces). Only texts with a tab can have
 * one, so the others are not lexed a second time.
 */
export function tabError(text: string, stripped?: (lineStart: number) => number): LexError | undefined {
  if (!text.includes('\t')) return undefined;
  const error = checkStructure(text, stripped).error;
  return error?.message === TAB_ERROR ? error : undefined;
}

/** `def f[…]`, `class A[…]`, `type A[…] =`: the bracket span, in text offsets. */
function collectTypeParams(text: string, tokens: Token[], out: [number, number][]): void {
  let k = 0;
  const word = (t: Token | undefined) => (t && t.kind === 'name' ? text.slice(t.start, t.end) : undefined);
  if (word(tokens[k]) === 'async') k++;
  const head = word(tokens[k]);
  if (head !== 'def' && head !== 'class' && head !== 'type') return;
  if (tokens[k + 1]?.kind !== 'name') return;
  const open = tokens[k + 2];
  if (!open || text[open.start] !== '[') return;
  let depth = 0;
  for (let m = k + 2; m < tokens.length; m++) {
    const c = text[tokens[m]!.start];
    if (tokens[m]!.kind !== 'op') continue;
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      depth--;
      if (depth === 0) {
        out.push([open.start, tokens[m]!.end]);
        return;
      }
    }
  }
}
