/**
 * Inserts the database itself refuses to repeat: a Django create of a model that declares a
 * unique key its rows must carry (`guid = models.TextField(unique=True)`, a `OneToOneField`,
 * `Meta.unique_together`, a `UniqueConstraint`). Run again, the insert fails with IntegrityError
 * instead of adding a second row — the dedup guard TAXONOMY I-effect asks for ("no idempotency key
 * or dedup guard in sight"), kept in the model rather than beside the call.
 *
 * A unique field that fills itself in (`default=uuid.uuid4`), may be NULL (`null=True`: NULLs never
 * collide) or is the primary key (auto-numbered unless given) guards nothing: a second insert gets
 * a fresh value and goes in. The model is read from the project (the class the create names, in
 * its own module or this one); a model the project does not define, or defines through a base
 * class this module cannot see, is no guard.
 */
import type { ProjectContext } from '../project';
import type { PythonProgram } from '../python/program';
import { projectModulesOf, splitQualified } from '../python/projectModules';
import { field, lastNameOf, namedChildren, text, type PyNode } from '../python/syntax';

const DJANGO_CREATE = /^(?<model>.+)\.objects\.(?:create|bulk_create)$/;

/** The unique key that makes a second insert of `effectName` fail (`Episode.guid`), if any. */
export function uniqueKeyRefusing(project: ProjectContext, file: string, program: PythonProgram, effectName: string): string | undefined {
  const model = DJANGO_CREATE.exec(effectName)?.groups?.model;
  if (!model) return undefined;
  const cls = modelClass(project, file, program, model);
  return cls ? uniqueKeyOf(cls) : undefined;
}

/** The class a model name stands for: `pkg.models.Episode` in a project module, or `Episode` here. */
function modelClass(project: ProjectContext, file: string, program: PythonProgram, model: string): PyNode | undefined {
  const split = splitQualified(project, file, model);
  if (split) {
    if (!split.path || split.path.includes('.')) return undefined;
    const other = projectModulesOf(project).programOf(split.file);
    return other === 'unparseable' ? undefined : topLevelClass(other, split.path);
  }
  return model.includes('.') ? undefined : topLevelClass(program, model);
}

function topLevelClass(program: PythonProgram, name: string): PyNode | undefined {
  for (const unit of program.units) {
    for (const s of namedChildren(unit.root)) {
      const def = s.type === 'decorated_definition' ? field(s, 'definition') : s;
      if (def?.type === 'class_definition' && text(field(def, 'name')!) === name) return def;
    }
  }
  return undefined;
}

/** `Episode.guid`, `Episode(unique_together)`, or undefined when the model declares no refusing key. */
function uniqueKeyOf(cls: PyNode): string | undefined {
  const name = text(field(cls, 'name')!);
  for (const s of namedChildren(field(cls, 'body')!)) {
    const assignment = s.type === 'expression_statement' ? s.children.find((c) => c.type === 'assignment') : undefined;
    if (assignment) {
      const left = field(assignment, 'left');
      const right = field(assignment, 'right');
      if (left?.type === 'identifier' && right?.type === 'call' && refusesDuplicates(right)) return `${name}.${text(left)}`;
    }
    if (s.type === 'class_definition' && text(field(s, 'name')!) === 'Meta' && metaDeclaresUnique(s)) return `${name} (Meta)`;
  }
  return undefined;
}

/** A field the row must carry a value for that no other row may have. */
function refusesDuplicates(fieldCall: PyNode): boolean {
  const kind = lastNameOf(field(fieldCall, 'function')!);
  if (!kind) return false;
  const kw = keywords(fieldCall);
  if (kw.get('primary_key') === 'True' || kw.has('default') || kw.get('null') === 'True') return false;
  return kind === 'OneToOneField' || (kind.endsWith('Field') && kw.get('unique') === 'True');
}

/** `unique_together = …`, or a `UniqueConstraint(…)` among `constraints`. */
function metaDeclaresUnique(meta: PyNode): boolean {
  for (const s of namedChildren(field(meta, 'body')!)) {
    const assignment = s.type === 'expression_statement' ? s.children.find((c) => c.type === 'assignment') : undefined;
    const left = assignment && field(assignment, 'left');
    const right = assignment && field(assignment, 'right');
    if (!left || !right) continue;
    if (text(left) === 'unique_together' && namedChildren(right).length > 0) return true;
    if (text(left) === 'constraints' && (right.type === 'list' || right.type === 'tuple')) {
      // A conditional constraint (`condition=Q(…)`) leaves the other rows free to repeat.
      if (namedChildren(right).some((c) => c.type === 'call' && lastNameOf(field(c, 'function')!) === 'UniqueConstraint' && !keywords(c).has('condition'))) return true;
    }
  }
  return false;
}

function keywords(call: PyNode): Map<string, string> {
  const out = new Map<string, string>();
  for (const a of namedChildren(field(call, 'arguments')!)) {
    if (a.type !== 'keyword_argument') continue;
    const k = field(a, 'name');
    const v = field(a, 'value');
    if (k && v) out.set(text(k), text(v));
  }
  return out;
}
