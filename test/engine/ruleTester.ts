/**
 * RuleTester in the ESLint style: tables of valid and invalid cases, each invalid case with the
 * exact ranges it must report (1-based lines and columns, 1-based cells counting every cell, as
 * users see them), and optionally the text after applying the fixes.
 *
 *   ruleTester.run(rule, {
 *     valid: ['import random\nrandom.seed(1)\nrandom.random()'],
 *     invalid: [{ code: 'import random\nrandom.random()', errors: [{ line: 2, column: 1, endLine: 2, endColumn: 16 }] }],
 *   });
 *
 * A case may be Python (`code`), a notebook (`cells`), or a manifest (`manifest` + `filename`);
 * `files` writes other project files (a lock file, a requirements.txt) into a temp project.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it, before } from 'node:test';
import { analyze, type AnalysisInput } from '../../server/src/engine/analyze';
import { configFromTable } from '../../server/src/engine/config';
import { classifyFile } from '../../server/src/engine/files';
import type { Finding, Fix, TextEdit } from '../../server/src/engine/model';
import { LineIndex } from '../../server/src/engine/model';
import { isEditedSinceRun, type Notebook, type NotebookCell } from '../../server/src/engine/notebook';
import { createProject } from '../../server/src/engine/project';
import { initParser } from '../../server/src/engine/python/parser';
import type { Rule } from '../../server/src/engine/rule';

export type CellSpec = string | { kind?: 'code' | 'markdown' | 'raw'; source: string; executionCount?: number | null; outputs?: NotebookCell['outputs'] };

export interface CaseBase {
  name?: string;
  code?: string;
  cells?: CellSpec[];
  /** Manifest text; the kind comes from `filename`. */
  manifest?: string;
  /** Default: `main.py`, `notebook.ipynb` for cells, required for manifests. */
  filename?: string;
  /** Other files of the project (relative path → text). */
  files?: Record<string, string>;
  /** `[tool.preflight]` table. */
  config?: Record<string, unknown>;
}

export interface ExpectedError {
  line: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  cell?: number;
  message?: RegExp | string;
  severity?: Finding['severity'];
  /** Related locations, in order: a project file (relative path) or a cell of the notebook (1-based, counting every cell), and a 1-based line. */
  related?: ({ file: string; line: number } | { cell: number; line: number })[];
}

export interface InvalidCase extends CaseBase {
  errors: ExpectedError[];
  /** Text after applying every reported fix (code / manifest); null asserts no fix. */
  output?: string | null;
  /** Cell sources after applying the fixes (notebooks); inserted cells included. */
  outputCells?: string[];
}

export type ValidCase = string | CaseBase;

function toCell(c: CellSpec): NotebookCell {
  if (typeof c === 'string') return { kind: 'code', source: c, executionCount: null };
  const kind = c.kind ?? 'code';
  const executionCount = c.executionCount ?? null;
  // As the `.ipynb` loader reads it: a code cell with outputs and no count was edited after its run.
  const edited = kind === 'code' && isEditedSinceRun(executionCount, c.outputs);
  return { kind, source: c.source, executionCount, ...(c.outputs ? { outputs: c.outputs } : {}), ...(edited ? { editedSinceRun: true } : {}) };
}

/**
 * Writes a case's project files (`files`) under `dir` and returns the path of the case's own file
 * (`filename`, else `notebook.ipynb` / `main.py`), its folder made; the caller writes or reads it.
 */
export function caseLayout(dir: string, c: CaseBase): string {
  for (const [rel, text] of Object.entries(c.files ?? {})) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  const file = path.join(dir, c.filename ?? (c.cells ? 'notebook.ipynb' : 'main.py'));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  return file;
}

export function runCase(rule: Rule, c: CaseBase): Finding[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-rt-'));
  try {
    const file = caseLayout(dir, c);
    let input: AnalysisInput;
    if (c.cells) {
      const notebook: Notebook = { cells: c.cells.map(toCell), language: 'python' };
      input = { target: 'notebook', file, notebook };
    } else if (c.manifest !== undefined) {
      const kind = classifyFile(file);
      assert.ok(kind && kind.target === 'manifest', `${path.basename(file)} is not a manifest name`);
      fs.writeFileSync(file, c.manifest);
      input = { target: 'manifest', file, text: c.manifest, manifestKind: kind.manifestKind };
    } else {
      const kind = classifyFile(file);
      fs.writeFileSync(file, c.code ?? '');
      input = kind?.target === 'manifest' ? { target: 'manifest', file, text: c.code ?? '', manifestKind: kind.manifestKind } : { target: 'python', file, text: c.code ?? '' };
    }
    const config = configFromTable({ ...(c.config ?? {}), severity: { ...((c.config?.severity as object) ?? {}) } });
    const result = analyze(input, { config, project: createProject(dir), rules: [rule] });
    assert.deepEqual(result.ruleErrors, [], 'the rule threw');
    return result.findings.filter((f) => f.ruleId === rule.meta.id);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Apply non-overlapping edits to one text (last first). */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const lines = new LineIndex(text);
  const spans = edits
    .map((e) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), text: e.newText }))
    .sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  let last = Infinity;
  for (const s of spans) {
    if (s.end > last) continue; // overlapping edit: a fix-all applies the first one only
    out = out.slice(0, s.start) + s.text + out.slice(s.end);
    last = s.start;
  }
  return out;
}

