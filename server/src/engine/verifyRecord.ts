/**
 * Recorded `preflight verify` results, so the readiness checklist can say whether a notebook
 * was seen to run top to bottom. One record per notebook, in the project's cache folder
 * (`.preflight_cache/verify/`, git-ignored by the `.gitignore` the folder gets), keyed by the
 * notebook's path and holding the content hash of the code it ran: a record for other code is
 * stale and counts as no record.
 *
 * The content hash covers the code cells' sources in order, not outputs or metadata: saving the
 * notebook after a run changes its bytes but not what a run would execute.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import { loadNotebook } from './notebook';

export const CACHE_DIR_NAME = '.preflight_cache';
export const VERIFY_SUBDIR = 'verify';

export const verifyOutcome = z.enum(['reproduces', 'differs', 'fails', 'incomplete']);
export type VerifyOutcome = z.infer<typeof verifyOutcome>;

export const verifyRecordSchema = z.strictObject({
  version: z.literal(1),
  /** Relative to the project root, `/`-separated. */
  notebook: z.string(),
  contentHash: z.string(),
  verifiedAt: z.string(),
  outcome: verifyOutcome,
  /** One line: what the run showed. */
  summary: z.string(),
  /** The cells worth a look (0-based, every cell counts), with one line each. */
  cells: z.array(z.strictObject({ cell: z.number().int().nonnegative(), message: z.string() })),
});
export type VerifyRecord = z.infer<typeof verifyRecordSchema>;

/** Hash of what a top-down run executes: the code cells' sources, in order. Undefined for a file that is not a notebook. */
export function notebookContentHash(text: string): string | undefined {
  const loaded = loadNotebook(text);
  if (!loaded.ok) return undefined;
  const code = loaded.notebook.cells.filter((c) => c.kind === 'code').map((c) => c.source);
  return crypto.createHash('sha256').update(JSON.stringify(code)).digest('hex');
}

/**
 * The folder that holds a project's `.preflight_cache`: the nearest folder at or above `dir`
 * holding a pyproject.toml or a .git, else `dir` itself. The check cache (cli/runCheck.ts) and
 * verify's records both ask this, so a project has one cache folder.
 */
export function cacheRootOf(dir: string): string {
  const start = path.resolve(dir);
  for (let d = start; ; d = path.dirname(d)) {
    if (fs.existsSync(path.join(d, 'pyproject.toml')) || fs.existsSync(path.join(d, '.git'))) return d;
    if (path.dirname(d) === d) return start;
  }
}

/**
 * The project a notebook's verify record belongs to (cacheRootOf its folder). Both the writer
 * (verify) and the reader (the checklist) ask this of the notebook, so they agree whatever
 * folder either ran in.
 */
export function verifyProjectRoot(notebook: string): string {
  return cacheRootOf(path.dirname(path.resolve(notebook)));
}

function recordFile(notebook: string): { root: string; rel: string; file: string } {
  const root = verifyProjectRoot(notebook);
  const rel = path.relative(root, path.resolve(notebook)).split(path.sep).join('/');
  const key = crypto.createHash('sha256').update(rel).digest('hex').slice(0, 24);
  return { root, rel, file: path.join(root, CACHE_DIR_NAME, VERIFY_SUBDIR, `${key}.json`) };
}

/** Write a notebook's record (atomically: a reader never sees half a file). Returns the record file. */
export function writeVerifyRecord(notebook: string, record: Omit<VerifyRecord, 'version' | 'notebook'>): string {
  const { root, rel, file } = recordFile(notebook);
  const cacheDir = path.join(root, CACHE_DIR_NAME);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const ignore = path.join(cacheDir, '.gitignore');
  if (!fs.existsSync(ignore)) fs.writeFileSync(ignore, '# Created by preflight: cached results, never committed.\n*\n');
  const full: VerifyRecord = { version: 1, notebook: rel, ...record };
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(full, null, 2)}\n`);
  fs.renameSync(tmp, file);
  return file;
}

/**
 * The record for a notebook's current content, or why there is none: `missing` (never
 * verified), `stale` (verified, but its code changed since). A corrupt record counts as missing.
 */
export function readVerifyRecord(notebook: string, currentText: string): { record: VerifyRecord } | { none: 'missing' | 'stale' } {
  const { rel, file } = recordFile(notebook);
  let parsed: VerifyRecord;
  try {
    const r = verifyRecordSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
    if (!r.success || r.data.notebook !== rel) return { none: 'missing' };
    parsed = r.data;
  } catch {
    return { none: 'missing' };
  }
  return parsed.contentHash === notebookContentHash(currentText) ? { record: parsed } : { none: 'stale' };
}
