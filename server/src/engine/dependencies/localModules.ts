/**
 * Modules a notebook or script makes importable itself, so `undeclared-import` does not take
 * them for distributions:
 * - files it writes: `%%writefile x.py` / `%%file x.py`, `open("x.py", …)`, downloads saved as
 *   `x.py` (`urlretrieve(url, "x.py")`, `!wget …/x.py`, `!curl -o x.py …`), and repositories it
 *   clones (`!git clone …/repo`);
 * - folders it puts on the import path: `sys.path.append/insert(…)`, `site.addsitedir(…)`,
 *   `os.chdir(…)` and `%cd` (a notebook's working folder is on its import path). A folder found
 *   on disk is searched for the module; one that is not (a clone, a mounted drive, a computed
 *   path) makes every later import unknowable;
 * - projects it installs from places whose dependencies are not read here (`pip install -r`
 *   of a file that is not there, `pip install git+…`, `pip install ./path` without a manifest):
 *   later imports are unknowable too.
 */
import * as path from 'node:path';
import { installSitesOfProgram } from './installSites';
import { shellCommands, type Word } from '../manifests/shellWords';
import { parseManifest } from '../manifests';
import { normalizeName } from '../manifests/requirement';
import type { ProjectContext } from '../project';
import type { PythonProgram } from '../python/program';
import { qualifiedName } from '../python/resolve';
import { lastNameOf, stringValue, walk, type PyNode } from '../python/syntax';
import { KAGGLE_RUNTIME_PATHS } from '../catalogues/importNames';

const onKaggle = (s: string) => KAGGLE_RUNTIME_PATHS.some((p) => s.includes(p));

export interface Position {
  readonly unit: number;
  readonly offset: number;
}

export interface LocalModules {
  /** Top-level module names the program creates (files it writes, repositories it clones). */
  readonly created: Set<string>;
  /** Folders (absolute, on disk) the program adds to its import path. */
  readonly dirs: string[];
  /** Distribution names installed from requirements files the program installs with `-r`. */
  readonly installed: Set<string>;
  /** From here on, imports may come from places not read (an unknown folder or install). */
  readonly unknownFrom?: Position;
  /** The notebook runs on Kaggle (it reads Kaggle's own paths): attached utility scripts are importable. */
  readonly kaggle: boolean;
}

const PATH_CALLS = new Set(['sys.path.append', 'sys.path.insert', 'sys.path.extend', 'site.addsitedir', 'os.chdir']);
/** Calls that write or fetch a file whose name they take (the `.py` ones create modules). */
const WRITERS = new Set(['open', 'urlretrieve', 'download', 'write_text', 'write_bytes', 'copy', 'copyfile', 'copy2', 'move', 'rename', 'hf_hub_download', 'to_file']);

