/**
 * Secrets are never echoed: the one redaction every text Preflight shows passes through —
 * finding messages, fix titles and related-location messages (made in analyze.ts findingOf,
 * so every output format and the language server get them redacted) and checklist evidence
 * (evaluate.ts, which also quotes saved tracebacks). It hides what `hardcoded-secret` and
 * `secret-in-output` detect, using the same detectors (agent/secrets.ts):
 *
 * - the user-info of URLs (`https://user:pass@host` → `https://***@host`), unless it is a plain
 *   user name (`ssh://git@github.com`);
 * - provider-format tokens anywhere (`ghp_…`, `AKIA…`, `sk-…`): the first 4 characters stay,
 *   enough to tell which key it was; a private key block is cut after its header;
 * - values of secret query parameters (`?access_token=…`, `&sig=…`);
 * - values bound to secret names in quoted code or logs (`password='…'`, `API_KEY=…`), when
 *   the value looks like a credential (the same test as `hardcoded-secret`).
 *
 * Redacting twice gives the same text, so a caller need not know whether a text was redacted.
 */
import { findProviderSecrets, findUrlCredentials, looksLikeSecretValue, maskSecret, secretNameKind } from './agent/secrets';
import { SECRET_NAME_WORDS, URL_SECRET_PARAMS } from './catalogues/agent';

interface Span {
  start: number;
  end: number;
  replacement: string;
}

/** What stands for a hidden URL user-info or parameter value. */
export const REDACTED = '***';

/** A user-info that is only a user name: short, no password, nothing random. */
const PLAIN_USER = /^[A-Za-z0-9._~-]{1,15}$/;

const PRIVATE_KEY_END = /-----END [A-Z ]*PRIVATE KEY(?: BLOCK)?-----/g;

/** `?name=value` / `&name=value` inside URLs. */
const QUERY_PARAM = /[?&;]([A-Za-z][A-Za-z0-9_.-]*)=([^&#\s"'`<>]+)/g;

/**
 * `name = value`, `name: value`, `"name": "value"`, `name='value'` in quoted code, logs and
 * tracebacks, read from each `=` or `:` (a message has few; scanning every word for a name
 * that may follow would cost more on the many findings of a big file). Only the value is
 * replaced, and only when the name holds a secret and the value looks like one.
 */
const SEPARATOR = /[:=]/g;
const VALUE_AFTER = /[ \t]*(["']?)([^\s"'`,;&()[\]{}]+)/y;
const NAME_CHAR = /[A-Za-z0-9_.-]/;
/** A cheap first test of a name: it ends with a secret word (`secretNameKind` then decides). */
const ENDS_WITH_SECRET_WORD = new RegExp(`(?:${Object.keys(SECRET_NAME_WORDS).join('|')})$`, 'i');

/** The name right before a separator at `at` (`name`, `"name"`, `name  `), if any. */
function nameBefore(text: string, at: number): string | undefined {
  let end = at;
  while (end > 0 && (text[end - 1] === ' ' || text[end - 1] === '\t')) end--;
  if (end > 0 && (text[end - 1] === '"' || text[end - 1] === "'")) end--;
  let start = end;
  while (start > 0 && NAME_CHAR.test(text[start - 1]!)) start--;
  // A name starts with a letter or underscore (`1.5:` and `.x=` name nothing).
  while (start < end && !/[A-Za-z_]/.test(text[start]!)) start++;
  return start < end ? text.slice(start, end) : undefined;
}

function namedValueSpans(text: string, spans: Span[]): void {
  SEPARATOR.lastIndex = 0;
  for (let m = SEPARATOR.exec(text); m; m = SEPARATOR.exec(text)) {
    const name = nameBefore(text, m.index);
    const kind = name && ENDS_WITH_SECRET_WORD.test(name) && secretNameKind(name);
    if (!kind) continue;
    VALUE_AFTER.lastIndex = m.index + 1;
    const v = VALUE_AFTER.exec(text);
    const value = v?.[2];
    if (!v || !value || !looksLikeSecretValue(value, kind, name)) continue;
    const start = v.index + v[0].length - value.length;
    spans.push({ start, end: start + value.length, replacement: maskSecret(value) });
  }
}

function queryParamSpans(text: string, spans: Span[]): void {
  QUERY_PARAM.lastIndex = 0;
  for (let m = QUERY_PARAM.exec(text); m; m = QUERY_PARAM.exec(text)) {
    const name = m[1]!;
    if (!URL_SECRET_PARAMS.has(name.toLowerCase()) && !secretNameKind(name)) continue;
    const start = m.index + m[0].length - m[2]!.length;
    spans.push({ start, end: start + m[2]!.length, replacement: REDACTED });
  }
}

function secretSpans(text: string): Span[] {
  const spans: Span[] = [];
  for (const c of findUrlCredentials(text)) {
    if (c.password === undefined && PLAIN_USER.test(c.user)) continue;
    spans.push({ start: c.start, end: c.end, replacement: REDACTED });
  }
  for (const m of findProviderSecrets(text)) {
    if (m.kind.env === 'PRIVATE_KEY') {
      // The header is not secret; everything after it up to the end marker is.
      PRIVATE_KEY_END.lastIndex = m.end;
      const end = PRIVATE_KEY_END.exec(text);
      spans.push({ start: m.end, end: end ? end.index : text.length, replacement: '…' });
      continue;
    }
    spans.push({ start: m.start, end: m.end, replacement: maskSecret(m.value) });
  }
  if (text.includes('=')) queryParamSpans(text, spans);
  namedValueSpans(text, spans);
  return spans;
}

/**
 * Texts already redacted: a big file's findings repeat the same few messages (20,000 calls of
 * `random.random()` give 20,000 equal messages), so each is redacted once. Bounded: cleared
 * when full.
 */
const memo = new Map<string, string>();
const MEMO_SIZE = 2000;

/** The text with every secret it shows replaced (see the module comment). */
export function redactSecrets(text: string): string {
  if (!text) return text;
  const known = memo.get(text);
  if (known !== undefined) return known;
  const spans = secretSpans(text).sort((a, b) => a.start - b.start || b.end - a.end);
  let out = '';
  let at = 0;
  for (const s of spans) {
    if (s.start < at) continue; // inside a span already replaced (a token in a URL's user-info)
    out += text.slice(at, s.start) + s.replacement;
    at = s.end;
  }
  const redacted = spans.length ? out + text.slice(at) : text;
  if (memo.size >= MEMO_SIZE) memo.clear();
  memo.set(text, redacted);
  return redacted;
}
