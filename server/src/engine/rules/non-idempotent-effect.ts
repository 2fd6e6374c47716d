import type { SideEffectEntry } from '../catalogues/sideEffects';
import { effectCatalogue } from '../idempotency/catalogue';
import { hasPlaceEvidence, reactsToMessage } from '../idempotency/consumers';
import { findEffects, type EffectSite } from '../idempotency/effects';
import { idempotencyFix } from '../idempotency/fixes';
import { isGuarded } from '../idempotency/guards';
import { rerunByHandOnly } from '../idempotency/handRerun';
import { importedEffect } from '../idempotency/reach';
import { failureSwallowedToTheEnd } from '../idempotency/swallowed';
import { uniqueKeyRefusing } from '../idempotency/uniqueRows';
import { shortLocation } from '../python/projectModules';
import { projectReturnsOf } from '../python/projectReturns';
import { placeOf, type RerunPlace } from '../python/rerunPlaces';
import { field, text } from '../python/syntax';
import { createRule } from '../rule';

function where(place: RerunPlace, helperLocation?: string): string {
  const inPlace = place.kind === 'notebook-cell' ? 'at the top level of a notebook cell' : `inside ${place.label}`;
  if (!place.via) return inPlace;
  // A helper reached by name is named by its def, not by the `getattr(…)` or routing call.
  const callee = place.viaByName ? `${place.viaByName.name}() (by name)` : `${text(place.via.callee)}()`;
  const helper = `${callee}${helperLocation ? ` (${helperLocation})` : ''}`;
  return place.kind === 'notebook-cell' ? `in ${helper} called at the top level of a notebook cell` : `in ${helper} called ${inPlace.replace(/^inside/, 'from')}`;
}

/**
 * "POST inside @retry: a tenacity retry (stop=stop_after_attempt(5)) sends it twice; …": the
 * effect, the place, which re-run it is (python/rerunText.ts), what repeats, the remedy.
 * `helperLocation`: where the effect is when the helper lives in another module (`utils/chat.py:12`).
 */
export function effectMessage(entry: SideEffectEntry, place: RerunPlace, helperLocation?: string): string {
  const outcome = entry.outcome.replace('{again}', place.kind === 'notebook-cell' ? 'again' : 'twice');
  return `${entry.effect} ${where(place, helperLocation)}: ${place.rerun} ${outcome}; ${entry.remedy}.`;
}

/**
 * I-effect: an external side effect in a place that runs again (a retry, an agent tool, a task,
 * a queue consumer, a request handler, a notebook cell's top level) with no idempotency key,
 * dedup id, upsert, `exist_ok=True` or existence check guarding it.
 */
