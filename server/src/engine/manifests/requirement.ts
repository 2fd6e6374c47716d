/**
 * One requirement string — PEP 508 (`name[extras] (specifiers) ; marker`, `name @ url`), a bare
 * URL or local path, or a conda match spec — and whether it pins exactly one version.
 *
 * PEP 508 syntax comes from pip-requirements-js (a full grammar with source locations) and
 * version parsing from @renovatebot/pep440; only the pin decision (TAXONOMY D-req: `==`/`===`,
 * or a URL fixed to a commit or a hash) is ours.
 */
import { explain, valid } from '@renovatebot/pep440';
import { parsePipRequirementsLine, type RequirementWithLocation } from 'pip-requirements-js';

/**
 * Longer than any real requirement (a URL requirement is some hundreds of characters): not
 * read. The PEP 508 grammar keeps about 1.8 KB per input character, so a 64 KiB string (the
 * line limit, lineLimit.ts) would still cost 115 MB and seconds.
 */
export const MAX_REQUIREMENT_LENGTH = 8 * 1024;

export interface ParsedRequirement {
  /** Distribution name as written (empty for a bare URL we cannot name). */
  readonly name: string;
  /** PEP 503 normalised name. */
  readonly key: string;
  /** Offsets inside the string given: the name, and the whole requirement without its marker. */
  readonly nameStart: number;
  readonly nameEnd: number;
  readonly end: number;
  /** Where the version part sits (after name and extras, before the marker): a fix replaces it. */
  readonly specStart: number;
  readonly specEnd: number;
  readonly pinned: boolean;
  /** The exact version when pinned with `==`/`===`. */
  readonly version?: string;
  /** A local path or an editable project: the project's own code, never a finding. */
  readonly local: boolean;
  /** Why it is not pinned, for the message ("has no version", "allows a range (>=1.0)"). */
  readonly problem: string;
  /** Extras asked for (`crewai[tools]` → `["tools"]`), PEP 503-normalised. */
  readonly extras?: readonly string[];
}

export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

const NAME_RE = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?/;
const HEX_COMMIT = /^[0-9a-f]{7,40}$/i;

