/**
 * Compute a checklist for a folder: resolve the git scope, list the files in scope, have the
 * caller analyse them (the CLI and the language server both pass the CLI's runCheck, so the
 * checklist sees exactly what `preflight check` reports), gather project facts, evaluate.
 */
import * as path from 'node:path';
import { findConfig, type ResolvedConfig } from '../config';
import type { Finding } from '../model';
import { nodeFileSystem } from '../project';
import { allRules } from '../registry';
import type { Rule } from '../rule';
import { initParser } from '../python/parser';
import { scanPaths } from '../scan';
import { evaluateChecklist, relativeTo } from './evaluate';
import { createFacts, listWorkspaceFiles } from './facts';
import { resolveGitScope } from './git';
import { ITEMS, type ItemSpec } from './items';
import type { Checklist, ScopeMode } from './model';

export const MAX_CHANGED_FILES_LISTED = 500;

export interface ChecklistOptions {
  root: string;
  scope: ScopeMode;
  /** Base ref for branch scope (default: the remote default branch, `main`, `master`). */
  base?: string;
  config?: ResolvedConfig;
  /** Analyse these absolute files with the project rooted at `root`; returns their findings. */
  analyze(files: string[], root: string, config: ResolvedConfig): Finding[] | Promise<Finding[]>;
  rules?: readonly Rule[];
  items?: readonly ItemSpec[];
  now?: Date;
}

export class ChecklistScopeError extends Error {}

/** The configuration file as the panel names it: relative to the root, absolute when above it. */
function configFileName(root: string, source: string): string {
  const rel = relativeTo(root, source);
  return rel.startsWith('../') ? path.resolve(source) : rel;
}

export async function computeChecklist(opts: ChecklistOptions): Promise<Checklist> {
  const root = path.resolve(opts.root);
  const config = opts.config ?? findConfig(root, nodeFileSystem);
  const git = await resolveGitScope(root, opts.scope, opts.base);
  if (git.badBase) throw new ChecklistScopeError(`cannot compare with "${git.badBase}": not a commit in this repository (fetch it, e.g. git fetch origin ${git.badBase.replace(/^origin\//, '')})`);

  // The files to analyse: everything `preflight check` would scan, or the branch's changes
  // among those (deleted files are already left out by git; skipped folders stay skipped).
  const all = scanPaths([root], root, { include: config.include, exclude: config.exclude }).files;
  let inScope: string[];
  if (git.changed) {
    const changed = new Set(git.changed);
    inScope = all.filter((f) => changed.has(relativeTo(root, f)));
  } else inScope = all;

  const findings = inScope.length ? await opts.analyze(inScope, root, config) : [];
  // The production items parse the workspace's code (./code.ts), even when nothing is in scope.
  await initParser();
  const { files, truncated } = listWorkspaceFiles(root);
  const scopeFiles = inScope.map((f) => relativeTo(root, f));
  const facts = createFacts(root, files, truncated, scopeFiles, git.facts);
  const notes = [...git.notes];
  if (truncated) notes.push(`The workspace has more than ${files.length} files: project checks looked at the first ${files.length}.`);
  return evaluateChecklist({
    root,
    facts,
    findings,
    rules: opts.rules ?? allRules,
    config,
    items: opts.items ?? ITEMS,
    ...(opts.now ? { now: opts.now } : {}),
    scope: {
      requested: opts.scope,
      mode: git.effectiveMode,
      git: git.info,
      filesAnalysed: inScope.length,
      changedFiles: (git.changed ?? []).slice(0, MAX_CHANGED_FILES_LISTED),
      uncommittedFiles: git.uncommitted.length,
      notes,
      ...(config.source ? { configFile: configFileName(root, config.source) } : {}),
    },
  });
}
