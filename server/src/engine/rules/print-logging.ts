/**
 * `print` in agent tools, tasks, queue consumers and request handlers (python/rerunPlaces.ts).
 * There it is the only record of what happened, and it has no level, no timestamp, no request
 * id, and goes to a stdout that workers often drop or interleave. Not checked: notebooks; a
 * script's own program (a consumer loop at the top level, under `if __name__ == "__main__":`,
 * or in a `main()` only that calls), where print is the output (agent/scriptEntry.ts); runs
 * whose framework sends print to its logger (Prefect `log_prints`, agent/printCapture.ts).
 */
import { printsAreLogged } from '../agent/printCapture';
import { placeName, servicePlaceAt } from '../agent/places';
import { functionAround, isScriptCode } from '../agent/scriptEntry';
import { createRule } from '../rule';
import { qualifiedName } from '../python/resolve';

export const printLogging = createRule(
  {
    id: 'print-logging',
    family: 'agent',
    category: 'observability',
    subtypes: [],
    description: 'Report print used for logging in agent tools, tasks and request handlers',
    defaultSeverity: 'info',
    recommended: true,
    appliesTo: ['python'],
    scope: 'program',
    reads: ['source'],
  },
  (ctx) => {
    const program = ctx.program;
    if (!program || program.kind !== 'python') return;
    const sem = program.semantics;
    for (const call of sem.calls) {
      if (call.callee.type !== 'identifier' || qualifiedName(program, call.callee, call.unit) !== 'print') continue;
      if (sem.lookup('print', call.callee, call.unit)) continue; // a local `print`
      if (call.keywords.has('file')) continue; // writing to a file, not logging
      const place = servicePlaceAt(program, call.unit, call.node);
      if (!place) continue;
      // A loop (not a function the framework calls) in a script's own program: its output.
      if (!place.functionInfo && isScriptCode(program, place.unit, place.node)) continue;
      const run = place.functionInfo ?? functionAround(program, place.unit, place.node);
      if (run && printsAreLogged(ctx, program, run)) continue;
      ctx.reportNode(
        program.units[call.unit]!,
        call.callee,
        `\`print\` in ${placeName(place)} is logging without level, timestamp or request id, and stdout is often lost in production; use logging.getLogger(__name__) (or your tracing library).`,
      );
    }
  },
);
