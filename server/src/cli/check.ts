/**
 * `preflight check`: scan paths, analyse every file, print findings. Shared by the CLI and the
 * accuracy harness and benchmarks (which call it as a whole process, as users do).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, inputFromBytes } from '../engine/analyze';
import { findConfig, loadConfigFile, defaultConfig, type ResolvedConfig } from '../engine/config';
import type { Finding } from '../engine/model';
import { createProject, nodeFileSystem } from '../engine/project';
import { scanPaths } from '../engine/scan';
import type { CheckReport } from './formats';

export interface CheckOptions {
  paths: string[];
  configFile?: string;
  /** Analyse every path as part of this one project (the checklist's folder); default: each path's own folder. */
  root?: string;
  /** A configuration the caller already resolved (the checklist's). */
  config?: ResolvedConfig;
  onRuleError?: (file: string, ruleId: string, error: string) => void;
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

export function runCheck(opts: CheckOptions): CheckReport {
  const findings: Finding[] = [];
  const problems: CheckReport['problems'] = [];
  let filesChecked = 0;
  const explicit: ResolvedConfig | undefined = opts.configFile ? (loadConfigFile(opts.configFile, nodeFileSystem) ?? defaultConfig) : undefined;
  // One project for all paths when the caller names the root: rules' project memos are shared.
  const sharedProject = opts.root ? createProject(opts.root) : undefined;
  for (const p of opts.paths.length ? opts.paths : ['.']) {
    const root = sharedProject?.root ?? projectRootOf(p);
    const config = opts.config ?? explicit ?? findConfig(root, nodeFileSystem);
    const project = sharedProject ?? createProject(root);
    const scan = scanPaths([p], root, { include: config.include, exclude: config.exclude });
    problems.push(...scan.problems);
    for (const file of scan.files) {
      let bytes: Uint8Array;
      try {
        bytes = fs.readFileSync(file);
      } catch (e) {
        findings.push({ ruleId: 'invalid-file', category: 'file', severity: 'warning', file, range: { start: { line: 0, column: 0 }, end: { line: 0, column: 0 } }, message: `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
        continue;
      }
      const input = inputFromBytes(file, bytes, config);
      if (!input) continue;
      filesChecked++;
      const result = analyze(input, { config, project });
      findings.push(...result.findings);
      for (const e of result.ruleErrors) opts.onRuleError?.(file, e.ruleId, e.error);
    }
  }
  return { findings, filesChecked, problems };
}
