/**
 * POSTs that are reads (TAXONOMY I-effect): a request whose URL names a read endpoint (model
 * inference, OCR, search, scrape, token, status poll: catalogues/sideEffects.ts READ_ENDPOINTS),
 * whose body asks a model for an answer (INFERENCE_BODY), or that sends a GraphQL query. The URL
 * is read from the code as far as it shows it: literals, f-strings, `+`, `str.format`, `urljoin`,
 * `"/".join`, names and `self.x` bound to those; a part the code does not show is a hole (`{}`).
 */
import { GRAPHQL_ENDPOINT, INFERENCE_BODY, READ_ENDPOINTS, type SideEffectEntry } from '../catalogues/sideEffects';
import { matchesAny } from '../python/patterns';
import type { PythonProgram } from '../python/program';
import { constantOf, originOf, valueOf } from '../python/resolve';
import { argumentOf, type CallSite } from '../python/semantics';
import { field, text, walk, type PyNode } from '../python/syntax';

/** A part of a URL the code does not show. */
const HOLE = '{}';
const MAX_DEPTH = 8;

const compiled = READ_ENDPOINTS.map((e) => ({ ...e, pathRe: new RegExp(e.path, 'i'), hostRe: e.host ? new RegExp(e.host, 'i') : undefined }));
const graphqlRe = new RegExp(GRAPHQL_ENDPOINT, 'i');

/** Is this catalogued request (an entry with `url`) a read by its endpoint or its body? */
export function isReadRequest(program: PythonProgram, call: CallSite, entry: SideEffectEntry): boolean {
  if (!entry.url) return false;
  const body = requestBody(program, call, entry);
  if (body && isInferenceBody(body)) return true;
  const urlNode = urlArgument(program, call, entry);
  if (!urlNode) return false;
  const url = splitUrl(urlText(program, urlNode, call.unit));
  if (compiled.some((e) => e.pathRe.test(url.path) && (!e.hostRe || (url.host !== undefined && e.hostRe.test(url.host))))) return true;
  if (graphqlRe.test(url.path) && body) return isGraphqlQuery(program, body);
  return false;
}

function urlArgument(program: PythonProgram, call: CallSite, entry: SideEffectEntry): PyNode | undefined {
  const spec = entry.url!;
  const arg = argumentOf(call, spec.keyword, spec.position);
  if (!arg || !spec.through?.length) return arg;
  // urlopen(Request(url, data)) / req = Request(url, data); urlopen(req, data)
  const { node, unit } = valueOf(program, arg, call.unit);
  if (node.type !== 'call') return arg;
  const inner = program.semantics.calls.find((c) => c.node === node);
  const callee = field(node, 'function');
  if (!inner || !callee || !matchesAny(originOf(program, callee, unit), spec.through)) return arg;
  return argumentOf(inner, 'url', 0);
}

// ---------------------------------------------------------------------------------------------
// URLs

/** The URL text as far as the code shows it; unknown parts are `{}`. */
function urlText(program: PythonProgram, n: PyNode, unit: number, depth = 0): string {
  if (depth > MAX_DEPTH) return HOLE;
  const next = (x: PyNode | undefined, u = unit) => (x ? urlText(program, x, u, depth + 1) : HOLE);
  switch (n.type) {
    case 'string':
      return n.children
        .map((c) => {
          if (c.type === 'string_content' || c.type === 'escape_sequence') return text(c);
          if (c.type === 'interpolation') return next(c.children.find((x) => x.named && x.type !== 'format_specifier' && x.type !== 'type_conversion'));
          return '';
        })
        .join('');
    case 'concatenated_string':
      return n.children.filter((c) => c.type === 'string').map((c) => next(c)).join('');
    case 'parenthesized_expression':
      return next(n.children.find((c) => c.named && c.type !== 'comment'));
    case 'binary_operator': {
      const op = n.children.find((c) => c.field === 'operator');
      if (op && text(op) === '+') return next(field(n, 'left')) + next(field(n, 'right'));
      if (op && text(op) === '%') return next(field(n, 'left')).replace(/%[sdr]/g, HOLE);
      return HOLE;
    }
    case 'identifier': {
      const c = constantOf(program, n, unit);
      if (typeof c === 'string') return c;
      const v = valueOf(program, n, unit);
      return v.node !== n ? next(v.node, v.unit) : HOLE;
    }
    case 'attribute': {
      const v = selfAttributeValue(program, n, unit);
      return v ? next(v) : HOLE;
    }
    case 'call':
      return callText(program, n, unit, depth);
    default:
      return HOLE;
  }
}

