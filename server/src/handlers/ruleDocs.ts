/**
 * Rule summaries for hovers: the first paragraph of the "What it does" section of
 * `docs/rules/<id>.md`. The .vsix ships `docs/rules` beside `dist/`, so the pages are read from
 * the extension folder (found by walking up from the bundle); a rule without a page falls back
 * to its meta description.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ruleById } from '../engine';
import { ruleDocsCommandUri } from '../ruleDocsCommand';

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

/** The first paragraph (up to the first blank line) of a markdown text, joined into one line. */
export function firstParagraph(text: string): string {
  const lines = text.trim().split(/\r?\n/);
  const end = lines.findIndex((l) => !l.trim());
  return (end < 0 ? lines : lines.slice(0, end)).map((l) => l.trim()).join(' ');
}

/**
 * Links of a doc page as a hover can follow them: a link to another rule's page (`other.md`,
 * relative to docs/rules) opens that page locally; any other link (a relative path that means
 * nothing outside the repository, a web page that fails offline) keeps only its text.
 */
export function hoverLinks(markdown: string): string {
  return markdown.replace(/\[([^\]]*)\]\(([^)\s]*)\)/g, (_, text: string, target: string) => {
    const rule = /^(?:\.\/)?([a-z0-9-]+)\.md(?:#[\w-]*)?$/.exec(target)?.[1];
    return rule && ruleById(rule) ? `[${text}](${ruleDocsCommandUri(rule)})` : text;
  });
}

/**
 * A rule's one-paragraph summary for a hover: the first paragraph of "What it does" on its doc
 * page, links made local; the rule's description when it has no page.
 */
export function hoverParagraph(ruleId: string): string | undefined {
  if (cache.has(ruleId)) return cache.get(ruleId);
  let summary: string | undefined;
  if (/^[a-z0-9-]+$/.test(ruleId)) {
    docsDir ??= findDocsDir();
    if (docsDir) {
      try {
        const section = markdownSection(fs.readFileSync(path.join(docsDir, `${ruleId}.md`), 'utf8'), 'What it does');
        if (section) summary = hoverLinks(firstParagraph(section));
      } catch {
        // no page (yet): fall back to the description below
      }
    }
  }
  summary ??= ruleById(ruleId)?.meta.description;
  cache.set(ruleId, summary);
  return summary;
}
