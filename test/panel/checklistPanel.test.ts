/**
 * The checklist panel rendered for real: the HTML shell from client/src/webviewHtml.ts, the
 * bundled dist/media/checklist.js and checklist.css, in headless Chromium (Debian's `chromium`
 * driven by playwright-core), under the shell's own CSP. A stand-in for VS Code's webview host
 * provides `acquireVsCodeApi` and records what the panel posts. The fixture checklist carries
 * hostile strings, which must render as text. A screenshot is kept in test-artifacts/.
 *
 * Needs `npm run build` first (npm test does it). Without Chromium the test is skipped with a
 * notice on a developer's machine and fails in CI (CI=true), where `.ci/run` installs it;
 * PREFLIGHT_SKIP_BROWSER=1 skips it anywhere.
 */
import assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildChecklistHtml } from '../../client/src/webviewHtml';
import { checklistSchema, emptyCounts, type Checklist, type ChecklistItem } from '../../server/src/engine/checklist/model';

const CHROMIUM = process.env.PREFLIGHT_CHROMIUM ?? '/usr/bin/chromium';
const REQUIRED = process.env.CI === 'true';
const SKIP =
  process.env.PREFLIGHT_SKIP_BROWSER === '1'
    ? 'PREFLIGHT_SKIP_BROWSER=1'
    : !REQUIRED && !fs.existsSync(CHROMIUM)
      ? `Chromium not found at ${CHROMIUM} (apt-get install -y chromium; required when CI=true)`
      : false;
if (SKIP) console.log(`# checklist panel test skipped: ${SKIP}`);
const ORIGIN = 'https://webview.test';
const MEDIA = path.resolve('dist/media');
const ARTIFACTS = path.resolve('test-artifacts');
const HOSTILE_FILE = '<img src=x onerror="window.__pwned=1">.py';
const HOSTILE_MESSAGE = '<script>window.__pwned=2</script> draws from numpy without a seed';

/** What VS Code injects into a webview: theme variables (a dark theme's values). */
const THEME_CSS = `:root{--vscode-foreground:#cccccc;--vscode-descriptionForeground:#9d9d9d;--vscode-sideBar-background:#181818;--vscode-font-family:system-ui,sans-serif;--vscode-font-size:13px;--vscode-editor-font-family:monospace;--vscode-button-background:#0078d4;--vscode-button-foreground:#ffffff;--vscode-button-secondaryBackground:#313131;--vscode-button-secondaryForeground:#cccccc;--vscode-button-secondaryHoverBackground:#3c3c3c;--vscode-focusBorder:#0078d4;--vscode-textLink-foreground:#4daafc;--vscode-badge-background:#616161;--vscode-badge-foreground:#f8f8f8;--vscode-editorError-foreground:#f85149;--vscode-editorWarning-foreground:#cca700;--vscode-testing-iconPassed:#73c991;--vscode-widget-border:#313131;--vscode-editorInfo-foreground:#3794ff;--vscode-textBlockQuote-background:#2b2b2b}`;

function item(partial: Partial<ChecklistItem> & Pick<ChecklistItem, 'id' | 'group' | 'title' | 'status'>): ChecklistItem {
  return { why: 'Why it matters.', origins: [{ source: 'ML Test Score', ref: 'Infra 1' }], importance: 'required', summary: '', evidence: [], evidenceTotal: 0, howToFix: 'How to fix it.', lookedAt: { files: [], total: 0 }, rules: [], ...partial };
}

