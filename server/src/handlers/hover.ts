/**
 * Hover on a Preflight diagnostic: for each rule under the cursor its name, a `command:` link
 * that opens the rule's page shipped in the extension (works offline; the client trusts only
 * that command), the finding's message and, for the first rule, the one-paragraph summary from
 * its doc page. At most HOVER_MAX_BYTES of Markdown: the box must not cover the code it explains
 * (the full page is one click away).
 */
import { MarkupKind, type Diagnostic, type Hover, type HoverParams, type Position } from 'vscode-languageserver';
import { dataOf } from '../lsp/findingToDiagnostic';
import { ruleDocsCommandUri } from '../ruleDocsCommand';
import { hoverParagraph } from './ruleDocs';

/** Upper bound of a hover's Markdown, in UTF-8 bytes. */
export const HOVER_MAX_BYTES = 1024;
/** Rules named in one hover; more findings at the same place are counted, not listed. */
const MAX_RULES = 3;
/** A message longer than this is cut (at a sentence or word) so the summary still fits. */
const MAX_MESSAGE_BYTES = 320;
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
  const byRule = new Map<string, Diagnostic>();
  for (const d of hits) {
    const id = dataOf(d)!.ruleId;
    if (!byRule.has(id)) byRule.set(id, d);
  }
  const rules = [...byRule].slice(0, MAX_RULES);
  const more = byRule.size - rules.length;
  const tail = more > 0 ? `${SEPARATOR}…and ${more} more Preflight finding${more === 1 ? '' : 's'} here (Problems lists them).` : '';
  const blocks = rules.map(([id]) => [header(id)]);
  const render = () => blocks.map((b) => b.filter(Boolean).join('\n\n')).join(SEPARATOR) + tail;
  // Each message gets an equal share of what the names and links leave (at most MAX_MESSAGE_BYTES).
  const share = Math.min(MAX_MESSAGE_BYTES, Math.floor((HOVER_MAX_BYTES - bytes(render())) / rules.length) - bytes('\n\n'));
  rules.forEach(([, d], i) => blocks[i]!.push(clip(typeof d.message === 'string' ? d.message : d.message.value, share)));
  // The summary of the first rule gets what the names, links and messages leave of the budget.
  const summary = hoverParagraph(rules[0]![0]);
  if (summary) {
    const room = HOVER_MAX_BYTES - bytes(render()) - bytes('\n\n');
    const clipped = clip(summary, room);
    if (clipped) blocks[0]!.push(clipped);
  }
  let value = render();
  // Only reachable with pathological messages: keep the first rule's name and link.
  if (bytes(value) > HOVER_MAX_BYTES) value = header(rules[0]![0]);
  return { contents: { kind: MarkupKind.Markdown, value }, range: hits[0]!.range };
}
