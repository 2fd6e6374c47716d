/**
 * `preflight check --format sarif`: SARIF 2.1.0 for code scanning (GitHub's upload-sarif and
 * other viewers). Paths are relative to the working directory under `%SRCROOT%`; positions are
 * 1-based with UTF-16 columns, as the run's `columnKind` says. SARIF regions address lines of
 * the file, which an `.ipynb` (JSON) does not share with its cells, so a notebook finding is
 * anchored on the notebook's first line and names its cell and position in the message and in
 * `properties` instead of pointing at the wrong JSON line.
 */
import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import { type Finding, ruleById, type Severity } from '../engine';
import { relativePath, toJsonFinding, type CheckReport } from './formats';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const INFORMATION_URI = 'https://github.com/preflight-dev/preflight';

const LEVEL: Record<Severity, Sarif.Result.level> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

function ruleDescriptor(id: string): Sarif.ReportingDescriptor {
  const rule = ruleById(id);
  if (!rule) return { id, shortDescription: { text: id } };
  return {
    id,
    name: id,
    shortDescription: { text: rule.meta.description },
    helpUri: rule.meta.url,
    defaultConfiguration: { level: LEVEL[rule.meta.defaultSeverity], enabled: rule.meta.recommended },
    properties: { category: rule.meta.category, tags: [rule.meta.category, ...rule.meta.subtypes] },
  };
}

function result(f: Finding, ruleIndex: number, cwd: string): Sarif.Result {
  const uri = relativePath(f.file, cwd);
  const inCell = f.cell !== undefined;
  const where = inCell ? `[cell ${f.cell! + 1}, line ${f.range.start.line + 1}, column ${f.range.start.column + 1}] ` : '';
  const region: Sarif.Region = inCell
    ? { startLine: 1 }
    : { startLine: f.range.start.line + 1, startColumn: f.range.start.column + 1, endLine: f.range.end.line + 1, endColumn: f.range.end.column + 1 };
  // Places the message speaks of (the cell that defines a name…), positioned like the result: a
  // cell's place in the message text, since a SARIF region counts lines of the whole file.
  const related = (toJsonFinding(f, cwd).related ?? []).map((r, id): Sarif.Location => ({
    id,
    physicalLocation: { artifactLocation: { uri: r.file, uriBaseId: '%SRCROOT%' }, region: r.cell !== null ? { startLine: 1 } : { startLine: r.line, startColumn: r.column } },
    message: { text: `${r.cell !== null ? `[cell ${r.cell}, line ${r.line}, column ${r.column}] ` : ''}${r.message}` },
  }));
  return {
    ruleId: f.ruleId,
    ruleIndex,
    level: LEVEL[f.severity],
    message: { text: `${where}${f.message}` },
    locations: [{ physicalLocation: { artifactLocation: { uri, uriBaseId: '%SRCROOT%' }, region } }],
    ...(related.length ? { relatedLocations: related } : {}),
    ...(inCell
      ? { properties: { cell: f.cell! + 1, cellRegion: { startLine: f.range.start.line + 1, startColumn: f.range.start.column + 1, endLine: f.range.end.line + 1, endColumn: f.range.end.column + 1 } } }
      : {}),
  };
}

export function toSarif(report: CheckReport, cwd: string, version: string): Sarif.Log {
  const ids = [...new Set(report.findings.map((f) => f.ruleId))].sort();
  const index = new Map(ids.map((id, i) => [id, i]));
  const srcroot = pathToFileURL(cwd).href;
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'Preflight', version, semanticVersion: version, informationUri: INFORMATION_URI, rules: ids.map(ruleDescriptor) } },
        originalUriBaseIds: { '%SRCROOT%': { uri: srcroot.endsWith('/') ? srcroot : `${srcroot}/` } },
        columnKind: 'utf16CodeUnits',
        results: report.findings.map((f) => result(f, index.get(f.ruleId)!, cwd)),
      },
    ],
  };
}

export function formatSarif(report: CheckReport, cwd: string, version: string): string {
  return `${JSON.stringify(toSarif(report, cwd, version), null, 2)}\n`;
}
