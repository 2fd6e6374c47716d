/** Hover on a Preflight diagnostic: the rule's summary from its doc page and a link to the page. */
import { MarkupKind, type Diagnostic, type Hover, type HoverParams, type Position } from 'vscode-languageserver';
import { ruleById } from '../engine';
import { dataOf } from '../lsp/findingToDiagnostic';
import { ruleSummary } from './ruleDocs';

function contains(d: Diagnostic, p: Position): boolean {
  const { start, end } = d.range;
  const afterStart = p.line > start.line || (p.line === start.line && p.character >= start.character);
  const beforeEnd = p.line < end.line || (p.line === end.line && p.character <= end.character);
  return afterStart && beforeEnd;
}

export function hover(params: HoverParams, published: ReadonlyMap<string, readonly Diagnostic[]>): Hover | null {
  const hits = (published.get(params.textDocument.uri) ?? []).filter((d) => dataOf(d) && contains(d, params.position));
  if (!hits.length) return null;
  const seen = new Set<string>();
  const parts: string[] = [];
  for (const d of hits) {
    const id = dataOf(d)!.ruleId;
    if (seen.has(id)) continue;
    seen.add(id);
    const url = ruleById(id)?.meta.url;
    const summary = ruleSummary(id);
    parts.push([`**Preflight: \`${id}\`**`, summary, url ? `[Rule documentation](${url})` : undefined].filter(Boolean).join('\n\n'));
  }
  return { contents: { kind: MarkupKind.Markdown, value: parts.join('\n\n---\n\n') }, range: hits[0]!.range };
}
