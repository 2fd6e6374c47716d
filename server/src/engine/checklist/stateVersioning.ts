/**
 * The `state-versioning` check: checkpoints that resume after a deploy are read by newer code
 * than the code that wrote them, so their shape needs a version (a field or constant in the
 * state, a migration of old checkpoints, or the engine's patch API). Applies only when state
 * really outlives the process: a persistent LangGraph checkpointer, a Temporal workflow, or a
 * graph compiled with a checkpointer the code does not show. In-memory checkpointers do not
 * resume after a deploy (the in-memory-checkpointer rule reports them).
 */
import { CHECKPOINTER_ARGUMENT, DURABLE_STATE, DURABLE_WORKFLOW_CLASSES, STATE_MIGRATION_FUNCTIONS, STATE_VERSION_NAMES, STATE_VERSIONING } from '../catalogues/readiness';
import { IN_MEMORY_STATE_APIS } from '../catalogues/hiddenState';
import { matchesAny } from '../python/patterns';
import { originOf } from '../python/resolve';
import { field, text, walk } from '../python/syntax';
import type { CheckContext, CheckResult } from './checkContext';
import { MAX_EVIDENCE, note, notApplicable, plural, withCodeNotes } from './checkHelpers';
import { evidenceAt } from './code';
import type { Evidence } from './model';

const IN_MEMORY = IN_MEMORY_STATE_APIS.flatMap((api) => api.qualifiedNames);
const DURABLE_NAMES = DURABLE_STATE.flatMap((e) => e.names);

/** Checkpointers passed to `compile(checkpointer=…)`: persistent, in memory, or not shown. */
function compiledCheckpointers(ctx: CheckContext): { durable: Evidence[]; unseen: Evidence[] } {
  const durable: Evidence[] = [];
  const unseen: Evidence[] = [];
  const patterns = CHECKPOINTER_ARGUMENT.flatMap((e) => e.names);
  for (const { file, call, name } of ctx.code.calls(patterns)) {
    const arg = call.keywords.get('checkpointer');
    if (!arg || arg.type === 'none' || arg.type === 'false') continue;
    // `MemorySaver.from_…` / `SqliteSaver.from_conn_string(…)`: the class names the kind.
    const origin = originOf(file.program, arg, call.unit)?.replace(/\(\)$/, '');
    if (origin && matchesAny(origin, IN_MEMORY)) continue;
    if (origin && matchesAny(origin, DURABLE_NAMES)) durable.push(evidenceAt(file, arg, call.unit, `a graph compiled with a persistent checkpointer (${origin})`));
    else unseen.push(evidenceAt(file, arg, call.unit, `${name}(checkpointer=${text(arg)}): the code does not show whether it persists`));
  }
  return { durable, unseen };
}

/** Classes decorated as durable workflows (`@workflow.defn class Order`). */
function durableWorkflows(ctx: CheckContext): Evidence[] {
  const out: Evidence[] = [];
  for (const file of ctx.code.files()) {
    for (const cls of file.program.semantics.classes) {
      const decorated = cls.node.parent?.type === 'decorated_definition' ? cls.node.parent : undefined;
      for (const d of decorated?.children.filter((c) => c.type === 'decorator') ?? []) {
        let target = d.children.find((c) => c.named);
        if (target?.type === 'call') target = field(target, 'function');
        const name = target && originOf(file.program, target, cls.unit);
        const entry = DURABLE_WORKFLOW_CLASSES.find((e) => matchesAny(name, e.names));
        if (entry) out.push(evidenceAt(file, d, cls.unit, `${entry.what} (${cls.name})`));
      }
    }
  }
  return out;
}

/** `schema_version = 2` (class field or module constant, annotated or not), `"schema_version"` keys, migration functions. */
function versionEvidence(ctx: CheckContext): Evidence[] {
  const out: Evidence[] = [...ctx.code.find(STATE_VERSIONING)];
  for (const file of ctx.code.files()) {
    file.program.units.forEach((u, unit) => {
      walk(u.root, (n) => {
        if (n.type !== 'assignment') return;
        const left = field(n, 'left');
        if (left?.type === 'identifier' && STATE_VERSION_NAMES.includes(text(left).toLowerCase())) out.push(evidenceAt(file, n, unit, `versions the state's shape (${text(left)})`));
      });
    });
    for (const fn of file.program.semantics.functions) {
      if (matchesAny(fn.name.toLowerCase(), STATE_MIGRATION_FUNCTIONS)) out.push(evidenceAt(file, fn.node, fn.unit, `migrates saved state (${fn.name})`));
    }
  }
  out.push(...ctx.code.strings(STATE_VERSION_NAMES, (v) => `saved state carries a version key ("${v}")`));
  return out;
}

export function stateSchemaVersioning(ctx: CheckContext): CheckResult {
  const compiled = compiledCheckpointers(ctx);
  const durable = [...ctx.code.find(DURABLE_STATE), ...durableWorkflows(ctx), ...compiled.durable];
  if (!durable.length && !compiled.unseen.length) return notApplicable(ctx, 'No persistent checkpointer or durable workflow: no saved state resumes after a deploy.');
  const versions = versionEvidence(ctx);
  if (versions.length) return { status: 'pass', summary: 'Saved state carries a schema version or is migrated.', evidence: [...versions, ...durable].slice(0, MAX_EVIDENCE) };
  const looked = note(`looked in ${plural(ctx.code.files().length, 'Python file')} for a ${STATE_VERSION_NAMES.slice(0, 3).join('/')} field or constant, a state migration function (migrate_state…) and Temporal workflow.patched`);
  if (durable.length) {
    return {
      status: 'warn',
      summary: 'State is checkpointed persistently, but nothing versions its shape: after a deploy that changes the state, runs resume from checkpoints the new code cannot read.',
      evidence: withCodeNotes(ctx, [...durable.slice(0, MAX_EVIDENCE - 1), looked]),
    };
  }
  return {
    status: 'unknown',
    summary: 'A graph is compiled with a checkpointer the code does not show. Check by hand whether it persists state across deploys, and if so that the state carries a schema version or old checkpoints are migrated.',
    evidence: withCodeNotes(ctx, [...compiled.unseen.slice(0, MAX_EVIDENCE - 1), looked]),
  };
}
