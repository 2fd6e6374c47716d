/**
 * HTTP and LLM client calls with no timeout. `requests` and `urllib` wait forever by default;
 * the OpenAI and Anthropic SDKs (and the LangChain wrappers) wait up to 10 minutes. One stuck
 * upstream then holds a worker, a request or an agent run until something else kills it.
 */
import * as path from 'node:path';
import { addKeywordEdit, replaceEdit } from '../python/edits';
import { originOf } from '../python/resolve';
import { TIMEOUT_CLIENTS, type TimeoutClient } from '../catalogues/agent';
import { argumentOf } from '../python/semantics';
import { lastNameOf } from '../python/syntax';
import { createRule } from '../rule';
import { lastNamesOf } from '../python/patterns';
import { isOneOffScript, isScriptCode } from '../agent/scriptEntry';
import { fileRoleOf, ROLE_LABEL } from '../fileRoles';

const BY_CALLEE = new Map<string, TimeoutClient>(TIMEOUT_CLIENTS.map((c) => [c.callee, c]));
const LAST_NAMES = lastNamesOf(TIMEOUT_CLIENTS.map((c) => c.callee));

/** Default seconds the quick fix writes (`[tool.preflight.agent] timeout`). */
export const DEFAULT_TIMEOUT_SECONDS = 30;

export const missingTimeout = createRule(
  {
    id: 'missing-timeout',
    family: 'agent',
    category: 'timeouts',
    subtypes: [],
    description: 'Report HTTP and LLM client calls made without a timeout',
    defaultSeverity: 'warning',
    // A notebook is run by a person who sees a hang and interrupts it: there the finding is
    // information (the checklist still counts it), unless the user set the severity.
    notebookSeverity: 'info',
    recommended: true,
    appliesTo: ['python', 'notebook'],
    scope: 'program',
    prefixStable: true,
    reads: ['source'],
    fixable: 'unsafe',
  },
  (ctx) => {
    const program = ctx.program;
    if (!program) return;
    const seconds = String(ctx.settings.timeout ?? DEFAULT_TIMEOUT_SECONDS);
    const role = program.kind === 'python' ? fileRoleOf(path.relative(ctx.project.root, ctx.file)) : 'product';
    // Example and benchmark code is run by a person (or CI), not by a deployment.
    const sample = role === 'example' || role === 'benchmark' ? ROLE_LABEL[role] : undefined;
    for (const call of program.semantics.calls) {
      if (LAST_NAMES && !LAST_NAMES.has(lastNameOf(call.callee) ?? '')) continue;
      const name = originOf(program, call.callee, call.unit);
      const client = name ? BY_CALLEE.get(name) : undefined;
      if (!client) continue;
      // `**kwargs` may carry the timeout; a positional timeout counts as given.
      if (call.hasStarKwargs || call.hasStarArgs) continue;
      if (client.position !== undefined && call.positional.length > client.position) continue;
      const unit = program.units[call.unit]!;
      const given = argumentOf(call, [client.param, ...(client.alsoBoundedBy ?? [])]);
      const shown = name!.replace('requests.Session()', 'Session');
      if (given) {
        if (given.type !== 'none') continue;
        const fix = { title: `Set ${client.param}=${seconds}`, applicability: 'unsafe' as const, edits: [replaceEdit(unit, given, seconds)] };
        ctx.reportNode(unit, call.callee, `\`${shown}\` with ${client.param}=None ${client.without}: a stuck call blocks the run; pass a timeout in seconds (${client.param}=${seconds}).`, { fix });
        continue;
      }
      const edit = addKeywordEdit(unit, call.node, client.param, seconds);
      const fix = edit ? { title: `Add ${client.param}=${seconds}`, applicability: 'unsafe' as const, edits: [edit] } : undefined;
      // Example and benchmark code, which a deployment does not run: a bounded default wait
      // slows the person running it and holds no worker — a hint, as for model ids there.
      if (client.boundedDefault && sample) {
        ctx.reportNode(unit, call.callee, `\`${shown}\` without a timeout ${client.without}: in ${sample}, which a deployment does not run, a stuck call only slows the person running it; pass ${client.param}=${seconds} (seconds) to fail fast.`, { severity: 'hint', ...(fix ? { fix } : {}) });
        continue;
      }
      // A one-off command-line script run by hand (not service code): a bounded default wait
      // slows that run, it holds no worker — information, not a warning.
      if (client.boundedDefault && isOneOffScript(program) && isScriptCode(program, call.unit, call.node)) {
        ctx.reportNode(unit, call.callee, `\`${shown}\` without a timeout ${client.without}: in this command-line script a stuck call slows the run; pass ${client.param}=${seconds} (seconds) to fail fast.`, { severity: 'info', ...(fix ? { fix } : {}) });
        continue;
      }
      ctx.reportNode(unit, call.callee, `\`${shown}\` without a timeout ${client.without}: a stuck call blocks the run; pass ${client.param}=${seconds} (seconds).`, fix ? { fix } : {});
    }
  },
);
