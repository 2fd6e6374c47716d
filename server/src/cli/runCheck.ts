/**
 * `preflight check`'s run: plan the files (engine `planCheck`), take each one's result from the
 * cache when its entry is still true (cache.ts), analyse the others (parallel.ts, on this
 * thread and worker threads) and keep their results, then merge all in file order — so a warm
 * run prints exactly what a cold run prints.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CACHE_DIR_NAME, cacheRootOf, type CheckGroup, type CheckOptions, type CheckReport, type FileResult, initParser, planCheck, readRegularFile, reportOf } from '../engine';
import { ResultCache } from './cache';
import { configKey, Fingerprints, hashOf, toolId } from './cacheKey';
import { analyseTasks, type ParallelOptions } from './parallel';

export interface RunOptions extends ParallelOptions {
  /** Keep and reuse results (default true; `--no-cache` turns it off). */
  cache?: boolean;
  /** Replaces the build id in the tool key (tests: "a new build"). */
  build?: string;
}

export interface RunStats {
  /** Files whose results came from the cache. */
  fromCache: number;
  /** Files analysed in this run, in file order. */
  analysed: string[];
}

/**
 * The cache folder of a group: `cache-dir` from its configuration (relative to the file that
 * sets it), else `.preflight_cache` in the project's top folder — the nearest folder at or
 * above the one checked that holds a pyproject.toml or .git, else the folder checked: the
 * folder `preflight verify` keeps its records in, so a project has one cache folder.
 */
export function cacheDirOf(group: CheckGroup): string {
  if (group.config.cacheDir) return path.resolve(group.config.source ? path.dirname(group.config.source) : group.root, group.config.cacheDir);
  return path.join(cacheRootOf(group.root), CACHE_DIR_NAME);
}

export async function checkFiles(opts: CheckOptions, run: RunOptions = {}): Promise<{ report: CheckReport; stats: RunStats }> {
  const useCache = run.cache !== false;
  const plan = planCheck({ ...opts, recordReads: useCache });
  const results: (FileResult | undefined)[] = new Array(plan.tasks.length);
  const stores = new Map<string, ResultCache>();
  // Per group, not per file: finding the project's top folder walks up the tree.
  const storeOfGroup = new Map<number, ResultCache>();
  const tool = toolId(run.build);
  const storeOf = (group: number) => {
    let s = storeOfGroup.get(group);
    if (s) return s;
    const dir = cacheDirOf(plan.groups[group]!);
    s = stores.get(dir);
    if (!s) stores.set(dir, (s = new ResultCache(dir, tool)));
    storeOfGroup.set(group, s);
    return s;
  };
  if (useCache) for (const t of plan.tasks) storeOf(t.group).prepare();
  const now = new Fingerprints(plan.fs);
  const todo: number[] = [];
  plan.tasks.forEach((t, i) => {
    const hit = useCache ? storeOf(t.group).lookup(t.file, () => bytesHash(t.file), configKey(plan.groups[t.group]!.config), now) : undefined;
    if (hit) results[i] = hit;
    else todo.push(i);
  });
  if (todo.length) {
    await initParser();
    const fresh = await analyseTasks(plan, todo, { ...run, ...(opts.configFile ? { configFile: opts.configFile } : {}), ...(opts.selection ? { selection: opts.selection } : {}), configGiven: opts.config !== undefined });
    for (const [i, a] of fresh) {
      results[i] = a.result;
      const t = plan.tasks[i]!;
      if (useCache && a.key) storeOf(t.group).store(t.file, a.key, a.result);
    }
  }
  const analysed = todo.map((i) => plan.tasks[i]!.file);
  return { report: reportOf(plan, results as FileResult[], opts), stats: { fromCache: plan.tasks.length - todo.length, analysed } };
}

/** Hash of a file's bytes now, undefined when it cannot be read (no cached result then). */
function bytesHash(file: string): string | undefined {
  try {
    return hashOf(readRegularFile(file));
  } catch {
    return undefined;
  }
}
