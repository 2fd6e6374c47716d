/**
 * Where a dependency's exact version can be known without running Python: the lock files of
 * the project (poetry.lock, uv.lock, pdm.lock, pylock.toml, Pipfile.lock), a fully pinned
 * requirements file, or the `*.dist-info/METADATA` of a workspace virtual environment. The
 * pin quick fixes use it; with no known version there is no fix (never guess).
 */
import * as path from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { parseRequirementsTxt } from '../manifests/requirementsTxt';
import { normalizeName } from '../manifests/requirement';
import type { ProjectContext } from '../project';

export type VersionMap = ReadonlyMap<string, string>;

const TOML_LOCKS = ['poetry.lock', 'uv.lock', 'pdm.lock', 'pylock.toml'];

/** Versions a TOML lock file resolves (`[[package]]` / `[[packages]]` with name + version). */
export function tomlLockVersions(text: string): Map<string, string> {
  const out = new Map<string, string>();
  try {
    const doc = parseToml(text) as Record<string, unknown>;
    for (const key of ['package', 'packages']) {
      const list = doc[key];
      if (!Array.isArray(list)) continue;
      for (const p of list) {
        const name = (p as Record<string, unknown>).name;
        const version = (p as Record<string, unknown>).version;
        if (typeof name === 'string' && typeof version === 'string' && !out.has(normalizeName(name))) out.set(normalizeName(name), version);
      }
    }
  } catch {
    /* an invalid lock file resolves nothing */
  }
  return out;
}

export function pipfileLockVersions(text: string): Map<string, string> {
  const out = new Map<string, string>();
  try {
    const doc = JSON.parse(text) as Record<string, Record<string, { version?: unknown }>>;
    for (const section of ['default', 'develop']) {
      for (const [name, info] of Object.entries(doc[section] ?? {})) {
        const v = typeof info?.version === 'string' ? /^===?\s*(.+)$/.exec(info.version)?.[1] : undefined;
        if (v && !out.has(normalizeName(name))) out.set(normalizeName(name), v);
      }
    }
  } catch {
    /* not JSON */
  }
  return out;
}

/** Requirements files of a folder that pin every entry exactly (pip-compile output, `pip freeze`). */
export function fullyPinnedRequirementFiles(project: ProjectContext, dir: string): string[] {
  return project.memo(`deps:pinned-reqs:${dir}`, () => {
    const files = (project.fs.readDir(dir) ?? []).filter((n) => /^(requirements|constraints)[\w.-]*\.txt$/i.test(n));
    return files.filter((n) => {
      const text = project.fs.readFile(path.join(dir, n));
      if (text === undefined) return false;
      const parsed = parseRequirementsTxt(text);
      return parsed.requirements.length > 0 && parsed.requirements.every((r) => r.requirement.pinned || r.pinnedElsewhere);
    });
  });
}

/** The TOML lock files (uv.lock, poetry.lock, pdm.lock, pylock.toml) a folder has. */
export function lockFilesOf(project: ProjectContext, dir: string): string[] {
  return TOML_LOCKS.filter((name) => project.fs.exists(path.join(dir, name)));
}

/** Lock-file names in a folder that lock a pyproject.toml / setup.py / setup.cfg beside them. */
export function projectLockBeside(project: ProjectContext, dir: string): string | undefined {
  for (const name of TOML_LOCKS) if (project.fs.exists(path.join(dir, name))) return name;
  return fullyPinnedRequirementFiles(project, dir)[0];
}

/** Versions resolved by the lock files of `dir` (nearest folder first, up to the project root). */
export function lockedVersions(project: ProjectContext, dir: string): VersionMap {
  return project.memo(`deps:locked:${dir}`, () => {
    const out = new Map<string, string>();
    for (const d of foldersUp(project, dir)) {
      for (const name of TOML_LOCKS) {
        // Parsed once per lock file: every folder below a workspace root reads the same uv.lock.
        const versions = project.memo(`deps:lock-file:${path.join(d, name)}`, () => {
          const text = project.fs.readFile(path.join(d, name));
          return text === undefined ? undefined : tomlLockVersions(text);
        });
        if (versions) for (const [k, v] of versions) if (!out.has(k)) out.set(k, v);
      }
      const pl = project.fs.readFile(path.join(d, 'Pipfile.lock'));
      if (pl !== undefined) for (const [k, v] of pipfileLockVersions(pl)) if (!out.has(k)) out.set(k, v);
      for (const f of fullyPinnedRequirementFiles(project, d)) {
        const text = project.fs.readFile(path.join(d, f)) ?? '';
        for (const r of parseRequirementsTxt(text).requirements) {
          if (r.requirement.version && !out.has(r.requirement.key)) out.set(r.requirement.key, r.requirement.version);
        }
      }
    }
    return out;
  });
}