export const nonIdempotentEffect = createRule(
  {
    id: 'non-idempotent-effect',
    family: 'idempotency',
    category: 'idempotency',
    subtypes: ['I-effect'],
    description: 'Report side effects that duplicate when their step is retried or re-run',
    defaultSeverity: 'warning',
    recommended: true,
    appliesTo: ['python', 'notebook'],
    scope: 'program',
    reads: ['source', 'manifests'],
    fixable: 'unsafe',
  },
  (ctx) => {
    const program = ctx.program;
    if (!program) return;
    const seen = new Set<string>();
    const catalogue = effectCatalogue(ctx.config);
    for (const site of findEffects(program, catalogue, projectReturnsOf(ctx.project, ctx.file))) {
      const place = placeOf(program, site.call);
      if (!place || guarded(site, place)) continue;
      // The model's unique key makes the database refuse a second copy (idempotency/uniqueRows.ts).
      if (uniqueKeyRefusing(ctx.project, ctx.file, program, site.name)) continue;
      // No retry can follow it: its failure is swallowed and nothing after it raises (idempotency/swallowed.ts).
      if (place.onExceptionOnly && failureSwallowedToTheEnd(place.via ? place.via.node : site.call.node, place.node)) continue;
      // Exactly-once consume-produce loops, and effects a redelivered message does not repeat.
      if (hasPlaceEvidence(program, site, place) || !reactsToMessage(program, site, place)) continue;
      const unit = program.units[site.call.unit];
      if (!unit) continue;
      // Report the callee (`requests.post`), not the whole multi-line call.
      const node = { start: site.call.node.start, end: reportEnd(site) };
      const key = `${site.call.unit}:${node.start}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const fix = idempotencyFix(program, site, place, ctx.config);
      // POSTs that are reads by their endpoint are gone already (idempotency/reads.ts); a POST to
      // an endpoint the code does not show, at a notebook cell's top level, is at most a hint
      // (TAXONOMY I-effect: interactive notebooks mostly POST to inference services). So is a
      // generic POST a helper sends for a re-run place: a helper named for what it does (`play`,
      // `schedule_appointment`, `_init_live_session`) often owns the endpoint's semantics
      // (a transient trigger, a server-side conflict check, a fresh session) that a bare POST
      // does not show; the effects the catalogue names (charges, sends, INSERTs, appends) stay
      // warnings however deep they are.
      // A task no retry runs again (Airflow with no `retries` anywhere) is still a place that
      // runs again (TAXONOMY I-effect lists Airflow tasks; clears and backfills re-run them), but
      // the message says who re-runs it: a person who clears it, not an Airflow retry.
      const byHand = rerunByHandOnly(ctx.project, ctx.file, program, place);
      const hint = site.entry.family === 'http' && (place.kind === 'notebook-cell' || place.via !== undefined);
      ctx.reportNode(unit, node, effectMessage(site.entry, byHand ? { ...place, rerun: byHand } : place), { ...(fix ? { fix } : {}), ...(hint ? { severity: 'hint' as const } : {}) });
    }

    // Effects one module away: a call in a re-run place to a project function imported from
    // another module that reaches an effect (through any depth of calls). Reported at the call,
    // with the effect's place as related information.
    for (const call of program.semantics.calls) {
      // The place first: most calls sit in none (a notebook's are all cells), and asking the
      // project's modules about a callee costs more than finding the place around a call.
      const place = placeOf(program, call);
      if (!place || place.kind === 'notebook-cell') continue;
      const reached = importedEffect(ctx.project, ctx.file, program, call, catalogue);
      if (!reached || isGuarded(call.node, place.via ? undefined : place.node)) continue;
      if (place.via && isGuarded(place.via.node, place.node)) continue;
      if (place.onExceptionOnly && failureSwallowedToTheEnd(place.via ? place.via.node : call.node, place.node)) continue;
      const unit = program.units[call.unit];
      if (!unit) continue;
      const key = `${call.unit}:${call.node.start}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const loc = shortLocation(ctx.project, reached.effect.file, reached.effect.line);
      const at = { line: reached.effect.line, column: reached.effect.column };
      const { viaByName: _inner, ...outer } = place;
      const viaHelperPost = reached.effect.entry.family === 'http';
      const byHand = rerunByHandOnly(ctx.project, ctx.file, program, place);
      ctx.reportNode(unit, call.callee, effectMessage(reached.effect.entry, { ...outer, via: call, ...(byHand ? { rerun: byHand } : {}) }, loc), {
        ...(viaHelperPost ? { severity: 'hint' as const } : {}),
        related: [{ file: reached.effect.file, range: { start: at, end: at }, message: `${reached.effect.entry.effect} here (\`${reached.effect.name}\`)` }],
      });
    }
  },
);

function guarded(site: EffectSite, place: RerunPlace): boolean {
  if (isGuarded(site.call.node, place.via ? undefined : place.node)) return true;
  return place.via !== undefined && isGuarded(place.via.node, place.node);
}

function reportEnd(site: EffectSite): number {
  const callee = site.call.callee;
  // `insert(t)` → the whole `insert(t)`; `requests.post(...)` → `requests.post`.
  if (callee.type === 'identifier' && callee.end - callee.start < 12) return field(site.call.node, 'arguments')?.end ?? callee.end;
  return callee.end;
}