function fixture(): Checklist {
  const items: ChecklistItem[] = [
    item({
      id: 'randomness-seeded',
      group: 'reproducibility',
      title: 'Randomness is seeded',
      status: 'fail',
      summary: '2 findings for unseeded randomness.',
      rules: ['unseeded-global-rng'],
      evidence: [
        { kind: 'finding', file: HOSTILE_FILE, range: { start: { line: 4, column: 2 }, end: { line: 4, column: 9 } }, ruleId: 'unseeded-global-rng', severity: 'warning', message: HOSTILE_MESSAGE },
        { kind: 'finding', file: 'notebooks/train.ipynb', cell: 2, range: { start: { line: 0, column: 0 }, end: { line: 0, column: 5 } }, ruleId: 'unseeded-global-rng', severity: 'warning', message: 'random.shuffle before any seed' },
      ],
      evidenceTotal: 2,
      findingCounts: { findings: 2, hints: 0 },
    }),
    item({ id: 'dependencies-pinned', group: 'reproducibility', title: 'Dependencies are pinned and declared', status: 'pass', summary: 'No findings.' }),
    item({ id: 'notebooks-run-top-down', group: 'notebooks', title: 'Notebooks run top to bottom', status: 'unknown', summary: 'No rule checks notebook execution order yet.' }),
    item({ id: 'human-gates', group: 'agent-runtime', title: 'Irreversible actions wait for a human', status: 'not-applicable', summary: 'No agent or service code in scope.' }),
    // Listed pass-first here: the panel shows the warning first.
    item({ id: 'graceful-shutdown', group: 'serving', title: 'Shutdown is graceful', status: 'pass', summary: 'The code handles shutdown.' }),
    item({ id: 'health-checks', group: 'serving', title: 'A health check tests the dependencies', status: 'warn', summary: 'The health route reports liveness only.' }),
    item({ id: 'tests-present', group: 'operations', title: 'Tests are present', status: 'warn', summary: 'No tests found.', evidence: [{ kind: 'note', message: 'looked for tests/' }], evidenceTotal: 1 }),
  ];
  const counts = emptyCounts();
  for (const i of items) counts[i.status]++;
  const group = (id: Checklist['groups'][number]['id'], title: string, status: Checklist['groups'][number]['status']) => {
    const c = emptyCounts();
    for (const i of items.filter((x) => x.group === id)) c[i.status]++;
    return { id, title, status, counts: c };
  };
  return checklistSchema.parse({
    version: 1,
    root: '/work/project',
    generatedAt: '2025-01-01T00:00:00.000Z',
    scope: { requested: 'branch', mode: 'branch', git: { available: true, branch: 'feature/<b>bold</b>', base: 'main', mergeBase: 'abc1234' }, filesAnalysed: 2, changedFiles: [HOSTILE_FILE, 'notebooks/train.ipynb'], uncommittedFiles: 1, notes: ['Shallow clone: <i>compared</i> with main itself.'] },
    groups: [group('reproducibility', 'Reproducibility', 'fail'), group('notebooks', 'Notebooks', 'unknown'), group('agent-runtime', 'Agent runtime', 'not-applicable'), group('serving', 'Serving', 'warn'), group('operations', 'Operations and security', 'warn')],
    items,
    counts,
    status: 'fail',
  });
}

