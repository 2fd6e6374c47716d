/**
 * Function summaries across the project's modules: a module's summaries (callGraph.ts
 * `summarize`) with calls into the project's other modules answered by those modules' own
 * summaries, computed once per module text and kept for the run.
 *
 *   projectSummaries(project, file, program, kind)   summaries of `program`'s functions, with
 *                                                   imported project functions followed
 *   importedSummary(project, file, program, call, kind)
 *                                                   the summary of the project function a call
 *                                                   imports (`from utils.chat import notify`)
 *
 * A `SummaryKind` names one fact (an effect a function performs, state it mutates …) and makes
 * its spec for a given program. Imports cycles between project modules are cut: a module whose
 * summaries are being computed answers "unknown" (undefined) to the modules it imports back, and
 * a module that cannot be read or parsed is unknown too — never a crash.
 */
import { derived, derivedKey } from '../derived';
import { captureReads, replayReads, type ProjectContext } from '../project';
import type { ProjectRead } from '../projectReads';
import { callGraphOf, functionKey, summarize, type SummarySpec } from './callGraph';
import type { PythonProgram } from './program';
import { projectModulesOf } from './projectModules';
import { projectCallee } from './resolve';
import type { CallSite, FunctionInfo } from './semantics';

export interface SummaryKind<T> {
  /** Unique per kind; the cache key of its summaries. */
  readonly id: string;
  /** The spec for one program (its `external` is supplied here); `project` answers what other modules hold. */
  spec(program: PythonProgram, file: string, project: ProjectContext): Omit<SummarySpec<T>, 'external'>;
}

interface ModuleSummaries<T> {
  readonly byKey: ReadonlyMap<string, T>;
}

/** Summaries by kind and module file, with the project reads that computed them (replayed on reuse). */
type Cache = Map<string, Map<string, { program: PythonProgram; summaries: ModuleSummaries<unknown>; reads?: ReadonlySet<ProjectRead> } | 'computing'>>;

/**
 * The other modules one analysis has read, by file: each is read (and checked for changes) once
 * per analysed program, not once per call that reaches it — the language server re-analyses on
 * every edit, and the project's module cache can only tell a file changed by reading it.
 */
type Reads = Map<string, { program: PythonProgram | 'unparseable'; reads?: ReadonlySet<ProjectRead> }>;
const READS = derivedKey<Reads>('python.projectModuleReads');

function moduleProgram(project: ProjectContext, file: string, reads: Reads): PythonProgram | 'unparseable' {
  const seen = reads.get(file);
  if (seen) {
    // Read once per analysed program; a summary computed later in this analysis still read it.
    replayReads(project, seen.reads);
    return seen.program;
  }
  const { value: program, reads: fileReads } = captureReads(project, () => projectModulesOf(project).programOf(file));
  reads.set(file, { program, ...(fileReads ? { reads: fileReads } : {}) });
  return program;
}

/** Summaries of `program` (the file being analysed), following calls into project modules. */
export function projectSummaries<T>(project: ProjectContext, file: string, program: PythonProgram, kind: SummaryKind<T>): Map<FunctionInfo, T> {
  return summarize(callGraphOf(program), withImports(project, file, program, kind, new Set([file]), derived(program, READS, () => new Map())));
}

/** The summary of the project function a call reaches through an import, if any is known. */
export function importedSummary<T>(project: ProjectContext, file: string, program: PythonProgram, call: CallSite, kind: SummaryKind<T>): T | undefined {
  const name = callGraphOf(program).external(call);
  return name ? lookupExternal(project, file, name, kind, new Set([file]), derived(program, READS, () => new Map())) : undefined;
}

/** Where an imported project function is defined (for related locations in messages). */
export function importedFunction(project: ProjectContext, file: string, program: PythonProgram, call: CallSite): { file: string; fn: FunctionInfo; program: PythonProgram } | undefined {
  const name = callGraphOf(program).external(call);
  const target = name ? projectCallee(project, file, name) : undefined;
  if (!target || !target.path) return undefined;
  const other = moduleProgram(project, target.file, derived(program, READS, () => new Map()));
  if (other === 'unparseable') return undefined;
  const fn = other.semantics.functions.find((f) => functionKey(f) === target.path);
  return fn ? { file: target.file, fn, program: other } : undefined;
}

function withImports<T>(project: ProjectContext, file: string, program: PythonProgram, kind: SummaryKind<T>, visiting: ReadonlySet<string>, reads: Reads): SummarySpec<T> {
  return { ...kind.spec(program, file, project), external: (name) => lookupExternal(project, file, name, kind, visiting, reads) };
}

function lookupExternal<T>(project: ProjectContext, fromFile: string, name: string, kind: SummaryKind<T>, visiting: ReadonlySet<string>, reads: Reads): T | undefined {
  const target = projectCallee(project, fromFile, name);
  if (!target || !target.path || visiting.has(target.file)) return undefined;
  const module = moduleSummaries(project, target.file, kind, visiting, reads);
  return module?.byKey.get(target.path);
}

/** Summaries of another project module, cached per kind and module text; undefined if unknown. */
function moduleSummaries<T>(project: ProjectContext, file: string, kind: SummaryKind<T>, visiting: ReadonlySet<string>, reads: Reads): ModuleSummaries<T> | undefined {
  const program = moduleProgram(project, file, reads);
  if (program === 'unparseable') return undefined;
  const cache = project.memo<Cache>('python.projectSummaries', () => new Map());
  let byFile = cache.get(kind.id);
  if (!byFile) cache.set(kind.id, (byFile = new Map()));
  const hit = byFile.get(file);
  if (hit === 'computing') return undefined;
  if (hit && hit.program === program) {
    replayReads(project, hit.reads); // the modules these summaries followed
    return hit.summaries as ModuleSummaries<T>;
  }
  byFile.set(file, 'computing');
  try {
    const { value: result, reads: summaryReads } = captureReads(project, (): ModuleSummaries<T> => {
      const summaries = summarize(callGraphOf(program), withImports(project, file, program, kind, new Set([...visiting, file]), reads));
      const byKey = new Map<string, T>();
      for (const [fn, value] of summaries) byKey.set(functionKey(fn), value);
      return { byKey };
    });
    byFile.set(file, { program, summaries: result, ...(summaryReads ? { reads: summaryReads } : {}) });
    return result;
  } catch {
    byFile.delete(file);
    return undefined;
  }
}