/** `dir` and its parents up to the project root (just `dir` when it is outside the root). */
export function foldersUp(project: ProjectContext, dir: string): string[] {
  const out: string[] = [];
  let d = path.resolve(dir);
  const root = project.root;
  const inside = (p: string) => p === root || p.startsWith(root + path.sep);
  if (!inside(d)) return [d];
  for (;;) {
    out.push(d);
    if (d === root) break;
    const parent = path.dirname(d);
    if (parent === d) break;
    d = parent;
  }
  return out;
}

const VENV_NAMES = ['.venv', 'venv', 'env', '.env', '.conda'];

/** Versions installed in the workspace's virtual environments (`*.dist-info/METADATA`). */
export function installedVersions(project: ProjectContext, dir: string): VersionMap {
  return project.memo(`deps:installed:${dir}`, () => {
    const out = new Map<string, string>();
    for (const d of foldersUp(project, dir)) {
      for (const v of VENV_NAMES) {
        const venv = path.join(d, v);
        if (!project.fs.isDirectory(venv)) continue;
        for (const site of sitePackages(project, venv)) readDistInfos(project, site, out);
      }
    }
    return out;
  });
}

function sitePackages(project: ProjectContext, venv: string): string[] {
  const out: string[] = [];
  const winSite = path.join(venv, 'Lib', 'site-packages');
  if (project.fs.isDirectory(winSite)) out.push(winSite);
  for (const lib of ['lib', 'lib64']) {
    for (const py of project.fs.readDir(path.join(venv, lib)) ?? []) {
      const site = path.join(venv, lib, py, 'site-packages');
      if (/^python\d/.test(py) && project.fs.isDirectory(site)) out.push(site);
    }
  }
  return out;
}

function readDistInfos(project: ProjectContext, site: string, out: Map<string, string>): void {
  for (const entry of project.fs.readDir(site) ?? []) {
    if (!entry.endsWith('.dist-info')) continue;
    const meta = project.fs.readFile(path.join(site, entry, 'METADATA'));
    if (meta === undefined) continue;
    const head = meta.split(/\r?\n\r?\n/)[0] ?? '';
    const name = /^Name:\s*(.+)$/m.exec(head)?.[1]?.trim();
    const version = /^Version:\s*(.+)$/m.exec(head)?.[1]?.trim();
    if (name && version && !out.has(normalizeName(name))) out.set(normalizeName(name), version);
  }
}

/**
 * Top-level modules of the distributions installed in the workspace's virtual environments,
 * from each `*.dist-info/top_level.txt`, else from the paths its `RECORD` lists (deptry's
 * approach): module → normalised distribution names.
 */
export function installedModules(project: ProjectContext, dir: string): ReadonlyMap<string, ReadonlySet<string>> {
  return project.memo(`deps:installed-modules:${dir}`, () => {
    const out = new Map<string, Set<string>>();
    const add = (module: string, dist: string) => {
      if (!/^[A-Za-z_]\w*$/.test(module)) return;
      const set = out.get(module) ?? new Set<string>();
      set.add(dist);
      out.set(module, set);
    };
    for (const d of foldersUp(project, dir)) {
      for (const v of VENV_NAMES) {
        const venv = path.join(d, v);
        if (!project.fs.isDirectory(venv)) continue;
        for (const site of sitePackages(project, venv)) {
          for (const entry of project.fs.readDir(site) ?? []) {
            if (!entry.endsWith('.dist-info')) continue;
            const info = path.join(site, entry);
            const meta = project.fs.readFile(path.join(info, 'METADATA'));
            const name = meta && /^Name:\s*(.+)$/m.exec(meta.split(/\r?\n\r?\n/)[0] ?? '')?.[1]?.trim();
            if (!name) continue;
            const dist = normalizeName(name);
            const top = project.fs.readFile(path.join(info, 'top_level.txt'));
            if (top !== undefined) {
              for (const line of top.split(/\r?\n/)) if (line.trim()) add(line.trim().split('/')[0]!, dist);
              continue;
            }
            for (const line of (project.fs.readFile(path.join(info, 'RECORD')) ?? '').split(/\r?\n/)) {
              const first = line.split(',')[0]!.split('/')[0]!;
              if (!first || first.startsWith('..') || first.endsWith('.dist-info') || first.endsWith('.data') || first === '__pycache__') continue;
              add(first.replace(/\.(py|pyi)$/, '').replace(/\..*\.(so|pyd)$/, ''), dist);
            }
          }
        }
      }
    }
    return out;
  });
}

/** The version a pin fix may write for `name`: the lock file's, else the installed one. */
export function knownVersion(project: ProjectContext, file: string, name: string): { version: string; source: 'lock' | 'venv' } | undefined {
  const dir = path.dirname(path.resolve(file));
  const key = normalizeName(name);
  const locked = lockedVersions(project, dir).get(key);
  if (locked) return { version: locked, source: 'lock' };
  const installed = installedVersions(project, dir).get(key);
  if (installed) return { version: installed, source: 'venv' };
  return undefined;
}
