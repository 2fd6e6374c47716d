/**
 * Hover on a Preflight diagnostic: for each rule under the cursor its name, a `command:` link
 * that opens the rule's page shipped in the extension (works offline; the client trusts only
 * that command) and the one-paragraph summary from its doc page. Not the finding's message:
 * VS Code shows every diagnostic's message in the hover itself, above what providers add. At
 * most HOVER_MAX_BYTES of Markdown: the box must not cover the code it explains (the full page
 * is one click away).
 */
import { MarkupKind, type Diagnostic, type Hover, type HoverParams, type Position } from 'vscode-languageserver';
import { dataOf } from '../lsp/findingToDiagnostic';
import { ruleDocsCommandUri } from '../ruleDocsCommand';
import { hoverParagraph } from './ruleDocs';

/** Upper bound of a hover's Markdown, in UTF-8 bytes. */
export const HOVER_MAX_BYTES = 1024;
/** Rules named in one hover; more findings at the same place are counted, not listed. */
const MAX_RULES = 3;
const SEPARATOR = '\n\n---\n\n';

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

function contains(d: Diagnostic, p: Position): boolean {
  const { start, end } = d.range;
  const afterStart = p.line > start.line || (p.line === start.line && p.character >= start.character);
  const beforeEnd = p.line < end.line || (p.line === end.line && p.character <= end.character);
  return afterStart && beforeEnd;
}

/**
 * `text` cut to at most `maxBytes` UTF-8 bytes: at the end of a sentence when one ends in the
 * second half, else at a word, with an ellipsis. Never cuts inside a code span or a link, whose
 * half would render as stray backticks or brackets.
 */
export function clip(text: string, maxBytes: number): string {
  if (bytes(text) <= maxBytes) return text;
  if (maxBytes < 2) return '';
  const cuts: number[] = [];
  let inCode = false;
  let linkDepth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '`') inCode = !inCode;
    else if (!inCode && (c === '[' || c === '(')) linkDepth++;
    else if (!inCode && (c === ']' || c === ')') && linkDepth > 0) linkDepth--;
    else if (c === ' ' && !inCode && linkDepth === 0) cuts.push(i);
  }
  const fits = cuts.filter((i) => bytes(text.slice(0, i)) + bytes(' …') <= maxBytes);
  const sentence = fits.filter((i) => /[.:;]$/.test(text.slice(0, i)) && bytes(text.slice(0, i)) * 2 >= maxBytes).at(-1);
  if (sentence !== undefined) return text.slice(0, sentence);
  const word = fits.at(-1);
  return word === undefined ? '' : `${text.slice(0, word).replace(/[,;:]$/, '')} …`;
}

function header(ruleId: string): string {
  return `**Preflight: \`${ruleId}\`** · [Open rule docs](${ruleDocsCommandUri(ruleId)})`;
}

export function hover(params: HoverParams, published: ReadonlyMap<string, readonly Diagnostic[]>): Hover | null {
  const hits = (published.get(params.textDocument.uri) ?? []).filter((d) => dataOf(d) && contains(d, params.position));
  if (!hits.length) return null;
  const rules = [...new Set(hits.map((d) => dataOf(d)!.ruleId))];
  const shown = rules.slice(0, MAX_RULES);
  const more = rules.length - shown.length;
  const tail = more > 0 ? `${SEPARATOR}…and ${more} more Preflight finding${more === 1 ? '' : 's'} here (Problems lists them).` : '';
  const blocks = shown.map((id) => [header(id)]);
  const render = () => blocks.map((b) => b.join('\n\n')).join(SEPARATOR) + tail;
  // VS Code shows each diagnostic's message in the hover already: add only the rule's summary,
  // each rule an equal share of what the names and links leave.
  const share = Math.floor((HOVER_MAX_BYTES - bytes(render())) / shown.length) - bytes('\n\n');
  shown.forEach((id, i) => {
    const summary = hoverParagraph(id);
    const clipped = summary ? clip(summary, share) : '';
    if (clipped) blocks[i]!.push(clipped);
  });
  let value = render();
  // Only reachable with pathological summaries: keep the first rule's name and link.
  if (bytes(value) > HOVER_MAX_BYTES) value = header(shown[0]!);
  return { contents: { kind: MarkupKind.Markdown, value }, range: hits[0]!.range };
}
