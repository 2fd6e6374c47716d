/**
 * conda `environment.yml`: `dependencies:` holds conda match specs and a `pip:` list of pip
 * requirement lines (options such as `-r file` and `-e .` allowed, as pip reads them).
 */
import { isMap, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import { where } from './formatErrors';
import { blankOverlongLines } from './lineLimit';
import { parseCondaSpec, parseRequirement } from './requirement';
import type { ManifestInclude, ManifestRequirement, ParsedManifest } from './types';

export function parseEnvironmentYml(text: string): ParsedManifest {
  // A line over the length limit is the invalid-file rule's finding, and not read here: the yaml
  // library spends time per error token, and a 180 KB line of quotes is 90,000 of them.
  const doc = parseDocument(blankOverlongLines(text), { prettyErrors: false });
  const first = doc.errors[0];
  if (first) {
    const [start, end] = first.pos;
    // The yaml library quotes the offending token (`…in YAML stream: "text"`): never echoed, it may be a credential.
    const detail = first.message.split('\n')[0]!.replace(/:\s*".*$/, '');
    const error = { message: `invalid YAML at ${where(text, start)}: ${detail}`, start, end: Math.max(start, end) };
    return { requirements: [], includes: [], error };
  }
  const requirements: ManifestRequirement[] = [];
  const includes: ManifestInclude[] = [];
  const deps = isMap(doc.contents) ? doc.contents.get('dependencies', true) : undefined;
  if (!isSeq(deps)) return { requirements, includes };
  const scalarAt = (n: Node) => (n.range ? { start: n.range[0], end: n.range[1] } : undefined);
  for (const item of deps.items) {
    if (isScalar(item) && typeof item.value === 'string') {
      const place = scalarAt(item);
      const req = parseCondaSpec(item.value);
      // The interpreter (`python=3.11`) is the environment's Python, not a package dependency.
      if (!req || !place || req.key === 'python' || req.key === 'pip') continue;
      const offset = valueOffset(text, place.start, item.value);
      requirements.push({
        requirement: req, start: offset + req.nameStart, end: offset + req.end, group: 'conda',
        fix: { start: offset + req.specStart, end: offset + req.specEnd, text: (v) => `=${v}` },
      });
    } else if (isMap(item)) {
      const pip = item.get('pip', true);
      if (!isSeq(pip)) continue;
      for (const p of pip.items) {
        if (!isScalar(p) || typeof p.value !== 'string') continue;
        const place = scalarAt(p);
        if (!place) continue;
        const offset = valueOffset(text, place.start, p.value);
        const v = p.value.trim();
        const inc = /^(-r|--requirement|-c|--constraint)(?:\s*=\s*|\s+)(\S+)/.exec(v);
        if (inc) {
          includes.push({ kind: inc[1]!.startsWith('-c') || inc[1] === '--constraint' ? 'constraints' : 'requirements', path: inc[2]!, start: offset, end: offset + v.length });
          continue;
        }
        if (v.startsWith('-')) continue;
        const optAt = v.search(/\s--?[a-z]/i);
        const spec = optAt >= 0 ? v.slice(0, optAt) : v;
        const req = parseRequirement(spec);
        if (!req || req.local) continue;
        requirements.push({
          requirement: req, start: offset + req.nameStart, end: offset + req.end, group: 'pip',
          ...(/--hash[=\s]/.test(v.slice(spec.length)) ? { pinnedElsewhere: true } : {}),
          ...(req.name && !/:\/\//.test(spec) ? { fix: { start: offset + req.specStart, end: offset + req.specEnd, text: (ver: string) => `==${ver}` } } : {}),
        });
      }
    }
  }
  return { requirements, includes };
}

/** Offset of a scalar's text: after its opening quote when quoted. */
function valueOffset(text: string, start: number, value: string): number {
  const ch = text[start];
  if ((ch === '"' || ch === "'") && text.startsWith(value, start + 1)) return start + 1;
  return start;
}
