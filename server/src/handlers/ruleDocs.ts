/**
 * Rule summaries for hovers: the "What it does" section of `docs/rules/<id>.md`. The .vsix
 * ships `docs/rules` beside `dist/`, so the pages are read from the extension folder (found by
 * walking up from the bundle); a rule without a page falls back to its meta description.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ruleById } from '../engine';

let docsDir: string | null | undefined;

function findDocsDir(): string | null {
  for (let dir = __dirname, i = 0; i < 6; i++, dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'docs', 'rules');
    if (fs.existsSync(candidate)) return candidate;
  }
  return null;
}

const cache = new Map<string, string | undefined>();

/** The body of one `## Heading` section of a markdown page, or undefined. */
export function markdownSection(page: string, heading: string): string | undefined {
  const body = page.replace(/^---\n[\s\S]*?\n---\n/, '');
  const lines = body.split(/\r?\n/);
  const start = lines.findIndex((l) => l.trim().toLowerCase() === `## ${heading}`.toLowerCase());
  if (start < 0) return undefined;
  let end = lines.findIndex((l, i) => i > start && /^##\s/.test(l));
  if (end < 0) end = lines.length;
  const text = lines.slice(start + 1, end).join('\n').trim();
  return text || undefined;
}

/** Markdown summary of a rule for a hover. */
export function ruleSummary(ruleId: string): string | undefined {
  if (cache.has(ruleId)) return cache.get(ruleId);
  let summary: string | undefined;
  if (/^[a-z0-9-]+$/.test(ruleId)) {
    docsDir ??= findDocsDir();
    if (docsDir) {
      try {
        summary = markdownSection(fs.readFileSync(path.join(docsDir, `${ruleId}.md`), 'utf8'), 'What it does');
      } catch {
        // no page (yet): fall back to the description below
      }
    }
  }
  summary ??= ruleById(ruleId)?.meta.description;
  cache.set(ruleId, summary);
  return summary;
}
