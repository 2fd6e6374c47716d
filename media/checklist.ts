/**
 * The checklist webview's script (bundled to dist/media/checklist.js). Everything it shows
 * arrives by postMessage, is validated with the shared zod schemas, and is rendered with DOM
 * APIs and textContent only — never innerHTML — so a file named `<img src=x onerror=…>` is
 * just text. UI state (scope, expanded items) survives the view being hidden via setState.
 */
import { branchScopeUnavailable, checklistReadsText, hostMessageSchema, type HostMessage, type WebviewMessage } from '../server/src/checklistProtocol';
import { byAttention, type Checklist, type ChecklistItem, type ChecklistStatus, type Evidence } from '../server/src/engine/checklist/model';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

interface UiState {
  scope: 'branch' | 'workspace';
  expanded: string[];
  /** Why "Branch changes" cannot be used (no git), from the last checklist; undefined while it can. */
  branchDisabled?: string;
}

const vscode = acquireVsCodeApi();
const saved = vscode.getState() as Partial<UiState> | undefined;
const state: UiState = {
  scope: saved?.scope === 'workspace' ? 'workspace' : 'branch',
  expanded: Array.isArray(saved?.expanded) ? saved.expanded.filter((x): x is string => typeof x === 'string') : [],
  ...(typeof saved?.branchDisabled === 'string' ? { branchDisabled: saved.branchDisabled } : {}),
};
const saveState = () => vscode.setState(state);

const STATUS_ICON: Record<ChecklistStatus, string> = { pass: 'pass', warn: 'warning', fail: 'error', unknown: 'question', 'not-applicable': 'circle-slash' };
const STATUS_TEXT: Record<ChecklistStatus, string> = { pass: 'Pass', warn: 'Warning', fail: 'Fail', unknown: 'Unknown', 'not-applicable': 'Not applicable' };

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

function icon(status: ChecklistStatus): HTMLElement {
  const wrap = el('span', `status status-${status}`);
  const i = el('span', `codicon codicon-${STATUS_ICON[status]}`);
  i.setAttribute('aria-hidden', 'true');
  wrap.append(i, el('span', 'visually-hidden', STATUS_TEXT[status]));
  return wrap;
}

function location(e: Evidence): string {
  if (!e.file) return '';
  let s = e.file;
  if (e.cell !== undefined) s += ` · cell ${e.cell + 1}`;
  if (e.range) s += ` · line ${e.range.start.line + 1}`;
  return s;
}

function renderEvidence(item: ChecklistItem): HTMLElement {
  const list = el('ul', 'evidence');
  item.evidence.forEach((e, index) => {
    const li = el('li');
    const body = e.file ? el('button', 'evidence-link') : el('div', 'evidence-note');
    if (e.file && body instanceof HTMLButtonElement) {
      body.type = 'button';
      body.title = `Open ${location(e)}`;
      body.addEventListener('click', () => vscode.postMessage({ type: 'reveal', itemId: item.id, index }));
    }
    if (e.file) body.append(el('span', 'evidence-location', location(e)));
    if (e.ruleId) body.append(el('span', 'evidence-rule', e.ruleId));
    body.append(el('span', 'evidence-message', e.message));
    li.append(body);
    list.append(li);
  });
  if (item.evidenceTotal > item.evidence.length) list.append(el('li', 'evidence-more', `… ${item.evidenceTotal - item.evidence.length} more (run preflight check for all)`));
  return list;
}

function renderItem(item: ChecklistItem): HTMLElement {
  const details = el('details', `item item-${item.status}`);
  details.dataset.itemId = item.id;
  details.open = state.expanded.includes(item.id);
  details.addEventListener('toggle', () => {
    state.expanded = state.expanded.filter((id) => id !== item.id);
    if (details.open) state.expanded.push(item.id);
    saveState();
  });
  const summary = el('summary');
  summary.append(icon(item.status), el('span', 'item-title', item.title));
  // The badge is the findings count the summary states (findingCounts.ts: hints apart, as in Problems).
  const found = item.findingCounts?.findings ?? 0;
  if (found) {
    const badge = el('span', 'badge', String(found));
    badge.title = `${found} finding${found === 1 ? '' : 's'}${item.findingCounts?.hints ? `, ${item.findingCounts.hints} hint${item.findingCounts.hints === 1 ? '' : 's'} not counted` : ''}`;
    summary.append(badge);
  }
  details.append(summary);
  const body = el('div', 'item-body');
  body.append(el('p', 'item-summary', item.summary));
  const why = el('p', 'item-why');
  why.append(el('strong', undefined, 'Why: '), document.createTextNode(item.why));
  body.append(why);
  const origins = el('p', 'item-origins');
  origins.textContent = `Source: ${item.origins.map((o) => `${o.source} — ${o.ref}`).join('; ')}`;
  body.append(origins);
  if (item.evidence.length) body.append(renderEvidence(item));
  if (item.status === 'fail' || item.status === 'warn' || item.status === 'unknown') {
    const fix = el('p', 'item-fix');
    fix.append(el('strong', undefined, item.status === 'unknown' ? 'To check by hand: ' : 'How to fix: '), document.createTextNode(item.howToFix));
    body.append(fix);
  }
  if (item.rules.length) body.append(el('p', 'item-rules', `Rules: ${item.rules.join(', ')}`));
  if (item.status !== 'not-applicable') body.append(el('p', 'item-looked', lookedAtLine(item)));
  details.append(body);
  return details;
}

