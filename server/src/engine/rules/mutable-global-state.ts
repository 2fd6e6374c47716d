import * as path from 'node:path';
import { CACHE_NAME, changesIn, importedContainer, moduleContainer, stateChangeKind, type StateChange } from '../hiddenState/stateChanges';
import { isTestFile } from '../fileRoles';
import { runHandlers } from '../hiddenState/runHandlers';
import { DEPENDENCY_PROVIDERS } from '../catalogues/hiddenState';
import { callGraphOf } from '../python/callGraph';
import { matchesAny } from '../python/patterns';
import { qualifiedName } from '../python/resolve';
import { importedFunction, importedSummary, projectSummaries } from '../python/projectSummaries';
import { projectPath, shortLocation } from '../python/projectModules';
import type { Binding, CallSite, FunctionInfo } from '../python/semantics';
import { field, text, type PyNode } from '../python/syntax';
import { createRule, nodeRange } from '../rule';

/**
 * H-global (module state): a module-level object that a request / run handler (agent tool,
 * graph node, web handler, task) mutates — in its body, through helpers it calls in this module
 * or another, or through the methods of a module-level instance — or a module name a handler
 * rebinds through `global`. The state is shared by every concurrent run and lost on restart.
 * Only code that runs per request is considered, so import-time setup of registries and
 * constants is left alone.
 */