function callText(program: PythonProgram, n: PyNode, unit: number, depth: number): string {
  const next = (x: PyNode | undefined) => (x ? urlText(program, x, unit, depth + 1) : HOLE);
  const callee = field(n, 'function');
  const args = field(n, 'arguments')?.children.filter((c) => c.named && c.type !== 'comment' && c.type !== 'keyword_argument') ?? [];
  if (!callee) return HOLE;
  if (callee.type === 'attribute') {
    const method = text(field(callee, 'attribute')!);
    const obj = field(callee, 'object')!;
    // "…{}…".format(…), base.rstrip("/"), "/".join([base, "search"])
    if (method === 'format' || method === 'strip' || method === 'rstrip' || method === 'lstrip') return next(obj);
    if (method === 'join' && obj.type === 'string' && args[0] && (args[0].type === 'list' || args[0].type === 'tuple')) {
      return args[0].children.filter((c) => c.named).map(next).join(urlText(program, obj, unit, depth + 1));
    }
  }
  const name = originOf(program, callee, unit);
  if (name === 'str' && args[0]) return next(args[0]);
  if (name === 'urllib.parse.urljoin' && args.length === 2) return `${next(args[0])}/${next(args[1])}`;
  if ((name === 'os.path.join' || name === 'posixpath.join') && args.length) return args.map(next).join('/');
  return HOLE;
}

/** `self.x` → the value of the one `self.x = …` in the class (several different ones: unknown). */
function selfAttributeValue(program: PythonProgram, expr: PyNode, unit: number): PyNode | undefined {
  const obj = field(expr, 'object');
  const attr = field(expr, 'attribute');
  if (obj?.type !== 'identifier' || text(obj) !== 'self' || !attr) return undefined;
  const b = program.semantics.lookup('self', obj, unit);
  const fn = b?.kind === 'param' ? program.semantics.functions.find((f) => f.node === b.stmt) : undefined;
  if (!fn?.cls) return undefined;
  const target = `self.${text(attr)}`;
  const values: PyNode[] = [];
  walk(fn.cls.node, (n) => {
    if (n.type === 'assignment') {
      const left = field(n, 'left');
      const right = field(n, 'right');
      if (left?.type === 'attribute' && right && text(left).replace(/\s+/g, '') === target) values.push(right);
    }
    return true;
  });
  const texts = new Set(values.map(text));
  return texts.size === 1 ? values[0] : undefined;
}

/** Host and normalised path: no scheme, query or fragment, trailing ids and holes dropped. */
function splitUrl(url: string): { host?: string; path: string } {
  let host: string | undefined;
  let rest = url.trim();
  const m = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)/i.exec(rest);
  if (m) {
    host = m[1]!.replace(/^[^@]*@/, '').replace(/:\d+$/, '');
    rest = rest.slice(m[0].length);
  }
  rest = rest.replace(/[?#][\s\S]*$/, '').replace(/\/{2,}/g, '/');
  const segments = rest.split('/');
  while (segments.length > 1 && isIdSegment(segments.at(-1)!)) segments.pop();
  return { ...(host !== undefined ? { host } : {}), path: segments.join('/') };
}

function isIdSegment(s: string): boolean {
  return s === '' || s === HOLE || /^\d+$/.test(s) || /^[0-9a-f-]{16,}$/i.test(s);
}

// ---------------------------------------------------------------------------------------------
// Bodies

interface Body {
  readonly keys: ReadonlyMap<string, PyNode | undefined>;
  readonly unit: number;
}

/** The keys of a dict body (`json={…}`, `data=json.dumps({…})`, `payload = dict(…)`). */
function requestBody(program: PythonProgram, call: CallSite, entry: SideEffectEntry): Body | undefined {
  for (const k of entry.body ?? []) {
    const arg = call.keywords.get(k) ?? (k === 'data' && entry.url?.through ? argumentOf(call, 'data', 1) : undefined);
    if (!arg) continue;
    const keys = dictKeys(program, arg, call.unit, 0);
    if (keys) return keys;
  }
  return undefined;
}

function dictKeys(program: PythonProgram, expr: PyNode, unit: number, depth: number): Body | undefined {
  if (depth > 3) return undefined;
  const { node, unit: at } = valueOf(program, expr, unit);
  if (node.type === 'dictionary') {
    const keys = new Map<string, PyNode | undefined>();
    for (const pair of node.children.filter((c) => c.type === 'pair')) {
      const k = field(pair, 'key');
      const key = k ? constantOf(program, k, at) : undefined;
      if (typeof key === 'string') keys.set(key, field(pair, 'value'));
    }
    return { keys, unit: at };
  }
  if (node.type === 'call') {
    const callee = field(node, 'function');
    const name = callee ? originOf(program, callee, at) : undefined;
    const site = program.semantics.calls.find((c) => c.node === node);
    if (!site) return undefined;
    if (name === 'dict') return { keys: new Map([...site.keywords].map(([k, v]) => [k, v])), unit: at };
    // json.dumps({...}).encode()
    if (name === 'json.dumps' && site.positional[0]) return dictKeys(program, site.positional[0], at, depth + 1);
    if (callee?.type === 'attribute' && text(field(callee, 'attribute')!) === 'encode') return dictKeys(program, field(callee, 'object')!, at, depth + 1);
  }
  return undefined;
}

function isInferenceBody(body: Body): boolean {
  return INFERENCE_BODY.all.every((k) => body.keys.has(k)) && INFERENCE_BODY.any.some((k) => body.keys.has(k));
}

function isGraphqlQuery(program: PythonProgram, body: Body): boolean {
  const q = body.keys.get('query');
  const s = q ? constantOf(program, q, body.unit) : undefined;
  if (typeof s !== 'string') return false;
  const t = s.trim();
  return /^(query\b|\{)/i.test(t);
}
