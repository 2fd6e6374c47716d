/**
 * Git scope for the checklist (simple-git): which files the current branch changes against its
 * base — the merge-base with a configured base, else the remote's default branch, else `main`
 * or `master` — plus uncommitted and untracked files; and the facts project checks need
 * (tracked files, large tracked files not in LFS).
 *
 * Never throws: no git binary or no repository gives `available: false` (git items then say
 * `unknown`); no commits yet means every file is a change; a shallow clone whose history does
 * not reach the merge-base is compared with the base tip directly, and says so in a note.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { simpleGit, type SimpleGit } from 'simple-git';
import type { GitFacts, TrackedLargeFile } from './facts';
import type { GitInfo, ScopeMode } from './model';
import { DATA_EXTENSIONS, LARGE_DATA_FILE_BYTES, LARGE_FILE_BYTES } from './signals';

export interface GitScope {
  info: GitInfo;
  /** Files (relative to the root) the branch changes, or undefined for the whole workspace. */
  changed: string[] | undefined;
  uncommitted: string[];
  effectiveMode: ScopeMode;
  notes: string[];
  facts: GitFacts | undefined;
  /** The base asked for explicitly could not be resolved (the CLI exits 2 on it). */
  badBase?: string;
}

const split0 = (s: string) => s.split('\0').filter(Boolean);

async function tryRaw(git: SimpleGit, args: string[]): Promise<string | undefined> {
  try {
    return await git.raw(args);
  } catch {
    return undefined;
  }
}

async function resolveRef(git: SimpleGit, ref: string): Promise<string | undefined> {
  const out = await tryRaw(git, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  return out?.trim() || undefined;
}

/** The base branch: the one given, else the remote default (origin/HEAD), else main, master. */
async function findBase(git: SimpleGit, configured: string | undefined): Promise<{ ref?: string; tried: string[] }> {
  if (configured) return (await resolveRef(git, configured)) ? { ref: configured, tried: [configured] } : { tried: [configured] };
  const tried: string[] = [];
  const remoteHead = (await tryRaw(git, ['symbolic-ref', '--quiet', '--short', 'refs/remotes/origin/HEAD']))?.trim();
  const candidates = [...(remoteHead ? [remoteHead] : []), 'main', 'master', 'origin/main', 'origin/master'];
  for (const c of candidates) {
    tried.push(c);
    if (await resolveRef(git, c)) return { ref: c, tried };
  }
  return { tried };
}

async function largeTrackedFiles(git: SimpleGit, root: string, tracked: readonly string[]): Promise<TrackedLargeFile[]> {
  const candidates: TrackedLargeFile[] = [];
  for (const file of tracked) {
    let size: number;
    try {
      size = fs.statSync(path.join(root, file)).size;
    } catch {
      continue;
    }
    const isData = DATA_EXTENSIONS.includes(path.extname(file).toLowerCase());
    if (size > LARGE_FILE_BYTES || (isData && size > LARGE_DATA_FILE_BYTES)) candidates.push({ file, size });
  }
  if (!candidates.length) return [];
  // Files stored with git LFS are pointers in git, whatever their size on disk.
  const attrs = await tryRaw(git, ['check-attr', '-z', 'filter', '--', ...candidates.map((c) => c.file)]);
  const lfs = new Set<string>();
  if (attrs) {
    const parts = attrs.split('\0');
    for (let i = 0; i + 2 < parts.length; i += 3) if (parts[i + 2] === 'lfs') lfs.add(parts[i]!);
  }
  return candidates.filter((c) => !lfs.has(c.file));
}

export async function resolveGitScope(root: string, mode: ScopeMode, configuredBase?: string): Promise<GitScope> {
  const none = (note: string): GitScope => ({ info: { available: false }, changed: undefined, uncommitted: [], effectiveMode: 'workspace', notes: [note], facts: undefined });
  let git: SimpleGit;
  try {
    git = simpleGit({ baseDir: root, maxConcurrentProcesses: 4, timeout: { block: 60_000 } });
  } catch (e) {
    return none(`git is not available: ${(e as Error).message}`);
  }
  const inside = (await tryRaw(git, ['rev-parse', '--is-inside-work-tree']))?.trim();
  if (inside !== 'true') return none('Not a git repository (or git is not installed): the whole workspace is checked and git-based items are unknown.');

  const notes: string[] = [];
  const info: GitInfo = { available: true };
  const head = await resolveRef(git, 'HEAD');
  const shallow = (await tryRaw(git, ['rev-parse', '--is-shallow-repository']))?.trim() === 'true';
  if (shallow) info.shallow = true;
  const branch = (await tryRaw(git, ['symbolic-ref', '--quiet', '--short', 'HEAD']))?.trim();
  if (branch) info.branch = branch;
  if (head) info.head = head;
  else info.noCommits = true;

  const tracked = split0((await tryRaw(git, ['ls-files', '-z', '--cached'])) ?? '');
  const facts: GitFacts = { tracked, largeTracked: await largeTrackedFiles(git, root, tracked) };
  const untracked = split0((await tryRaw(git, ['ls-files', '-z', '--others', '--exclude-standard'])) ?? '');
  const modified = head ? split0((await tryRaw(git, ['diff', '--name-only', '-z', '--relative', '--diff-filter=d', 'HEAD'])) ?? '') : tracked;
  const uncommitted = [...new Set([...modified, ...untracked])].sort();

  if (mode === 'workspace') return { info, changed: undefined, uncommitted, effectiveMode: 'workspace', notes, facts };

  if (!head) {
    notes.push('No commits yet: every file is a change.');
    return { info, changed: undefined, uncommitted, effectiveMode: 'branch', notes, facts };
  }
  const base = await findBase(git, configuredBase);
  if (!base.ref) {
    if (configuredBase) return { info, changed: undefined, uncommitted, effectiveMode: 'workspace', notes: [`Base "${configuredBase}" is not a commit in this repository.`], facts, badBase: configuredBase };
    notes.push(`No base branch found (tried ${base.tried.join(', ')}): the whole workspace is checked.`);
    return { info, changed: undefined, uncommitted, effectiveMode: 'workspace', notes, facts };
  }
  info.base = base.ref;
  let compareWith = (await tryRaw(git, ['merge-base', 'HEAD', base.ref]))?.trim();
  if (compareWith) info.mergeBase = compareWith;
  else {
    compareWith = (await resolveRef(git, base.ref))!;
    notes.push(shallow ? `Shallow clone: the merge-base with ${base.ref} is not in the fetched history, so files are compared with ${base.ref} itself (fetch more history for an exact scope).` : `${base.ref} shares no history with HEAD: files are compared with ${base.ref} itself.`);
  }
  const committed = split0((await tryRaw(git, ['diff', '--name-only', '-z', '--relative', '--diff-filter=d', compareWith])) ?? '');
  const changed = [...new Set([...committed, ...untracked])].sort();
  return { info, changed, uncommitted, effectiveMode: 'branch', notes, facts };
}
