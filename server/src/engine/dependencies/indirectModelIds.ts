/**
 * Model ids that reach a client indirectly (D-model in TAXONOMY.md), for moving-model-alias:
 *
 *   dictModelIds(…)     ids in dicts a call is given: `**kwargs`, a keyword's dict (`json=body`,
 *                       inline or a name bound to one), AutoGen / AG2 configurations
 *                       (`llm_config={"config_list": [{"model": …}]}`, `config_list=…`,
 *                       `LLMConfig({…})`) followed through names and into other project modules
 *   urlModelIds(…)      ids in provider URLs a call is given
 *                       (`wss://api.openai.com/v1/realtime?model=…`, a string or an f-string)
 *   ollamaServer(…)     whether a call talks to an Ollama server through an OpenAI-compatible
 *                       client (`OpenAI(base_url="http://localhost:11434/v1")`), so that an
 *                       untagged name (`llama3`, i.e. `llama3:latest`) is a moving tag
 *
 * Only literals the code writes are ids here: a value from the environment, a file
 * (`config_list_from_json`) or a parameter ends the walk (configuration is never reported).
 */
import { BASE_URL_KEYWORDS, CONFIG_LIST_KEY, MODEL_CONFIG_KEYWORDS, MODEL_CONFIG_POSITIONAL, MODEL_URL_HOSTS, OLLAMA_API_TYPE, OLLAMA_PLACEHOLDER_KEY, OLLAMA_PORT } from '../catalogues/models';
import { MODEL_KEYWORDS } from '../catalogues/dependencies';
import type { ProjectContext } from '../project';
import type { PythonProgram } from '../python/program';
import { constantOf, constructorOf, elementsOf, projectValueOf, valueOf, type ProjectValue } from '../python/resolve';
import type { CallSite } from '../python/semantics';
import { field, lastNameOf, stringValue, text, type PyNode } from '../python/syntax';

/** Where an Ollama server is known to serve the id: its URL says so, or only the placeholder key hints at it. */
export type OllamaSign = 'url' | 'placeholder-key';

export interface ModelIdSite {
  /** The string literal that holds the id, and the module it is in. */
  readonly literal: ProjectValue;
  readonly id: string;
  /** The id's characters in the literal's unit (the whole literal, or a URL's query value). */
  readonly span: { readonly start: number; readonly end: number };
  /** The argument of the call in the file being checked that carries the id there. */
  readonly arg: PyNode;
  /** The endpoint dict that holds the id names an Ollama server. */
  readonly ollama?: OllamaSign;
}

/** The file being checked. */
export interface Here {
  readonly project: ProjectContext;
  readonly file: string;
  readonly program: PythonProgram;
}

const MAX_DEPTH = 6;

const unwrap = (n: PyNode): PyNode => (n.type === 'parenthesized_expression' ? (n.children.find((c) => c.named && c.type !== 'comment') ?? n) : n);

/** A literal id at `value` (a string, or a name bound to one in the same module). */
function stringSite(value: ProjectValue, arg: PyNode, ollama?: OllamaSign): ModelIdSite | undefined {
  const v = valueOf(value.program, value.node, value.unit);
  const id = v.node.type === 'string' ? stringValue(v.node) : undefined;
  if (id === undefined) return undefined;
  return { literal: { ...value, node: v.node, unit: v.unit }, id, span: v.node, arg, ...(ollama ? { ollama } : {}) };
}

/** The pairs of a dict literal or a `dict(k=v)` call, as (key, value node). */
function entriesOf(n: PyNode): [string, PyNode][] | undefined {
  if (n.type === 'dictionary') {
    const out: [string, PyNode][] = [];
    for (const pair of n.children) {
      if (pair.type !== 'pair') continue;
      const key = stringValue(field(pair, 'key'));
      const value = field(pair, 'value');
      if (key !== undefined && value) out.push([key, value]);
    }
    return out;
  }
  if (n.type === 'call' && text(field(n, 'function')!) === 'dict') {
    const out: [string, PyNode][] = [];
    for (const kw of field(n, 'arguments')?.children ?? []) {
      const name = field(kw, 'name');
      const value = field(kw, 'value');
      if (kw.type === 'keyword_argument' && name && value) out.push([text(name), value]);
    }
    return out;
  }
  return undefined;
}

/**
 * Ids in a dict value: its model keys (`"model": "gpt-4o"`), and with `config` set (an AutoGen
 * configuration) the endpoint dicts of its `config_list`, or the items of a list that is the
 * config list itself. Names are followed in `value`'s module, and with `config` into the
 * project's other modules.
 */
