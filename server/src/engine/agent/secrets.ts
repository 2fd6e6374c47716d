/**
 * Finding credentials in text: provider formats (catalogues/agent.ts), secret-looking names,
 * and an entropy test for literals assigned to them. Shared by the source and output rules.
 */
import {
  CREDENTIAL_WORDS,
  ENTROPY_THRESHOLDS,
  FAKE_VALUE_PHRASES,
  FAKE_VALUE_WORDS,
  SECRET_KEY_QUALIFIERS,
  SECRET_NAME_EXCLUDED_WORDS,
  SECRET_NAME_WORDS,
  SECRET_PATTERNS,
  SECRET_PLACEHOLDERS,
  SECRET_VALUE_PLACEHOLDERS,
  type SecretPattern,
} from '../catalogues/agent';

export interface SecretMatch {
  readonly start: number;
  readonly end: number;
  readonly value: string;
  readonly kind: SecretPattern;
}

/** Shannon entropy of a string in bits per character. */
export function shannonEntropy(s: string): number {
  if (!s) return 0;
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let h = 0;
  const n = [...s].length;
  for (const c of counts.values()) {
    const p = c / n;
    h -= p * Math.log2(p);
  }
  return h;
}

/** What a message may show of a secret: its first 4 characters and an ellipsis. */
export function maskSecret(secret: string): string {
  return `${secret.slice(0, 4)}…`;
}

/** Provider-format credentials in a text, left to right, not overlapping. */
export function findProviderSecrets(text: string): SecretMatch[] {
  const out: SecretMatch[] = [];
  for (const kind of SECRET_PATTERNS) {
    kind.pattern.lastIndex = 0;
    for (let m = kind.pattern.exec(text); m; m = kind.pattern.exec(text)) {
      const start = m.index;
      const end = start + m[0].length;
      if (m[0].length === 0) {
        kind.pattern.lastIndex++;
        continue;
      }
      if (out.some((o) => start < o.end && o.start < end)) continue;
      if (SECRET_PLACEHOLDERS.some((p) => p.test(m![0]))) continue;
      // A real key is random; `sk-aaaaaaaa…` or a repeated pattern is a template.
      if (!kind.pattern.source.includes('PRIVATE KEY') && shannonEntropy(m[0]) < 3) continue;
      out.push({ start, end, value: m[0], kind });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/** Words of an identifier or key: `DB_PASSWORD` → [db, password], `apiKey` → [api, key]. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** Whether a name holds a credential, and which threshold its literal must pass. */
export function secretNameKind(name: string): 'password' | 'token' | undefined {
  const words = nameWords(name);
  const last = words[words.length - 1];
  if (!last) return undefined;
  if (words.some((w) => SECRET_NAME_EXCLUDED_WORDS.has(w))) return undefined;
  const kind = SECRET_NAME_WORDS[last];
  if (!kind) return undefined;
  if (last === 'key') {
    const prev = words[words.length - 2];
    if (!prev || !SECRET_KEY_QUALIFIERS.has(prev)) return undefined;
  }
  // `token` alone names NLP vocabulary entries (`pad_token`, `eos_token`); the entropy bar
  // below is what keeps those out.
  return kind;
}

/**
 * Words of a literal value: split at anything not a letter or digit, at case changes
 * (`testKey`, `APIKey`) and between letters and digits (`test1234`), lower-cased.
 */
function valueWords(value: string): string[] {
  return value
    .replace(/(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|(?<=[A-Za-z])(?=[0-9])|(?<=[0-9])(?=[A-Za-z])/g, ' ')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** Why a literal bound to a secret name is not a credential, if it is not. */
function notACredential(value: string, name: string): 'fake' | 'name' | undefined {
  const words = valueWords(value);
  if (words.some((w) => FAKE_VALUE_WORDS.has(w))) return 'fake';
  if (FAKE_VALUE_PHRASES.some((p) => words.some((_, i) => p.every((w, j) => words[i + j] === w)))) return 'fake';
  // The literal spells the name it is bound to (`API_KEY = "api_key"`, `key = "ANTHROPIC_API_KEY"`
  // bound to `anthropic_api_key`), or is made only of name characters and names a credential:
  // an env var, a config key, an option path, an enum value, `my-secret-key`.
  const flat = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (flat(value) === flat(name)) return 'name';
  // Words, not randomness: a random token splits into many one- and two-character pieces.
  const wordy = words.filter((w) => w.length <= 2).length * 3 < words.length;
  if (wordy && /^[A-Za-z][A-Za-z0-9]*(?:[._:/-]+[A-Za-z0-9]+)*$/.test(value) && words.some((w) => CREDENTIAL_WORDS.has(w))) return 'name';
  return undefined;
}

/** Whether a literal assigned to a secret name looks like a real credential. */
export function looksLikeSecretValue(value: string, kind: 'password' | 'token', name = ''): boolean {
  const t = ENTROPY_THRESHOLDS[kind];
  if (value.length < t.minLength) return false;
  const lower = value.toLowerCase();
  if (SECRET_VALUE_PLACEHOLDERS.some((p) => p.test(lower))) return false;
  if (notACredential(value, name)) return false;
  return shannonEntropy(value) >= t.minEntropy;
}

/** The user-info of a URL (`scheme://user:password@host`), with its offsets (the `@` excluded). */
export interface UrlCredential {
  readonly start: number;
  readonly end: number;
  readonly user: string;
  /** Undefined when the user-info has no `:` (`https://TOKEN@host`, `ssh://git@host`). */
  readonly password?: string;
  /** Scheme and host, what a message may show: `https://pypi.acme.com`. */
  readonly where: string;
}

/**
 * User-info of the URLs in a text. Template characters (`${TOKEN}`, `<password>`) are allowed
 * so that a placeholder is found and then judged a placeholder, not missed.
 */
const URL_USER_INFO = /\b([a-z][a-z0-9+.-]*:\/\/)([^\s/?#@"'`\\]+)@([A-Za-z0-9[][^\s/?#"'`\\]*)/gi;

export function findUrlCredentials(text: string): UrlCredential[] {
  const out: UrlCredential[] = [];
  if (!text.includes('@')) return out;
  URL_USER_INFO.lastIndex = 0;
  for (let m = URL_USER_INFO.exec(text); m; m = URL_USER_INFO.exec(text)) {
    const info = m[2]!;
    const colon = info.indexOf(':');
    const start = m.index + m[1]!.length;
    out.push({
      start,
      end: start + info.length,
      user: colon < 0 ? info : info.slice(0, colon),
      ...(colon < 0 ? {} : { password: info.slice(colon + 1) }),
      where: `${m[1]}${m[3]}`,
    });
  }
  return out;
}

/**
 * Whether a URL's user-info holds a credential: a password that looks like one (placeholders
 * such as `${PASS}`, `$TOKEN`, `<password>` or `changeme` do not), or a user name that is a
 * random token (`https://<token>@host`, where git and pip take the token as the user).
 */
export function urlCredentialIsSecret(c: UrlCredential): boolean {
  if (c.password !== undefined && c.password !== '' && looksLikeSecretValue(decodeSafely(c.password), 'password', 'password')) return true;
  return looksLikeSecretValue(decodeSafely(c.user), 'token', 'token');
}

function decodeSafely(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
