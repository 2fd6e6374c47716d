/**
 * What the notebook-editing commands the server's fixes call share: arguments checked with their
 * schema, and the open notebook they name (`notebookUri`). A malformed call or a notebook no longer
 * open is logged and refused, never guessed.
 */
import type * as vscode from 'vscode';
import type { z } from 'zod';

export function notebookCommandTarget<S extends z.ZodType<{ notebookUri: string }>>(
  command: string,
  schema: S,
  raw: unknown,
  asUri: (s: string) => vscode.Uri,
  log: vscode.LogOutputChannel,
  documents: readonly vscode.NotebookDocument[],
): { args: z.infer<S>; notebook: vscode.NotebookDocument } | undefined {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    log.warn(`${command}: ignored malformed arguments (${parsed.error.issues[0]?.message ?? 'invalid'})`);
    return undefined;
  }
  const target = asUri(parsed.data.notebookUri).toString();
  const notebook = documents.find((nb) => nb.uri.toString() === target);
  if (!notebook) {
    log.warn(`${command}: notebook ${parsed.data.notebookUri} is not open`);
    return undefined;
  }
  return { args: parsed.data, notebook };
}
