/**
 * Project checks: checklist evidence that comes from the project's files and git rather than
 * from rule findings (a CI workflow exists, a `.env` is tracked, a notebook saved a traceback).
 * Each is a pure function of ProjectFacts; the lists of names they look for are in ./signals.ts.
 */
import * as path from 'node:path';
import { loadNotebook } from '../notebook';
import { redactSecrets } from '../redact';
import { worstStatus, type ChecklistStatus, type Evidence } from './model';
import { importedModules, type ProjectFacts } from './facts';
import type { CheckContext, CheckResult } from './checkContext';
import { PRODUCTION_CHECKS } from './productionChecks';

export type { CheckContext, CheckResult } from './checkContext';

import {
  CI_PATHS,
  DATA_EXTENSIONS,
  DATA_VERSIONING_PATTERNS,
  DOCKERFILE_PATTERN,
  ENVIRONMENT_PATTERNS,
  MANIFEST_PATTERNS,
  RUNBOOK_PATTERNS,
  SECRET_FILES,
  TEST_PATTERNS,
  TRACKER_MODULES,
  TRAINING_CALL,
  TRAINING_MODULES,
} from './signals';

const isPythonLike = (f: string) => /\.(py|ipynb)$/i.test(f);
const fileEvidence = (file: string, message: string, line?: number): Evidence => ({
  kind: 'file',
  file,
  message,
  ...(line !== undefined ? { range: { start: { line, column: 0 }, end: { line, column: 0 } } } : {}),
});

function dependencyManifest({ facts }: CheckContext): CheckResult {
  const manifests = facts.files.filter((f) => MANIFEST_PATTERNS.some((p) => p.test(f)));
  if (manifests.length) return { status: 'pass', summary: `Dependencies are declared in ${manifests.length} manifest${manifests.length === 1 ? '' : 's'}.`, evidence: manifests.slice(0, 10).map((f) => fileEvidence(f, 'dependency manifest')), lookedAt: manifests };
  if (!facts.files.some(isPythonLike)) return { status: 'not-applicable', summary: 'No Python code.', evidence: [] };
  return { lookedAt: facts.files.filter(isPythonLike), status: 'fail', summary: 'No dependency manifest: nothing declares what the code imports.', evidence: [{ kind: 'note', message: 'no requirements.txt, pyproject.toml, Pipfile, setup.py or environment.yml in the workspace' }] };
}

/** `FROM` lines without a fixed tag or digest (`scratch`, build-stage names and `${ARG}`s are fine). */
export function unpinnedBaseImages(dockerfile: string): { line: number; image: string }[] {
  const stages = new Set<string>();
  const out: { line: number; image: string }[] = [];
  dockerfile.split(/\r?\n/).forEach((text, line) => {
    const m = /^\s*FROM\s+(?:--\S+\s+)*(\S+)(?:\s+AS\s+(\S+))?/i.exec(text);
    if (!m) return;
    const image = m[1]!;
    if (m[2]) stages.add(m[2].toLowerCase());
    if (image === 'scratch' || image.includes('$') || stages.has(image.toLowerCase()) || image.includes('@sha256:')) return;
    const lastSegment = image.slice(image.lastIndexOf('/') + 1);
    const tag = lastSegment.includes(':') ? lastSegment.slice(lastSegment.indexOf(':') + 1) : undefined;
    if (!tag || tag === 'latest') out.push({ line, image });
  });
  return out;
}

function environmentFiles(ctx: CheckContext): CheckResult {
  const { facts } = ctx;
  const envFiles = facts.files.filter((f) => ENVIRONMENT_PATTERNS.some((p) => p.test(f)));
  if (!envFiles.length) {
    return { status: 'warn', summary: 'No Dockerfile, dev container or conda environment captures the runtime.', evidence: [{ kind: 'note', message: 'looked for Dockerfile, Containerfile, .devcontainer/devcontainer.json, environment.yml, conda-lock.yml' }] };
  }
  const evidence = envFiles.slice(0, 10).map((f) => fileEvidence(f, 'captures the environment'));
  // Once a rule covers D-image its findings say this (with the item's rule evidence); until then, look here.
  if (!ctx.rulesCovering('D-image').length) {
    const unpinned = envFiles
      .filter((f) => DOCKERFILE_PATTERN.test(f))
      .flatMap((f) => unpinnedBaseImages(facts.readText(f) ?? '').map((u) => fileEvidence(f, `base image "${u.image}" has no fixed tag or digest`, u.line)));
    if (unpinned.length) return { status: 'warn', summary: 'A base image is not pinned to a tag or digest.', evidence: [...unpinned, ...evidence], lookedAt: envFiles };
  }
  return { status: 'pass', summary: 'The environment is captured.', evidence, lookedAt: envFiles };
}

