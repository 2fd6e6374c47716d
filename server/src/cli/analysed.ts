/**
 * One file analysed for `preflight check`, with what its result depends on when the run keeps
 * results (cache.ts): the hash of the bytes analysed, of the configuration, and the answers to
 * every project read the analysis made. The main thread and the worker threads (parallel.ts)
 * both analyse through here.
 */
import { AnalysisSession, checkFile, type CheckPlan, type FileResult, type ProjectContext, readRegularFile, type ResolvedConfig } from '../engine';
import type { EntryKey } from './cache';
import { configKey, type Fingerprints, hashOf } from './cacheKey';

export interface Analysed {
  result: FileResult;
  /** Absent when the result must not be kept (unreadable file, time budget reached, no recording). */
  key?: EntryKey;
}

export function analyseFile(
  session: AnalysisSession,
  file: string,
  config: ResolvedConfig,
  project: ProjectContext,
  recording: { reads?: CheckPlan['reads']; prints?: Fingerprints },
): Analysed {
  const { reads, prints } = recording;
  if (!reads || !prints) return { result: checkFile(session, file, config, project) };
  let bytes: Uint8Array;
  try {
    bytes = readRegularFile(file);
  } catch {
    return { result: checkFile(session, file, config, project) }; // the unreadable-file finding, not kept
  }
  const started = performance.now();
  const { value: result, reads: used } = reads.capture(() => checkFile(session, file, config, project, bytes));
  // The time budget (`max-seconds-per-file`) can only have stopped an analysis that took that
  // long; such a result depends on the machine's speed, so it is not kept.
  if (performance.now() - started >= config.maxMsPerFile) return { result };
  return { result, key: { bytes: hashOf(bytes), config: configKey(config), facts: prints.all(used) } };
}