/** Which files the item read: the first few names, then how many more. */
function lookedAtLine(item: ChecklistItem): string {
  const { files, total } = item.lookedAt;
  if (!total) return 'Looked at: no file of the kinds it reads (see the notes above).';
  const shown = files.slice(0, 5);
  return `Looked at ${total} file${total === 1 ? '' : 's'}: ${shown.join(', ')}${total > shown.length ? `, … ${total - shown.length} more` : ''}`;
}

function renderChecklist(c: Checklist, unsavedFiles: number): void {
  const groups = document.getElementById('groups')!;
  const reads = document.getElementById('reads')!;
  reads.textContent = checklistReadsText(c.scope, unsavedFiles);
  reads.title = "The editor's preflight.* rule settings and unsaved edits apply to the live diagnostics, not to the checklist.";
  const status = document.getElementById('status')!;
  const notes = document.getElementById('notes')!;
  const n = c.counts;
  status.textContent = `${n.fail} failed · ${n.warn} warnings · ${n.unknown} unknown · ${n.pass} passed · ${n['not-applicable']} n/a — ${c.scope.mode === 'branch' ? `changes on ${c.scope.git.branch ?? 'HEAD'}${c.scope.git.base ? ` vs ${c.scope.git.base}` : ''} (${c.scope.filesAnalysed} files)` : `whole workspace (${c.scope.filesAnalysed} files)`}`;
  notes.replaceChildren(...c.scope.notes.map((t) => el('p', 'note', t)));
  const sections = c.groups.map((g) => {
    const section = el('section', 'group');
    section.setAttribute('aria-label', g.title);
    const h = el('h2');
    const counts = el('span', 'counts', (['fail', 'warn', 'unknown', 'pass'] as const).filter((s) => g.counts[s]).map((s) => `${g.counts[s]} ${STATUS_TEXT[s].toLowerCase()}`).join(' · '));
    h.append(icon(g.status), el('span', 'group-title', g.title), counts);
    // Failing items first; every item starts collapsed (passes stay one line each).
    section.append(h, ...c.items.filter((i) => i.group === g.id).sort(byAttention).map(renderItem));
    return section;
  });
  groups.replaceChildren(...sections);
  groups.removeAttribute('aria-busy');
}

/** The toggle shows the scope that was checked; without git, "Branch changes" is disabled with the reason. */
function setScopeButtons(reason?: string): void {
  const shown = state.branchDisabled ? 'workspace' : state.scope;
  for (const b of Array.from(document.querySelectorAll<HTMLButtonElement>('[data-scope]'))) {
    const on = b.dataset.scope === shown;
    b.setAttribute('aria-checked', String(on));
    b.tabIndex = on ? 0 : -1;
    if (b.dataset.scope === 'branch') {
      b.disabled = state.branchDisabled !== undefined;
      b.title = state.branchDisabled ?? 'Check the files the current branch changes';
    }
  }
  const line = document.getElementById('scope-reason')!;
  const text = state.branchDisabled ?? reason;
  line.textContent = text ?? '';
  line.hidden = text === undefined;
}

function handle(message: HostMessage): void {
  const status = document.getElementById('status')!;
  switch (message.type) {
    case 'loading':
      state.scope = message.scope;
      setScopeButtons();
      status.textContent = 'Running the checklist…';
      document.getElementById('groups')!.setAttribute('aria-busy', 'true');
      break;
    case 'checklist': {
      const scope = message.checklist.scope;
      const reason = branchScopeUnavailable(scope);
      // Show what was checked: a branch request that fell back to the whole workspace shows that.
      state.scope = scope.mode;
      if (scope.git.available || reason === undefined) delete state.branchDisabled;
      else state.branchDisabled = reason;
      setScopeButtons(reason);
      renderChecklist(message.checklist, message.unsavedFiles ?? 0);
      break;
    }
    case 'error':
      status.textContent = `The checklist could not run: ${message.message}`;
      document.getElementById('groups')!.removeAttribute('aria-busy');
      break;
    case 'copied':
      status.textContent = 'Copied the checklist as Markdown.';
      break;
  }
  saveState();
}

window.addEventListener('message', (event: MessageEvent) => {
  const parsed = hostMessageSchema.safeParse(event.data);
  if (!parsed.success) {
    console.warn('preflight: ignored an invalid message', parsed.error.issues[0]?.message);
    return;
  }
  handle(parsed.data);
});

for (const b of Array.from(document.querySelectorAll<HTMLButtonElement>('[data-scope]'))) {
  b.addEventListener('click', () => {
    if (b.disabled) return;
    const scope = b.dataset.scope === 'workspace' ? 'workspace' : 'branch';
    state.scope = scope;
    setScopeButtons();
    saveState();
    vscode.postMessage({ type: 'setScope', scope });
  });
  // Radio-group keyboard pattern: arrows move between the two scopes.
  b.addEventListener('keydown', (e: KeyboardEvent) => {
    if (!['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown'].includes(e.key)) return;
    e.preventDefault();
    const other = document.querySelector<HTMLButtonElement>(`[data-scope]:not([data-scope="${b.dataset.scope}"])`);
    if (other?.disabled) return;
    other?.focus();
    other?.click();
  });
}
document.getElementById('refresh')!.addEventListener('click', () => vscode.postMessage({ type: 'refresh' }));
document.getElementById('copy')!.addEventListener('click', () => vscode.postMessage({ type: 'copyMarkdown' }));
setScopeButtons();
vscode.postMessage({ type: 'ready' });
