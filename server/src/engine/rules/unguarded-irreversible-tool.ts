/**
 * An irreversible effect — a payment, an e-mail or SMS to people, a deletion, destructive SQL —
 * reachable from an agent tool (python/rerunPlaces.ts) with no human approval step: no
 * LangGraph `interrupt`, no `interrupt_before`, no approval middleware, no confirm parameter.
 * The model then decides on its own, and a prompt injection or a misread instruction moves
 * money or deletes data.
 */
import { functionHasApproval, irreversibleEffect, programHasApproval } from '../agent/irreversible';
import { placeName } from '../agent/places';
import { findRerunPlaces, placeOf } from '../python/rerunPlaces';
import { createRule } from '../rule';

export const unguardedIrreversibleTool = createRule(
  {
    id: 'unguarded-irreversible-tool',
    family: 'agent',
    category: 'human-gates',
    subtypes: [],
    description: 'Report agent tools that take irreversible actions without a human approval step',
    defaultSeverity: 'warning',
    recommended: true,
    appliesTo: ['python', 'notebook'],
    scope: 'program',
    reads: ['source'],
  },
  (ctx) => {
    const program = ctx.program;
    if (!program) return;
    // Only programs with agent tools can have an unguarded one.
    if (!findRerunPlaces(program).some((p) => p.kind === 'tool')) return;
    let approval: boolean | undefined;
    for (const call of program.semantics.calls) {
      const effect = irreversibleEffect(program, call);
      if (!effect) continue;
      const place = placeOf(program, call);
      if (place?.kind !== 'tool') continue;
      approval ??= programHasApproval(program);
      if (approval) return;
      if (place.functionInfo && functionHasApproval(program, place.functionInfo)) continue;
      if (call.fn && call.fn !== place.functionInfo && functionHasApproval(program, call.fn)) continue;
      ctx.reportNode(
        program.units[call.unit]!,
        call.callee,
        `Irreversible ${effect.effect} (\`${effect.name.replace(/\(\)/g, '')}\`) in ${placeName(place)} with no human approval: the model can trigger it on its own (or through a prompt injection); add an approval step (LangGraph interrupt(), interrupt_before, or a confirm parameter checked before acting).`,
      );
    }
  },
);
