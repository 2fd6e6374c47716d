/**
 * Strict UTF-8 decoding of a file's bytes, saying where it fails. A byte order mark is kept in
 * the text: whether one is allowed is the format's business (a notebook allows one, as
 * nbformat reading bytes through `json.loads` does; a second is not JSON).
 */
import type { Position } from './model';

export type Decoded = { ok: true; text: string } | { ok: false; message: string };

const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lenient = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

export function decodeUtf8(bytes: Uint8Array): Decoded {
  try {
    return { ok: true, text: strict.decode(bytes) };
  } catch {
    const { offset, position } = firstInvalidByte(bytes);
    const byte = bytes[offset]!.toString(16).toUpperCase().padStart(2, '0');
    return { ok: false, message: `not valid UTF-8 text: byte 0x${byte} at line ${position.line + 1}, column ${position.column + 1} (saved in another encoding, such as Latin-1?): the file was not analysed` };
  }
}

/**
 * Where the first invalid sequence is: the first U+FFFD of a lenient decoding that the bytes do
 * not spell out (EF BF BD is a real U+FFFD), found in one pass.
 */
function firstInvalidByte(bytes: Uint8Array): { offset: number; position: Position } {
  const text = lenient.decode(bytes);
  const encoder = new TextEncoder();
  let offset = 0;
  let from = 0;
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\ufffd'); i >= 0; i = text.indexOf('\ufffd', i + 1)) {
    const before = text.slice(from, i);
    offset += encoder.encode(before).length;
    for (let k = before.indexOf('\n'); k >= 0; k = before.indexOf('\n', k + 1)) {
      line++;
      lineStart = from + k + 1;
    }
    from = i + 1;
    if (bytes[offset] === 0xef && bytes[offset + 1] === 0xbf && bytes[offset + 2] === 0xbd) {
      offset += 3;
      continue;
    }
    return { offset, position: { line, column: i - lineStart } };
  }
  return { offset: 0, position: { line: 0, column: 0 } }; // not reached: the strict decoder failed
}
