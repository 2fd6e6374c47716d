/**
 * D-install: a package installed from code — a notebook's `%pip install x`, `!pip install x`,
 * `!conda install x`, a `subprocess` pip call, a Dockerfile `RUN pip install x` — without an
 * exact version. One install command is one finding, naming every unpinned package.
 */
import * as path from 'node:path';
import { installSitesOfProgram, installsInShellText, type InstallSite } from '../dependencies/installSites';
import { knownVersion } from '../dependencies/versions';
import { parseDockerfile } from '../manifests/dockerfile';
import { normalizeName } from '../manifests/requirement';
import { LineIndex, type Fix, type Range } from '../model';
import { editAt } from '../python/edits';
import { createRule } from '../rule';
import { isTestFile } from '../fileRoles';
import { placeholderFor } from '../catalogues/installers';

export const unpinnedInstall = createRule(
  {
    id: 'unpinned-install',
    family: 'dependencies',
    category: 'dependencies',
    subtypes: ['D-install'],
    description: 'Report package installs in notebooks, Python code and Dockerfiles that do not pin an exact version',
    defaultSeverity: 'warning',
    recommended: true,
    appliesTo: ['notebook', 'python', 'manifest'],
    scope: 'program',
    prefixStable: true,
    reads: ['source', 'manifests'],
    fixable: 'safe',
  },
  (ctx) => {
    let sites: readonly InstallSite[];
    let fileLines: LineIndex | undefined;
    if (ctx.manifest?.manifestKind === 'dockerfile') {
      const text = ctx.manifest.text;
      fileLines = new LineIndex(text);
      const parsed = parseDockerfile(text);
      sites = parsed.runs.flatMap((run) => installsInShellText(parsed.text, run.start, run.end).map((command) => ({ command })));
    } else if (ctx.program && ctx.target !== 'manifest') {
      sites = installSitesOfProgram(ctx.program);
    } else return;
    const allowed = new Set((ctx.settings['allow-unpinned'] ?? []).map(normalizeName));
    // Test code (a Dockerfile or script under tests/, test_*.py): it builds the test environment,
    // not what a deployment runs — a hint, said so.
    const inTests = isTestFile(path.relative(ctx.project.root, ctx.file));
    const where = ctx.target === 'notebook' ? 'this notebook' : `${path.basename(ctx.file)}${inTests ? ' (test code, which a deployment does not run)' : ''}`;
    const severity = inTests ? { severity: 'hint' as const } : {};
    for (const site of sites) {
      const lines = site.unit?.lines ?? fileLines!;
      const cell = site.unit?.cell;
      const inCell = cell !== undefined ? { cell } : {};
      const found: { range: Range; message: string; name: string; bare: boolean; fix?: Fix; start: number; end: number }[] = [];
      for (const pkg of site.command.packages) {
        const req = pkg.requirement;
        const meant = placeholderFor(req.key);
        if (meant && pkg.syntax === 'pip') {
          // A placeholder name refuses to install whatever its version: the fix is the real name.
          ctx.report({ range: lines.rangeAt(pkg.word.start, pkg.word.end), message: `'${req.name}' is a deprecated placeholder on PyPI that refuses to install: install ${meant} instead (${meant}==<version>).`, ...inCell });
          continue;
        }
        if (req.pinned || allowed.has(req.key)) continue;
        const name = req.name || pkg.word.value;
        const known = req.name ? knownVersion(ctx.project, ctx.file, req.name) : undefined;
        const op = pkg.syntax === 'conda' ? '=' : '==';
        const upgrade = site.command.upgrade ? ', and --upgrade moves it to the newest release' : '';
        const message = `'${name}' is installed by ${where} and ${req.problem}${upgrade}: each run can get a different release; pin it (${name}${op}${known?.version ?? '<version>'}).`;
        // The fix rewrites the version part inside the word: `x` or `"x>=1"` (after the quote).
        const raw = lines.text.slice(pkg.word.start, pkg.word.end);
        const inner = pkg.word.quoted ? (/^(["'])(.*)\1$/.exec(raw)?.[2] === pkg.word.value ? 1 : -1) : raw === pkg.word.value ? 0 : -1;
        const fix = known && inner >= 0 && req.name && !/:\/\//.test(pkg.word.value)
          ? { title: `Pin ${req.name} to ${known.version} (from the ${known.source === 'lock' ? 'lock file' : 'virtual environment'})`, applicability: 'safe' as const, edits: [editAt({ lines, cell }, pkg.word.start + inner + req.specStart, pkg.word.start + inner + req.specEnd, `${op}${known.version}`)] }
          : undefined;
        found.push({ range: lines.rangeAt(pkg.word.start, pkg.word.end), message, name, bare: req.problem === 'has no version', start: pkg.word.start, end: pkg.word.end, ...(fix ? { fix } : {}) });
      }
      if (found.length === 1) {
        const f = found[0]!;
        ctx.report({ range: f.range, message: f.message, ...inCell, ...severity, ...(f.fix ? { fix: f.fix } : {}) });
        continue;
      }
      if (!found.length) continue;
      // One install command is one finding, naming every unpinned package; its fix pins all
      // those whose version is known. On one line it underlines the packages (first to last);
      // a command continued over several lines (`%pip install \` then a package a line) is
      // reported where it starts.
      const first = site.command.words[0]!;
      const startLine = lines.positionAt(first.start).line;
      const oneLine = found.every((f) => f.range.start.line === found[0]!.range.start.line);
      const range = oneLine
        ? lines.rangeAt(found[0]!.start, found[found.length - 1]!.end)
        : lines.rangeAt(first.start, first.start + lines.lineText(startLine).length - lines.positionAt(first.start).column);
      const fixes = found.flatMap((f) => (f.fix ? [f.fix] : []));
      const names = found.map((f) => `'${f.name}'`);
      const shown = names.length > 4 ? `${names.slice(0, 4).join(', ')} and ${names.length - 4} more` : names.join(', ');
      ctx.report({
        range,
        message: `${shown} are installed by ${where} without ${found.every((f) => f.bare) ? 'a version' : 'an exact version'}${site.command.upgrade ? ', and --upgrade moves them to the newest release' : ''}: each run can get different releases; pin each (name${site.command.tool === 'conda' ? '=' : '=='}version).`,
        ...inCell,
        ...severity,
        ...(fixes.length ? { fix: { title: `Pin ${fixes.length} package${fixes.length === 1 ? '' : 's'} to the versions found`, applicability: 'safe' as const, edits: fixes.flatMap((f) => f.edits) } } : {}),
      });
    }
  },
);