function dedupeFixes(fixes: Fix[]): Fix[] {
  const seen = new Set<string>();
  return fixes.filter((f) => {
    const key = JSON.stringify([f.edits, f.cellInserts]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function applyFixesToCells(cells: string[], fixes: Fix[]): string[] {
  const out = cells.slice();
  const unique = dedupeFixes(fixes);
  const byCell = new Map<number, TextEdit[]>();
  for (const f of unique) for (const e of f.edits) byCell.set(e.cell ?? -1, [...(byCell.get(e.cell ?? -1) ?? []), e]);
  for (const [cell, edits] of byCell) out[cell] = applyEdits(out[cell] ?? '', edits);
  const inserts = unique.flatMap((f) => f.cellInserts ?? []).sort((a, b) => b.index - a.index);
  const seenInsert = new Set<number>();
  for (const ins of inserts) {
    if (seenInsert.has(ins.index)) continue;
    seenInsert.add(ins.index);
    out.splice(ins.index, 0, ins.source);
  }
  return out;
}

function describeFinding(f: Finding): string {
  return `${f.cell !== undefined ? `cell ${f.cell + 1} ` : ''}${f.range.start.line + 1}:${f.range.start.column + 1}-${f.range.end.line + 1}:${f.range.end.column + 1} ${f.message}`;
}

function caseName(c: ValidCase | InvalidCase, i: number): string {
  if (typeof c === 'string') return `valid #${i}: ${c.split('\n').join(' ⏎ ').slice(0, 70)}`;
  const src = c.code ?? c.manifest ?? (c.cells ?? []).map((x) => (typeof x === 'string' ? x : x.source)).join(' ┃ ');
  return `${c.name ?? `#${i}`}: ${src.split('\n').join(' ⏎ ').slice(0, 70)}`;
}

export const ruleTester = {
  run(rule: Rule, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
    // test/cli/fixRuleTables.test.ts loads the rule tables to run their fix cases through `check --fix`.
    const collect = (globalThis as { collectRuleCases?: (rule: Rule, invalid: InvalidCase[]) => void }).collectRuleCases;
    if (collect) return collect(rule, cases.invalid);
    describe(rule.meta.id, () => {
      before(async () => {
        await initParser();
      });
      cases.valid.forEach((v, i) => {
        it(`valid ${caseName(v, i)}`, () => {
          const c = typeof v === 'string' ? { code: v } : v;
          const found = runCase(rule, c);
          assert.deepEqual(found.map(describeFinding), [], 'expected no findings');
        });
      });
      cases.invalid.forEach((c, i) => {
        it(`invalid ${caseName(c, i)}`, () => {
          const found = runCase(rule, c);
          assert.equal(found.length, c.errors.length, `expected ${c.errors.length} finding(s), got:\n${found.map(describeFinding).join('\n')}`);
          c.errors.forEach((e, j) => {
            const f = found[j]!;
            const at = describeFinding(f);
            if (e.cell !== undefined) assert.equal((f.cell ?? -1) + 1, e.cell, `cell of ${at}`);
            assert.equal(f.range.start.line + 1, e.line, `line of ${at}`);
            if (e.column !== undefined) assert.equal(f.range.start.column + 1, e.column, `column of ${at}`);
            if (e.endLine !== undefined) assert.equal(f.range.end.line + 1, e.endLine, `endLine of ${at}`);
            if (e.endColumn !== undefined) assert.equal(f.range.end.column + 1, e.endColumn, `endColumn of ${at}`);
            if (e.severity !== undefined) assert.equal(f.severity, e.severity, `severity of ${at}`);
            if (typeof e.message === 'string') assert.equal(f.message, e.message);
            else if (e.message) assert.match(f.message, e.message);
            if (e.related) {
              const got = (f.related ?? []).map((r, k) => {
                const want = e.related![k];
                if (want && 'cell' in want) return { cell: (r.cell ?? -2) + 1, line: r.range.start.line + 1 };
                const file = (r.file ?? '').split(path.sep).join('/');
                return { file: want && 'file' in want && file.endsWith(`/${want.file}`) ? want.file : file, line: r.range.start.line + 1 };
              });
              assert.deepEqual(got, e.related, `related locations of ${at}`);
            }
          });
          // Edits in other files (`file` set) are checked by the rule's own tests, not here.
          const fixes = found.flatMap((f) => (f.fix ? [{ ...f.fix, edits: f.fix.edits.filter((e) => e.file === undefined) }] : []));
          if (c.output === null) assert.equal(fixes.length, 0, 'expected no fix');
          else if (c.output !== undefined) {
            const src = c.code ?? c.manifest ?? '';
            assert.equal(applyEdits(src, dedupeFixes(fixes).flatMap((f) => f.edits)), c.output);
          }
          if (c.outputCells) {
            const cells = (c.cells ?? []).map((x) => (typeof x === 'string' ? x : x.source));
            assert.deepEqual(applyFixesToCells(cells, fixes), c.outputCells);
          }
        });
      });
    });
  },
};
