/**
 * The built language server driven over stdio like an editor: time to first diagnostics, edit
 * latency on a ~3,000-line notebook (debounce included), open → first diagnostics of a
 * ~700-cell notebook, and the server's RSS with one long notebook open and with every perf
 * notebook open. Prints one JSON line (read by run.mjs); progress goes to stderr.
 *
 * How the end of an edit's analysis is seen: the server re-sends a cell's diagnostics only when
 * they change, so a realistic keystroke often produces no message at all. Right after each
 * didChange the script sends `preflight/analysisSettled`, which the server answers once nothing
 * is pending (typing timer expired, analysis done, publishes written: messages on the stream
 * stay in order). An edit's latency is didChange → the publish of the edited cell when the
 * edit changed that cell's diagnostics, and didChange → that answer when it did not; the answer
 * also carries the version the cell was analysed at, which must be the edit's.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { TYPING_DELAY_MS } from '../../server/src/lsp/diagnostics';
import { AnalysisSettledRequest, type AnalysisSettledResult } from '../../server/src/protocol';
import { SERVER_NODE_FLAGS } from '../../server/src/serverProcess';
import { codeCells, perfFiles } from './corpus';

interface Cell {
  uri: string;
  text: string;
  version: number;
}

const root = path.resolve(__dirname, '../..');
const EDITS = Number(process.env.BENCH_EDITS ?? 400);
// The server runs with the flags the client starts it with (serverProcess.ts);
// PREFLIGHT_BENCH_NODE_ARGS: extra node flags for it (e.g. --cpu-prof to profile it).
const nodeArgs = [...SERVER_NODE_FLAGS, ...(process.env.PREFLIGHT_BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean)];
const server = spawn(process.execPath, [...nodeArgs, path.join(root, 'dist/server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
const conn = createMessageConnection(new StreamMessageReader(server.stdout!), new StreamMessageWriter(server.stdin!));
/** When each URI's diagnostics were last published. */
const published = new Map<string, number>();
const waiters: { uris: Set<string>; since: number; resolve: () => void }[] = [];
conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string }) => {
  published.set(p.uri, performance.now());
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

/** Resolves true at the first publish for any of `uris` after `since`, false after `timeoutMs`. */
function waitAny(uris: string[], since: number, timeoutMs: number): Promise<boolean> {
  return Promise.race([...uris.map((u) => waitAll([u], since, timeoutMs))]);
}

/** The server's answer once no analysis is pending, or null after `timeoutMs`. */
function settled(uri: string, timeoutMs = 30_000): Promise<AnalysisSettledResult | null> {
  return Promise.race([
    conn.sendRequest(AnalysisSettledRequest.method, { uri }) as Promise<AnalysisSettledResult>,
    new Promise<null>((r) => setTimeout(() => r(null), timeoutMs).unref()),
  ]);
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

function closeNotebook(uri: string, cells: Cell[]) {
  void conn.sendNotification('notebookDocument/didClose', { notebookDocument: { uri }, cellTextDocuments: cells.map((c) => ({ uri: c.uri })) });
}

/** A synthetic notebook of `count` real cells (every `stride`-th of the pool), under bench/tmp. */
function syntheticNotebook(name: string, pool: string[], count: number, stride: number) {
  const uri = `file://${root}/bench/tmp/${name}.ipynb`;
  const cells: Cell[] = [];
  for (let i = 0; cells.length < count; i++) {
    cells.push({ uri: `vscode-notebook-cell://${root}/bench/tmp/${name}.ipynb#W${cells.length}sZmlsZQ%3D%3D`, text: pool[(i * stride) % pool.length]!, version: 1 });
  }
  return { uri, cells, lines: cells.reduce((n, c) => n + c.text.split('\n').length, 0) };
}

const pct = (xs: number[], p: number) => xs.slice().sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const stats = (xs: number[]) => (xs.length ? { p50: pct(xs, 50), p95: pct(xs, 95), max: Math.max(...xs), samples: xs.length } : null);
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** mulberry32: a seeded generator, so every run types the same keys in the same places. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Edit latency: `EDITS` keystrokes, in pairs: one character typed at a random place of a random
 * cell, then deleted again (backspace), so the notebook stays the real one. Whether the edit
 * changes any diagnostics is left to chance, as when typing; one edit at a time, each waited for.
 */
async function editLatency(nbUri: string, cells: Cell[]) {
  const next = random(18);
  const keys = 'abcdefghijklmnopqrstuvwxyz_0123456789 .,()[]=:+';
  const latencies: number[] = [];
  const settles: number[] = [];
  let changedDiagnostics = 0;
  let timeouts = 0;
  let staleVersions = 0;
  const edit = async (cell: Cell, line: number, from: number, to: number, text: string) => {
    cell.version++;
    const lines = cell.text.split('\n');
    lines[line] = lines[line]!.slice(0, from) + text + lines[line]!.slice(to);
    cell.text = lines.join('\n');
    const since = performance.now();
    void conn.sendNotification('notebookDocument/didChange', {
      notebookDocument: { uri: nbUri, version: cell.version },
      change: { cells: { textContent: [{ document: { uri: cell.uri, version: cell.version }, changes: [{ range: { start: { line, character: from }, end: { line, character: to } }, text }] }] } },
    });
    const answer = await settled(cell.uri, 10_000);
    const settledAt = performance.now();
    if (!answer) {
      timeouts++;
      return;
    }
    if (answer.analysedVersion !== cell.version) staleVersions++;
    const publishedAt = published.get(cell.uri) ?? 0;
    const changed = publishedAt >= since;
    if (changed) changedDiagnostics++;
    latencies.push((changed ? publishedAt : settledAt) - since);
    settles.push(settledAt - since);
  };
  for (let i = 0; i < EDITS / 2; i++) {
    const cell = cells[Math.floor(next() * cells.length)]!;
    const lines = cell.text.split('\n');
    const line = Math.floor(next() * lines.length);
    const col = Math.floor(next() * (lines[line]!.length + 1));
    await edit(cell, line, col, col, keys[Math.floor(next() * keys.length)]!);
    await edit(cell, line, col, col + 1, '');
    if ((i + 1) % 50 === 0) process.stderr.write(`lsp: ${2 * (i + 1)} edits, ${timeouts} timeouts\n`);
  }
  return { latencies, settles, changedDiagnostics, timeouts, staleVersions };
}

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

  // The edit notebook: 200 real cells of 5 to 40 lines, about 3,000 lines, like a long real notebook.
  const allCells = perfFiles().flatMap(codeCells).filter((c) => c.trim());
  const mid = allCells.filter((c) => c.split('\n').length >= 5 && c.split('\n').length <= 40);
  const editNb = syntheticNotebook('edit', mid, 200, 7);
  let openedAt = performance.now();
  openNotebook(editNb.uri, editNb.cells);
  const opened = await waitAll(editNb.cells.map((c) => c.uri), openedAt, 60_000);
  const openMs = performance.now() - openedAt;
  await settled(editNb.uri);
  await pause(1000);
  const rssMbEditNotebookOpen = rssMb(server.pid!);
  process.stderr.write(`lsp: first diagnostics ${firstOk ? firstDiagnosticsMs.toFixed(0) : 'timed out'} ms; ${editNb.cells.length}-cell notebook opened in ${openMs.toFixed(0)} ms (${opened ? 'ok' : 'timed out'})\n`);

  const edits = await editLatency(editNb.uri, editNb.cells);
  await pause(1000);
  const rssMbAfterEdits = rssMb(server.pid!);

  // Open → first diagnostics of a ~700-cell notebook (any real cells), on the running server.
  const longNb = syntheticNotebook('long', allCells, 700, 5);
  openedAt = performance.now();
  openNotebook(longNb.uri, longNb.cells);
  const firstCellOk = await waitAny(longNb.cells.map((c) => c.uri), openedAt, 60_000);
  const longFirstMs = performance.now() - openedAt;
  const longAllOk = await waitAll(longNb.cells.map((c) => c.uri), openedAt, 60_000);
  const longAllMs = performance.now() - openedAt;
  closeNotebook(longNb.uri, longNb.cells);
  await settled(longNb.uri);

  // Memory: every perf notebook opened (the edit notebook stays open).
  for (const [n, file] of perfFiles().entries()) {
    const uri = `file://${file}`;
    const src = codeCells(file).map((text, j) => ({ uri: `vscode-notebook-cell://${file}#W${j}sZmlsZQ%3D%3D`, text, version: 1 }));
    openNotebook(uri, src);
    if (n % 50 === 49) await settled(uri, 60_000);
  }
  await settled(editNb.uri, 60_000);
  await pause(3000);
  const rss = rssMb(server.pid!);
  const { latencies, settles } = edits;
  process.stdout.write(
    `${JSON.stringify({
      firstDiagnosticsMs: firstOk ? firstDiagnosticsMs : null,
      notebook: { cells: editNb.cells.length, lines: editNb.lines, opened, openMs },
      // didChange → the edited cell's diagnostics known (its publish, or the settled answer when unchanged); debounce included.
      editLatencyMs: latencies.length ? { ...stats(latencies), timeouts: edits.timeouts, debounceMs: TYPING_DELAY_MS, changedDiagnostics: edits.changedDiagnostics, staleVersions: edits.staleVersions } : null,
      // didChange → the server has nothing pending (every cell re-analysed and published).
      editSettledMs: stats(settles),
      longNotebook: { cells: longNb.cells.length, lines: longNb.lines, firstDiagnosticsMs: firstCellOk ? longFirstMs : null, allCellsMs: longAllOk ? longAllMs : null },
      rssMbAtStart,
      rssMbEditNotebookOpen,
      rssMbAfterEdits,
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
