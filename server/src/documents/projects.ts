/**
 * Project context per workspace folder (the CLI's `createProject(root)`), over the editor's
 * overlay file system, and the `[tool.preflight]` configuration per folder of a document.
 * Both are cached; a manifest change (typed, saved, or changed on disk) invalidates them.
 */
import * as path from 'node:path';
import { ConfigError, createProject, defaultConfig, type FileSystem, findConfig, type ProjectContext, type ResolvedConfig } from '../engine';

export class Projects {
  private folders: string[] = [];
  private readonly projects = new Map<string, ProjectContext>();
  private readonly configs = new Map<string, ResolvedConfig>();

  constructor(
    private readonly fs: FileSystem,
    private readonly log: (message: string) => void,
  ) {}

  setFolders(folders: readonly string[]): void {
    // Deepest first, so a nested folder wins over its parent.
    this.folders = [...new Set(folders.map((f) => path.resolve(f)))].sort((a, b) => b.length - a.length);
  }

  /** The workspace folders, as paths. */
  folderPaths(): readonly string[] {
    return [...this.folders].sort();
  }

  /** The workspace folder holding `file`, or its own directory for a file outside every folder. */
  rootOf(file: string | undefined): string {
    if (file === undefined) return this.folders[this.folders.length - 1] ?? process.cwd();
    const abs = path.resolve(file);
    const folder = this.folders.find((f) => abs === f || abs.startsWith(f.endsWith(path.sep) ? f : f + path.sep));
    return folder ?? path.dirname(abs);
  }

  projectFor(file: string | undefined): ProjectContext {
    const root = this.rootOf(file);
    let p = this.projects.get(root);
    if (!p) {
      p = createProject(root, this.fs);
      this.projects.set(root, p);
    }
    return p;
  }

  /** `[tool.preflight]` from the nearest pyproject.toml above `file` (defaults if none or invalid). */
  configFor(file: string | undefined): ResolvedConfig {
    if (file === undefined) return defaultConfig;
    const dir = path.dirname(path.resolve(file));
    let c = this.configs.get(dir);
    if (!c) {
      try {
        c = findConfig(dir, this.fs);
      } catch (e) {
        this.log(`${e instanceof ConfigError ? e.message : String(e)} (using the default configuration)`);
        c = defaultConfig;
      }
      this.configs.set(dir, c);
    }
    return c;
  }

  /** A manifest or configuration file changed: drop what was derived from it. */
  invalidate(file: string | undefined): void {
    this.configs.clear();
    if (file === undefined) {
      for (const p of this.projects.values()) p.invalidate();
      return;
    }
    const abs = path.resolve(file);
    for (const [root, p] of this.projects) {
      if (abs === root || abs.startsWith(root.endsWith(path.sep) ? root : root + path.sep)) p.invalidate();
    }
  }

  /** Is `file` in a project that `changed` belongs to (so its analysis may depend on it)? */
  sameProject(file: string | undefined, changed: string): boolean {
    return this.rootOf(file) === this.rootOf(changed);
  }
}
