/**
 * What to analyse, from a file's name and its bytes or text: the one place the input limits
 * (size, NUL bytes, notebook cell count) and the decoding are applied, for the CLI, the checklist
 * and the language server alike. An input over a limit or unreadable becomes an `invalid`
 * input, which `analyze` reports as one `invalid-file` finding.
 */
import type { ResolvedConfig } from './config';
import { defaultConfig } from './config';
import { classifyFile, type FileKind, type ManifestKind } from './files';
import { loadNotebook, type Notebook } from './notebook';
import { NotRegularFile } from './regularFile';
import { decodeUtf8 } from './utf8';

export type AnalysisInput =
  | { target: 'python'; file: string; text: string }
  | { target: 'notebook'; file: string; notebook: Notebook }
  | { target: 'manifest'; file: string; text: string; manifestKind: ManifestKind }
  /**
   * A file that could not be read or loaded: reported as one `invalid-file` finding on its first
   * line (there is no document to point into; the message says where the parser stopped).
   */
  | { target: 'invalid'; file: string; message: string };

/** A file that could not be read at all (reading it failed, or it is a FIFO or device: see regularFile.ts). */
export function unreadableInput(file: string, error: unknown): AnalysisInput {
  if (error instanceof NotRegularFile) return { target: 'invalid', file, message: `skipped: ${error.message}` };
  return { target: 'invalid', file, message: `cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` };
}

const megabytes = (n: number) => (n / 1e6).toFixed(1);

function tooBig(file: string, size: number, config: ResolvedConfig): AnalysisInput | undefined {
  if (size <= config.maxFileSize) return undefined;
  return { target: 'invalid', file, message: `skipped: ${megabytes(size)} MB is over the ${megabytes(config.maxFileSize)} MB limit (tool.preflight.max-file-size)` };
}

/**
 * A loaded notebook, or `invalid` when it has more cells than `max-cells` or more cell text than
 * `max-file-size`. The CLI's file size limit already bounds the text of a notebook read from
 * disk; the editor sends cells, not the file, so the limit on their text is what protects it.
 */
export function inputFromNotebook(file: string, notebook: Notebook, config: ResolvedConfig = defaultConfig): AnalysisInput {
  if (notebook.cells.length > config.maxCells) {
    return { target: 'invalid', file, message: `skipped: ${notebook.cells.length} cells is over the ${config.maxCells}-cell limit (tool.preflight.max-cells)` };
  }
  let chars = 0;
  for (const cell of notebook.cells) chars += cell.source.length;
  if (chars > config.maxFileSize) {
    return { target: 'invalid', file, message: `skipped: ${megabytes(chars)} MB of cell text is over the ${megabytes(config.maxFileSize)} MB limit (tool.preflight.max-file-size)` };
  }
  return { target: 'notebook', file, notebook };
}

/**
 * Decoded text as an analysis input. `kind` defaults to what the file name says (the editor
 * passes its own for an unsaved Python buffer); undefined when the file is not one we read.
 */
export function inputFromText(file: string, text: string, config: ResolvedConfig = defaultConfig, kind: FileKind | undefined = classifyFile(file)): AnalysisInput | undefined {
  if (!kind) return undefined;
  return tooBig(file, text.length, config) ?? fromDecoded(file, text, config, kind);
}

/** The checks after the size limit: NUL bytes, then the notebook's JSON and cell count. */
function fromDecoded(file: string, text: string, config: ResolvedConfig, kind: FileKind): AnalysisInput {
  if (text.includes('\u0000') && kind.target !== 'notebook') {
    return { target: 'invalid', file, message: 'binary content (NUL bytes): the file was not analysed' };
  }
  if (kind.target === 'notebook') {
    const loaded = loadNotebook(text);
    if (!loaded.ok) return { target: 'invalid', file, message: loaded.message };
    return inputFromNotebook(file, loaded.notebook, config);
  }
  if (kind.target === 'python') return { target: 'python', file, text };
  return { target: 'manifest', file, text, manifestKind: kind.manifestKind };
}

/** File bytes as an analysis input (the size limit is checked before decoding). */
export function inputFromBytes(file: string, bytes: Uint8Array | string, config: ResolvedConfig = defaultConfig): AnalysisInput | undefined {
  if (typeof bytes === 'string') return inputFromText(file, bytes, config);
  const kind = classifyFile(file);
  if (!kind) return undefined;
  const big = tooBig(file, bytes.byteLength, config);
  if (big) return big;
  const decoded = decodeUtf8(bytes);
  if (!decoded.ok) return { target: 'invalid', file, message: decoded.message };
  // A notebook's BOM is loadNotebook's to judge (one is allowed, two are not JSON); any other
  // file drops one, as Python's tokenizer and the TextDecoder default do.
  const text = kind.target === 'notebook' || decoded.text.charCodeAt(0) !== 0xfeff ? decoded.text : decoded.text.slice(1);
  return fromDecoded(file, text, config, kind);
}
