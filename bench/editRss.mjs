// `node bench/editRss.mjs [--edits N] [--notebook file.ipynb]` (after `npm run build`): the
// language server's resident memory over a long editing session. Drives dist/server.js over
// stdio like an editor: opens one real perf-corpus notebook (the one with the most code lines
// up to 1,500 unless given), types N one-character edits spread over its code cells, and
// prints the RSS at the start and every 10% of the way as JSON lines. A measurement, not a test: a leak shows as
// RSS climbing with the edit count instead of levelling off.
//
// Edits go in batches of 10 (typing speed: the server's debounce merges a batch into one
// analysis); each batch ends by toggling a `(` at the start of a cell, which changes that
// cell's diagnostics, and the script waits for that publish, so the server analyses about
// N/10 times and never falls behind.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';

const root = path.resolve(import.meta.dirname, '..');
const { values } = parseArgs({ options: { edits: { type: 'string', default: '10000' }, notebook: { type: 'string' } } });
const total = Number(values.edits);
const perfDir = path.resolve(process.env.PREFLIGHT_PERF_CORPUS ?? path.join(root, '../shared/corpus/perf/notebooks'));

/** Code lines of a notebook file. */
const codeLines = (f) => {
  const cells = JSON.parse(fs.readFileSync(f, 'utf8')).cells ?? [];
  return cells.filter((c) => c.cell_type === 'code').reduce((n, c) => n + (Array.isArray(c.source) ? c.source.join('') : String(c.source ?? '')).split('\n').length, 0);
};

function pickNotebook() {
  if (values.notebook) return path.resolve(values.notebook);
  const files = fs.readdirSync(perfDir).filter((f) => f.endsWith('.ipynb')).sort().map((f) => path.join(perfDir, f));
  return files.map((f) => ({ f, lines: codeLines(f) })).filter((x) => x.lines <= 1500).sort((a, b) => b.lines - a.lines)[0].f;
}

const file = pickNotebook();
const nb = JSON.parse(fs.readFileSync(file, 'utf8'));
const nbUri = `file://${file}`;
const cells = nb.cells
  .filter((c) => c.cell_type === 'code')
  .map((c, i) => ({ uri: `vscode-notebook-cell://${file}#W${i}sZmlsZQ%3D%3D`, text: Array.isArray(c.source) ? c.source.join('') : String(c.source ?? ''), version: 1 }));

const server = spawn(process.execPath, [path.join(root, 'dist/server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
const conn = createMessageConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
const published = new Map();
const waiters = [];
conn.onNotification('textDocument/publishDiagnostics', (p) => {
  published.set(p.uri, performance.now());
  for (const w of waiters.slice()) if ((published.get(w.uri) ?? 0) >= w.since) (waiters.splice(waiters.indexOf(w), 1), w.resolve(true));
});
conn.onRequest('workspace/configuration', (p) => p.items.map(() => null));
conn.onRequest('client/registerCapability', () => null);
conn.onNotification('window/logMessage', () => {});
conn.listen();

const waitFor = (uri, since, ms = 10_000) =>
  new Promise((resolve) => {
    if ((published.get(uri) ?? 0) >= since) return resolve(true);
    const w = { uri, since, resolve };
    waiters.push(w);
    setTimeout(() => (waiters.includes(w) ? (waiters.splice(waiters.indexOf(w), 1), resolve(false)) : undefined), ms);
  });
const rssMb = () => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${server.pid}/status`, 'utf8'))[1]) / 1024;

/** One change to one cell, applied to our copy too so versions and ranges stay true. */
function change(cell, line, from, to, text) {
  const lines = cell.text.split('\n');
  lines[line] = lines[line].slice(0, from) + text + lines[line].slice(to);
  cell.text = lines.join('\n');
  cell.version++;
  void conn.sendNotification('notebookDocument/didChange', {
    notebookDocument: { uri: nbUri, version: cell.version },
    change: { cells: { textContent: [{ document: { uri: cell.uri, version: cell.version }, changes: [{ range: { start: { line, character: from }, end: { line, character: to } }, text }] }] } },
  });
}

async function main() {
  await conn.sendRequest('initialize', { processId: process.pid, rootUri: null, workspaceFolders: null, capabilities: { notebookDocument: { synchronization: { dynamicRegistration: false, executionSummarySupport: true } }, workspace: { configuration: true } } });
  void conn.sendNotification('initialized', {});
  const t0 = performance.now();
  void conn.sendNotification('notebookDocument/didOpen', {
    notebookDocument: { uri: nbUri, notebookType: 'jupyter-notebook', version: 1, cells: cells.map((c) => ({ kind: 2, document: c.uri })) },
    cellTextDocuments: cells.map((c) => ({ uri: c.uri, languageId: 'python', version: 1, text: c.text })),
  });
  await waitFor(cells[0].uri, t0, 60_000);
  const report = (edits, extra = {}) => console.log(JSON.stringify({ edits, rssMb: Math.round(rssMb()), seconds: Math.round((performance.now() - t0) / 1000), ...extra }));
  report(0, { notebook: path.basename(file), codeCells: cells.length, lines: cells.reduce((n, c) => n + c.text.split('\n').length, 0) });
  let done = 0;
  let timeouts = 0;
  let batch = 0;
  while (done < total) {
    // Nine characters typed at the end of a cell's last line, then the `(` toggle on another.
    const typed = cells[(batch * 7) % cells.length];
    for (let k = 0; k < 9 && done < total; k++, done++) {
      const last = typed.text.split('\n').length - 1;
      const col = typed.text.split('\n')[last].length;
      change(typed, last, col, col, k % 3 === 2 ? ' ' : 'x');
    }
    if (done < total) {
      const cell = cells[(batch * 13 + 1) % cells.length];
      const open = cell.text.startsWith('(');
      const since = performance.now();
      change(cell, 0, 0, open ? 1 : 0, open ? '' : '(');
      done++;
      if (!(await waitFor(cell.uri, since))) timeouts++;
    }
    batch++;
    if (done % Math.max(1, Math.round(total / 10)) === 0) report(done, { timeouts });
  }
  report(done, { timeouts, final: true });
  await conn.sendRequest('shutdown').catch(() => undefined);
  void conn.sendNotification('exit');
  setTimeout(() => server.kill(), 1000).unref();
}

main().catch((e) => {
  console.error(e);
  server.kill();
  process.exit(1);
});
