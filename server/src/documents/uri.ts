/**
 * URI ↔ path helpers. URIs are kept exactly as received everywhere (keys, publishing): VS Code
 * only shows diagnostics for the exact cell URI string it sent (microsoft/language-server-protocol#2040).
 * A path is derived only to read files, classify the document and find its project.
 */
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The file system path of a `file:` URI (notebook cells: of their notebook), else undefined. */
export function fsPathOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return path.normalize(fileURLToPath(uri));
  } catch {
    return undefined;
  }
}

export function uriOfPath(p: string): string {
  return pathToFileURL(p).href;
}

/** A name to classify and report a document by: its path, or for `untitled:` etc. the URI's last segment. */
export function nameOf(uri: string): string {
  return fsPathOf(uri) ?? decodeURIComponent(uri.replace(/[?#].*$/, '').split('/').pop() ?? uri);
}
