/**
 * The `Content-Length` framing of a byte-stream transport (`--stdio`), checked beside
 * vscode-jsonrpc's own reader. That reader reports a missing or non-numeric length through an
 * `onError` nobody listens to (vscode-languageserver's `Connection` does not expose it), takes
 * `parseInt` of the rest (`-5`, `12abc`), and waits for a huge length's body forever: after any
 * of these the stream is out of step and the server never answers again. A stream cannot be
 * resynchronised (a body may contain anything), so the only sound answer is to exit and let the
 * client restart the server, as VS Code's client does for a server that dies.
 *
 * The checker sees the same chunks in the same order as the library's reader and follows the
 * same frames; it only judges the headers and counts body bytes (bodies are never decoded twice).
 * A body that is not JSON inside a well-formed frame leaves the stream in step: not its business.
 */

/**
 * No real message comes near this: the server analyses files up to the 20 MB limit, and a
 * longer body would only be buffered for a string V8 cannot hold (its limit is ~512 M chars).
 */
export const MAX_CONTENT_LENGTH = 256 * 1024 * 1024;
/** The library's reader buffers header bytes until `\r\n\r\n`: a header section without one is garbage. */
export const MAX_HEADER_BYTES = 8 * 1024;

const CR = 0x0d;
const LF = 0x0a;

/** RFC 9110 `tchar`: the characters of a header field name. */
function isTokenChar(b: number): boolean {
  return (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) || '!#$%&\'*+-.^_`|~'.includes(String.fromCharCode(b));
}

export class FrameChecker {
  /** Body bytes still to skip; -1 while reading a header section. */
  private bodyLeft = -1;
  private header: number[] = [];
  /** Inside a header line's name (before its ':'), and that name's length so far. */
  private inName = true;
  private nameLength = 0;
  private broken: string | undefined;

  /** Feed the next chunk; the first framing error found (then stays broken), or undefined. */
  push(chunk: Uint8Array): string | undefined {
    let i = 0;
    while (this.broken === undefined && i < chunk.length) {
      if (this.bodyLeft > 0) {
        const n = Math.min(this.bodyLeft, chunk.length - i);
        this.bodyLeft -= n;
        i += n;
        if (this.bodyLeft === 0) this.bodyLeft = -1;
        continue;
      }
      this.broken = this.headerByte(chunk[i++]!);
    }
    return this.broken;
  }

  /**
   * One byte of a header section. Names are checked as they come: after a wrong length the
   * "header" is the middle of a body (`hod":"textDocument/hover",...`), which may never contain
   * the blank line the library waits for, while the client waits for an answer.
   */
  private headerByte(b: number): string | undefined {
    const h = this.header;
    const prev = h[h.length - 1];
    h.push(b);
    if (this.inName) {
      if (b === CR || b === LF) {
        // Only the blank line that ends the section starts with CR LF.
        if (this.nameLength > 0 || (b === LF && prev !== CR)) return `a header line broken by a line end (${quote(Buffer.from(h).toString('latin1'))})`;
      } else if (b === 0x3a) {
        if (this.nameLength === 0) return `a header line without a name (${quote(Buffer.from(h).toString('latin1'))})`;
        this.inName = false;
      } else if (!isTokenChar(b)) {
        return `a header name with a character no header name has (${quote(Buffer.from(h.slice(-this.nameLength - 1)).toString('latin1'))}), likely the middle of a message body`;
      } else this.nameLength++;
    } else if (b === LF && prev === CR) {
      this.inName = true;
      this.nameLength = 0;
    }
    const n = h.length;
    if (n >= 4 && h[n - 4] === CR && h[n - 3] === LF && h[n - 2] === CR && h[n - 1] === LF) return this.endHeader();
    if (n > MAX_HEADER_BYTES) return `a header section longer than ${MAX_HEADER_BYTES} bytes without its blank line`;
    return undefined;
  }

  /** Judge a complete header section (`\r\n\r\n` included); set up the body. */
  private endHeader(): string | undefined {
    const lines = Buffer.from(this.header.slice(0, -4)).toString('latin1').split('\r\n');
    this.header = [];
    this.inName = true;
    this.nameLength = 0;
    let length: string | undefined;
    for (const line of lines) {
      const colon = line.indexOf(':');
      if (colon < 0) return `a header line without ':' (${quote(line)})`;
      if (line.slice(0, colon).trim().toLowerCase() === 'content-length') length = line.slice(colon + 1).trim();
    }
    if (length === undefined) return `a header section without Content-Length (${quote(lines.join(' | '))})`;
    if (!/^\d+$/.test(length)) return `a Content-Length that is not a non-negative integer (${quote(length)})`;
    const n = Number(length);
    if (n > MAX_CONTENT_LENGTH) return `a Content-Length of ${length} bytes, over the ${MAX_CONTENT_LENGTH}-byte limit`;
    this.bodyLeft = n === 0 ? -1 : n;
    return undefined;
  }
}

/** A bounded, printable excerpt of client bytes for the log. */
function quote(s: string): string {
  const printable = s.replace(/[^\x20-\x7e]/g, '?');
  return JSON.stringify(printable.length > 80 ? `${printable.slice(0, 80)}…` : printable);
}

/**
 * Observe a transport's input with a `FrameChecker`; on the first framing error call `fail`
 * (which exits). Registered before the connection listens, so it sees every chunk first.
 */
export function watchFraming(input: NodeJS.ReadableStream, fail: (problem: string) => void): void {
  const checker = new FrameChecker();
  let failed = false;
  input.on('data', (chunk: Buffer | string) => {
    if (failed) return;
    const problem = checker.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    if (problem === undefined) return;
    failed = true;
    fail(problem);
  });
}
