/**
 * The checklist webview's static HTML shell. Pure (no vscode import) so it is unit-tested:
 * the Content-Security-Policy is exactly the one ../../shared/docs/architecture.md prescribes
 * (nothing but our own stylesheet, font and nonce'd script), and no workspace data is ever
 * interpolated here — the checklist arrives later by postMessage and is rendered with DOM APIs.
 */

export interface ChecklistHtmlOptions {
  /** `webview.cspSource`. */
  cspSource: string;
  /** Fresh per render: crypto.randomBytes(16).toString('base64'). */
  nonce: string;
  /** `webview.asWebviewUri(...)` of dist/media/checklist.js, checklist.css and codicon.css. */
  scriptUri: string;
  styleUri: string;
  codiconUri: string;
}

/** For double-quoted attribute values (the only kind this shell writes), so `'` stays as is. */
export function escapeHtmlAttribute(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function checklistCsp(cspSource: string, nonce: string): string {
  return `default-src 'none'; style-src ${cspSource}; font-src ${cspSource}; img-src ${cspSource}; script-src 'nonce-${nonce}';`;
}

export function buildChecklistHtml(o: ChecklistHtmlOptions): string {
  if (!/^[A-Za-z0-9+/=]{16,}$/.test(o.nonce)) throw new Error('the nonce must be base64 of at least 12 random bytes');
  // VS Code's cspSource is a source list, e.g. `'self' https://*.vscode-cdn.net` (1.139): spaces
  // and quoted keywords are expected; a `;` (a new directive), markup or an unsafe keyword is not.
  if (/[;"<>\r\n]/.test(o.cspSource) || /'unsafe-|'strict-dynamic'|\*(\s|$)/.test(o.cspSource)) throw new Error('unexpected characters in the webview CSP source');
  const a = escapeHtmlAttribute;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${a(checklistCsp(o.cspSource, o.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${a(o.codiconUri)}">
<link rel="stylesheet" href="${a(o.styleUri)}">
<title>Preflight readiness checklist</title>
</head>
<body>
<header class="toolbar" role="toolbar" aria-label="Checklist actions">
  <div class="scope" role="radiogroup" aria-label="Scope">
    <button type="button" id="scope-branch" role="radio" aria-checked="true" data-scope="branch">Branch changes</button>
    <button type="button" id="scope-workspace" role="radio" aria-checked="false" data-scope="workspace">Whole workspace</button>
  </div>
  <button type="button" id="refresh" title="Re-run the checklist"><span class="codicon codicon-refresh" aria-hidden="true"></span><span>Re-run</span></button>
  <button type="button" id="copy" title="Copy the checklist as Markdown for a pull-request description"><span class="codicon codicon-copy" aria-hidden="true"></span><span>Copy as Markdown</span></button>
</header>
<p id="scope-reason" hidden></p>
<div id="status" role="status" aria-live="polite">Running the checklist…</div>
<p id="reads"></p>
<div id="notes"></div>
<main id="groups" aria-label="Readiness checklist"></main>
<script nonce="${a(o.nonce)}" src="${a(o.scriptUri)}"></script>
</body>
</html>
`;
}