function idsInValue(here: Here, value: ProjectValue, arg: PyNode, config: boolean, out: ModelIdSite[], depth = 0): void {
  if (depth > MAX_DEPTH) return;
  // What a finding outside this file is reported at: the last node here that leads to it.
  if (value.file === here.file) arg = value.node;
  const v = config ? projectValueOf(here.project, value.file, value.program, value.node, value.unit) : { ...value, ...valueOf(value.program, value.node, value.unit) };
  const node = unwrap(v.node);
  const entries = entriesOf(node);
  if (entries) {
    const ollama = config ? endpointOllama(v, entries) : undefined;
    for (const [key, item] of entries) {
      const at = { ...v, node: item };
      if (MODEL_KEYWORDS.has(key)) {
        const site = stringSite(config ? projectValueOf(here.project, v.file, v.program, item, v.unit) : at, arg, ollama);
        if (site) out.push(site);
      } else if (config && key === CONFIG_LIST_KEY) idsInValue(here, at, arg, true, out, depth + 1);
    }
    return;
  }
  if (!config) return;
  for (const item of elementsOf(v.program, node, v.unit) ?? []) idsInValue(here, { ...v, ...item }, arg, true, out, depth + 1);
}

/** An AutoGen endpoint dict that names an Ollama server: `"api_type": "ollama"` or an Ollama base URL. */
function endpointOllama(at: ProjectValue, entries: [string, PyNode][]): OllamaSign | undefined {
  for (const [key, value] of entries) {
    const c = constantOf(at.program, value, at.unit);
    if (typeof c !== 'string') continue;
    if (key === 'api_type' && c.toLowerCase() === OLLAMA_API_TYPE) return 'url';
    if (BASE_URL_KEYWORDS.has(key) && isOllamaUrl(c)) return 'url';
  }
  return undefined;
}

/**
 * Model ids in the dicts a call is given: `**kwargs` and keyword dicts (inline or a name in
 * this module, as SDK examples build their requests), AutoGen configurations by keyword
 * (`llm_config=`, `config_list=`, through names and modules) and AG2's `LLMConfig({…})`.
 */
export function dictModelIds(here: Here, call: CallSite): ModelIdSite[] {
  const out: ModelIdSite[] = [];
  const at = (node: PyNode) => ({ node, unit: call.unit, file: here.file, program: here.program });
  for (const arg of field(call.node, 'arguments')?.children ?? []) {
    if (arg.type === 'dictionary_splat') {
      const dict = arg.children.find((c) => c.named);
      if (dict && mayBeDict(dict)) idsInValue(here, at(dict), dict, false, out);
    } else if (arg.type === 'keyword_argument') {
      const name = field(arg, 'name');
      const value = field(arg, 'value');
      if (!name || !value || MODEL_KEYWORDS.has(text(name))) continue;
      const config = MODEL_CONFIG_KEYWORDS.has(text(name));
      if (config || mayBeDict(value)) idsInValue(here, at(value), value, config, out);
    }
  }
  if (MODEL_CONFIG_POSITIONAL.has(lastNameOf(call.callee) ?? '')) {
    for (const p of call.positional) idsInValue(here, at(p), p, true, out);
  }
  return out;
}

/**
 * Can this argument be a dict `idsInValue` reads without a configuration keyword: a dict literal,
 * `dict(…)`, or a name or parentheses around one (the only shapes `valueOf` and `entriesOf` end
 * at a dict from). Every call of a notebook is asked on every edit; most arguments are not.
 */
function mayBeDict(n: PyNode): boolean {
  return n.type === 'identifier' || n.type === 'dictionary' || n.type === 'parenthesized_expression' || (n.type === 'call' && text(field(n, 'function') ?? n) === 'dict');
}

/** Is the URL an Ollama server's (Ollama's port, or a host named for it: `http://ollama:11434`)? */
export function isOllamaUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return false;
  }
  return url.port === OLLAMA_PORT || url.hostname.toLowerCase().includes('ollama');
}

/** `client` of `client.chat.completions.create`, or `self.client`, or the call a chain starts at. */
function receiverRoot(callee: PyNode): PyNode | undefined {
  let n = callee;
  while (n.type === 'attribute') {
    const obj = field(n, 'object');
    if (!obj) return undefined;
    if (obj.type === 'identifier' && text(obj) === 'self') return n;
    n = obj;
  }
  return n === callee ? undefined : n;
}

