/**
 * What a cached result of `preflight check` depends on, each as a short hash: the file's bytes,
 * the tool (version and build), the configuration that applies to the file, and the answers
 * the file's analysis got from the project's file system (engine/projectReads.ts records the
 * questions). A result is reused only when all of them are what they were.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { configAnswers, parseReadKey, type FileSystem, type ProjectRead, type ResolvedConfig } from '../engine';
import { VERSION } from './version';

/** Set by esbuild.mjs: a hash of the sources and locked dependencies the bundle was built from. */
declare const PREFLIGHT_BUILD_ID: string | undefined;

export function hashOf(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('base64url').slice(0, 24);
}

let ownBuild: string | undefined;

/**
 * The build: the id esbuild.mjs stamps into the bundle, else (an unstamped build: watch mode,
 * the test bundles) the hash of the running script itself, so a rebuilt engine never reuses
 * results of the old one.
 */
function buildId(): string {
  if (typeof PREFLIGHT_BUILD_ID === 'string') return PREFLIGHT_BUILD_ID;
  if (ownBuild === undefined) {
    try {
      ownBuild = hashOf(fs.readFileSync(__filename));
    } catch {
      ownBuild = `unknown-${process.pid}-${Date.now()}`; // never matches: no reuse
    }
  }
  return ownBuild;
}

/** The tool that made a result: version and build. */
export function toolId(build = buildId()): string {
  return `${VERSION}+${build}`;
}

const configKeys = new WeakMap<ResolvedConfig, string>();

/** The configuration's answers (engine `configAnswers`), hashed once per configuration object. */
export function configKey(config: ResolvedConfig): string {
  let k = configKeys.get(config);
  if (k === undefined) configKeys.set(config, (k = hashOf(configAnswers(config))));
  return k;
}

/**
 * The file system's answer to one recorded question, as a short text: a file's content hash
 * ('-' when unreadable), a listing's hash in the order given, or 1/0. Remembered for the run:
 * many entries ask about the same manifests.
 */
export class Fingerprints {
  private readonly known = new Map<ProjectRead, string>();
  constructor(private readonly fsys: FileSystem) {}

  of(read: ProjectRead): string {
    let v = this.known.get(read);
    if (v === undefined) this.known.set(read, (v = this.compute(read)));
    return v;
  }

  /** The answers to all of `reads`, keyed by question. */
  all(reads: Iterable<ProjectRead>): Record<ProjectRead, string> {
    const out: Record<ProjectRead, string> = {};
    for (const r of reads) out[r] = this.of(r);
    return out;
  }

  private compute(read: ProjectRead): string {
    const q = parseReadKey(read);
    if (!q) return '?'; // not a question this version asks: never equal to a real answer below
    switch (q.kind) {
      case 'f': {
        const text = this.fsys.readFile(q.file);
        return text === undefined ? '-' : hashOf(text);
      }
      case 'd': {
        const names = this.fsys.readDir(q.file);
        return names === undefined ? '-' : hashOf(names.join('\0'));
      }
      case 'e':
        return this.fsys.exists(q.file) ? '1' : '0';
      case 'k':
        return this.fsys.isDirectory(q.file) ? '1' : '0';
    }
  }
}