describe('checklist panel in headless Chromium', { skip: SKIP }, () => {
  let browser: Browser;
  let page: Page;
  const cspViolations: string[] = [];

  before(async () => {
    assert.ok(fs.existsSync(CHROMIUM), `Chromium not found at ${CHROMIUM}: CI=true requires it (apt-get install -y chromium)`);
    assert.ok(fs.existsSync(path.join(MEDIA, 'checklist.js')), 'dist/media/checklist.js is missing: run `npm run build` first');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    });
    page = await browser.newPage({ viewport: { width: 420, height: 820 } });
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) cspViolations.push(m.text());
    });
    const nonce = crypto.randomBytes(16).toString('base64');
    const html = buildChecklistHtml({ cspSource: ORIGIN, nonce, scriptUri: `${ORIGIN}/media/checklist.js`, styleUri: `${ORIGIN}/media/checklist.css`, codiconUri: `${ORIGIN}/media/codicon.css` })
      // Stand-in for the theme variables VS Code injects (a test-only stylesheet, same origin).
      .replace('</head>', `<link rel="stylesheet" href="${ORIGIN}/theme.css">\n</head>`);
    await page.route(`${ORIGIN}/**`, async (route) => {
      const url = new URL(route.request().url());
      if (url.pathname === '/index.html') return route.fulfill({ contentType: 'text/html', body: html });
      if (url.pathname === '/theme.css') return route.fulfill({ contentType: 'text/css', body: THEME_CSS });
      const file = path.join(MEDIA, path.basename(url.pathname));
      if (url.pathname.startsWith('/media/') && fs.existsSync(file)) {
        const type = file.endsWith('.js') ? 'text/javascript' : file.endsWith('.css') ? 'text/css' : 'font/ttf';
        return route.fulfill({ contentType: type, body: fs.readFileSync(file) });
      }
      return route.fulfill({ status: 404, body: '' });
    });
    // VS Code's webview host API, recording posted messages and state.
    await page.addInitScript(() => {
      const w = window as unknown as { __posted: unknown[]; __state: unknown; acquireVsCodeApi: () => unknown };
      w.__posted = [];
      w.acquireVsCodeApi = () => ({
        postMessage: (m: unknown) => w.__posted.push(m),
        getState: () => w.__state,
        setState: (s: unknown) => {
          w.__state = s;
        },
      });
    });
    await page.goto(`${ORIGIN}/index.html`);
    await page.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === 'ready'));
    await page.evaluate((checklist) => window.postMessage({ type: 'checklist', checklist }, '*'), fixture());
    await page.waitForSelector('section.group');
  });

  after(async () => {
    await browser?.close();
  });

  const posted = () => page.evaluate(() => (window as unknown as { __posted: { type: string }[] }).__posted);

  it('renders groups with status icons and counts, under the CSP, with no violations', async () => {
    const groups = await page.$$eval('section.group h2 .group-title', (els) => els.map((e) => e.textContent));
    assert.deepEqual(groups, ['Reproducibility', 'Notebooks', 'Agent runtime', 'Serving', 'Operations and security']);
    assert.equal(await page.locator('section.group').first().locator('h2 .codicon-error').count(), 1);
    assert.equal(await page.locator('details.item').count(), 7);
    // Within a group, items that need attention come first; every item starts collapsed.
    assert.deepEqual(await page.$$eval('section.group[aria-label="Serving"] details.item', (els) => els.map((e) => [e.getAttribute('data-item-id'), (e as HTMLDetailsElement).open])), [['health-checks', false], ['graceful-shutdown', false]]);
    assert.match((await page.textContent('#status')) ?? '', /^1 failed · 2 warnings · 1 unknown · 2 passed · 1 n\/a — changes on feature\/<b>bold<\/b> vs main \(2 files\)$/);
    // Badges are the findings counts the summaries state; an item with notes only has none.
    assert.deepEqual(await page.$$eval('details.item', (ds) => ds.filter((d) => d.querySelector('.badge')).map((d) => [d.getAttribute('data-item-id'), d.querySelector('.badge')!.textContent])), [['randomness-seeded', '2']]);
    assert.equal(await page.textContent('#reads'), 'Reads like preflight checklist in CI: configuration from defaults (no [tool.preflight] table found), files as saved.');
    assert.equal(await page.locator('#scope-reason').isHidden(), true);
    // The codicon font and both stylesheets loaded through the CSP.
    assert.ok(await page.evaluate(() => document.styleSheets.length >= 3));
    assert.deepEqual(cspViolations, []);
  });

  it('hostile strings render as text: no injected elements, no script ran', async () => {
    const summary = page.locator('details[data-item-id="randomness-seeded"] summary');
    await summary.focus();
    await page.keyboard.press('Enter'); // keyboard expands the item
    assert.equal(await page.locator('details[data-item-id="randomness-seeded"]').evaluate((d) => (d as HTMLDetailsElement).open), true);
    const texts = await page.$$eval('.evidence-location', (els) => els.map((e) => e.textContent));
    assert.deepEqual(texts, [`${HOSTILE_FILE} · line 5`, 'notebooks/train.ipynb · cell 3 · line 1']);
    assert.ok(((await page.textContent('.evidence-message')) ?? '').startsWith('<script>window.__pwned=2</script>'));
    assert.equal(await page.locator('img').count(), 0);
    assert.equal(await page.locator('main script, #notes i, #status b').count(), 0);
    assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
    assert.match((await page.textContent('#notes')) ?? '', /Shallow clone: <i>compared<\/i> with main itself\./);
  });

  it('evidence, scope toggle, re-run and copy post validated messages; evidence is named by index', async () => {
    await page.locator('.evidence-link').nth(1).click();
    await page.locator('#scope-workspace').click();
    await page.locator('#refresh').click();
    await page.locator('#copy').click();
    const messages = (await posted()).slice(-4);
    assert.deepEqual(messages, [{ type: 'reveal', itemId: 'randomness-seeded', index: 1 }, { type: 'setScope', scope: 'workspace' }, { type: 'refresh' }, { type: 'copyMarkdown' }]);
    assert.equal(await page.locator('#scope-workspace').getAttribute('aria-checked'), 'true');
    // Arrow keys move within the scope radio group.
    await page.locator('#scope-workspace').focus();
    await page.keyboard.press('ArrowLeft');
    assert.deepEqual((await posted()).at(-1), { type: 'setScope', scope: 'branch' });
    const state = await page.evaluate(() => (window as unknown as { __state: { scope: string; expanded: string[] } }).__state);
    assert.deepEqual(state, { scope: 'branch', expanded: ['randomness-seeded'] });
  });

  it('invalid messages are ignored', async () => {
    const before = await page.locator('details.item').count();
    await page.evaluate(() => {
      window.postMessage({ type: 'checklist', checklist: { items: '<img src=x onerror=alert(1)>' } }, '*');
      window.postMessage({ type: 'unknown' }, '*');
      window.postMessage('<img src=x>', '*');
    });
    await page.waitForTimeout(50);
    assert.equal(await page.locator('details.item').count(), before);
    assert.equal(await page.locator('img').count(), 0);
  });

  it('without git: "Branch changes" is disabled with the reason, the whole workspace shown checked; the reads line names config and unsaved files', async () => {
    const noGit = fixture();
    noGit.scope = { ...noGit.scope, requested: 'branch', mode: 'workspace', git: { available: false }, changedFiles: [], configFile: 'sub/<b>pyproject</b>.toml' };
    await page.evaluate((checklist) => window.postMessage({ type: 'checklist', checklist, unsavedFiles: 2 }, '*'), noGit);
    await page.waitForFunction(() => !document.getElementById('scope-reason')!.hidden);
    assert.equal(await page.textContent('#scope-reason'), 'No git repository: the whole workspace is checked.');
    assert.equal(await page.locator('#scope-branch').isDisabled(), true);
    assert.equal(await page.locator('#scope-branch').getAttribute('aria-checked'), 'false');
    assert.equal(await page.locator('#scope-workspace').getAttribute('aria-checked'), 'true');
    assert.equal(await page.textContent('#reads'), 'Reads like preflight checklist in CI: configuration from sub/<b>pyproject</b>.toml, files as saved — 2 unsaved files not included.');
    assert.equal(await page.locator('#reads b').count(), 0);
    // Clicking the disabled scope posts nothing; a loading message keeps it disabled.
    const count = (await posted()).length;
    await page.locator('#scope-branch').click({ force: true });
    await page.evaluate(() => window.postMessage({ type: 'loading', scope: 'branch' }, '*'));
    await page.waitForFunction(() => document.getElementById('status')!.textContent === 'Running the checklist…');
    assert.equal((await posted()).length, count);
    assert.equal(await page.locator('#scope-workspace').getAttribute('aria-checked'), 'true');
    assert.equal(await page.locator('#scope-branch').isDisabled(), true);
  });

  it('saves a screenshot as a test artifact', async () => {
    await page.locator('details[data-item-id="tests-present"] summary').click();
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    const file = path.join(ARTIFACTS, 'checklist-panel.png');
    await page.screenshot({ path: file, fullPage: true });
    assert.ok(fs.statSync(file).size > 5000);
  });
});