export const mutableGlobalState = createRule(
  {
    id: 'mutable-global-state',
    family: 'hidden-state',
    category: 'hidden-state',
    subtypes: ['H-global'],
    description: 'Report module-level state that request, tool or task handlers mutate',
    defaultSeverity: 'warning',
    recommended: true,
    appliesTo: ['python'],
    scope: 'program',
    reads: ['source', 'manifests'],
  },
  (ctx) => {
    const program = ctx.program;
    if (!program || program.kind !== 'python' || isTestFile(path.relative(ctx.project.root, ctx.file))) return;
    const sem = program.semantics;
    const unit = program.units[0]!;
    const handlers = runHandlers(program, ctx.settings['handler-decorators'] ?? []);
    if (!handlers.size) return;
    const seen = new Set<string>();
    const report = (fn: FunctionInfo, how: string, node: PyNode, def: Binding | undefined, name: string, where?: string) => {
      if (CACHE_NAME.test(name)) return;
      const key = `${fn.node.start}:${name}`;
      if (seen.has(key)) return;
      seen.add(key);
      const role = handlers.get(fn)!;
      ctx.reportNode(
        unit,
        node,
        `\`${name}\` is module-level state${where ? ` (${where})` : ''} that \`${fn.name}\` (${role}) ${how}: it is shared by concurrent runs and lost on restart; keep run state in a persistent store (database, Redis, a checkpointer) keyed by session or thread id, or pass it in.`,
        def ? { related: [{ range: nodeRange(unit, def.node), message: `\`${name}\` is created here, once per process` }] } : {},
      );
    };
    /** A container the handler changes directly: this module's, or one imported from another. */
    const container = (root: PyNode) => {
      const def = moduleContainer(program, root, 0);
      if (def) return { def, where: undefined };
      const imported = importedContainer(ctx.project, ctx.file, program, root, 0);
      return imported ? { def: undefined, where: `defined in ${projectPath(ctx.project, imported.file)}` } : undefined;
    };

    for (const [fn] of handlers) {
      const body = field(fn.node, 'body');
      if (!body) continue;
      changesIn(
        program,
        fn.unit,
        body,
        (root, how, node) => {
          const c = container(root);
          if (c) report(fn, how, node, c.def, text(root), c.where);
        },
        true,
      );
      // `global x` + assignment inside the handler (or a function nested in it).
      for (const [name, list] of sem.module.bindings) {
        for (const b of list) {
          if (!b.viaGlobal || b.node.start < fn.node.start || b.node.end > fn.node.end) continue;
          const def = list.find((d) => !d.viaGlobal);
          report(fn, 'rebinds through `global`', b.stmt, def, name);
        }
      }
    }

    // Changes made by what the handlers call: helpers that change module containers (here or in
    // another module), and methods of a module-level instance that change its own containers.
    const kind = stateChangeKind(ctx.project);
    const summaries = projectSummaries(ctx.project, ctx.file, program, kind);
    const graph = callGraphOf(program);
    const instances = new Map<Binding, string>();
    for (const [fn] of handlers) {
      for (const call of graph.callsIn(fn)) {
        const reached = reachedChange(call);
        if (!reached) continue;
        const { change, helper } = reached;
        const at = `${helper} (${shortLocation(ctx.project, change.file, change.line)})`;
        if (change.kind === 'module') {
          report(fn, `changes through ${at}, which ${change.how} it`, call.callee, undefined, change.name);
          continue;
        }
        const instance = moduleInstance(call);
        if (instance && !instances.has(instance)) instances.set(instance, `\`${fn.name}\` (${handlers.get(fn)}) calls ${at}, which ${change.how} its \`${change.name}\``);
      }
    }
    // A module-level instance whose own state handlers change: one finding, where it is made.
    for (const [instance, how] of instances) {
      const name = text(instance.node);
      if (CACHE_NAME.test(name)) continue;
      ctx.reportNode(
        unit,
        instance.node,
        `\`${name}\` is one instance per process whose in-memory state request handlers change — ${how}: that state is shared by concurrent runs and lost on restart; keep run state in a persistent store (database, Redis, a checkpointer) keyed by session or thread id.`,
      );
    }

    function reachedChange(call: CallSite): { change: StateChange; helper: string } | undefined {
      for (const e of graph.callees(call)) {
        // A helper that is itself a handler (runHandlers follows same-module helpers) is reported
        // at its own changes.
        if (e.kind === 'unique-method' || handlers.has(e.fn)) continue;
        const s = summaries.get(e.fn);
        if (s) return { change: s, helper: `\`${e.fn.name}\`` };
      }
      const s = importedSummary(ctx.project, ctx.file, program!, call, kind);
      const target = s ? importedFunction(ctx.project, ctx.file, program!, call) : undefined;
      return s && target ? { change: s, helper: `\`${target.fn.name}\`` } : undefined;
    }

    /** `server.respond()` where `server = Server(…)` at module level (here or imported). */
    function moduleInstance(call: CallSite): Binding | undefined {
      if (call.callee.type !== 'attribute') return undefined;
      let obj = field(call.callee, 'object');
      while (obj?.type === 'attribute') obj = field(obj, 'object');
      if (obj?.type !== 'identifier') return undefined;
      const b = sem.lookup(text(obj), obj, 0);
      if (b?.kind === 'param') return injectedSingleton(b);
      if (!b || b.scope !== sem.module || b.viaGlobal) return undefined;
      return b.kind === 'assign' && b.value?.type === 'call' ? b : undefined;
    }

    /**
     * FastAPI dependency injection: a parameter `server: S = Depends(get_server)` whose provider
     * returns a module-level instance (`return chat_server`) is that one instance in every request.
     */
    function injectedSingleton(param: Binding): Binding | undefined {
      const p = param.node.parent;
      const dflt = p?.type === 'typed_default_parameter' || p?.type === 'default_parameter' ? field(p, 'value') : undefined;
      const provider = dflt?.type === 'call' && matchesAny(qualifiedName(program!, field(dflt, 'function')!, 0), DEPENDENCY_PROVIDERS) ? field(dflt, 'arguments')?.children.find((c) => c.named) : undefined;
      const fn = provider ? graph.functionNamed(provider, 0) : undefined;
      const body = fn ? field(fn.node, 'body') : undefined;
      const ret = body?.children.find((c) => c.type === 'return_statement')?.children.find((c) => c.named);
      if (ret?.type !== 'identifier') return undefined;
      const b = sem.lookup(text(ret), ret, 0);
      return b && b.scope === sem.module && b.kind === 'assign' && b.value?.type === 'call' ? b : undefined;
    }
  },
);
