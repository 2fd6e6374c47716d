/**
 * `preflight check` over many files on several cores: the main thread and `jobs - 1`
 * worker_threads pull files from one queue, and the results are merged in file order, so the
 * report is byte-for-byte the one the serial `runCheck` gives.
 *
 * Each worker loads the same bundle (the CLI passes its own file) and initialises its own
 * tree-sitter; that costs about a bundle load, so small scans stay on one thread. A worker that
 * fails hands its unfinished files back to the main thread.
 */
import * as os from 'node:os';
import { Worker, parentPort, workerData } from 'node:worker_threads';
import { AnalysisSession, type CheckPlan, createProject, defaultConfig, findConfig, initParser, loadConfigFile, nodeFileSystem, ReadRecorder, snapshotFileSystem, type ProjectContext, type ResolvedConfig, type RuleSelection, withSelection } from '../engine';
import { type Analysed, analyseFile } from './analysed';
import { Fingerprints } from './cacheKey';

/** Below this many files per extra thread, a worker's start-up costs more than it saves. */
const MIN_FILES_PER_WORKER = 24;

export interface ParallelOptions {
  /** The script a worker runs: a bundle whose entry calls `runCheckWorker()` off the main thread. */
  workerScript?: string;
  /** Threads in all (main included); default: the machine's available parallelism. */
  jobs?: number;
}

interface WorkerSetup {
  preflightCheckWorker: true;
  roots: string[];
  configFile?: string;
  selection?: RuleSelection;
  /** Record each file's project reads (the run keeps results: cache.ts). */
  recordReads: boolean;
}

type ToWorker = { index: number; file: string; group: number };
type FromWorker = { ready: true } | { index: number; analysed: Analysed };

export function isCheckWorker(): boolean {
  return parentPort !== null && (workerData as Partial<WorkerSetup> | undefined)?.preflightCheckWorker === true;
}

/** The worker side: resolve each group's configuration and project the way `planCheck` does, then analyse files on request. */
export async function runCheckWorker(): Promise<void> {
  const port = parentPort!;
  const setup = workerData as WorkerSetup;
  await initParser();
  const session = new AnalysisSession();
  const explicit: ResolvedConfig | undefined = setup.configFile ? (loadConfigFile(setup.configFile, nodeFileSystem) ?? defaultConfig) : undefined;
  const groups = new Map<number, { config: ResolvedConfig; project: ProjectContext }>();
  // The run reads a snapshot of the disk: remember what the file system answered.
  const fsys = snapshotFileSystem();
  const recording = setup.recordReads ? { reads: new ReadRecorder(), prints: new Fingerprints(fsys) } : {};
  const groupOf = (g: number) => {
    let v = groups.get(g);
    if (!v) {
      const root = setup.roots[g]!;
      v = { config: withSelection(explicit ?? findConfig(root, nodeFileSystem), setup.selection), project: createProject(root, fsys, recording.reads) };
      groups.set(g, v);
    }
    return v;
  };
  port.on('message', (m: ToWorker) => {
    const g = groupOf(m.group);
    port.postMessage({ index: m.index, analysed: analyseFile(session, m.file, g.config, g.project, recording) } satisfies FromWorker);
  });
  port.postMessage({ ready: true } satisfies FromWorker);
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Analyse the plan's tasks `todo` (indices into `plan.tasks`), on this thread and, for a big
 * enough list, on worker threads too. `configFile`: the `--config` the plan was made with (the
 * workers resolve it again); a plan made with a configuration object stays on this thread.
 */
export async function analyseTasks(plan: CheckPlan, todo: readonly number[], par: ParallelOptions & { configFile?: string; configGiven?: boolean; selection?: RuleSelection }): Promise<Map<number, Analysed>> {
  const n = todo.length;
  const jobs = par.jobs ?? os.availableParallelism();
  const workerCount = !par.workerScript || par.configGiven ? 0 : Math.max(0, Math.min(jobs - 1, Math.floor(n / MIN_FILES_PER_WORKER)));
  const results = new Map<number, Analysed>();
  const session = new AnalysisSession();
  const recording = plan.reads ? { reads: plan.reads, prints: new Fingerprints(plan.fs) } : {};
  const runHere = (i: number) => {
    const t = plan.tasks[i]!;
    const g = plan.groups[t.group]!;
    results.set(i, analyseFile(session, t.file, g.config, g.project, recording));
  };
  let next = 0;
  const returned: number[] = []; // files a failed worker did not finish
  const take = () => (returned.length ? returned.pop() : next < n ? todo[next++] : undefined);

  const workers: Worker[] = [];
  let pendingWorkers = workerCount;
  let wake: (() => void) | undefined;
  const setup: WorkerSetup = { preflightCheckWorker: true, roots: plan.groups.map((g) => g.root), recordReads: plan.reads !== undefined, ...(par.configFile ? { configFile: par.configFile } : {}), ...(par.selection ? { selection: par.selection } : {}) };
  for (let w = 0; w < workerCount; w++) {
    const worker = new Worker(par.workerScript!, { workerData: setup, stdout: false, stderr: false });
    workers.push(worker);
    const inFlight = new Set<number>();
    const send = () => {
      const i = take();
      if (i === undefined) return;
      inFlight.add(i);
      worker.postMessage({ index: i, file: plan.tasks[i]!.file, group: plan.tasks[i]!.group } satisfies ToWorker);
    };
    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      returned.push(...inFlight);
      inFlight.clear();
      pendingWorkers--;
      wake?.();
    };
    worker.on('message', (m: FromWorker) => {
      if ('ready' in m) {
        // Two files in flight, so the worker never waits for the busy main thread to answer.
        send();
        send();
      } else {
        results.set(m.index, m.analysed);
        inFlight.delete(m.index);
        send();
      }
      if (inFlight.size === 0) finish();
    });
    worker.on('error', finish);
    worker.on('exit', finish);
  }

  for (let i = take(); i !== undefined; i = take()) {
    runHere(i);
    if (workerCount) await yieldToEventLoop(); // let workers' results and requests in
  }
  while (pendingWorkers > 0) {
    await new Promise<void>((resolve) => (wake = resolve));
    for (let i = take(); i !== undefined; i = take()) runHere(i);
  }
  await Promise.all(workers.map((w) => w.terminate()));
  return results;
}