/** The top-level module a relative `.py` path creates (`helper.py` → helper, `pkg/mod.py` → pkg and mod). */
function modulesOfPyPath(p: string): string[] {
  const clean = p.split(/[?#]/)[0]!.replace(/\\/g, '/');
  if (!/\.py$/.test(clean)) return [];
  const parts = clean.split('/').filter((x) => x && x !== '.');
  const base = parts[parts.length - 1]!.slice(0, -3);
  const out = [base];
  if (parts.length > 1 && !/:$/.test(parts[0]!) && parts[0] !== '..') out.push(parts[0]!);
  return out.filter((m) => /^[A-Za-z_]\w*$/.test(m));
}

function stringsIn(node: PyNode): string[] {
  const out: string[] = [];
  walk(node, (n) => {
    if (n.type === 'string' || n.type === 'concatenated_string') {
      const v = stringValue(n);
      if (v !== undefined) out.push(v);
      return false;
    }
    return undefined;
  });
  return out;
}

/**
 * The distribution a wheel or source archive file installs, from its file name (a glob for the
 * version is fine): a wheel is `{name}-{version}(-{build})-{python}-{abi}-{platform}.whl` with
 * `_` for `-` in the name (`scikit_survival-*.whl` → scikit-survival); an sdist is
 * `{name}-{version}.tar.gz`, where an old name may hold dashes (`my-pkg-1.0.tar.gz`).
 */
function archiveDistribution(file: string): string | undefined {
  const base = file.split(/[?#]/)[0]!.split(/[\\/]/).pop()!;
  const m = /[.*]whl$/i.test(base) ? /^([A-Za-z0-9][A-Za-z0-9._]*?)[-*]/.exec(base) : /^([A-Za-z0-9][A-Za-z0-9._-]*?)-(?=[\d*?[])/.exec(base);
  return m ? normalizeName(m[1]!) : undefined;
}

export function localModulesOf(project: ProjectContext, program: PythonProgram, dir: string): LocalModules {
  const created = new Set<string>();
  const dirs: string[] = [];
  const installed = new Set<string>();
  let unknownFrom: Position | undefined;
  const unknownAt = (p: Position) => {
    if (!unknownFrom || p.unit < unknownFrom.unit || (p.unit === unknownFrom.unit && p.offset < unknownFrom.offset)) unknownFrom = p;
  };
  /** A folder put on the import path: searched when on disk, else later imports are unknowable. */
  const addDir = (candidates: string[], at: Position) => {
    for (const c of candidates) {
      const abs = path.resolve(dir, c);
      if (project.fs.isDirectory(abs)) {
        dirs.push(abs);
        return;
      }
    }
    unknownAt(at);
  };
  const shellWords = (words: Word[]) => {
    const values = words.map((w) => w.value);
    for (const v of values) for (const m of modulesOfPyPath(v)) created.add(m);
    const git = values.indexOf('git');
    if (git >= 0 && values[git + 1] === 'clone') {
      const args = values.slice(git + 2).filter((v) => !v.startsWith('-'));
      const target = args[1] ?? args[0]?.replace(/\/+$/, '').split('/').pop()?.replace(/\.git$/, '');
      if (target && /^[A-Za-z_][\w-]*$/.test(target)) created.add(target.replace(/-/g, '_'));
    }
  };

  let kaggle = false;
  program.units.forEach((unit, u) => {
    if (program.kind === 'notebook' && !kaggle) kaggle = stringsIn(unit.root).some(onKaggle);
    for (const m of unit.magics) {
      if (program.kind === 'notebook' && !kaggle) kaggle = onKaggle(m.args) || onKaggle(m.body ?? '');
      const at = { unit: u, offset: m.start };
      if (m.kind === 'cell-magic' && (m.name === 'writefile' || m.name === 'file')) {
        const target = m.args.split(/\s+/).find((a) => a && !a.startsWith('-'));
        if (target) for (const mod of modulesOfPyPath(target.replace(/^["']|["']$/g, ''))) created.add(mod);
      } else if ((m.kind === 'line-magic' || m.kind === 'automagic') && m.name === 'cd') {
        const target = m.args.trim().replace(/^-\w+\s+/, '').replace(/^["']|["']$/g, '');
        if (target) addDir([target], at);
      } else if (m.kind === 'shell') {
        for (const words of shellCommands(m.args)) shellWords(words);
      } else if (m.kind === 'cell-magic' && !m.pythonBody && ['bash', 'sh', 'script', 'system'].includes(m.name)) {
        for (const words of shellCommands(m.body ?? '')) shellWords(words);
      }
    }
  });

  for (const call of program.semantics.calls) {
    const last = lastNameOf(call.callee);
    if (!last) continue;
    const at = { unit: call.unit, offset: call.node.start };
    if (WRITERS.has(last)) {
      for (const s of stringsIn(call.node)) for (const mod of modulesOfPyPath(s)) created.add(mod);
      continue;
    }
    if (!['append', 'insert', 'extend', 'addsitedir', 'chdir'].includes(last)) continue;
    const q = qualifiedName(program, call.callee, call.unit);
    if (!q || !PATH_CALLS.has(q)) continue;
    const arg = call.positional[call.positional.length - 1];
    if (!arg) continue;
    const literals = stringsIn(arg);
    if (!literals.length) {
      unknownAt(at);
      continue;
    }
    // `os.path.join("..", "src")` → ../src; a lone literal as written; each part alone last.
    addDir([literals.join('/'), ...literals], at);
  }

  // Installs whose packages are not named on the command line.
  for (const site of installSitesOfProgram(program)) {
    const u = site.unit ? program.units.indexOf(site.unit) : 0;
    const words = site.command.words.map((w) => w.value);
    const at = { unit: Math.max(0, u), offset: site.command.words[0]?.start ?? 0 };
    for (let i = 0; i < words.length; i++) {
      const w = words[i]!;
      if (w === '-r' || w === '--requirement' || w.startsWith('--requirement=') || (/^-r\S/.test(w))) {
        const file = w.startsWith('--requirement=') ? w.slice(14) : /^-r\S/.test(w) ? w.slice(2) : words[++i];
        const text = file ? project.fs.readFile(path.resolve(dir, file)) : undefined;
        if (text === undefined) unknownAt(at);
        else for (const r of parseManifest('requirements', text).requirements) installed.add(r.requirement.key);
      } else if (/[.*](whl|tar\.gz|zip|tar\.bz2|tgz)$/i.test(w) && !/^(git|hg|svn|bzr)\+/.test(w)) {
        const name = archiveDistribution(w);
        if (name) installed.add(name);
      } else if (w === '-e' || w === '--editable' || /^(git|hg|svn|bzr)\+/.test(w) || (/^(\.{1,2}([\\/]|$)|[\\/~])/.test(w) && i > 0)) {
        const target = w === '-e' || w === '--editable' ? words[++i] : w;
        if (!target || /:\/\//.test(target) || !project.fs.isDirectory(path.resolve(dir, target))) unknownAt(at);
        else if (!['pyproject.toml', 'setup.py', 'setup.cfg'].some((f) => project.fs.exists(path.resolve(dir, target, f)))) unknownAt(at);
        else dirs.push(path.resolve(dir, target));
      }
    }
  }
  return { created, dirs, installed, kaggle, ...(unknownFrom ? { unknownFrom } : {}) };
}
