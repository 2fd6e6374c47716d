import * as path from 'node:path';
import { manifestProblem } from '../manifests';
import { LineIndex } from '../model';
import { createRule } from '../rule';

/**
 * A file Preflight could not read or load (bad JSON, unsupported nbformat, not UTF-8, over the
 * size limit, or over the time budget): analyze() reports it from this rule's metadata, since
 * there is no document to check. A manifest that loads but is malformed as its format (invalid
 * TOML, YAML or JSON, a setup.py syntax error, a setup.cfg configparser rejects, a line over
 * the length limit) is reported here, once, where its parser stopped: the other rules read what
 * they can of it, and without this finding the error would be silent.
 */
export const invalidFile = createRule(
  {
    id: 'invalid-file',
    family: 'core',
    category: 'file',
    subtypes: [],
    description: 'Report files that could not be read or loaded',
    defaultSeverity: 'warning',
    recommended: true,
    appliesTo: ['python', 'notebook', 'manifest'],
    scope: 'program',
    reads: ['source'],
  },
  (ctx) => {
    const m = ctx.manifest;
    if (!m) return;
    const problem = manifestProblem(m.manifestKind, m.text, ctx.program);
    if (!problem) return;
    const range = new LineIndex(m.text).rangeAt(problem.start, problem.end);
    ctx.report({ range, message: `${path.basename(ctx.file)} is malformed: ${problem.message}.` });
  },
);
