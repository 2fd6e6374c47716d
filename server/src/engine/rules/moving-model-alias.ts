/**
 * D-model: an LLM model id that names a moving alias (`gpt-4o`, `claude-3-5-sonnet-latest`,
 * `mistral-large-latest`, `command-r-plus`) passed to a model client, directly or through a
 * variable bound to the literal, or indirectly (dependencies/indirectModelIds.ts): through
 * `**kwargs` and keyword dicts, AutoGen configurations (also from another project module), CrewAI
 * `llm=` strings, an OpenAI-compatible client pointed at Ollama (untagged names), and provider
 * URLs (`…/realtime?model=…`). Reported at the literal, once per literal; a literal in another
 * module at the argument that carries it here, with the literal as related information. The fix names a snapshot only when catalogues/models.ts knows one of the
 * same model. Not reported: ids of gateways without dated snapshots (catalogues/models.ts
 * MODEL_GATEWAYS), ids that are not sent to a model (usage/metrics/pricing records and protobuf
 * messages; the project's own service API, whose parameter only goes into a request record sent
 * over HTTP), and model ids in test files that pass literal credentials or mock the clients or
 * the HTTP layer (the id is test data, no model is called); other test files get a hint, and so
 * do ids of which no dated snapshot is known (`*-latest` without one, ids through a router).
 */
import * as path from 'node:path';
import { secretNameKind } from '../agent/secrets';
import { MODEL_KEYWORDS, MODEL_POSITIONAL, OLLAMA_CLIENT, movingModelAlias, movingOllamaModel } from '../catalogues/dependencies';
import { FRAMEWORK_MODEL_KEYWORDS, KNOWN_SNAPSHOTS, MESSAGE_MODULES, MOCKING_CALLS, MOCKING_FIXTURES, MODEL_GATEWAYS, MODEL_RECORD_WORDS, MODEL_ROUTERS, bareModelId } from '../catalogues/models';
import { dictModelIds, ollamaServer, urlModelIds, type ModelIdSite } from '../dependencies/indirectModelIds';
import type { ProjectContext } from '../project';
import { CERTAIN_EDGES, callGraphOf, functionKey } from '../python/callGraph';
import { importedFunction } from '../python/projectSummaries';
import { projectModulesOf, shortLocation, splitQualified } from '../python/projectModules';
import { isSampleFile, isTestFile } from '../fileRoles';
import { matchesAny } from '../python/patterns';
import type { PythonProgram } from '../python/program';
import type { CallSite, FunctionInfo } from '../python/semantics';
import { field, lastNameOf, parameterNames, stringValue, text as nodeText, walk, type PyNode } from '../python/syntax';
import { createRule, nodeRange } from '../rule';
import { qualifiedName } from '../python/resolve';

/** The string literal an argument is, or the literal its variable was assigned (one binding step). */
function literalOf(arg: PyNode, call: CallSite, lookup: (name: string, node: PyNode, unit: number) => { value?: PyNode | undefined; unit: number } | undefined): { node: PyNode; unit: number } | undefined {
  if (arg.type === 'string') return { node: arg, unit: call.unit };
  if (arg.type === 'identifier') {
    const b = lookup(nodeText(arg), arg, call.unit);
    if (b?.value?.type === 'string') return { node: b.value, unit: b.unit };
  }
  return undefined;
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

/**
 * The file mocks its clients or the HTTP layer (`@patch("httpx.post")`, `respx`, `responses`,
 * `mocker`): its model ids only pass through test doubles, no model is called.
 */
function usesMocks(program: PythonProgram): boolean {
  if (program.semantics.calls.some((c) => matchesAny(qualifiedName(program, c.callee, c.unit), MOCKING_CALLS))) return true;
  for (const fn of program.semantics.functions) {
    if (fn.decorators.some((d) => matchesAny(qualifiedName(program, d.target, fn.unit), MOCKING_CALLS))) return true;
    if (parameterNames(fn.node).some((p) => MOCKING_FIXTURES.has(p))) return true;
  }
  return false;
}

const wordsOf = (name: string) => name.split(/_|(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])/).map((w) => w.toLowerCase());

/** A usage, metrics or pricing record (`LLMModelUsage(model=…)`), or a protobuf message: it stores the id, it calls nothing. */
function isRecord(client: string, call: CallSite): boolean {
  if (MESSAGE_MODULES.test(client)) return true;
  const name = lastNameOf(call.callee);
  return !!name && /^[A-Z]/.test(name) && wordsOf(name).some((w) => MODEL_RECORD_WORDS.has(w));
}

const HTTP_SENDS = ['httpx.*', 'requests.*', 'aiohttp.*', 'urllib.request.*'];

/**
 * The call is the project's own service API: a project function (here or imported) whose
 * `param` only goes into the keyword of a project class (a request record such as
 * `UserInput(model=model)`) and that sends a request over HTTP. The id is then the service's
 * own name (an enum value it validates), not the provider's alias; where the service maps it to
 * a model is where to pin. A project function that hands the id to anything else (a client, a
 * wrapper, a dict body) is followed no further and still reported.
 */
