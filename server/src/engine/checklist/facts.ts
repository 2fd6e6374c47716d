/**
 * What the project checks read: the workspace's file list, file contents on demand, the
 * imports of its Python sources and notebooks, and (when there is git) the tracked files.
 * Gathered once per checklist run; the checks themselves (./checks.ts) are pure functions of it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadNotebook } from '../notebook';
import { readRegularText } from '../regularFile';
import { DEFAULT_SKIPPED_DIRS } from '../scan';
import { readVerifyRecord, type VerifyRecord } from '../verifyRecord';

export interface TrackedLargeFile {
  file: string;
  size: number;
}

export interface GitFacts {
  /** Tracked files under the root, relative to it, `/`-separated. */
  tracked: readonly string[];
  /** Tracked files over the size limits (./signals.ts), not stored with git LFS. */
  largeTracked: readonly TrackedLargeFile[];
}

export interface ProjectFacts {
  root: string;
  /** Every file of the workspace (relative, `/`-separated), except skipped folders; capped. */
  files: readonly string[];
  filesTruncated: boolean;
  /** The files in scope (relative), the ones whose findings count. */
  scopeFiles: readonly string[];
  /** undefined when the folder is not in a git repository (or git is missing). */
  git: GitFacts | undefined;
  readText(rel: string): string | undefined;
  /** Source of a `.py` file, or the code cells of a notebook joined; undefined for other files. */
  pythonSource(rel: string): string | undefined;
  /** The `preflight verify` record of a notebook for its current code, or why there is none (../verifyRecord.ts). */
  verifyRecord(rel: string): { record: VerifyRecord } | { none: 'missing' | 'stale' | 'unreadable' };
}

export const MAX_WORKSPACE_FILES = 50_000;
const MAX_SOURCE_BYTES = 2_000_000;

export function listWorkspaceFiles(root: string, max = MAX_WORKSPACE_FILES): { files: string[]; truncated: boolean } {
  const files: string[] = [];
  let truncated = false;
  const seen = new Set<string>();
  const visit = (dir: string, rel: string) => {
    if (truncated) return;
    let real: string;
    try {
      real = fs.realpathSync(dir);
    } catch {
      return;
    }
    if (seen.has(real)) return;
    seen.add(real);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        // `.dvc` holds DVC's config, which the data-versioning check looks for.
        if (DEFAULT_SKIPPED_DIRS.has(e.name) && e.name !== '.dvc') continue;
        if (fs.existsSync(path.join(dir, e.name, 'pyvenv.cfg'))) continue;
        visit(path.join(dir, e.name), r);
      } else if (e.isFile() || e.isSymbolicLink()) {
        if (files.length >= max) {
          truncated = true;
          return;
        }
        files.push(r);
      }
    }
  };
  visit(root, '');
  return { files, truncated };
}

export function createFacts(root: string, files: readonly string[], filesTruncated: boolean, scopeFiles: readonly string[], git: GitFacts | undefined): ProjectFacts {
  const texts = new Map<string, string | undefined>();
  const sources = new Map<string, string | undefined>();
  const readText = (rel: string) => {
    if (!texts.has(rel)) {
      let text: string | undefined;
      try {
        const abs = path.join(root, rel);
        text = fs.statSync(abs).size <= MAX_SOURCE_BYTES ? readRegularText(abs) : undefined;
      } catch {
        text = undefined;
      }
      texts.set(rel, text);
    }
    return texts.get(rel);
  };
  return {
    root,
    files,
    filesTruncated,
    scopeFiles,
    git,
    readText,
    pythonSource(rel) {
      if (!sources.has(rel)) {
        let source: string | undefined;
        const lower = rel.toLowerCase();
        if (lower.endsWith('.py')) source = readText(rel);
        else if (lower.endsWith('.ipynb')) {
          const text = readText(rel);
          const loaded = text === undefined ? undefined : loadNotebook(text);
          source = loaded?.ok ? loaded.notebook.cells.filter((c) => c.kind === 'code').map((c) => c.source).join('\n') : undefined;
        }
        sources.set(rel, source);
      }
      return sources.get(rel);
    },
    verifyRecord(rel) {
      const text = readText(rel);
      return text === undefined ? { none: 'unreadable' } : readVerifyRecord(path.join(root, rel), text);
    },
  };
}

/**
 * Top-level modules a Python source imports, with every dotted prefix (`a.b.c` gives `a`,
 * `a.b`, `a.b.c`). A line-based scan on purpose: it must be cheap over a whole workspace and
 * tolerate notebooks full of magics; the rules do the precise, syntax-aware work.
 */
export function importedModules(source: string): Set<string> {
  const found = new Set<string>();
  const add = (dotted: string) => {
    const parts = dotted.split('.');
    for (let i = 1; i <= parts.length; i++) found.add(parts.slice(0, i).join('.'));
  };
  for (const m of source.matchAll(/^[ \t]*(?:from[ \t]+([A-Za-z_][\w.]*)[ \t]+import\b|import[ \t]+([A-Za-z_][\w., \t]*))/gm)) {
    if (m[1]) add(m[1]);
    else if (m[2]) for (const part of m[2].split(',')) add(part.trim().split(/[ \t]+/)[0] ?? '');
  }
  found.delete('');
  return found;
}