function dataVersioning({ facts }: CheckContext): CheckResult {
  const tools = new Map<string, string>();
  for (const f of facts.files) {
    const hit = DATA_VERSIONING_PATTERNS.find((p) => p.pattern.test(f));
    if (hit && !tools.has(hit.tool)) tools.set(hit.tool, f);
  }
  const gitattributes = facts.files.filter((f) => f === '.gitattributes' || f.endsWith('/.gitattributes'));
  for (const f of gitattributes) if (/filter=lfs/.test(facts.readText(f) ?? '') && !tools.has('git LFS')) tools.set('git LFS', f);
  const evidence = [...tools].map(([tool, file]) => fileEvidence(file, `${tool} is set up`));
  const dataFiles = facts.files.filter((f) => DATA_EXTENSIONS.includes(path.extname(f).toLowerCase()));
  const lookedAt = [...tools.values(), ...gitattributes, ...dataFiles];
  if (tools.size) return { status: 'pass', summary: `Data is versioned with ${[...tools.keys()].join(', ')}.`, evidence, lookedAt };
  if (!dataFiles.length) return { status: 'not-applicable', summary: 'No data files in the workspace.', evidence: [], lookedAt };
  return { lookedAt, status: 'warn', summary: `${dataFiles.length} data file${dataFiles.length === 1 ? '' : 's'} but no data versioning (DVC, git LFS…).`, evidence: dataFiles.slice(0, 10).map((f) => fileEvidence(f, 'data file not under data versioning')) };
}

function largeDataInGit({ facts }: CheckContext): CheckResult {
  if (!facts.git) return { status: 'unknown', summary: 'Not a git repository: cannot tell which files are committed.', evidence: [] };
  if (!facts.git.largeTracked.length) return { status: 'pass', summary: 'No large data files are committed.', evidence: [], lookedAt: facts.git.tracked };
  return {
    lookedAt: facts.git.tracked,
    status: 'fail',
    summary: `${facts.git.largeTracked.length} large file${facts.git.largeTracked.length === 1 ? ' is' : 's are'} committed to git.`,
    evidence: facts.git.largeTracked.map((t) => fileEvidence(t.file, `committed to git (${(t.size / 1e6).toFixed(1)} MB)`)),
  };
}

/** The secret file a tracked path is, if any (templates such as `.env.example` are not). */
export function secretFileKind(file: string): string | undefined {
  for (const s of SECRET_FILES) if (s.pattern.test(file) && !(s.allow && s.allow.test(file))) return s.what;
  return undefined;
}

function trackedSecretFiles({ facts }: CheckContext): CheckResult {
  if (!facts.git) return { status: 'unknown', summary: 'Not a git repository: cannot tell whether credential files are committed.', evidence: [] };
  const hits = facts.git.tracked.flatMap((f) => {
    const what = secretFileKind(f);
    return what ? [fileEvidence(f, `tracked by git: ${what}`)] : [];
  });
  if (hits.length) return { status: 'fail', summary: `${hits.length} credential file${hits.length === 1 ? ' is' : 's are'} tracked by git.`, evidence: hits, lookedAt: facts.git.tracked };
  return { status: 'pass', summary: 'No credential files are tracked by git.', evidence: [], lookedAt: facts.git.tracked };
}

function experimentTracking({ facts }: CheckContext): CheckResult {
  const training: string[] = [];
  const tracking: string[] = [];
  const lookedAt = facts.files.filter(isPythonLike);
  for (const f of lookedAt) {
    const source = facts.pythonSource(f);
    if (!source) continue;
    const imports = importedModules(source);
    if (TRACKER_MODULES.some((m) => imports.has(m))) tracking.push(f);
    if (TRAINING_MODULES.some((m) => imports.has(m)) && TRAINING_CALL.test(source)) training.push(f);
  }
  if (!training.length) return { status: 'not-applicable', summary: 'No model training code found.', evidence: [], lookedAt };
  if (tracking.length) return { status: 'pass', summary: 'Training code logs to an experiment tracker.', evidence: tracking.slice(0, 10).map((f) => fileEvidence(f, 'uses an experiment tracker')), lookedAt };
  return { lookedAt, status: 'warn', summary: 'Training code found, but no experiment tracker is used.', evidence: training.slice(0, 10).map((f) => fileEvidence(f, 'trains a model without an experiment tracker')) };
}

function tests({ facts }: CheckContext): CheckResult {
  const found = facts.files.filter((f) => TEST_PATTERNS.some((p) => p.test(f)));
  if (found.length) return { status: 'pass', summary: `${found.length} test file${found.length === 1 ? '' : 's'}.`, evidence: found.slice(0, 10).map((f) => fileEvidence(f, 'test file')), lookedAt: found };
  return { status: 'warn', summary: 'No tests found.', evidence: [{ kind: 'note', message: 'looked for tests/, test_*.py, *_test.py and conftest.py' }] };
}

function ci({ facts }: CheckContext): CheckResult {
  const found = facts.files.filter((f) => CI_PATHS.some((c) => f === c || f.startsWith(`${c}/`)));
  if (found.length) return { status: 'pass', summary: 'CI is configured.', evidence: found.slice(0, 10).map((f) => fileEvidence(f, 'CI configuration')), lookedAt: found };
  return { status: 'warn', summary: 'No CI configuration found.', evidence: [{ kind: 'note', message: `looked for ${CI_PATHS.join(', ')}` }] };
}

