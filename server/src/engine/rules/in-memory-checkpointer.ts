import * as path from 'node:path';
import { IN_MEMORY_STATE_APIS, RUN_SCOPED_CODE } from '../catalogues/hiddenState';
import { isTestFile } from '../fileRoles';
import { CERTAIN_EDGES, callGraphOf, enclosingFunction } from '../python/callGraph';
import { PatternIndex, matchesAny } from '../python/patterns';
import type { PythonProgram } from '../python/program';
import type { CallSite, ClassInfo, FunctionInfo } from '../python/semantics';
import { field, text, type PyNode } from '../python/syntax';
import { createRule, type RuleContext } from '../rule';
import { inMemoryImplementation } from '../hiddenState/inMemoryClasses';
import { shortLocation } from '../python/projectModules';
import { originOf, qualifiedName } from '../python/resolve';

const byName = new PatternIndex(IN_MEMORY_STATE_APIS.flatMap((api) => api.qualifiedNames.map((q) => [q, api] as const)));

/**
 * H-global (checkpointers and memories): agent state kept by an in-memory checkpointer, store
 * or chat memory (LangGraph `MemorySaver`, LangChain `ConversationBufferMemory`, LlamaIndex
 * `SimpleChatStore`…). In a service it is lost on restart and shared by every run in the
 * process. In a notebook it is usually a demo, so there it is only a hint. Created in code that
 * runs once per durable run and is replayed from its history (a Temporal workflow), it belongs
 * to that run alone and is rebuilt on restart: not reported.
 */
export const inMemoryCheckpointer = createRule(
  {
    id: 'in-memory-checkpointer',
    family: 'hidden-state',
    category: 'hidden-state',
    subtypes: ['H-global'],
    description: 'Report agent checkpointers and chat memories that keep state only in process memory',
    defaultSeverity: 'warning',
    recommended: true,
    appliesTo: ['python', 'notebook'],
    scope: 'program',
    reads: ['source', 'manifests'],
  },
  (ctx) => {
    const program = ctx.program;
    if (!program) return;
    if (program.kind === 'python' && isTestFile(path.relative(ctx.project.root, ctx.file))) return;
    const sem = program.semantics;
    for (const call of sem.calls) {
      let callee = call.callee;
      // `MemorySaver.from_conn_string(...)` does not exist; `ChatMemoryBuffer.from_defaults(...)` does.
      const attr = callee.type === 'attribute' ? field(callee, 'attribute') : undefined;
      if (attr && text(attr).startsWith('from_')) callee = field(callee, 'object') ?? callee;
      const q = qualifiedName(program, callee, call.unit);
      const api = byName.best(q);
      if (!api) {
        reportProjectStore(ctx, program, call);
        continue;
      }
      if (api.persistentWith?.some((k) => call.keywords.has(k)) || call.hasStarKwargs) continue;
      if (api.persistentPositional !== undefined && call.positional.length > api.persistentPositional) continue;
      if (call.fn && runScoped(program, call.fn, new Map())) continue;
      const unit = program.units[call.unit]!;
      const name = q!.split('.').pop()!;
      const inNotebook = program.kind === 'notebook';
      ctx.reportNode(
        unit,
        call.node,
        inNotebook
          ? `\`${name}\` keeps ${api.what} in process memory: fine for this demo, but a deployed agent loses it on restart and shares it across runs; use ${api.alternative} there.`
          : `\`${name}\` keeps ${api.what} in process memory: it is lost on restart and shared by every run in the process; use ${api.alternative}.`,
        inNotebook ? { severity: 'hint' } : {},
      );
    }
  },
);

/**
 * A project class implementing a framework's persistence interface with instance dicts
 * (hiddenState/inMemoryClasses.ts), constructed here: reported like the libraries' in-memory
 * stores, with the class as related information.
 */
function reportProjectStore(ctx: RuleContext, program: PythonProgram, call: CallSite): void {
  const store = inMemoryImplementation(ctx.project, ctx.file, program, call);
  if (!store || (call.fn && runScoped(program, call.fn, new Map()))) return;
  const unit = program.units[call.unit]!;
  const where = store.file === ctx.file ? '' : ` (${shortLocation(ctx.project, store.file, store.line)})`;
  const inNotebook = program.kind === 'notebook';
  ctx.reportNode(
    unit,
    call.node,
    `\`${store.cls.name}\`${where} keeps ${store.what} in instance dicts, in process memory: ${inNotebook ? 'fine for this demo, but a deployed agent loses it on restart and shares it across runs' : 'it is lost on restart and shared by every run in the process'}; use ${store.alternative}.`,
    {
      ...(inNotebook ? { severity: 'hint' as const } : {}),
      ...(store.file === ctx.file ? {} : { related: [{ file: store.file, range: { start: { line: store.line, column: 0 }, end: { line: store.line, column: 0 } }, message: `\`${store.cls.name}\` keeps its records here` }] }),
    },
  );
}

/** The decorator expressions of a class (`@workflow.defn(name=…)` → `workflow.defn`). */
function classDecorators(cls: ClassInfo): PyNode[] {
  const parent = cls.node.parent;
  if (parent?.type !== 'decorated_definition') return [];
  return parent.children
    .filter((c) => c.type === 'decorator')
    .map((d) => d.children.find((c) => c.named))
    .filter((e): e is PyNode => !!e)
    .map((e) => (e.type === 'call' ? (field(e, 'function') ?? e) : e));
}

/**
 * Whether `fn` is run-scoped code (catalogues/hiddenState.ts RUN_SCOPED_CODE): it, or a function
 * around it, is a workflow method, or every call of it comes from run-scoped code.
 */
function runScoped(program: PythonProgram, fn: FunctionInfo, memo: Map<FunctionInfo, boolean | undefined>): boolean {
  if (memo.has(fn)) return memo.get(fn) ?? false;
  memo.set(fn, undefined);
  let result = false;
  for (let f: FunctionInfo | undefined = fn; f && !result; f = enclosingFunction(f)) {
    const unit = f.unit;
    if (f.decorators.some((d) => matchesAny(originOf(program, d.target, unit), RUN_SCOPED_CODE.functionDecorators))) result = true;
    else if (f.cls && classDecorators(f.cls).some((d) => matchesAny(originOf(program, d, unit), RUN_SCOPED_CODE.classDecorators))) result = true;
  }
  if (!result) {
    const callers = callGraphOf(program).callers(fn, CERTAIN_EDGES);
    result = callers.length > 0 && callers.every((c) => !!c.fn && runScoped(program, c.fn, memo));
  }
  memo.set(fn, result);
  return result;
}
