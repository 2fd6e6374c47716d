/**
 * A TOML text parsed once: the manifest reader, the published-metadata facts and the syntax check
 * all ask for the same pyproject text in one analysis, so the last text's result is kept (one
 * entry: the text compared, never stale). Callers must not change the document.
 */
import { parse as parseToml } from 'smol-toml';

export type TomlResult = { readonly doc: Record<string, unknown> } | { readonly error: unknown };

let last: { text: string; result: TomlResult } | undefined;

export function parseTomlOnce(text: string): TomlResult {
  if (last?.text === text) return last.result;
  let result: TomlResult;
  try {
    result = { doc: parseToml(text) as Record<string, unknown> };
  } catch (error) {
    result = { error };
  }
  last = { text, result };
  return result;
}
