/**
 * pip requirements files (`requirements*.txt`, `constraints*.txt`, `*.in`): pip's own line
 * processing (pip/_internal/req/req_file.py) — join `\` continuations, drop comments (`#` at
 * line start or after whitespace), read option lines (`-r`, `-c`, `-e`, `--index-url`, …) and
 * per-requirement options (`--hash=…`) — and hand each requirement to the PEP 508 parser.
 */
import { parseRequirement } from './requirement';
import type { ManifestInclude, ManifestRequirement, ParsedManifest } from './types';

interface LogicalLine {
  /** The line with continuations and the comment replaced by spaces (same length as the span). */
  readonly text: string;
  readonly start: number;
}

function logicalLines(src: string): LogicalLine[] {
  const out: LogicalLine[] = [];
  let start = 0;
  let buf = '';
  let i = 0;
  while (i <= src.length) {
    const ch = src[i];
    if (ch === '\\' && (src[i + 1] === '\n' || src[i + 1] === '\r')) {
      const skip = src[i + 1] === '\r' && src[i + 2] === '\n' ? 3 : 2;
      buf += ' '.repeat(skip);
      i += skip;
      continue;
    }
    if (ch === undefined || ch === '\n' || ch === '\r') {
      out.push({ text: stripComment(buf), start });
      if (ch === '\r' && src[i + 1] === '\n') i++;
      i++;
      start = i;
      buf = '';
      continue;
    }
    buf += ch;
    i++;
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
  for (const line of logicalLines(src)) {
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
  return { requirements, includes };
}
