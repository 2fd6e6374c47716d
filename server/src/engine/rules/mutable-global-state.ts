import * as path from 'node:path';
import { MUTABLE_CONSTRUCTORS, MUTATING_METHODS } from '../catalogues/hiddenState';
import { isTestFile, runHandlers } from '../hiddenState/runHandlers';
import { matchesAny } from '../python/patterns';
import type { Binding, FunctionInfo } from '../python/semantics';
import { field, text, walk, type PyNode } from '../python/syntax';
import { createRule, nodeRange } from '../rule';
import { qualifiedName } from '../python/resolve';

const MUTABLE_LITERALS = new Set(['list', 'dictionary', 'set', 'list_comprehension', 'dictionary_comprehension', 'set_comprehension']);

/** Caches of pure functions are not run state (TAXONOMY.md H-global, "do not flag"). */
const CACHE_NAME = /cache|memo/i;

/**
 * H-global (module state): a module-level object that a request / run handler (agent tool,
 * graph node, web handler, task) mutates, or a module name a handler rebinds through `global`.
 * The state is shared by every concurrent run and lost on restart. Only code that runs per
 * request is considered, so import-time setup of registries and constants is left alone.
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
  },
  (ctx) => {
    const program = ctx.program;
    if (!program || program.kind !== 'python' || isTestFile(path.relative(ctx.project.root, ctx.file))) return;
    const sem = program.semantics;
    const unit = program.units[0]!;
    const handlers = runHandlers(program, ctx.settings['handler-decorators'] ?? []);
    if (!handlers.size) return;

    const isMutableValue = (b: Binding) => {
      const v = b.value;
      if (!v) return false;
      if (MUTABLE_LITERALS.has(v.type)) return true;
      if (v.type !== 'call') return false;
      const callee = field(v, 'function');
      const q = callee ? qualifiedName(program, callee, b.unit) : undefined;
      return matchesAny(q, MUTABLE_CONSTRUCTORS);
    };
    /** The module-level container binding a name read inside a handler refers to. */
    const moduleContainer = (id: PyNode): Binding | undefined => {
      if (id.type !== 'identifier') return undefined;
      const b = sem.lookup(text(id), id, 0);
      if (!b || b.scope !== sem.module || b.viaGlobal || b.kind !== 'assign') return undefined;
      const defs = sem.module.bindings.get(b.name) ?? [];
      return defs.some((d) => d.kind === 'assign' && !d.viaGlobal && isMutableValue(d)) ? defs.find((d) => d.kind === 'assign' && !d.viaGlobal) : undefined;
    };
    const subscriptRoot = (n: PyNode): PyNode => {
      let x = n;
      while (x.type === 'subscript') x = field(x, 'value') ?? x.children[0]!;
      return x;
    };

    const seen = new Set<string>();
    const report = (fn: FunctionInfo, how: string, node: PyNode, def: Binding | undefined, name: string) => {
      if (CACHE_NAME.test(name)) return;
      const key = `${fn.node.start}:${name}`;
      if (seen.has(key)) return;
      seen.add(key);
      const role = handlers.get(fn)!;
      ctx.reportNode(
        unit,
        node,
        `\`${name}\` is module-level state that \`${fn.name}\` (${role}) ${how}: it is shared by concurrent runs and lost on restart; keep run state in a persistent store (database, Redis, a checkpointer) keyed by session or thread id, or pass it in.`,
        def ? { related: [{ range: nodeRange(unit, def.node), message: `\`${name}\` is created here, once per process` }] } : {},
      );
    };

    for (const [fn] of handlers) {
      const body = field(fn.node, 'body');
      if (!body) continue;
      walk(body, (n) => {
        if (n.type === 'call') {
          const callee = field(n, 'function');
          const attr = callee?.type === 'attribute' ? field(callee, 'attribute') : undefined;
          const obj = callee?.type === 'attribute' ? field(callee, 'object') : undefined;
          if (attr && obj && MUTATING_METHODS.includes(text(attr))) {
            const root = subscriptRoot(obj);
            const def = moduleContainer(root);
            if (def) report(fn, `mutates (\`.${text(attr)}()\`)`, n, def, text(root));
          }
        } else if ((n.type === 'assignment' || n.type === 'augmented_assignment') && field(n, 'left')?.type === 'subscript') {
          const root = subscriptRoot(field(n, 'left')!);
          const def = moduleContainer(root);
          if (def) report(fn, 'writes items into', n, def, text(root));
        } else if (n.type === 'delete_statement') {
          for (const t of n.children) {
            if (t.type !== 'subscript') continue;
            const root = subscriptRoot(t);
            const def = moduleContainer(root);
            if (def) report(fn, 'deletes items from', n, def, text(root));
          }
        }
      });
      // `global x` + assignment inside the handler (or a function nested in it).
      for (const [name, list] of sem.module.bindings) {
        for (const b of list) {
          if (!b.viaGlobal || b.node.start < fn.node.start || b.node.end > fn.node.end) continue;
          const def = list.find((d) => !d.viaGlobal);
          report(fn, 'rebinds through `global`', b.stmt, def, name);
        }
      }
    }
  },
);
