/**
 * `preflight check --fix` and `--diff`: the engine's own fixes (the edits the editor offers),
 * applied to files until nothing more is fixable, as Ruff does. Each pass analyses every file
 * with the texts fixed so far laid over the disk, picks the fixes that go together
 * (engine `selectFixes`: safe ones, unsafe ones too with `--unsafe-fixes`) and applies them in
 * memory; a fix that changes what another rule sees is offered again on the next pass. After
 * the last pass `--fix` writes the changed files and `--diff` prints them as a unified diff.
 *
 * A file whose fixes would add a syntax error (or whose notebook could not be written back
 * exactly) keeps its text, takes no more fixes, and the run says so on stderr.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createTwoFilesPatch } from 'diff';
import {
  AnalysisSession,
  applyFileFixes,
  checkFile,
  classifyFile,
  inputFromText,
  loadNotebook,
  nodeFileSystem,
  planCheck,
  readFileToFix,
  programFromNotebook,
  programFromPython,
  reportOf,
  selectFixes,
  type CheckOptions,
  type CheckReport,
  type FileResult,
  type FileSystem,
} from '../engine';
/** Ruff stops at 100; a fix here rarely enables more than one other, so a handful is plenty. */
export const MAX_FIX_PASSES = 8;

export interface FixRun {
  /** The findings left after the fixes (the report `--fix` prints). */
  report: CheckReport;
  /** Findings whose fix was applied, over every pass. */
  fixed: number;
  /** Changed files: their text before and after. */
  changed: Map<string, { before: string; after: string }>;
  /** What could not be fixed, one line each (for stderr). */
  notes: string[];
}

/** Syntax errors in a text, as the engine finds them (code cells of a notebook, a `.py` file or setup.py). */
function syntaxErrorCount(file: string, text: string): number {
  const kind = classifyFile(file);
  if (kind?.target === 'notebook') {
    const loaded = loadNotebook(text);
    return loaded.ok ? programFromNotebook(loaded.notebook).units.filter((u) => u.syntaxError).length : Infinity;
  }
  if (kind?.target === 'python' || (kind?.target === 'manifest' && kind.manifestKind === 'setup-py')) {
    return programFromPython(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).units.filter((u) => u.syntaxError).length;
  }
  return 0;
}

/** The disk, with the texts fixed so far in place of the files'. */
function overlayFileSystem(texts: ReadonlyMap<string, string>): FileSystem {
  return { ...nodeFileSystem, readFile: (f) => texts.get(path.resolve(f)) ?? nodeFileSystem.readFile(f), exists: (f) => texts.has(path.resolve(f)) || nodeFileSystem.exists(f) };
}

/** Analyse every file of the check, reading fixed texts from `texts` and the rest from disk. */
function analyseAll(opts: CheckOptions, texts: ReadonlyMap<string, string>): CheckReport {
  const plan = planCheck({ ...opts, fileSystem: overlayFileSystem(texts) });
  const session = new AnalysisSession();
  const results = plan.tasks.map((t): FileResult => {
    const g = plan.groups[t.group]!;
    const text = texts.get(t.file);
    if (text === undefined) return checkFile(session, t.file, g.config, g.project);
    // What input.ts does with a file's bytes: a notebook's BOM is loadNotebook's to judge, any other file drops it.
    const input = inputFromText(t.file, classifyFile(t.file)?.target !== 'notebook' && text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, g.config);
    if (!input) return { findings: [], ruleErrors: [], checked: false };
    const r = session.analyze(input, { config: g.config, project: g.project });
    return { findings: r.findings, ruleErrors: r.ruleErrors, checked: true };
  });
  return reportOf(plan, results, opts);
}