function ownServiceCall(project: ProjectContext, file: string, program: PythonProgram, call: CallSite, param: string): boolean {
  let target: { fn: FunctionInfo; file: string; program: PythonProgram } | undefined;
  const local = callGraphOf(program).callees(call).find((c) => CERTAIN_EDGES.has(c.kind));
  if (local) target = { fn: local.fn, file, program };
  else {
    const imported = importedFunction(project, file, program, call);
    const other = imported && projectModulesOf(project).programOf(imported.file);
    if (imported && other && other !== 'unparseable') target = { fn: imported.fn, file: imported.file, program: other };
    else {
      const name = callGraphOf(program).external(call);
      if (name) target = reexported(project, file, name);
    }
  }
  if (!target || !parameterNames(target.fn.node).includes(param)) return false;
  const body = field(target.fn.node, 'body');
  if (!body) return false;
  let http = false;
  let elsewhere = false;
  walk(body, (x) => {
    if (x.type === 'function_definition' || x.type === 'class_definition' || x.type === 'lambda') return false;
    if (x.type === 'call' && matchesAny(qualifiedName(target.program, field(x, 'function')!, target.fn.unit), HTTP_SENDS)) http = true;
    if (x.type !== 'identifier' || nodeText(x) !== param) return true;
    const p = x.parent;
    if (p?.type === 'attribute' && field(p, 'attribute') === x) return true;
    if (p?.type === 'keyword_argument' && field(p, 'name') === x) return true;
    if (isTested(x)) return true;
    // `UserInput(model=model)`, or `request.model = model` with `request = UserInput(…)` in the function.
    let record = p?.type === 'keyword_argument' && field(p, 'value') === x ? p.parent?.parent : undefined;
    const left = p?.type === 'assignment' && field(p, 'right') === x ? field(p, 'left') : undefined;
    if (left?.type === 'attribute' && field(left, 'object')?.type === 'identifier') record = constructedIn(body, nodeText(field(left, 'object')!));
    if (!isProjectClassCall(project, target.file, target.program, target.fn.unit, record)) elsewhere = true;
    return true;
  });
  return http && !elsewhere;
}

/**
 * A project function by qualified name, following a package's re-export
 * (`client.AgentClient.invoke` where `client/__init__.py` imports `AgentClient` from `client.client`).
 */
function reexported(project: ProjectContext, file: string, name: string, depth = 0): { fn: FunctionInfo; file: string; program: PythonProgram } | undefined {
  const target = splitQualified(project, file, name);
  if (!target?.path || depth > 3) return undefined;
  const program = projectModulesOf(project).programOf(target.file);
  if (program === 'unparseable') return undefined;
  const fn = program.semantics.functions.find((f) => functionKey(f) === target.path);
  if (fn) return { fn, file: target.file, program };
  const [head, ...rest] = target.path.split('.');
  const bound = program.semantics.module.bindings.get(head!)?.at(-1)?.qualifiedName;
  return bound ? reexported(project, target.file, [bound, ...rest].join('.'), depth + 1) : undefined;
}

/** A call of a class defined in the project (`UserInput(…)`), not of a library's client. */
function isProjectClassCall(project: ProjectContext, file: string, program: PythonProgram, unit: number, call: PyNode | null | undefined): boolean {
  const callee = call?.type === 'call' ? field(call, 'function') : undefined;
  const name = callee && lastNameOf(callee);
  const qname = callee && qualifiedName(program, callee, unit);
  return !!name && /^[A-Z]/.test(name) && !!qname && !!splitQualified(project, file, qname)?.path;
}

/** The call `name` is bound to in `body` (`request = UserInput(…)`), if it is bound to one. */
function constructedIn(body: PyNode, name: string): PyNode | undefined {
  let out: PyNode | undefined;
  walk(body, (x) => {
    if (x.type === 'function_definition' || x.type === 'class_definition' || x.type === 'lambda') return false;
    if (x.type === 'assignment' && field(x, 'left')?.type === 'identifier' && nodeText(field(x, 'left')!) === name && field(x, 'right')?.type === 'call') out = field(x, 'right');
    return true;
  });
  return out;
}

const TESTS = new Set(['if_statement', 'elif_clause', 'while_statement', 'conditional_expression']);
const TEST_PARTS = new Set(['not_operator', 'comparison_operator', 'boolean_operator', 'parenthesized_expression']);

