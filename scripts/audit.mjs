// `npm run audit`: how often Preflight is right on code nobody tuned it for.
//
// Runs the built CLI over every tree of ../shared/corpus/realworld (12 public repositories,
// unlabelled), then
//   - with judged sheets in test/realworld/ (the default): re-scores them — judged true positives
//     still found, judged false positives gone, precision per rule and volume-weighted — and
//     prints the volume of findings per rule and severity;
//   - with `--sample FILE`: draws a stratified random sample (fixed seed; up to --per-stratum
//     findings per rule and severity, --per-hint per hint rule, topped up in proportion to
//     volume until --total) and writes it as a judging sheet (verdicts empty). `--context DIR`
//     also writes worksheets with the code around each finding for the judges (outside the
//     project: corpus text is never copied into it).
//   - with `--rejudge FILE`: a sheet of the judged findings reported today above hint whose
//     message changed since they were judged (a verdict is of the message it read). Saved in
//     test/realworld/ with `rejudges: true`, its verdicts replace the older ones for the same
//     findings when scoring.
// A sheet holds locations, rule, severity and message, and per item `verdict` (tp | fp |
// debatable) and `reason`, filled in by reviewers who have not read the rules' code.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';

const { values: opts } = parseArgs({
  options: {
    sample: { type: 'string' },
    rejudge: { type: 'string' },
    context: { type: 'string' },
    seed: { type: 'string', default: '20261204' },
    'per-stratum': { type: 'string', default: '12' },
    'per-hint': { type: 'string', default: '5' },
    total: { type: 'string', default: '0' },
    json: { type: 'boolean' },
  },
});
const root = path.resolve(import.meta.dirname, '..');
const corpus = path.resolve(process.env.PREFLIGHT_REALWORLD_CORPUS ?? path.join(root, '../shared/corpus/realworld'));
const sheetsDir = path.join(root, 'test/realworld');
const cli = path.join(root, 'bin/preflight.js');

if (!fs.existsSync(corpus)) {
  console.log(`audit: no real-world corpus at ${corpus}; nothing to measure (set PREFLIGHT_REALWORLD_CORPUS)`);
  process.exit(0);
}