function runbook({ facts }: CheckContext): CheckResult {
  const found = facts.files.filter((f) => RUNBOOK_PATTERNS.some((p) => p.test(f)));
  if (found.length) return { status: 'pass', summary: 'A runbook is present.', evidence: found.slice(0, 5).map((f) => fileEvidence(f, 'runbook')), lookedAt: found };
  return { status: 'warn', summary: 'No runbook found.', evidence: [{ kind: 'note', message: 'looked for RUNBOOK.md and docs/runbook*' }] };
}

function notebookErrorOutputs({ facts }: CheckContext): CheckResult {
  const evidence: Evidence[] = [];
  const notebooks = facts.scopeFiles.filter((f) => f.toLowerCase().endsWith('.ipynb'));
  for (const f of notebooks) {
    const text = facts.readText(f);
    const loaded = text === undefined ? undefined : loadNotebook(text);
    if (!loaded?.ok) continue;
    loaded.notebook.cells.forEach((cell, index) => {
      for (const out of cell.outputs ?? []) {
        if (out.output_type !== 'error') continue;
        const ename = typeof out.ename === 'string' ? out.ename : 'error';
        // Redacted before it is cut: a key cut in half no longer looks like one.
        const evalue = typeof out.evalue === 'string' ? redactSecrets(out.evalue) : '';
        evidence.push({ kind: 'file', file: f, cell: index, message: `saved output is a traceback: ${ename}${evalue ? `: ${evalue.slice(0, 200)}` : ''}` });
      }
    });
  }
  if (!notebooks.length) return { status: 'not-applicable', summary: 'No notebooks in scope.', evidence: [] };
  if (evidence.length) return { status: 'warn', summary: `${evidence.length} saved traceback${evidence.length === 1 ? '' : 's'} in notebook outputs.`, evidence, lookedAt: notebooks };
  return { status: 'pass', summary: 'No notebook was saved with an error output.', evidence: [], lookedAt: notebooks };
}

/**
 * What `preflight verify` saw when it last ran each notebook in scope — for the notebook's
 * current code only (records are keyed by a hash of the code cells). Without a record the
 * answer is unknown: static rules predict, only a run proves.
 */
function notebookVerifyResults({ facts }: CheckContext): CheckResult {
  const notebooks = facts.scopeFiles.filter((f) => f.toLowerCase().endsWith('.ipynb'));
  if (!notebooks.length) return { status: 'not-applicable', summary: 'No notebooks in scope.', evidence: [] };
  const statuses: ChecklistStatus[] = [];
  const evidence: Evidence[] = [];
  const counts = { reproduces: 0, problems: 0, unverified: 0 };
  for (const f of notebooks) {
    const r = facts.verifyRecord(f);
    if ('none' in r) {
      counts.unverified++;
      statuses.push('unknown');
      evidence.push(fileEvidence(f, r.none === 'stale' ? 'verified before its code last changed: run `preflight verify` again' : 'not verified: run `preflight verify`'));
      continue;
    }
    const { outcome, summary, cells } = r.record;
    if (outcome === 'reproduces') counts.reproduces++;
    else counts.problems++;
    statuses.push(outcome === 'reproduces' ? 'pass' : outcome === 'fails' ? 'fail' : 'warn');
    if (!cells.length) evidence.push(fileEvidence(f, `preflight verify: ${summary}`));
    for (const c of cells) evidence.push({ kind: 'file', file: f, cell: c.cell, message: `preflight verify: ${c.message}` });
  }
  const status = worstStatus(statuses);
  const n = (k: number) => `${k} notebook${k === 1 ? '' : 's'}`;
  const summary =
    status === 'pass'
      ? `preflight verify ran ${counts.reproduces === 1 ? 'the notebook' : `all ${n(counts.reproduces)}`} top to bottom twice: ${counts.reproduces === 1 ? 'it reproduces' : 'they reproduce'}.`
      : [counts.problems ? `preflight verify: ${n(counts.problems)} did not reproduce.` : '', counts.unverified ? `Whether ${n(counts.unverified)} run${counts.unverified === 1 ? 's' : ''} top to bottom is unknown — run \`preflight verify\`.` : ''].filter(Boolean).join(' ');
  return { status, summary, evidence, lookedAt: notebooks };
}

export const PROJECT_CHECKS = {
  'dependency-manifest': dependencyManifest,
  'environment-files': environmentFiles,
  'data-versioning': dataVersioning,
  'large-data-in-git': largeDataInGit,
  'tracked-secret-files': trackedSecretFiles,
  'experiment-tracking': experimentTracking,
  tests,
  ci,
  runbook,
  'notebook-error-outputs': notebookErrorOutputs,
  'notebook-verify-results': notebookVerifyResults,
  ...PRODUCTION_CHECKS,
} satisfies Record<string, (ctx: CheckContext) => CheckResult>;

export type ProjectCheckId = keyof typeof PROJECT_CHECKS;
