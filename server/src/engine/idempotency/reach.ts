/**
 * Side effects a function performs, directly or through the functions it calls — in its own
 * module or in the project's other modules (python/projectSummaries.ts). The summary is the
 * first unguarded catalogued effect reached, with where it is, so a re-run place that calls
 * `notify_channel()` from `utils/chat.py` can be told which effect it repeats.
 */
import type { SideEffectEntry } from '../catalogues/sideEffects';
import type { ProjectContext } from '../project';
import type { PythonProgram } from '../python/program';
import { importedFunction, importedSummary, type SummaryKind } from '../python/projectSummaries';
import { projectReturnsOf } from '../python/projectReturns';
import type { OutsideReturns } from '../python/resolve';
import type { CallSite, FunctionInfo } from '../python/semantics';
import { findEffects } from './effects';
import { isGuarded } from './guards';
import { uniqueKeyRefusing } from './uniqueRows';

/** An effect a function reaches: what it is and where it is (0-based line, as ranges are). */
export interface ReachedEffect {
  readonly entry: SideEffectEntry;
  readonly name: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

const kinds = new WeakMap<readonly SideEffectEntry[], SummaryKind<ReachedEffect | null>>();
let kindIds = 0;

/** The summary kind "first effect reached" for one effect catalogue. */
export function effectReachKind(catalogue: readonly SideEffectEntry[]): SummaryKind<ReachedEffect | null> {
  let kind = kinds.get(catalogue);
  if (!kind) {
    const id = `idempotency.reach.${kindIds++}`;
    kind = { id, spec: (program, file, project) => effectSpec(program, file, catalogue, projectReturnsOf(project, file), (name) => uniqueKeyRefusing(project, file, program, name) !== undefined) };
    kinds.set(catalogue, kind);
  }
  return kind;
}

function effectSpec(program: PythonProgram, file: string, catalogue: readonly SideEffectEntry[], outside: OutsideReturns, refusedByDatabase: (name: string) => boolean) {
  const atCall = new Map<CallSite, ReachedEffect>();
  for (const site of findEffects(program, catalogue, outside)) {
    // An effect its own function guards (`if not exists(…)`, `except IntegrityError`), or whose
    // table refuses a second copy (uniqueRows.ts), is safe whoever calls the function.
    if (isGuarded(site.call.node) || refusedByDatabase(site.name)) continue;
    const unit = program.units[site.call.unit]!;
    const at = unit.lines.positionAt(site.call.callee.start);
    atCall.set(site.call, { entry: site.entry, name: site.name, file, line: at.line, column: at.column });
  }
  return {
    local: (): ReachedEffect | null => null,
    atCall: (call: CallSite) => atCall.get(call),
    join: (a: ReachedEffect | null, b: ReachedEffect | null) => a ?? b,
    equals: (a: ReachedEffect | null, b: ReachedEffect | null) => a === b,
  };
}

/** The effect a call reaches in another project module (and the function it calls there). */
export function importedEffect(
  project: ProjectContext,
  file: string,
  program: PythonProgram,
  call: CallSite,
  catalogue: readonly SideEffectEntry[],
): { effect: ReachedEffect; fn: FunctionInfo; fnFile: string } | undefined {
  const effect = importedSummary(project, file, program, call, effectReachKind(catalogue));
  if (!effect) return undefined;
  const target = importedFunction(project, file, program, call);
  return target ? { effect, fn: target.fn, fnFile: target.file } : undefined;
}
