/**
 * The multi-file runner: which files the paths given hold (scan + include/exclude), each one's
 * configuration and project, and their findings merged in a stable order. Below both
 * `preflight check` (serially or over worker threads, cli/parallel.ts) and the readiness
 * checklist (CLI and language server), so they all analyse the same files the same way.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findConfig, loadConfigFile, defaultConfig, withSelection, type ResolvedConfig, type RuleSelection } from './config';
import { withBudget } from './budget';
import { inputFromBytes, unreadableInput, type AnalysisInput } from './input';
import type { Finding } from './model';
import { createProject, nodeFileSystem, snapshotFileSystem, type FileSystem, type ProjectContext } from './project';
import { ReadRecorder } from './projectReads';
import { readRegularFile } from './regularFile';
import type { PythonProgram } from './python/program';
import { projectModulesOf } from './python/projectModules';
import { scanPaths } from './scan';
import { AnalysisSession } from './session';

/** What a run found: findings in file order, files analysed, and paths that could not be scanned. */
export interface CheckReport {
  findings: Finding[];
  filesChecked: number;
  problems: { path: string; message: string }[];
}

export interface CheckOptions {
  paths: string[];
  configFile?: string;
  /** Analyse every path as part of this one project (the checklist's folder); default: each path's own folder. */
  root?: string;
  /** A configuration the caller already resolved (the checklist's). */
  config?: ResolvedConfig;
  onRuleError?: (file: string, ruleId: string, error: string) => void;
  /** Record what each file's analysis reads of its project (`CheckPlan.reads`; the CLI's result cache). */
  recordReads?: boolean;
  /** What the project's files read through (default the disk): `--fix` passes its fixed texts over it. */
  fileSystem?: FileSystem;
  /** The command line's rule selection, laid over each path's configuration. */
  selection?: RuleSelection;
  /** Check only these files (absolute paths) of those the paths hold: `--changed-since`. */
  onlyFiles?: ReadonlySet<string>;
}

/** The project a path belongs to: the folder given, or a file's folder. */
function projectRootOf(p: string): string {
  const abs = path.resolve(p);
  try {
    return fs.statSync(abs).isDirectory() ? abs : path.dirname(abs);
  } catch {
    return path.dirname(abs);
  }
}

export interface FileResult {
  findings: Finding[];
  ruleErrors: { ruleId: string; error: string }[];
  /** False when the file is not one we analyse (no finding, not counted). */
  checked: boolean;
}

/** Read (unless the caller did) and analyse one file (the unit of work the parallel check hands to its workers). */
export function checkFile(session: AnalysisSession, file: string, config: ResolvedConfig, project: ProjectContext, read?: Uint8Array): FileResult {
  let bytes: Uint8Array;
  try {
    bytes = read ?? readRegularFile(file);
  } catch (e) {
    return { findings: session.analyze(unreadableInput(file, e), { config, project }).findings, ruleErrors: [], checked: false };
  }
  const input = inputFromBytes(file, bytes, config);
  if (!input) return { findings: [], ruleErrors: [], checked: false };
  const result = session.analyze(input, { config, project, ...programOfModule(project, config, file, input) });
  return { findings: result.findings, ruleErrors: result.ruleErrors, checked: true };
}

/**
 * A `.py` file's program from the project's module cache (python/projectModules.ts), which the
 * files importing it read too: parsed once per scan. A parse that throws (a budget, a parser
 * failure) is left to the analysis, which reports it as it does for any file.
 */
function programOfModule(project: ProjectContext, config: ResolvedConfig, file: string, input: AnalysisInput): { program?: PythonProgram } {
  if (input.target !== 'python') return {};
  try {
    return { program: withBudget(config.maxMsPerFile, () => projectModulesOf(project).programFor(file, input.text)) };
  } catch {
    return {};
  }
}

/** One file to check, with what its configuration and project come from. */
export interface CheckTask {
  file: string;
  /** Index into `CheckPlan.groups`. */
  group: number;
}

/** The files of one path argument: same root, same configuration. */
export interface CheckGroup {
  root: string;
  config: ResolvedConfig;
  project: ProjectContext;
}

export interface CheckPlan {
  groups: CheckGroup[];
  tasks: CheckTask[];
  problems: CheckReport['problems'];
  /** The run's snapshot of the disk, under every group's project (its answers are what the analyses saw). */
  fs: FileSystem;
  /** With `recordReads`: what the groups' projects note their reads to. */
  reads?: ReadRecorder;
}

/** Scan the paths and resolve each one's configuration and project (no analysis yet). */
export function planCheck(opts: CheckOptions): CheckPlan {
  const explicit: ResolvedConfig | undefined = opts.configFile ? (loadConfigFile(opts.configFile, nodeFileSystem) ?? defaultConfig) : undefined;
  // One project for all paths when the caller names the root: rules' project memos are shared.
  // A run reads a snapshot of the disk: one remembering file system for all its projects.
  const fsys = snapshotFileSystem(opts.fileSystem);
  const reads = opts.recordReads ? new ReadRecorder() : undefined;
  const sharedProject = opts.root ? createProject(opts.root, fsys, reads) : undefined;
  const plan: CheckPlan = { groups: [], tasks: [], problems: [], fs: fsys, ...(reads ? { reads } : {}) };
  for (const p of opts.paths.length ? opts.paths : ['.']) {
    const root = sharedProject?.root ?? projectRootOf(p);
    const config = withSelection(opts.config ?? explicit ?? findConfig(root, nodeFileSystem), opts.selection);
    const project = sharedProject ?? createProject(root, fsys, reads);
    const scan = scanPaths([p], root, { include: config.include, exclude: config.exclude });
    plan.problems.push(...scan.problems);
    const group = plan.groups.push({ root, config, project }) - 1;
    for (const file of scan.files) if (!opts.onlyFiles || opts.onlyFiles.has(file)) plan.tasks.push({ file, group });
  }
  return plan;
}

/** Merge per-file results in task order (so the report is the same however they were computed). */
export function reportOf(plan: CheckPlan, results: readonly FileResult[], opts: CheckOptions): CheckReport {
  const findings: Finding[] = [];
  let filesChecked = 0;
  results.forEach((r, i) => {
    findings.push(...r.findings);
    if (r.checked) filesChecked++;
    for (const e of r.ruleErrors) opts.onRuleError?.(plan.tasks[i]!.file, e.ruleId, e.error);
  });
  return { findings, filesChecked, problems: plan.problems };
}

export function runCheck(opts: CheckOptions): CheckReport {
  const plan = planCheck(opts);
  const session = new AnalysisSession();
  const results = plan.tasks.map((t) => {
    const g = plan.groups[t.group]!;
    return checkFile(session, t.file, g.config, g.project);
  });
  return reportOf(plan, results, opts);
}
