/**
 * setup.cfg: `[options] install_requires` and `[options.extras_require]`, read as Python's
 * configparser does (a value continues on the indented lines after its key).
 *
 * Written by hand: the npm INI parsers (`ini`, `configparser`) neither keep configparser's
 * indented multi-line values nor report positions, and both are what this needs.
 */
import { parseRequirement } from './requirement';
import type { ManifestRequirement, ParsedManifest } from './types';

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
  return { requirements, includes: [], ...(projectName ? { projectName } : {}) };
}