export function runFixes(opts: CheckOptions, unsafe: boolean): FixRun {
  const texts = new Map<string, string>();
  const originals = new Map<string, string>();
  const frozen = new Set<string>();
  const notes: string[] = [];
  let fixed = 0;
  let report = analyseAll(opts, texts);
  for (let pass = 1; ; pass++) {
    const selection = selectFixes(report.findings, { unsafe, frozen });
    if (!selection.files.size) break;
    if (pass > MAX_FIX_PASSES) {
      notes.push(`fixes were still being offered after ${MAX_FIX_PASSES} passes; the rest were not applied (run --fix again to see them)`);
      break;
    }
    const rejected = new Set<string>();
    for (const [rel, fileFixes] of selection.files) {
      const file = path.resolve(rel);
      let before = texts.get(file);
      if (before === undefined) {
        before = readFileToFix(file);
        if (before === undefined) {
          rejected.add(rel);
          notes.push(`${file}: cannot read the file to fix it`);
          continue;
        }
        originals.set(file, before);
      }
      const result = applyFileFixes(file, before, fileFixes);
      const reason = !result.ok ? result.message : syntaxErrorCount(file, result.text) > syntaxErrorCount(file, before) ? 'the fixes would introduce a syntax error' : undefined;
      if (reason || !result.ok) {
        rejected.add(rel);
        frozen.add(rel);
        notes.push(`${file}: fixes not applied: ${reason}`);
        continue;
      }
      texts.set(file, result.text);
    }
    fixed += selection.fixed.filter((f) => !rejected.has(f.file) && !(f.fix?.edits ?? []).some((e) => e.file !== undefined && rejected.has(e.file))).length;
    report = analyseAll(opts, texts);
  }
  const changed = new Map<string, { before: string; after: string }>();
  for (const [file, after] of texts) if (originals.get(file) !== after) changed.set(file, { before: originals.get(file)!, after });
  return { report, fixed, changed, notes };
}

/** `--diff`: each changed file as a unified diff, paths relative to `cwd` (as Ruff prints them). */
export function formatDiff(changed: FixRun['changed'], cwd: string): string {
  const rel = (f: string) => path.relative(cwd, f).split(path.sep).join('/') || path.basename(f);
  return [...changed]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([file, { before, after }]) => createTwoFilesPatch(rel(file), rel(file), before, after, undefined, undefined, { context: 3 }).replace(/^Index: .*\n=+\n/, ''))
    .join('');
}

export interface FixCommandOptions {
  unsafe: boolean;
  /** Print a diff and write nothing. */
  diff: boolean;
  cwd: string;
  out: (s: string) => void;
  err: (s: string) => void;
  /** The report of what remains, in the format asked for (`--fix`). */
  format: (report: CheckReport) => string;
  /** Exit code of the remaining findings (`--fail-on`). */
  exitCode: (report: CheckReport) => number;
  textFormat: boolean;
  /** `--quiet`: no "Fixed N findings" line. */
  quiet?: boolean;
}

const findings = (n: number) => `${n} finding${n === 1 ? '' : 's'}`;

/** `check --fix` / `check --diff`: the exit code. */
export function runFixCommand(opts: CheckOptions, o: FixCommandOptions): number {
  const run = runFixes(opts, o.unsafe);
  for (const p of run.report.problems) o.err(`preflight: ${p.path}: ${p.message}\n`);
  for (const n of run.notes) o.err(`preflight: ${n}\n`);
  if (o.diff) {
    o.out(formatDiff(run.changed, o.cwd));
    if (!o.quiet) o.err(run.fixed ? `Would fix ${findings(run.fixed)} in ${run.changed.size} file${run.changed.size === 1 ? '' : 's'}.\n` : 'No fixes available.\n');
    return run.changed.size ? 1 : 0;
  }
  for (const [file, { after }] of run.changed) {
    try {
      fs.writeFileSync(file, after);
    } catch (e) {
      o.err(`preflight: ${file}: cannot write the fixed file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
      return 2;
    }
  }
  const hidden = o.unsafe ? 0 : run.report.findings.filter((f) => f.fix?.applicability === 'unsafe').length;
  const line = `Fixed ${findings(run.fixed)} in ${run.changed.size} file${run.changed.size === 1 ? '' : 's'}.${hidden ? ` ${findings(hidden)} more ha${hidden === 1 ? 's an unsafe fix' : 've unsafe fixes'}: review them and use --unsafe-fixes.` : ''}`;
  if (o.quiet) o.out(o.format(run.report));
  else if (o.textFormat) o.out(`${o.format(run.report)}${line}\n`);
  else {
    o.out(o.format(run.report));
    o.err(`${line}\n`);
  }
  return o.exitCode(run.report);
}
