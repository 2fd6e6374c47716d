import * as path from 'node:path';
import { IN_MEMORY_STATE_APIS } from '../catalogues/hiddenState';
import { isTestFile } from '../hiddenState/runHandlers';
import { PatternIndex } from '../python/patterns';
import { field, text } from '../python/syntax';
import { createRule } from '../rule';
import { qualifiedName } from '../python/resolve';

const byName = new PatternIndex(IN_MEMORY_STATE_APIS.flatMap((api) => api.qualifiedNames.map((q) => [q, api] as const)));

/**
 * H-global (checkpointers and memories): agent state kept by an in-memory checkpointer, store
 * or chat memory (LangGraph `MemorySaver`, LangChain `ConversationBufferMemory`, LlamaIndex
 * `SimpleChatStore`…). In a service it is lost on restart and shared by every run in the
 * process. In a notebook it is usually a demo, so there it is only a hint.
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
      if (!api) continue;
      if (api.persistentWith?.some((k) => call.keywords.has(k)) || call.hasStarKwargs) continue;
      if (api.persistentPositional !== undefined && call.positional.length > api.persistentPositional) continue;
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