/** Every finding of every tree, each tagged with its tree. */
function runAll() {
  const trees = fs.readdirSync(corpus, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  const all = [];
  for (const tree of trees) {
    const r = spawnSync(process.execPath, [cli, 'check', '.', '--format', 'json', '--fail-on', 'error', '--no-cache'], { cwd: path.join(corpus, tree), encoding: 'utf8', maxBuffer: 1 << 28 });
    if (r.status !== 0 && r.status !== 1) throw new Error(`preflight check exited ${r.status} on ${tree}: ${r.stderr}`);
    for (const f of JSON.parse(r.stdout).findings) all.push({ tree, ...f });
  }
  return all;
}

const keyOf = (f) => `${f.tree}|${f.file}|${f.cell ?? ''}|${f.line}:${f.column}|${f.rule}`;
const stratumOf = (f) => `${f.rule} ${f.severity}`;

/** mulberry32: a small seeded PRNG, so a sample is the same on every machine. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled(list, random) {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

function groupBy(list, key) {
  const m = new Map();
  for (const x of list) m.set(key(x), [...(m.get(key(x)) ?? []), x]);
  return m;
}

function sample(findings, judgedKeys) {
  const random = rng(Number(opts.seed));
  // Findings already judged in a kept sheet are not drawn again; strata keep their full volume.
  const strata = groupBy(findings, stratumOf);
  const fresh = groupBy(findings.filter((f) => !judgedKeys.has(keyOf(f))), stratumOf);
  const pools = new Map([...fresh].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, shuffled(v.sort((x, y) => keyOf(x).localeCompare(keyOf(y))), random)]));
  const picked = new Map();
  for (const [k, pool] of pools) picked.set(k, pool.slice(0, k.endsWith(' hint') ? Number(opts['per-hint']) : Number(opts['per-stratum'])));
  // Top up in proportion to volume (hints excluded): bigger strata get more of the extra items.
  const total = Number(opts.total);
  let count = [...picked.values()].reduce((n, l) => n + l.length, 0);
  while (count < total) {
    const open = [...pools].filter(([k, pool]) => !k.endsWith(' hint') && picked.get(k).length < pool.length);
    if (!open.length) break;
    const [k, pool] = open.reduce((best, cur) => (cur[1].length / (picked.get(cur[0]).length + 1) > best[1].length / (picked.get(best[0]).length + 1) ? cur : best));
    picked.get(k).push(pool[picked.get(k).length]);
    count++;
  }
  const items = [...picked.values()].flat().map((f, i) => ({
    id: i + 1,
    tree: f.tree,
    file: f.file,
    cell: f.cell ?? null,
    line: f.line,
    column: f.column,
    rule: f.rule,
    severity: f.severity,
    message: f.message,
    verdict: null,
    reason: null,
  }));
  const volume = Object.fromEntries([...strata].map(([k, v]) => [k, v.length]).sort(([a], [b]) => a.localeCompare(b)));
  return { seed: Number(opts.seed), drawn: new Date().toISOString().slice(0, 10), volume, items };
}

/** Lines around a finding (a notebook finding: its cell, 1-based as the CLI prints it), for a judge's worksheet only. */
function contextOf(item) {
  const file = path.join(corpus, item.tree, item.file);
  let lines;
  if (item.cell !== null) {
    const nb = JSON.parse(fs.readFileSync(file, 'utf8'));
    const src = nb.cells[item.cell - 1]?.source ?? ''; // the CLI counts cells from 1
    lines = (Array.isArray(src) ? src.join('') : src).split('\n');
  } else lines = fs.readFileSync(file, 'utf8').split('\n');
  const from = Math.max(0, item.line - 12);
  const to = Math.min(lines.length, item.line + 8);
  return lines.slice(from, to).map((l, i) => `${String(from + i + 1).padStart(5)}${from + i + 1 === item.line ? ' >' : '  '} ${l}`).join('\n');
}

function writeWorksheets(sheet, dir) {
  fs.mkdirSync(dir, { recursive: true });
  const byRule = groupBy(sheet.items, (i) => i.rule);
  for (const [rule, items] of byRule) {
    const parts = items.map((i) => `## item ${i.id} — ${i.tree}/${i.file}${i.cell !== null ? ` cell ${i.cell}` : ''} line ${i.line}:${i.column} (${i.severity})\n${i.message}\n\n\`\`\`\n${contextOf(i)}\n\`\`\`\n`);
    fs.writeFileSync(path.join(dir, `${rule}.md`), `# ${rule} (docs/rules/${rule}.md)\n\n${parts.join('\n')}`);
  }
}

/**
 * Sheets in the order their verdicts apply, the last one kept for a finding: first-time sheets,
 * then re-judging sheets (a message changed, or an adjudication of findings two blind reviews
 * disagreed on), each group by the day it was drawn, then by file name.
 */
function inVerdictOrder(sheets) {
  return [...sheets].sort((a, b) => Number(Boolean(a.rejudges)) - Number(Boolean(b.rejudges)) || String(a.drawn ?? '').localeCompare(String(b.drawn ?? '')));
}

/** Precision of judged sheets against this run, per stratum and volume-weighted. */
function score(findings, sheets) {
  const current = new Map(findings.map((f) => [keyOf(f), f]));
  const found = new Set(current.keys());
  const volume = new Map([...groupBy(findings, stratumOf)].map(([k, v]) => [k, v.length]));
  // A judged finding still reported counts in the stratum of its severity today: one judged as
  // a warning and now a hint is scored with the hints. One no longer reported stays in its old
  // stratum (judged, not live).
  // Re-judging sheets come last, so their verdict is the one kept for a finding.
  const latest = new Map();
  for (const sh of inVerdictOrder(sheets)) {
    for (const i of sh.items) if (i.verdict) latest.set(keyOf(i), i);
  }
  const judged = [...latest.values()].map((i) => {
    const now = current.get(keyOf(i));
    return now ? { ...i, severity: now.severity } : i;
  });
  const rows = [];
  let tpStill = 0;
  let tpAll = 0;
  let fpGone = 0;
  let fpAll = 0;
  for (const [stratum, items] of [...groupBy(judged, stratumOf)].sort(([a], [b]) => a.localeCompare(b))) {
    const live = items.filter((i) => found.has(keyOf(i)));
    const tp = live.filter((i) => i.verdict === 'tp').length;
    const fp = live.filter((i) => i.verdict === 'fp').length;
    const deb = live.filter((i) => i.verdict === 'debatable').length;
    for (const i of items) {
      if (i.verdict === 'tp') (tpAll++, found.has(keyOf(i)) && tpStill++);
      if (i.verdict === 'fp') (fpAll++, !found.has(keyOf(i)) && fpGone++);
    }
    rows.push({ stratum, volume: volume.get(stratum) ?? 0, judged: items.length, live: live.length, tp, fp, debatable: deb, precision: live.length ? tp / live.length : null, lenient: live.length ? (tp + deb) / live.length : null });
  }
  // Volume-weighted over strata that still have findings: each stratum's sample stands for its
  // volume. Hints are left out, as in the measurement that opened the trust issue (warning, error
  // and info findings); their rows are still printed.
  const weighted = (k) => {
    const ws = rows.filter((r) => r[k] !== null && r.volume > 0 && !r.stratum.endsWith(' hint'));
    const w = ws.reduce((n, r) => n + r.volume, 0);
    return w ? ws.reduce((n, r) => n + r[k] * r.volume, 0) / w : null;
  };
  return { rows, weighted: weighted('precision'), weightedLenient: weighted('lenient'), tpStill, tpAll, fpGone, fpAll, unjudged: [...volume].filter(([k]) => !rows.some((r) => r.stratum === k)) };
}

const fmt = (x) => (x === null ? '   -  ' : x.toFixed(3).padStart(6));

const findings = runAll();
const sheets = fs.existsSync(sheetsDir) ? fs.readdirSync(sheetsDir).filter((f) => f.endsWith('.json')).sort().map((f) => JSON.parse(fs.readFileSync(path.join(sheetsDir, f), 'utf8'))) : [];
if (opts.rejudge) {
  const current = new Map(findings.map((f) => [keyOf(f), f]));
  const latest = new Map();
  for (const sh of inVerdictOrder(sheets)) for (const i of sh.items) if (i.verdict) latest.set(keyOf(i), i);
  const changed = [...latest.values()].filter((i) => {
    const now = current.get(keyOf(i));
    return now && now.severity !== 'hint' && now.message !== i.message;
  });
  const items = changed.map((i, n) => {
    const now = current.get(keyOf(i));
    return { id: n + 1, tree: i.tree, file: i.file, cell: i.cell ?? null, line: i.line, column: i.column, rule: i.rule, severity: now.severity, message: now.message, verdict: null, reason: null };
  });
  const sheet = { rejudges: true, drawn: new Date().toISOString().slice(0, 10), items };
  fs.writeFileSync(path.resolve(opts.rejudge), `${JSON.stringify(sheet, null, 1)}\n`);
  if (opts.context) writeWorksheets(sheet, path.resolve(opts.context));
  console.log(`audit: ${items.length} judged findings whose message changed, into ${opts.rejudge}`);
  process.exit(0);
}
if (opts.sample) {
  const sheet = sample(findings, new Set(sheets.flatMap((s) => s.items.map(keyOf))));
  fs.mkdirSync(path.dirname(path.resolve(opts.sample)), { recursive: true });
  fs.writeFileSync(path.resolve(opts.sample), `${JSON.stringify(sheet, null, 1)}\n`);
  if (opts.context) writeWorksheets(sheet, path.resolve(opts.context));
  console.log(`audit: ${sheet.items.length} findings sampled from ${findings.length} into ${opts.sample}`);
  process.exit(0);
}
const s = score(findings, sheets);
if (opts.json) {
  console.log(JSON.stringify(s, null, 1));
  process.exit(0);
}
console.log(`${findings.length} findings on ${corpus}`);
console.log('stratum                                 volume judged  live   tp   fp  deb  precision lenient');
for (const r of s.rows) console.log(`${r.stratum.padEnd(40)}${String(r.volume).padStart(6)}${String(r.judged).padStart(7)}${String(r.live).padStart(6)}${String(r.tp).padStart(5)}${String(r.fp).padStart(5)}${String(r.debatable).padStart(5)}   ${fmt(r.precision)}  ${fmt(r.lenient)}`);
for (const [k, v] of s.unjudged) console.log(`${k.padEnd(40)}${String(v).padStart(6)}   (not judged)`);
console.log(`volume-weighted precision of warning/error/info findings ${fmt(s.weighted)} (debatable counted right: ${fmt(s.weightedLenient)})`);
console.log(`judged true positives still found: ${s.tpStill}/${s.tpAll}; judged false positives gone: ${s.fpGone}/${s.fpAll}`);
