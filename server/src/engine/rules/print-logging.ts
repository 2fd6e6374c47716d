/**
 * `print` in agent tools, tasks, queue consumers and request handlers (python/rerunPlaces.ts).
 * There it is the only record of what happened, and it has no level, no timestamp, no request
 * id, and goes to a stdout that workers often drop or interleave. Notebooks and scripts' main
 * output are not service code and are not checked.
 */
import { placeName, servicePlaceAt } from '../agent/places';
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
      ctx.reportNode(
        program.units[call.unit]!,
        call.callee,
        `\`print\` in ${placeName(place)} is logging without level, timestamp or request id, and stdout is often lost in production; use logging.getLogger(__name__) (or your tracing library).`,
      );
    }
  },
);
