/**
 * Edit latency, memory and time to first diagnostics of the built language server, driven over
 * stdio like an editor: open a synthetic 200-cell notebook made of perf-corpus cells, send
 * one-character edits in different cells, and time didChange → publishDiagnostics of the edited
 * cell (see the edit loop for why that cell). Then open every perf notebook and read the
 * server's RSS.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { TYPING_DELAY_MS } from '../../server/src/lsp/diagnostics';
import { codeCells, perfFiles } from './corpus';

interface Cell {
  uri: string;
  text: string;
  version: number;
}

const root = path.resolve(__dirname, '../..');
// PREFLIGHT_BENCH_NODE_ARGS: extra node flags for the server (e.g. --cpu-prof to profile it).
const nodeArgs = (process.env.PREFLIGHT_BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
const server = spawn(process.execPath, [...nodeArgs, path.join(root, 'dist/server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
const conn = createMessageConnection(new StreamMessageReader(server.stdout!), new StreamMessageWriter(server.stdin!));
const published = new Map<string, number>();
const waiters: { uris: Set<string>; since: number; resolve: () => void }[] = [];
conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string }) => {
  const now = performance.now();
  published.set(p.uri, now);
  for (const w of waiters.slice()) {
    if ([...w.uris].every((u) => (published.get(u) ?? 0) >= w.since)) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve();
    }
  }
});
conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => null));
conn.onRequest('client/registerCapability', () => null);
conn.onRequest('window/workDoneProgress/create', () => null);
conn.onNotification('window/logMessage', () => {});
conn.listen();

function waitAll(uris: string[], since: number, timeoutMs = 30_000): Promise<boolean> {
  return new Promise((resolve) => {
    const t = setTimeout(() => resolve(false), timeoutMs);
    const w = { uris: new Set(uris), since, resolve: () => (clearTimeout(t), resolve(true)) };
    waiters.push(w);
    if ([...w.uris].every((u) => (published.get(u) ?? 0) >= since)) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve();
    }
  });
}

function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
}

function openNotebook(uri: string, cells: Cell[]) {
  void conn.sendNotification('notebookDocument/didOpen', {
    notebookDocument: { uri, notebookType: 'jupyter-notebook', version: 1, cells: cells.map((c) => ({ kind: 2, document: c.uri })) },
    cellTextDocuments: cells.map((c) => ({ uri: c.uri, languageId: 'python', version: 1, text: c.text })),
  });
}

const pct = (xs: number[], p: number) => xs.slice().sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

async function main() {
  const t0 = performance.now();
  await conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: `file://${root}/bench/tmp`,
    workspaceFolders: [{ uri: `file://${root}/bench/tmp`, name: 'bench' }],
    capabilities: { notebookDocument: { synchronization: { dynamicRegistration: false, executionSummarySupport: true } }, workspace: { configuration: true } },
  });
  void conn.sendNotification('initialized', {});
  const firstUri = `file://${root}/bench/tmp/first.py`;
  void conn.sendNotification('textDocument/didOpen', { textDocument: { uri: firstUri, languageId: 'python', version: 1, text: 'import random\nrandom.random()\n' } });
  const firstOk = await waitAll([firstUri], 0);
  const firstDiagnosticsMs = performance.now() - t0;
  const rssMbAtStart = rssMb(server.pid!);

  // A 200-cell notebook of real cells, about 3,000 lines.
  // Cells of 5 to 40 lines: 200 of them make about 3,000 lines, like a long real notebook.
  const pool = perfFiles().flatMap(codeCells).filter((c) => c.trim() && c.split('\n').length >= 5 && c.split('\n').length <= 40);
  const cells: Cell[] = [];
  let lines = 0;
  const nbUri = `file://${root}/bench/tmp/edit.ipynb`;
  for (let i = 0; cells.length < 200; i++) {
    const text = pool[(i * 7) % pool.length]!;
    cells.push({ uri: `vscode-notebook-cell://${root}/bench/tmp/edit.ipynb#W${cells.length}sZmlsZQ%3D%3D`, text, version: 1 });
    lines += text.split('\n').length;
  }
  const openedAt = performance.now();
  openNotebook(nbUri, cells);
  const opened = await waitAll(cells.map((c) => c.uri), openedAt, 60_000);
  const openMs = performance.now() - openedAt;
  process.stderr.write(`lsp: first diagnostics ${firstOk ? firstDiagnosticsMs.toFixed(0) : 'timed out'} ms; 200-cell notebook opened in ${openMs.toFixed(0)} ms (${opened ? 'ok' : 'timed out'})\n`);

  // Edit latency. The server publishes a cell's diagnostics only when they change (and always
  // re-analyses the whole notebook, since cells see each other), so each measured edit is one
  // that changes the edited cell's diagnostics: typing `(` at the start of a cell (a syntax
  // error appears there, even in a cell that ends in a comment or already had an error further
  // down), then deleting it again (it goes away). Both are one-character edits; the time is
  // didChange → publishDiagnostics of the edited cell, which the server sends in the same pass
  // as every other cell's. It includes the server's typing debounce (TYPING_DELAY_MS), which
  // is reported separately so the processing time can be read on its own.
  const latencies: number[] = [];
  let timeouts = 0;
  const edit = async (cell: Cell, change: { line: number; from: number; to: number; text: string }) => {
    cell.version++;
    const lines = cell.text.split('\n');
    const l = lines[change.line]!;
    lines[change.line] = l.slice(0, change.from) + change.text + l.slice(change.to);
    cell.text = lines.join('\n');
    const since = performance.now();
    void conn.sendNotification('notebookDocument/didChange', {
      notebookDocument: { uri: nbUri, version: cell.version },
      change: {
        cells: {
          textContent: [
            {
              document: { uri: cell.uri, version: cell.version },
              changes: [{ range: { start: { line: change.line, character: change.from }, end: { line: change.line, character: change.to } }, text: change.text }],
            },
          ],
        },
      },
    });
    const ok = await waitAll([cell.uri], since, 3_000);
    if (ok) latencies.push(performance.now() - since);
    else timeouts++;
    if ((latencies.length + timeouts) % 50 === 0) process.stderr.write(`lsp: ${latencies.length} edits, ${timeouts} timeouts\n`);
  };
  for (let i = 0; i < 200; i++) {
    const cell = cells[(i * 37) % cells.length]!; // 37 is coprime with 200: every cell once
    await edit(cell, { line: 0, from: 0, to: 0, text: '(' });
    await edit(cell, { line: 0, from: 0, to: 1, text: '' });
  }

  // Memory: every perf notebook opened.
  for (const [n, file] of perfFiles().entries()) {
    const uri = `file://${file}`;
    const src = codeCells(file).map((text, j) => ({ uri: `vscode-notebook-cell://${file}#W${j}sZmlsZQ%3D%3D`, text, version: 1 }));
    openNotebook(uri, src);
    if (n % 50 === 49) await waitAll(src.map((c) => c.uri), 0, 60_000);
  }
  await new Promise((r) => setTimeout(r, 3000));
  const rss = rssMb(server.pid!);
  process.stdout.write(
    `${JSON.stringify({
      firstDiagnosticsMs: firstOk ? firstDiagnosticsMs : null,
      notebook: { cells: cells.length, lines, opened, openMs },
      editLatencyMs: latencies.length ? { p50: pct(latencies, 50), p95: pct(latencies, 95), max: Math.max(...latencies), samples: latencies.length, timeouts, debounceMs: TYPING_DELAY_MS } : null,
      // The same minus the typing debounce: what the server spends once it starts the analysis.
      editProcessingMs: latencies.length ? { p50: pct(latencies, 50) - TYPING_DELAY_MS, p95: pct(latencies, 95) - TYPING_DELAY_MS, max: Math.max(...latencies) - TYPING_DELAY_MS } : null,
      rssMbAtStart,
      rssMbAllPerfNotebooksOpen: rss,
    })}\n`,
  );
  await conn.sendRequest('shutdown').catch(() => undefined);
  void conn.sendNotification('exit');
  server.kill();
}

main().catch((e) => {
  console.error(e);
  server.kill();
  process.exit(1);
});
