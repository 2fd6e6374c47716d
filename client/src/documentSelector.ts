/**
 * Which documents the client hands to the server. Pure (no `vscode` import) so it is unit-tested.
 *
 * Notebook cells need their own filter: VS Code compares a filter's `scheme` with a cell's
 * notebook only when the filter also names a notebookType, so `{scheme: 'file'}` never matches a
 * cell (microsoft/vscode languageSelector.ts `score()`); code actions and hovers are registered
 * against this selector (architecture.md §2.2). Dependency manifests are matched by file name,
 * whatever language id another extension gives them.
 *
 * Markdown cells are in it too: VS Code asks notebook-level code actions
 * (`notebook.source.fixAll.preflight` in `notebook.codeActionsOnSave`) of the notebook's FIRST
 * cell only, and only of providers whose selector matches that cell, so without them a notebook
 * that opens with a markdown cell would never be fixed on save. The server answers notebook-level
 * kinds there and nothing else (handlers/codeActions.ts).
 */
import * as path from 'node:path';
import { classifyFile } from '../../server/src/protocol';

export const NOTEBOOK_TYPES: readonly string[] = ['jupyter-notebook', 'interactive'];

/** File names the server analyses as dependency manifests (engine/files.ts `classifyFile`). */
export const MANIFEST_GLOB =
  '**/{requirements*.txt,requirements*.in,constraints*.txt,constraints*.in,requirements/*.txt,pyproject.toml,Pipfile,Pipfile.lock,environment*.yml,environment*.yaml,conda*.yml,conda*.yaml,setup.py,setup.cfg,Dockerfile,Dockerfile.*,*.dockerfile,Containerfile,poetry.lock,uv.lock,pdm.lock}';

export type DocumentFilterLike = { scheme: string; language: string } | { scheme: string; pattern: string };

export const documentSelector: DocumentFilterLike[] = [
  { scheme: 'file', language: 'python' },
  { scheme: 'untitled', language: 'python' },
  { scheme: 'vscode-notebook-cell', language: 'python' },
  { scheme: 'vscode-notebook-cell', language: 'markdown' },
  { scheme: 'file', pattern: MANIFEST_GLOB },
  { scheme: 'file', language: 'pip-requirements' },
  { scheme: 'file', language: 'dockerfile' },
];

/** Is this document one the server would analyse (to start the server lazily)? */
export function isRelevantDocument(doc: { uri: { scheme: string; path: string }; languageId: string }): boolean {
  const { scheme } = doc.uri;
  if (scheme !== 'file' && scheme !== 'untitled' && scheme !== 'vscode-notebook-cell') return false;
  if (doc.languageId === 'python') return true;
  if (scheme !== 'file') return false;
  if (doc.languageId === 'pip-requirements' || doc.languageId === 'dockerfile') return true;
  const kind = classifyFile(doc.uri.path);
  return kind !== undefined && kind.target === 'manifest';
}

export function isRelevantNotebook(nb: { notebookType: string }): boolean {
  return NOTEBOOK_TYPES.includes(nb.notebookType);
}

export function baseName(p: string): string {
  return path.posix.basename(p);
}
