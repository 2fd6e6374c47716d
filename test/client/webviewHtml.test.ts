import assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import { describe, it } from 'node:test';
import { buildChecklistHtml, checklistCsp } from '../../client/src/webviewHtml';

const options = () => ({
  cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
  nonce: crypto.randomBytes(16).toString('base64'),
  scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/media/checklist.js',
  styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/media/checklist.css',
  codiconUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/media/codicon.css',
});

describe('checklist webview HTML shell', () => {
  it('has exactly the strict CSP, with the nonce', () => {
    const o = options();
    const html = buildChecklistHtml(o);
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1];
    assert.equal(csp, `default-src 'none'; style-src ${o.cspSource}; font-src ${o.cspSource}; img-src ${o.cspSource}; script-src 'nonce-${o.nonce}';`);
    assert.equal(csp, checklistCsp(o.cspSource, o.nonce));
    assert.doesNotMatch(html, /unsafe-inline|unsafe-eval|https:;|\*/);
  });

  it('every script carries the nonce and loads from a URI: no inline script, no inline style', () => {
    const o = options();
    const html = buildChecklistHtml(o);
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    assert.ok(scripts.length >= 1);
    for (const [, attrs, body] of scripts) {
      assert.match(attrs!, new RegExp(`nonce="${o.nonce.replace(/[+/=]/g, (c) => `\\${c}`)}"`));
      assert.match(attrs!, /src="https:\/\//);
      assert.equal(body!.trim(), '');
    }
    assert.doesNotMatch(html, /<style\b|\sstyle="|\son\w+=/i);
    assert.equal([...html.matchAll(/<link rel="stylesheet" href="([^"]+)">/g)].length, 2);
  });

  it('a fresh nonce per render; rejects a weak nonce and an odd CSP source', () => {
    const a = buildChecklistHtml(options());
    const b = buildChecklistHtml(options());
    assert.notEqual(/nonce-([^']+)/.exec(a)?.[1], /nonce-([^']+)/.exec(b)?.[1]);
    assert.throws(() => buildChecklistHtml({ ...options(), nonce: 'abc' }));
    assert.throws(() => buildChecklistHtml({ ...options(), cspSource: "x; script-src 'unsafe-inline'" }));
    assert.throws(() => buildChecklistHtml({ ...options(), cspSource: "'self' 'unsafe-inline'" }));
    assert.throws(() => buildChecklistHtml({ ...options(), cspSource: '* ' }));
  });
  it('accepts the source list VS Code 1.139 gives (quoted keyword and a wildcard host)', () => {
    const html = buildChecklistHtml({ ...options(), cspSource: "'self' https://*.vscode-cdn.net" });
    assert.match(html, /style-src 'self' https:\/\/\*\.vscode-cdn\.net;/);
  });

  it('attribute values are escaped', () => {
    const html = buildChecklistHtml({ ...options(), styleUri: 'https://x/"><script>alert(1)</script>' });
    assert.doesNotMatch(html, /"><script>alert/);
    assert.match(html, /&quot;&gt;&lt;script&gt;/);
  });
});
