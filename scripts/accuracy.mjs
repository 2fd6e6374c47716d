// Accuracy on the hand-labelled dev corpus (../shared/corpus/dev), scored as
// ../shared/spec/LABELS.md says: runs the built CLI with --format json on notebooks/ and
// manifests/, matches findings to labels per file and category, prints precision and recall per
// category and overall. `--verbose` lists every false positive and false negative.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { parseArgs } from 'node:util';

const { values: opts } = parseArgs({
  options: { verbose: { type: 'boolean' }, json: { type: 'boolean' }, labels: { type: 'string' }, dir: { type: 'string' }, categories: { type: 'string' } },
});
const verbose = opts.verbose === true;
const jsonOut = opts.json === true;
const corpus = path.resolve(process.env.PREFLIGHT_DEV_CORPUS ?? path.join(import.meta.dirname, '../../shared/corpus/dev'));
// Default: the dev corpus's two label files. `--labels FILE --dir DIR` scores another labelled
// set the same way (e.g. the held-out labels of perf-corpus notebooks in test/heldout/).
const sets = opts.labels
  ? [[path.resolve(opts.dir ?? path.dirname(opts.labels)), path.resolve(opts.labels)]]
  : [[path.join(corpus, 'notebooks'), path.join(corpus, 'notebooks.json')], [path.join(corpus, 'manifests'), path.join(corpus, 'manifests.json')]];
const cli = path.join(import.meta.dirname, '../bin/preflight.js');
// `--categories idempotency,hidden-state` scores a set labelled for those categories only.
const CATEGORIES = opts.categories ? opts.categories.split(',') : ['randomness', 'dependencies', 'idempotency', 'hidden-state'];

function run(folder, files) {
  const r = spawnSync(process.execPath, [cli, 'check', ...files, '--format', 'json', '--fail-on', 'error', '--no-cache'], { cwd: folder, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0 && r.status !== 1) {
    console.error(r.stderr);
    throw new Error(`preflight check exited ${r.status} on ${folder}`);
  }
  return JSON.parse(r.stdout).findings;
}

const stats = Object.fromEntries(CATEGORIES.map((c) => [c, { tp: 0, fp: 0, fn: 0, hints: 0, fps: [], fns: [] }]));
let unlabelledFiles = 0;

for (const [folderPath, labelPath] of sets) {
  const folder = path.basename(folderPath);
  const entries = JSON.parse(fs.readFileSync(labelPath, 'utf8'));
  // The dev folders are checked whole (as users would); a held-out set only its labelled files.
  const findings = run(folderPath, opts.labels ? entries.map((e) => e.file) : ['.']);
  const labelled = new Set(entries.map((e) => e.file));
  unlabelledFiles += findings.filter((f) => !labelled.has(f.file) && CATEGORIES.includes(f.category)).length;
  for (const entry of entries) {
    const mine = findings.filter((f) => f.file === entry.file);
    for (const cat of CATEGORIES) {
      const s = stats[cat];
      const labels = entry.labels.filter((l) => l.category === cat).map((l) => ({ ...l, matched: false }));
      const scored = mine.filter((f) => f.category === cat);
      const matches = (f, l) =>
        l.line === null || l.line === undefined
          ? (l.cells ?? []).includes(f.cell)
          : (l.cell ?? null) === f.cell && Math.abs(l.line - f.line) <= 1;
      for (const f of scored) {
        if (f.severity === 'hint') {
          s.hints++;
          continue;
        }
        const open = labels.find((l) => !l.optional && !l.matched && matches(f, l));
        if (open) {
          open.matched = true;
          s.tp++;
          continue;
        }
        const neutral = labels.find((l) => matches(f, l));
        if (neutral) {
          neutral.matched = true;
          continue;
        }
        s.fp++;
        s.fps.push(`${folder}/${f.file}${f.cell ? ` cell ${f.cell}` : ''}:${f.line} ${f.rule} ${f.message}`);
      }
      for (const l of labels) {
        if (!l.optional && !l.matched) {
          s.fn++;
          s.fns.push(`${folder}/${entry.file}${l.cell ? ` cell ${l.cell}` : l.cells ? ` cells ${l.cells.join(',')}` : ''}${l.line ? `:${l.line}` : ''} ${l.subtype} ${l.note ?? ''}`);
        }
      }
    }
  }
}

const ratio = (a, b) => (b === 0 ? 1 : a / b);
const rows = CATEGORIES.map((c) => {
  const s = stats[c];
  return { category: c, tp: s.tp, fp: s.fp, fn: s.fn, precision: ratio(s.tp, s.tp + s.fp), recall: ratio(s.tp, s.tp + s.fn), hints: s.hints };
});
const all = rows.reduce((a, r) => ({ tp: a.tp + r.tp, fp: a.fp + r.fp, fn: a.fn + r.fn }), { tp: 0, fp: 0, fn: 0 });
if (jsonOut) {
  console.log(JSON.stringify({ rows, overall: { ...all, precision: ratio(all.tp, all.tp + all.fp), recall: ratio(all.tp, all.tp + all.fn) } }, null, 2));
} else {
  if (verbose) {
    for (const c of CATEGORIES) {
      for (const fp of stats[c].fps) console.log(`FP ${c}: ${fp}`);
      for (const fn of stats[c].fns) console.log(`FN ${c}: ${fn}`);
    }
    console.log('');
  }
  const pct = (x) => x.toFixed(3);
  console.log('category       precision  recall    tp   fp   fn  hints');
  for (const r of rows) console.log(`${r.category.padEnd(14)} ${pct(r.precision).padStart(9)} ${pct(r.recall).padStart(7)} ${String(r.tp).padStart(5)} ${String(r.fp).padStart(4)} ${String(r.fn).padStart(4)} ${String(r.hints).padStart(6)}`);
  console.log(`${'overall'.padEnd(14)} ${pct(ratio(all.tp, all.tp + all.fp)).padStart(9)} ${pct(ratio(all.tp, all.tp + all.fn)).padStart(7)} ${String(all.tp).padStart(5)} ${String(all.fp).padStart(4)} ${String(all.fn).padStart(4)}`);
  if (unlabelledFiles) console.log(`(${unlabelledFiles} findings in files the labels do not list, not scored)`);
}
