/**
 * The notebook model the rules see, and its loader from `.ipynb` bytes.
 *
 * The model is independent of the file format: the CLI builds it from a saved `.ipynb`, the
 * language server from an LSP notebook document (with execution orders forwarded by the
 * client). Only what rules need is kept: kind, source, saved execution count, id and outputs.
 */
import type * as nbformat from '@jupyterlab/nbformat';
import { z } from 'zod';
import { jsonSyntaxProblem } from './manifests/formatErrors';

export type CellKind = 'code' | 'markdown' | 'raw';

export interface NotebookCell {
  kind: CellKind;
  source: string;
  /**
   * Saved `execution_count` (or the editor's execution order); null when the cell has no run of
   * its current code: it never ran, or (`editedSinceRun`) it ran and was edited afterwards.
   */
  executionCount: number | null;
  /**
   * A code cell that ran and was edited since: no execution count but saved outputs. VS Code
   * (and JupyterLab) clear the count of a cell edited after its run and keep its outputs, so a
   * null count alone does not mean "never ran". The outputs are stale; the state the cell made
   * is in the kernel all the same. See `runState` (hiddenState/executionOrder.ts).
   */
  editedSinceRun?: boolean;
  id?: string;
  /** Saved outputs, kept as nbformat shapes for rules that read them (secrets in outputs). */
  outputs?: readonly nbformat.IOutput[];
}

export interface Notebook {
  cells: NotebookCell[];
  /** Kernel / language_info language, lower-cased; 'python' when the notebook does not say. */
  language: string;
}

/** A code cell with no execution count but saved outputs ran, then was edited (see `editedSinceRun`). */
export function isEditedSinceRun(executionCount: number | null, outputs: readonly unknown[] | undefined): boolean {
  return executionCount === null && !!outputs?.length;
}

export function notebookFromCells(cells: NotebookCell[], language = 'python'): Notebook {
  return { cells, language };
}

export type NotebookLoadResult =
  | { ok: true; notebook: Notebook; raw: nbformat.INotebookContent }
  | { ok: false; message: string };

const multiline = z.union([z.string(), z.array(z.string())]);

// The boundary schema: what nbformat 4 requires of the parts we read. Unknown keys pass
// (nbformat allows extension metadata), so a valid notebook is never rejected for them.
const cellSchema = z.object({
  cell_type: z.enum(['code', 'markdown', 'raw']),
  source: multiline,
  id: z.string().optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
  execution_count: z.number().int().nullable().optional(),
  outputs: z.array(z.looseObject({ output_type: z.string() })).optional(),
});

const notebookSchema = z.object({
  nbformat: z.number().int(),
  nbformat_minor: z.number().int().optional(),
  metadata: z
    .looseObject({
      kernelspec: z.looseObject({ language: z.string().optional(), name: z.string().optional() }).optional(),
      language_info: z.looseObject({ name: z.string().optional() }).optional(),
    })
    .optional(),
  cells: z.array(cellSchema),
});

/** VS Code's per-cell language (`metadata.vscode.languageId`), when the cell has one. */
const vscodeCellMetadata = z.object({ vscode: z.object({ languageId: z.string() }) });

/**
 * A code cell VS Code marks as another language (`javascript`, `sql`, `markdown`…) is not Python
 * the kernel runs: it is kept as a raw cell, as the language server keeps such cells
 * (documents/notebookModel.ts `cellKindOf`).
 */
function cellKind(c: z.infer<typeof cellSchema>): CellKind {
  if (c.cell_type !== 'code') return c.cell_type;
  const meta = vscodeCellMetadata.safeParse(c.metadata);
  return !meta.success || meta.data.vscode.languageId === 'python' ? 'code' : 'raw';
}

function joinSource(s: string | string[]): string {
  return Array.isArray(s) ? s.join('') : s;
}

function notebookLanguage(meta: z.infer<typeof notebookSchema>['metadata']): string {
  // The kernelspec names the kernel that runs the notebook; language_info is often stale
  // (a Wolfram notebook saved with a Python language_info), so the kernel wins.
  const lang = meta?.kernelspec?.language ?? meta?.language_info?.name;
  if (lang) return lang.toLowerCase();
  const kernel = meta?.kernelspec?.name?.toLowerCase();
  if (kernel && !kernel.includes('python') && !kernel.startsWith('py')) return kernel;
  return 'python';
}

/** Parse `.ipynb` text. Never throws: a bad file gives a message for one file-level finding. */
export function loadNotebook(text: string): NotebookLoadResult {
  // nbformat reads a notebook's bytes with `json.loads`, which allows one UTF-8 BOM; a second
  // one, or any other text before the JSON, is not a notebook to Jupyter.
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.charCodeAt(0) === 0xfeff) {
    return { ok: false, message: 'not valid JSON: the file starts with two byte order marks (U+FEFF); Jupyter (nbformat) reads at most one' };
  }
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    // The position and the parser's words, never V8's quote of the text (a cell may hold a secret).
    return { ok: false, message: jsonSyntaxProblem(body)!.message.replace(/^invalid JSON/, 'not valid JSON') };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { ok: false, message: 'not a notebook: the JSON is not an object' };
  }
  const version = (json as { nbformat?: unknown }).nbformat;
  if (typeof version === 'number' && version !== 4) {
    return {
      ok: false,
      message: `nbformat ${version} is not supported (Preflight reads nbformat 4); convert it with \`jupyter nbconvert --to notebook\``,
    };
  }
  const parsed = notebookSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length ? issue.path.join('.') : 'the notebook';
    return { ok: false, message: `not a valid nbformat 4 notebook: ${where}: ${issue.message}` };
  }
  const nb = parsed.data;
  const cells: NotebookCell[] = nb.cells.map((c) => {
    const kind = cellKind(c);
    const executionCount = kind === 'code' ? (c.execution_count ?? null) : null;
    return {
      kind,
      source: joinSource(c.source),
      executionCount,
      ...(kind === 'code' && isEditedSinceRun(executionCount, c.outputs) ? { editedSinceRun: true } : {}),
      ...(c.id !== undefined ? { id: c.id } : {}),
      ...(c.outputs ? { outputs: c.outputs as unknown as nbformat.IOutput[] } : {}),
    };
  });
  return { ok: true, notebook: { cells, language: notebookLanguage(nb.metadata) }, raw: json as nbformat.INotebookContent };
}

export function isPythonNotebook(nb: Notebook): boolean {
  return nb.language === 'python' || nb.language.startsWith('python') || nb.language === 'ipython';
}
