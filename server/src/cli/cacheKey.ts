/**
 * What a cached result of `preflight check` depends on, each as a short hash: the file's bytes,
 * the tool (version and build), the configuration that applies to the file, and the answers
 * the file's analysis got from the project's file system (engine/projectReads.ts records the
 * questions). A result is reused only when all of them are what they were.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
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
 * Files of these kinds (data, media, documents, archives, other notebooks) are never what an
 * analysis looks for in a folder listing: the listings it reads are searched for Python modules
 * and packages, manifests, lock files, requirement files and container files. Adding `data.csv`
 * or a plot beside a notebook must not invalidate the notebook's cached result.
 */
const DATA_FILE = /\.(csv|tsv|parquet|feather|arrow|orc|avro|xlsx?|ods|h5|hdf5|pkl|pickle|joblib|npy|npz|pt|ckpt|onnx|safetensors|bin|png|jpe?g|gif|bmp|tiff?|webp|svg|ico|pdf|mp[34]|wav|avi|mov|zip|gz|tgz|bz2|xz|7z|tar|ipynb|md|rst|html?|log|db|sqlite3?)$/i;

/**
 * The file system's answer to one recorded question, as a short text: a file's content hash
 * ('-' when unreadable), a listing's hash in the order given, or 1/0. Remembered for the run:
 * many entries ask about the same manifests. A listing's hash leaves out data files
 * (`DATA_FILE`; regular files only: a folder named `x.csv` still counts, as callers may ask
 * whether an entry is a folder), so it changes only with the names analyses read.
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
        if (names === undefined) return '-';
        return hashOf(names.filter((n) => !DATA_FILE.test(n) || this.fsys.isDirectory(path.join(q.file, n))).join('\0'));
      }
      case 'e':
        return this.fsys.exists(q.file) ? '1' : '0';
      case 'k':
        return this.fsys.isDirectory(q.file) ? '1' : '0';
    }
  }
}