/** Is the name only tested (`if model:`, `if model is not None`)? */
function isTested(x: PyNode): boolean {
  let n = x;
  while (n.parent && TEST_PARTS.has(n.parent.type)) n = n.parent;
  const p = n.parent;
  return !!p && TESTS.has(p.type) && (field(p, 'condition') === n || (p.type === 'conditional_expression' && p.children.filter((c) => c.named)[1] === n));
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
    scope: 'program',
    reads: ['source', 'manifests'],
  },
  (ctx) => {
    const program = ctx.program;
    if (!program) return;
    const { settings } = ctx;
    const extra = new Set(settings['moving-model-aliases'] ?? []);
    const allowed = new Set(settings['allowed-model-ids'] ?? []);
    const inTests = program.kind === 'python' && isTestFile(path.relative(ctx.project.root, ctx.file));
    // Example scripts and benchmarks show or measure the project and are kept working with the
    // current model on purpose; they are not what a deployment runs: a hint, as in tests.
    const inExamples = program.kind === 'python' && isSampleFile(path.relative(ctx.project.root, ctx.file));
    if (inTests && (passesLiteralCredential(program) || usesMocks(program))) return;
    const lookup = program.semantics.lookup.bind(program.semantics);
    const here = { project: ctx.project, file: ctx.file, program };
    const done = new Set<PyNode>();
    for (const call of program.semantics.calls) {
      // Asked only of calls that carry an id (most calls do not): resolving every callee costs.
      let qualified: string | undefined;
      const clientName = () => (qualified ??= qualifiedName(program, call.callee, call.unit) ?? '');
      const sites: ModelIdSite[] = [];
      let ownService: Set<PyNode> | undefined; // made for the few calls that have one
      const direct = (arg: PyNode) => {
        const lit = literalOf(arg, call, lookup);
        const id = lit && stringValue(lit.node);
        if (lit && id !== undefined) sites.push({ literal: { ...lit, file: ctx.file, program }, id, span: lit.node, arg });
      };
      for (const [k, v] of call.keywords) {
        if (!MODEL_KEYWORDS.has(k) && !FRAMEWORK_MODEL_KEYWORDS.some((f) => f.keywords.has(k) && matchesAny(clientName(), f.clients))) continue;
        direct(v);
        if (v.type === 'string' || v.type === 'identifier') {
          if (ownServiceCall(ctx.project, ctx.file, program, call, k)) (ownService ??= new Set()).add(v);
        }
      }
      const pos = MODEL_POSITIONAL[lastNameOf(call.callee) ?? ''];
      if (pos !== undefined && call.positional[pos]) direct(call.positional[pos]!);
      for (const site of dictModelIds(here, call)) sites.push(site);
      for (const site of urlModelIds(here, call)) sites.push(site);
      if (!sites.length) continue;
      const client = clientName();
      const server = OLLAMA_CLIENT.test(client) ? 'url' : ollamaServer(program, call);
      for (const site of sites) {
        const { id } = site;
        // Reported once: at the literal when it is in this file, else at the argument that carries it here.
        const local = site.literal.file === ctx.file;
        const key = local ? site.literal.node : site.arg;
        if (done.has(key) || allowed.has(id)) continue;
        if (!extra.has(id) && (isGatewayId(id, client) || isRecord(client, call) || ownService?.has(site.arg))) continue;
        const ollama = site.ollama ?? server;
        const known = extra.has(id) ? { id, provider: 'configured' } : movingModelAlias(id);
        const alias = known ?? (ollama ? movingOllamaModel(id) : undefined);
        if (!alias) continue;
        done.add(key);
        const unit = program.units[local ? site.literal.unit : call.unit];
        if (!unit) continue;
        // No dated snapshot known: a `*-latest` id with none in KNOWN_SNAPSHOTS, or an id through a
        // model router whose catalogue the code does not show. The fix may not exist: a hint.
        const bare = bareModelId(id);
        const router = matchesAny(client, MODEL_ROUTERS) && bare !== id.trim().toLowerCase();
        const noSnapshot = alias.provider !== 'Ollama' && alias.provider !== 'configured' && (router || (bare.endsWith('-latest') && !KNOWN_SNAPSHOTS[bare]));
        // Only the placeholder key `api_key="ollama"` says the server is Ollama: the URL may be another's.
        const unsure = !known && ollama === 'placeholder-key';
        let message = noSnapshot
          ? `Model id '${id}' is a moving ${alias.provider} alias${router ? ' through a model router' : ''}, but no dated snapshot of it is known${router ? ' for this router' : ''}: outputs change when the provider re-points it; pin one if the ${router ? "router's" : "provider's"} model list offers it.`
          : alias.provider === 'Ollama'
            ? `Model id '${id}' is a moving Ollama alias: a name without a tag (or ':latest') is re-pointed by \`ollama pull\` to the newest build, so outputs change without a code change; ${pinAdvice(id, alias.provider)}.`
            : `Model id '${id}' is a moving ${alias.provider} alias: the provider re-points it to newer snapshots, so outputs change without a code change; ${pinAdvice(id, alias.provider)}.`;
        if (!local) message = message.replace(`Model id '${id}'`, `Model id '${id}' (${shortLocation(ctx.project, site.literal.file, site.literal.node.startRow)})`);
        const severity = inTests || inExamples || noSnapshot || unsure ? { severity: 'hint' as const } : {};
        if (local) ctx.reportNode(unit, site.span, message, severity);
        else {
          const there = site.literal.program.units[site.literal.unit];
          const related = there ? [{ file: site.literal.file, range: nodeRange(there, site.span), message: `the model id '${id}' is set here` }] : undefined;
          ctx.reportNode(unit, site.arg, message, { ...severity, ...(related ? { related } : {}) });
        }
      }
    }
  },
);
