/**
 * pip requirements files (`requirements*.txt`, `constraints*.txt`, `*.in`): pip's own line
 * processing (pip/_internal/req/req_file.py) — join `\` continuations, drop comments (`#` at
 * line start or after whitespace), read option lines (`-r`, `-c`, `-e`, `--index-url`, …) and
 * per-requirement options (`--hash=…`) — and hand each requirement to the PEP 508 parser.
 */
import { MAX_LINE_LENGTH, overlongProblem } from './lineLimit';
import { parseRequirement } from './requirement';
import type { ManifestInclude, ManifestProblem, ManifestRequirement, ParsedManifest } from './types';

interface LogicalLine {
  /** The line with continuations and the comment replaced by spaces (same length as the span). */
  readonly text: string;
  readonly start: number;
  /** A physical line of it longer than MAX_LINE_LENGTH: the logical line is not read. */
  readonly overlong?: { start: number; end: number };
}

/** Physical lines joined at `\` continuations; slices, never a character at a time (files can be large). */
function logicalLines(src: string): LogicalLine[] {
  const out: LogicalLine[] = [];
  let start = 0;
  let lineStart = 0;
  let parts: string[] = [];
  let overlong: LogicalLine['overlong'];
  for (let i = 0; i <= src.length; i++) {
    const ch = src.charCodeAt(i);
    if (i < src.length && ch !== 10 && ch !== 13) continue;
    if (i - lineStart > MAX_LINE_LENGTH) overlong ??= { start: lineStart, end: i };
    const brk = i === src.length ? 0 : ch === 13 && src.charCodeAt(i + 1) === 10 ? 2 : 1;
    const continued = brk > 0 && i > lineStart && src.charCodeAt(i - 1) === 92; // `\` before the line break
    if (!overlong) parts.push(continued ? `${src.slice(lineStart, i - 1)}${' '.repeat(1 + brk)}` : src.slice(lineStart, i));
    lineStart = i + brk;
    if (!continued) {
      out.push(overlong ? { text: '', start, overlong } : { text: stripComment(parts.join('')), start });
      start = lineStart;
      parts = [];
      overlong = undefined;
    }
    if (brk === 0) break;
    i = lineStart - 1;
  }
  return out;
}

/** pip's COMMENT_RE: `(^|\s+)#.*$`. Replaced by spaces so offsets stay. */
function stripComment(line: string): string {
  const m = /(^|\s)#/.exec(line);
  return m ? line.slice(0, m.index) + ' '.repeat(line.length - m.index) : line;
}

const INCLUDE_RE = /^(-r|--requirement|-c|--constraint)(?:\s*=\s*|\s+)(\S+)/;

export function parseRequirementsTxt(src: string): ParsedManifest {
  const requirements: ManifestRequirement[] = [];
  const includes: ManifestInclude[] = [];
  let error: ManifestProblem | undefined;
  for (const line of logicalLines(src)) {
    if (line.overlong) {
      error ??= overlongProblem(src, line.overlong);
      continue;
    }
    const lead = line.text.length - line.text.trimStart().length;
    const body = line.text.trim();
    if (!body) continue;
    const at = line.start + lead;
    const inc = INCLUDE_RE.exec(body);
    if (inc) {
      includes.push({ kind: inc[1]!.startsWith('-c') || inc[1] === '--constraint' ? 'constraints' : 'requirements', path: inc[2]!, start: at, end: at + inc[0].length });
      continue;
    }
    // `-e .`, `--index-url …`, `--find-links …`, `--pre`: options, not requirements of a package index.
    if (body.startsWith('-')) continue;
    // Per-requirement options start at the first ` --` (pip splits the same way).
    const optAt = body.search(/\s--?[a-z]/i);
    const spec = optAt >= 0 ? body.slice(0, optAt) : body;
    const options = optAt >= 0 ? body.slice(optAt) : '';
    const requirement = parseRequirement(spec);
    if (!requirement || requirement.local) continue;
    const hashed = /--hash[=\s]/.test(options);
    const start = at + requirement.nameStart;
    const end = at + requirement.end;
    requirements.push({
      requirement,
      start,
      end,
      group: 'requirements',
      ...(hashed ? { pinnedElsewhere: true } : {}),
      ...(requirement.name && requirement.specStart >= requirement.nameEnd && !/:\/\//.test(spec)
        ? { fix: { start: at + requirement.specStart, end: at + requirement.specEnd, text: (v: string) => `==${v}` } }
        : {}),
    });
  }
  return { requirements, includes, ...(error ? { error } : {}) };
}
