/**
 * Hovers (issue 22 item 5): at most 1 KB, the rule's one-paragraph summary from its shipped
 * doc page and a `command:` link that opens the page locally; not the finding's message (VS Code
 * shows it in the hover already); no repository-internal paths, no web links that fail offline,
 * no second doc section.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Hover, MarkupContent } from 'vscode-languageserver';
import { allRules } from '../../server/src/engine/registry';
import { clip, HOVER_MAX_BYTES, hover } from '../../server/src/handlers/hover';
import { firstParagraph, hoverLinks, hoverParagraph, markdownSection } from '../../server/src/handlers/ruleDocs';
import { OPEN_RULE_DOCS_COMMAND, ruleDocsCommandUri } from '../../server/src/ruleDocsCommand';
import { openText, startHarness, type Harness } from './lspHarness';

const docsDir = path.resolve(__dirname, '../../../docs/rules');
const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

/** The e2e fixture's agent module: a retried POST, an in-memory checkpointer, a moving model alias. */
const AGENT = fs.readFileSync(path.resolve(__dirname, '../../../test/e2e/fixture/agent.py'), 'utf8');

describe('hover paragraph of every rule page', () => {
  for (const rule of allRules) {
    it(rule.meta.id, () => {
      const page = fs.readFileSync(path.join(docsDir, `${rule.meta.id}.md`), 'utf8');
      const section = markdownSection(page, 'What it does');
      assert.ok(section, 'the page has a "What it does" section');
      const paragraph = hoverParagraph(rule.meta.id)!;
      // The first paragraph only: the section's later paragraphs and lists are on the page.
      assert.ok(section.replace(/\s+/g, ' ').startsWith(paragraph.replace(/\]\(command:[^)]*\)/g, '').replace(/\s+/g, ' ').slice(0, 40)), paragraph);
      assert.ok(!paragraph.includes('\n\n'), 'one paragraph');
      assert.ok(!/server\/src|https?:\/\//.test(paragraph), `no internal path or web link: ${paragraph}`);
      for (const [, target] of paragraph.matchAll(/\]\(([^)]*)\)/g)) assert.ok(target!.startsWith(`command:${OPEN_RULE_DOCS_COMMAND}?`), `link ${target} opens a shipped page`);
    });
  }
});

describe('hover helpers', () => {
  it('takes the first paragraph and joins its lines', () => {
    assert.equal(firstParagraph('Reports a\ncell.\n\n- a list\n'), 'Reports a cell.');
  });

  it('links another rule page to its local command, keeps only the text of other links', () => {
    const id = allRules[0]!.meta.id;
    assert.equal(hoverLinks(`see [${id}](${id}.md) and [the spec](../../spec.md), [web](https://example.com)`), `see [${id}](${ruleDocsCommandUri(id)}) and the spec, web`);
    assert.equal(hoverLinks('[no-such-rule](no-such-rule.md)'), 'no-such-rule');
  });

  it('encodes the command arguments as a JSON array', () => {
    assert.equal(decodeURIComponent(ruleDocsCommandUri('a-rule').split('?')[1]!), '["a-rule"]');
  });

  it('clips at a sentence end, else at a word, never inside a code span', () => {
    const text = 'First sentence here. Second one is `quite long indeed` and goes on and on.';
    assert.equal(clip(text, 1000), text);
    assert.equal(clip(text, 40), 'First sentence here.');
    const cut = clip('one `two three four` five six', 22);
    assert.equal(cut, 'one …');
    assert.ok(bytes(clip('é'.repeat(50) + ' x', 20)) <= 20);
  });
});

describe('hover over the language server', () => {
  let h: Harness;
  const uri = 'file:///tmp/preflight-hover/agent.py';
  before(async () => {
    h = await startHarness();
    await openText(h, uri, 'python', AGENT);
    await h.settle();
  });
  after(() => h.close());

  it('shows name, local doc link and summary within 1 KB on every finding, not the message', async () => {
    const ds = h.latest.get(uri) ?? [];
    assert.ok(ds.length >= 3, `findings on the agent module: ${ds.map((d) => d.code).join(', ')}`);
    for (const d of ds) {
      const result = await h.client.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri }, position: d.range.start });
      assert.ok(result, `a hover at ${d.code}`);
      const value = (result.contents as MarkupContent).value;
      assert.ok(bytes(value) <= HOVER_MAX_BYTES, `${bytes(value)} bytes: ${value}`);
      assert.ok(value.includes(`**Preflight: \`${d.code}\`**`), value);
      assert.ok(value.includes(`](${ruleDocsCommandUri(String(d.code))})`), 'links the local doc page');
      assert.ok(!/server\/src|https?:\/\//.test(value), `no internal path or web link: ${value}`);
      assert.equal(value.match(/## /g), null, 'no doc headings');
      assert.ok(!value.includes(String(d.message).slice(0, 40)), `VS Code shows the message itself; the hover does not repeat it: ${value}`);
    }
    // The first rule under the cursor brings its summary.
    const first = ds[0]!;
    const value = ((await h.client.sendRequest<Hover>('textDocument/hover', { textDocument: { uri }, position: first.range.start })).contents as MarkupContent).value;
    const atStart = ds.filter((d) => d.range.start.line === first.range.start.line && d.range.start.character <= first.range.start.character && (d.range.end.line > first.range.start.line || d.range.end.character >= first.range.start.character));
    const firstRule = String(atStart[0]!.code);
    assert.ok(value.includes(hoverParagraph(firstRule)!.split(' ').slice(0, 6).join(' ')), `summary of ${firstRule} in: ${value}`);
  });

  it('answers nothing away from a finding', async () => {
    assert.equal(await h.client.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 0 } }), null);
  });
});

describe('hover with many findings at one place', () => {
  it('stays within the budget, lists three rules and counts the rest', () => {
    const ids = allRules.slice(0, 5).map((r) => r.meta.id);
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 5 } };
    const long = 'A message that goes on. '.repeat(40);
    const diagnostics = ids.map((ruleId) => ({ range, message: long, code: ruleId, source: 'preflight', data: { ruleId } }));
    const r = hover({ textDocument: { uri: 'file:///x.py' }, position: { line: 0, character: 1 } }, new Map([['file:///x.py', diagnostics]]))!;
    const value = (r.contents as MarkupContent).value;
    assert.ok(bytes(value) <= HOVER_MAX_BYTES, `${bytes(value)} bytes`);
    assert.equal(value.match(/\*\*Preflight: /g)?.length, 3);
    assert.match(value, /and 2 more Preflight findings here/);
    assert.ok(!value.includes('A message that goes on.'), 'no message: VS Code shows each one');
    for (const id of ids.slice(0, 3)) assert.ok(value.includes(hoverParagraph(id)!.split(' ').slice(0, 3).join(' ')), `summary of ${id}`);
  });
});