/** A VCS or archive URL fixed to content: a commit id after `@`, a hash fragment, or a wheel file. */
export function isFixedUrl(url: string): boolean {
  if (/[#&](sha1|sha224|sha256|sha384|sha512|md5)=[0-9a-f]+/i.test(url)) return true;
  const noFragment = url.split('#')[0]!;
  if (/^(git|hg|svn|bzr)\+/i.test(noFragment)) {
    const at = noFragment.lastIndexOf('@');
    const slash = noFragment.lastIndexOf('/');
    return at > slash && HEX_COMMIT.test(noFragment.slice(at + 1));
  }
  // GitHub/GitLab archives of a commit: …/archive/<sha>.zip
  if (/\/archive\/[0-9a-f]{40}\.(zip|tar\.gz)$/i.test(noFragment)) return true;
  // A wheel file name carries its exact version and an index never replaces a published file.
  return /\.whl$/i.test(noFragment);
}

export function looksLikeLocalPath(s: string): boolean {
  if (/^(\.{1,2}([\\/]|$)|[\\/~]|[A-Za-z]:[\\/]|file:)/.test(s)) return true;
  // an archive file name alone (`dist/pkg-1.0.tar.gz`, `pkg-*.whl`), not `name @ https://…/pkg.zip`
  if (/^[^\s@;:]+[.*](whl|tar\.gz|zip|tar\.bz2|tgz)$/i.test(s)) return true;
  // A distribution name never holds a path separator or a glob: `dist/pkg*whl`, `libs/x` are
  // paths (what comes before any version operator, extras, marker or `@ url`).
  const head = /^[^\s@;<>=!~[(]*/.exec(s)![0];
  return !head.includes(':') && /[\\/*?]/.test(head);
}

function describeSpecs(specs: readonly { operator: string; version: string }[]): string {
  return specs.map((s) => `${s.operator}${s.version}`).join(',');
}

/** Exact pin: `===x`, or `==x` without a wildcard. */
function exactVersion(specs: readonly { operator: string; version: string }[]): string | undefined {
  for (const s of specs) {
    if (s.operator === '===') return s.version;
    if (s.operator === '==' && !s.version.includes('*')) return s.version;
  }
  return undefined;
}

function fromParsed(text: string, r: RequirementWithLocation): ParsedRequirement | undefined {
  const d = r.data;
  if (d.type === 'RequirementsFile' || d.type === 'ConstraintsFile') return undefined;
  const name = d.name.data;
  const nameStart = d.name.location.startIdx;
  const nameEnd = d.name.location.endIdx;
  const extrasEnd = d.extras?.length ? text.indexOf(']', d.extras[d.extras.length - 1]!.location.endIdx) + 1 : nameEnd;
  const markerStart = d.environmentMarkerTree ? text.lastIndexOf(';', d.environmentMarkerTree.location.startIdx) : -1;
  const end = markerStart >= 0 ? text.slice(0, markerStart).trimEnd().length : r.location.endIdx;
  const extras = (d.extras ?? []).map((e) => normalizeName(e.data));
  const base = { name, key: normalizeName(name), nameStart, nameEnd, end, local: false, ...(extras.length ? { extras } : {}) };
  if (d.type === 'ProjectURL') {
    // `name @ file:///…` (what `pip freeze` writes for a local build) is a file on this machine,
    // as a bare path is: no index can hand out another release for it.
    if (/^file:/i.test(d.url.data)) return { ...base, local: true, specStart: extrasEnd, specEnd: end, pinned: true, problem: '' };
    const pinned = isFixedUrl(d.url.data);
    return { ...base, specStart: extrasEnd, specEnd: end, pinned, problem: pinned ? '' : 'points at a URL that is not fixed to a commit or hash' };
  }
  const specs = (d.versionSpec ?? []).map((v) => ({ operator: v.data.operator.data as string, version: v.data.version.data }));
  const version = exactVersion(specs);
  const specStart = extrasEnd;
  const specEnd = d.versionSpec?.length ? Math.max(...d.versionSpec.map((v) => v.location.endIdx), end) : extrasEnd;
  const closing = text.slice(specEnd).match(/^\s*\)/)?.[0].length ?? 0;
  return {
    ...base,
    specStart,
    specEnd: Math.min(specEnd + closing, end),
    pinned: version !== undefined,
    ...(version !== undefined ? { version } : {}),
    problem: specs.length === 0 ? 'has no version' : version === undefined ? `allows a range (${describeSpecs(specs)})` : '',
  };
}

/**
 * Parse one requirement string (no pip options, no comment). Never throws: text that is not
 * PEP 508 gives a best-effort name and counts as pinned only when it says `==`/`===`.
 */
export function parseRequirement(textIn: string): ParsedRequirement | undefined {
  if (textIn.length > MAX_REQUIREMENT_LENGTH) return undefined;
  // Memoised: the PEP 508 grammar (ohm) costs about a millisecond a call, and the same
  // `pip install` lines recur across a project's notebooks. Results are never mutated.
  if (requirementMemo.has(textIn)) return requirementMemo.get(textIn);
  const r = parseRequirementUncached(textIn);
  if (requirementMemo.size > 5_000) requirementMemo.clear();
  requirementMemo.set(textIn, r);
  return r;
}

const requirementMemo = new Map<string, ParsedRequirement | undefined>();

function parseRequirementUncached(textIn: string): ParsedRequirement | undefined {
  const text = textIn.replace(/\s+$/, '');
  const lead = text.length - text.trimStart().length;
  const body = text.slice(lead);
  if (!body) return undefined;
  const shift = (r: ParsedRequirement): ParsedRequirement => ({
    ...r, nameStart: r.nameStart + lead, nameEnd: r.nameEnd + lead, end: r.end + lead, specStart: r.specStart + lead, specEnd: r.specEnd + lead,
  });
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(body) || /^(git|hg|svn|bzr)\+/i.test(body) || looksLikeLocalPath(body)) {
    // A bare URL or path: `git+https://…@sha#egg=name`, `./pkg`, `https://…/x.whl`.
    const egg = /[#&]egg=([A-Za-z0-9._-]+)/.exec(body)?.[1] ?? '';
    const local = looksLikeLocalPath(body) && !/^(?!file:)[a-z]+:\/\//i.test(body); // `file://` is a local path too
    const pinned = local || isFixedUrl(body);
    return shift({ name: egg, key: normalizeName(egg), nameStart: 0, nameEnd: body.length, end: body.length, specStart: body.length, specEnd: body.length, pinned, local, problem: pinned ? '' : 'points at a URL that is not fixed to a commit or hash' });
  }
  try {
    const r = parsePipRequirementsLine(body, { includeLocations: true });
    if (r) {
      const p = fromParsed(body, r);
      return p && shift(p);
    }
  } catch {
    /* not PEP 508: fall through to the loose reading */
  }
  const m = NAME_RE.exec(body);
  if (!m) return undefined;
  const rest = body.slice(m[0].length).split(';')[0]!;
  const exact = /===\s*([^\s,;]+)|==\s*([^\s,;*]+)(?![\w.]*\*)/.exec(rest);
  const version = exact ? (exact[1] ?? exact[2]) : undefined;
  const end = m[0].length + rest.trimEnd().length;
  return shift({
    name: m[0], key: normalizeName(m[0]), nameStart: 0, nameEnd: m[0].length, end, specStart: m[0].length, specEnd: end,
    pinned: version !== undefined, ...(version !== undefined ? { version } : {}), local: false,
    problem: version !== undefined ? '' : rest.trim() ? `allows a range (${rest.trim()})` : 'has no version',
  });
}

/**
 * A conda match spec (`numpy`, `numpy=1.26.4`, `numpy==1.26.4`, `numpy=1.26.4=py311h…`,
 * `conda-forge::numpy>=1.2`). Conda's `=1.26` means `1.26.*`, so a single `=` pins only with a
 * full version (three release parts); `==` always pins.
 */
export function parseCondaSpec(textIn: string): ParsedRequirement | undefined {
  if (textIn.length > MAX_REQUIREMENT_LENGTH) return undefined;
  const text = textIn.replace(/\s+$/, '');
  const lead = text.length - text.trimStart().length;
  let body = text.slice(lead);
  let offset = lead;
  const channel = /^[^\s:]+::/.exec(body);
  if (channel) {
    body = body.slice(channel[0].length);
    offset += channel[0].length;
  }
  const m = NAME_RE.exec(body);
  if (!m) return undefined;
  const name = m[0];
  const rest = body.slice(name.length).trim();
  let version: string | undefined;
  let problem = '';
  if (!rest) problem = 'has no version';
  else if (rest.startsWith('==')) version = rest.slice(2).split(/[=\s]/)[0];
  else if (/^=[^=<>!]/.test(rest) || /^\s*[0-9]/.test(rest)) {
    const v = rest.replace(/^=/, '').split(/[=\s]/)[0]!;
    const parts = explain(v)?.release.length ?? v.split('.').length;
    if (!v.includes('*') && parts >= 3) version = v;
    else problem = `allows any ${v.replace(/\.?\*$/, '')}.* version`;
  } else problem = `allows a range (${rest})`;
  if (version !== undefined && version.includes('*')) {
    problem = `allows a range (${rest})`;
    version = undefined;
  }
  return {
    name, key: normalizeName(name), nameStart: offset, nameEnd: offset + name.length, end: lead + text.slice(lead).length,
    specStart: offset + name.length, specEnd: lead + text.slice(lead).length,
    pinned: version !== undefined, ...(version !== undefined ? { version } : {}), local: false, problem,
  };
}

/** Is this string a version (for a Poetry/Pipfile exact version like `"1.2.3"`)? */
export function isExactVersion(v: string): boolean {
  return valid(v) !== null && !v.includes('*');
}
