/**
 * D-model: an LLM model id that names a moving alias (`gpt-4o`, `claude-3-5-sonnet-latest`,
 * `mistral-large-latest`, `command-r-plus`) passed to a model client, directly or through a
 * variable bound to the literal, or through `**kwargs` built as a dict. Reported at the literal,
 * once per literal. The fix names a snapshot only when catalogues/models.ts knows one of the
 * same model. Not reported: ids of gateways without dated snapshots (catalogues/models.ts
 * MODEL_GATEWAYS), and model ids in test files that pass literal credentials (unit tests with
 * fake keys: the id is test data, no model is called); other test files get a hint.
 */
import * as path from 'node:path';
import { secretNameKind } from '../agent/secrets';
import { MODEL_KEYWORDS, MODEL_POSITIONAL, OLLAMA_CLIENT, movingModelAlias, movingOllamaModel } from '../catalogues/dependencies';
import { KNOWN_SNAPSHOTS, MODEL_GATEWAYS, bareModelId } from '../catalogues/models';
import { isTestFile } from '../hiddenState/runHandlers';
import { matchesAny } from '../python/patterns';
import type { PythonProgram } from '../python/program';
import type { CallSite } from '../python/semantics';
import { field, lastNameOf, stringValue, text as nodeText, type PyNode } from '../python/syntax';
import { createRule } from '../rule';
import { qualifiedName } from '../python/resolve';

/** The string literal an argument is, or the literal its variable was assigned (one binding step). */
function literalOf(arg: PyNode, call: CallSite, lookup: (name: string, node: PyNode, unit: number) => { value?: PyNode; unit: number } | undefined): { node: PyNode; unit: number } | undefined {
  if (arg.type === 'string') return { node: arg, unit: call.unit };
  if (arg.type === 'identifier') {
    const b = lookup(nodeText(arg), arg, call.unit);
    if (b?.value?.type === 'string') return { node: b.value, unit: b.unit };
  }
  return undefined;
}

/**
 * Model ids passed inside a dict: through `**kwargs` (`client.chat.stream(**query)` with
 * `query = {"model": "mistral-small-latest", …}`, a dict literal or `dict(model=…)`, inline or
 * bound to a variable), as SDK examples often build their request, or as a keyword's dict
 * literal (`Optimizer.initialize(optimize_kwargs={"model": …})`).
 */
function splatModelArgs(call: CallSite, lookup: (name: string, node: PyNode, unit: number) => { value?: PyNode; unit: number } | undefined): PyNode[] {
  const out: PyNode[] = [];
  for (const arg of field(call.node, 'arguments')?.children ?? []) {
    const keywordDict = arg.type === 'keyword_argument' && field(arg, 'value')?.type === 'dictionary';
    if (arg.type !== 'dictionary_splat' && !keywordDict) continue;
    let dict = keywordDict ? field(arg, 'value') : arg.children.find((c) => c.named);
    if (dict?.type === 'identifier') dict = lookup(nodeText(dict), dict, call.unit)?.value;
    if (dict?.type === 'dictionary') {
      for (const pair of dict.children) {
        if (pair.type !== 'pair') continue;
        const key = stringValue(field(pair, 'key'));
        const value = field(pair, 'value');
        if (key !== undefined && MODEL_KEYWORDS.has(key) && value) out.push(value);
      }
    } else if (dict?.type === 'call' && nodeText(field(dict, 'function')!) === 'dict') {
      for (const kw of field(dict, 'arguments')?.children ?? []) {
        const name = field(kw, 'name');
        const value = field(kw, 'value');
        if (kw.type === 'keyword_argument' && name && value && MODEL_KEYWORDS.has(nodeText(name))) out.push(value);
      }
    }
  }
  return out;
}

/** A gateway id with no dated snapshots (LiteLLM `azure/<deployment>`, LiveKit Inference ids). */
function isGatewayId(id: string, client: string): boolean {
  const lower = id.trim().toLowerCase();
  return MODEL_GATEWAYS.some((g) => g.prefixes?.some((p) => lower.startsWith(p)) || (g.clients && matchesAny(client, g.clients)));
}

/** Some call passes a string literal as a credential (`api_key="test-key"`): the file's clients are fakes. */
function passesLiteralCredential(program: PythonProgram): boolean {
  return program.semantics.calls.some((c) => [...c.keywords].some(([k, v]) => v.type === 'string' && secretNameKind(k) !== undefined));
}

/** What to pin the id to: a known snapshot of the same model, else no name at all. */
function pinAdvice(id: string, provider: string): string {
  if (provider === 'Ollama') return `pin a size-and-quantisation tag of the same model ('${id.split(':')[0]}:<tag>')`;
  const snapshot = KNOWN_SNAPSHOTS[bareModelId(id)];
  return snapshot ? `use a dated snapshot of the same model (e.g. '${snapshot}')` : 'use a dated snapshot of this model from the provider\'s model list';
}

export const movingModelAliasRule = createRule(
  {
    id: 'moving-model-alias',
    family: 'dependencies',
    category: 'dependencies',
    subtypes: ['D-model'],
    description: 'Report LLM model ids that name a moving alias instead of a dated snapshot',
    defaultSeverity: 'warning',
    recommended: true,
    appliesTo: ['notebook', 'python'],
  },
  (ctx) => {
    const program = ctx.program;
    if (!program) return;
    const { settings } = ctx;
    const extra = new Set(settings['moving-model-aliases'] ?? []);
    const allowed = new Set(settings['allowed-model-ids'] ?? []);
    const reported = new Set<PyNode>();
    const inTests = program.kind === 'python' && isTestFile(path.relative(ctx.project.root, ctx.file));
    if (inTests && passesLiteralCredential(program)) return;
    const lookup = program.semantics.lookup.bind(program.semantics);
    for (const call of program.semantics.calls) {
      const args: PyNode[] = [];
      for (const [k, v] of call.keywords) if (MODEL_KEYWORDS.has(k)) args.push(v);
      const pos = MODEL_POSITIONAL[lastNameOf(call.callee) ?? ''];
      if (pos !== undefined && call.positional[pos]) args.push(call.positional[pos]!);
      args.push(...splatModelArgs(call, lookup));
      for (const arg of args) {
        const lit = literalOf(arg, call, lookup);
        if (!lit || reported.has(lit.node)) continue;
        const id = stringValue(lit.node);
        if (id === undefined || allowed.has(id)) continue;
        const client = qualifiedName(program, call.callee, call.unit) ?? '';
        if (!extra.has(id) && isGatewayId(id, client)) continue;
        const alias = extra.has(id)
          ? { id, provider: 'configured' }
          : (movingModelAlias(id) ?? (OLLAMA_CLIENT.test(client) ? movingOllamaModel(id) : undefined));
        if (!alias) continue;
        reported.add(lit.node);
        const unit = program.units[lit.unit];
        if (!unit) continue;
        ctx.reportNode(
          unit,
          lit.node,
          `Model id '${id}' is a moving ${alias.provider} alias: the provider re-points it to newer snapshots, so outputs change without a code change; ${pinAdvice(id, alias.provider)}.`,
          inTests ? { severity: 'hint' } : {},
        );
      }
    }
  },
);
