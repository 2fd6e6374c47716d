/**
 * Split shell command text into commands and words, keeping each word's offsets in the original
 * text so a finding can point at one package of `pip install a b c`.
 *
 * Written by hand because the npm shell parsers (shell-quote, …) return words without source
 * positions. It knows what install lines need: quotes, backslash escapes and line
 * continuations, comments, and the `&&`/`||`/`;`/`|`/newline separators between commands.
 */

export interface Word {
  /** The word after quote removal. */
  readonly value: string;
  /** Offsets of the word as written (quotes included). */
  readonly start: number;
  readonly end: number;
  /** The word had quotes (a `"x>=1"` spec). */
  readonly quoted: boolean;
}

/** Commands (lists of words) in `text[start, end)`. */
export function shellCommands(text: string, start = 0, end = text.length): Word[][] {
  const commands: Word[][] = [];
  let words: Word[] = [];
  let i = start;
  const flushCommand = () => {
    if (words.length) commands.push(words);
    words = [];
  };
  while (i < end) {
    const ch = text[i]!;
    if (ch === '\\' && (text[i + 1] === '\n' || text[i + 1] === '\r')) {
      i += text[i + 1] === '\r' && text[i + 2] === '\n' ? 3 : 2;
      continue;
    }
    if (ch === ' ' || ch === '\t') {
      i++;
      continue;
    }
    if (ch === '\n' || ch === '\r' || ch === ';' || ch === '|' || ch === '&' || ch === '(' || ch === ')') {
      flushCommand();
      i++;
      continue;
    }
    if (ch === '#') {
      while (i < end && text[i] !== '\n' && text[i] !== '\r') i++;
      continue;
    }
    const wordStart = i;
    let value = '';
    let quoted = false;
    while (i < end) {
      const c = text[i]!;
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === ';' || c === '|' || c === '&' || c === '(' || c === ')') break;
      if (c === '\\') {
        if (text[i + 1] === '\n' || text[i + 1] === '\r') break;
        value += text[i + 1] ?? '';
        i += 2;
        continue;
      }
      if (c === "'" || c === '"') {
        quoted = true;
        const close = text.indexOf(c, i + 1);
        const stop = close < 0 || close >= end ? end : close;
        value += text.slice(i + 1, stop);
        i = stop + 1;
        continue;
      }
      value += c;
      i++;
    }
    words.push({ value, start: wordStart, end: Math.min(i, end), quoted });
  }
  flushCommand();
  return commands;
}