/** What a constructor's keywords say about its server (`base_url=`, `api_key="ollama"`). */
function clientOllama(program: PythonProgram, call: PyNode, unit: number): OllamaSign | undefined {
  let sign: OllamaSign | undefined;
  for (const kw of field(call, 'arguments')?.children ?? []) {
    if (kw.type !== 'keyword_argument') continue;
    const name = text(field(kw, 'name')!);
    const value = field(kw, 'value');
    const c = value ? constantOf(program, value, unit) : undefined;
    if (typeof c !== 'string') continue;
    if (BASE_URL_KEYWORDS.has(name) && isOllamaUrl(c)) return 'url';
    if (name === 'api_key' && c.trim().toLowerCase() === OLLAMA_PLACEHOLDER_KEY) sign = 'placeholder-key';
  }
  return sign;
}

/**
 * Does the call send its model id to an Ollama server through an OpenAI-compatible client:
 * its own `base_url=` (`ChatOpenAI(base_url=…, model="llama3")`), or the client it is called on
 * (`client.chat.completions.create(…)` with `client = OpenAI(base_url=…)`, also `self.client`)?
 */
export function ollamaServer(program: PythonProgram, call: CallSite): OllamaSign | undefined {
  const own = clientOllama(program, call.node, call.unit);
  if (own) return own;
  const root = receiverRoot(call.callee);
  const ctor = root && (root.type === 'call' ? root : constructorOf(program, root, call.unit));
  return ctor ? clientOllama(program, ctor, call.unit) : undefined;
}

/**
 * Model ids in provider URLs a call is given, directly or through a name in this module:
 * `websockets.connect("wss://api.openai.com/v1/realtime?model=gpt-4o-realtime-preview")`. The
 * id is the `model` query value, written in the string or an f-string's interpolated name
 * bound to a literal (`?model={MODEL}`). Strings only compared or printed are not looked at.
 */
export function urlModelIds(here: Here, call: CallSite): ModelIdSite[] {
  const out: ModelIdSite[] = [];
  for (const arg of [...call.positional, ...call.keywords.values()]) {
    if (arg.type !== 'string' && arg.type !== 'identifier') continue;
    const v = valueOf(here.program, arg, call.unit);
    if (v.node.type !== 'string') continue;
    const site = urlSite({ node: v.node, unit: v.unit, file: here.file, program: here.program }, arg);
    if (site) out.push(site);
  }
  return out;
}

function urlSite(str: ProjectValue, arg: PyNode): ModelIdSite | undefined {
  // The string's text with each interpolation as one NUL, and where each content piece starts.
  let flat = '';
  const pieces: { at: number; node: PyNode }[] = [];
  const holes = new Map<number, PyNode>();
  for (const c of str.node.children) {
    if (c.type === 'string_content' || c.type === 'escape_sequence') {
      pieces.push({ at: flat.length, node: c });
      flat += text(c);
    } else if (c.type === 'interpolation') {
      holes.set(flat.length, c);
      flat += '\0';
    }
  }
  const query = flat.indexOf('?');
  if (query < 0 || !/^(wss|https):\/\/$/.test(flat.slice(0, flat.indexOf('//') + 2))) return undefined;
  const host = flat.slice(flat.indexOf('//') + 2).split(/[/?:]/, 1)[0]!.toLowerCase();
  if (!MODEL_URL_HOSTS.has(host)) return undefined;
  const params = flat.slice(query + 1).split('#', 1)[0]!;
  let offset = query + 1;
  for (const param of params.split('&')) {
    if (param.startsWith('model=')) {
      const start = offset + 'model='.length;
      const value = param.slice('model='.length);
      if (value === '\0') {
        // `?model={MODEL}`: the interpolated name's literal, if it is one.
        const hole = holes.get(start);
        const expr = hole?.children.find((c) => c.named && c.type !== 'type_conversion' && c.type !== 'format_specifier');
        return expr ? stringSite({ ...str, node: expr }, arg) : undefined;
      }
      if (!value || value.includes('\0')) return undefined;
      const piece = pieces.find((p) => p.at <= start && start + value.length <= p.at + text(p.node).length);
      if (!piece || piece.node.type !== 'string_content') return undefined;
      const begin = piece.node.start + (start - piece.at);
      let id = value;
      try {
        id = decodeURIComponent(value);
      } catch {
        // a stray `%`: the id as written
      }
      return { literal: str, id, span: { start: begin, end: begin + value.length }, arg };
    }
    offset += param.length + 1;
  }
  return undefined;
}
