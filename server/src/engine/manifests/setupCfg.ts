/**
 * setup.cfg: `[options] install_requires` and `[options.extras_require]`, read as Python's
 * configparser does (a value continues on the indented lines after its key).
 *
 * Written by hand: the npm INI parsers (`ini`, `configparser`) neither keep configparser's
 * indented multi-line values nor report positions, and both are what this needs.
 */
import { LineIndex } from '../model';
import { parseRequirement } from './requirement';
import type { ManifestProblem, ManifestRequirement, ParsedManifest } from './types';

interface CfgValue {
  readonly section: string;
  readonly key: string;
  /** Each line of the value with its offset (first line after `=`, then continuation lines). */
  readonly lines: { text: string; start: number }[];
}

function readCfg(text: string): CfgValue[] {
  const values: CfgValue[] = [];
  let section = '';
  let current: CfgValue | undefined;
  let offset = 0;
  for (const raw of text.split(/(?<=\n)/)) {
    const line = raw.replace(/\r?\n$/, '');
    const start = offset;
    offset += raw.length;
    if (/^\s*([#;]|$)/.test(line)) continue;
    const header = /^\[([^\]]+)\]/.exec(line);
    if (header) {
      section = header[1]!.trim();
      current = undefined;
      continue;
    }
    if (/^\s/.test(line) && current) {
      current.lines.push({ text: line, start });
      continue;
    }
    const kv = /^([^=:]+?)\s*[=:]\s*/.exec(line);
    if (kv) {
      current = { section, key: kv[1]!.trim(), lines: [{ text: line.slice(kv[0].length), start: start + kv[0].length }] };
      values.push(current);
    }
  }
  return values;
}

export function parseSetupCfg(text: string): ParsedManifest {
  const requirements: ManifestRequirement[] = [];
  let projectName: string | undefined;
  for (const v of readCfg(text)) {
    if (v.section === 'metadata' && v.key === 'name') projectName = v.lines[0]?.text.trim();
    const group = v.section === 'options' && (v.key === 'install_requires' || v.key === 'setup_requires') ? v.key : v.section === 'options.extras_require' ? `extras_require.${v.key}` : undefined;
    if (!group || group === 'setup_requires') continue;
    for (const line of v.lines) {
      const body = line.text.replace(/(^|\s)[#;].*$/, '');
      // `install_requires = a; b` is not valid, but `a, b` on one line is not either: one per line.
      const req = parseRequirement(body);
      if (!req || req.local) continue;
      requirements.push({
        requirement: req, start: line.start + req.nameStart, end: line.start + req.end, group,
        ...(req.name ? { fix: { start: line.start + req.specStart, end: line.start + req.specEnd, text: (ver: string) => `==${ver}` } } : {}),
      });
    }
  }
  const error = setupCfgProblem(text);
  return { requirements, includes: [], ...(projectName ? { projectName } : {}), ...(error ? { error } : {}) };
}

/**
 * The first error Python's configparser raises on this file, read as setuptools reads setup.cfg
 * (`ConfigParser()`, strict, `=`/`:` delimiters, whole-line `#`/`;` comments, indented
 * continuation lines): a line before any `[section]`, a line that is neither a header nor
 * `key = value`, a duplicate section or a duplicate option. Follows `RawConfigParser._read`.
 */
export function setupCfgProblem(text: string): ManifestProblem | undefined {
  const lines = new LineIndex(text);
  const seen = new Map<string, number>();
  let section: string | undefined;
  let option: string | undefined;
  let indent = 0;
  for (let n = 0; n < lines.lineCount; n++) {
    const line = lines.lineText(n);
    const start = lines.offsetAt({ line: n, column: 0 });
    const at = (message: string): ManifestProblem => ({ message: `not readable by Python's configparser (setuptools reads setup.cfg with it) at line ${n + 1}: ${message}`, start, end: start + line.length });
    const value = line.trim();
    if (!value || value.startsWith('#') || value.startsWith(';')) continue;
    const lineIndent = line.length - line.trimStart().length;
    if (section !== undefined && option && lineIndent > indent) continue; // continuation line
    indent = lineIndent;
    const header = /^\[(.+)\]/.exec(value);
    if (header) {
      section = header[1]!;
      option = undefined;
      if (section === 'DEFAULT') continue;
      const first = seen.get(`[${section}]`);
      if (first !== undefined) return at(`section [${section}] again (first at line ${first})`);
      seen.set(`[${section}]`, n + 1);
      continue;
    }
    if (section === undefined) return at('a line before the first [section] header');
    const kv = /^(.*?)\s*[=:]\s*(.*)$/.exec(value);
    if (!kv || !kv[1]) return at('a line that is neither a [section] header nor key = value (nor an indented continuation)');
    option = kv[1].trimEnd();
    const first = seen.get(`[${section}] ${option}`);
    if (first !== undefined) return at(`option ${option} again in [${section}] (first at line ${first})`);
    seen.set(`[${section}] ${option}`, n + 1);
  }
  return undefined;
}
