/**
 * The result cache of `preflight check` (Ruff's `.ruff_cache` habit): one entry per analysed
 * file under `<cache dir>/<version>/`, holding the file's findings and everything they depend
 * on (cacheKey.ts). A warm run re-analyses only files whose entry is missing or stale.
 *
 * Safe to share: entries are written to a temporary file and renamed into place, so a reader
 * sees a whole entry or none, and concurrent runs writing the same entry both write a true
 * one. Self-healing: an entry that cannot be read, is not an entry (zod), or whose results do
 * not match their checksum is a miss, re-analysed and rewritten — never an error, never used.
 * A cache folder that cannot be written makes every file a miss; the check still runs.
 */
import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { threadId } from 'node:worker_threads';
import { z } from 'zod';
import type { CellInsert, FileResult, Finding, Fix, ProjectRead, TextEdit } from '../engine';
import { type Fingerprints, hashOf } from './cacheKey';
import { VERSION } from './version';

/** What a result was computed from (besides the tool, which names the entry's folder and is checked too). */
export interface EntryKey {
  /** Hash of the file's bytes as analysed. */
  bytes: string;
  /** Hash of the configuration's answers. */
  config: string;
  /** Each project read of the analysis → the answer's fingerprint. */
  facts: Record<ProjectRead, string>;
}

const position = z.strictObject({ line: z.number().int(), column: z.number().int() });
const range = z.strictObject({ start: position, end: position });
const severity = z.enum(['error', 'warning', 'info', 'hint']);
const findingSchema = z.strictObject({
  ruleId: z.string(),
  category: z.string(),
  severity,
  file: z.string(),
  cell: z.number().int().optional(),
  range,
  message: z.string(),
  fix: z
    .strictObject({
      title: z.string(),
      applicability: z.enum(['safe', 'unsafe']),
      edits: z.array(z.strictObject({ range, newText: z.string(), cell: z.number().int().optional(), file: z.string().optional() })),
      cellInserts: z.array(z.strictObject({ index: z.number().int(), kind: z.enum(['code', 'markdown']), source: z.string() })).optional(),
      notebookChange: z.discriminatedUnion('kind', [z.strictObject({ kind: z.literal('reorder-cells'), order: z.array(z.number().int()) }), z.strictObject({ kind: z.literal('clear-outputs') })]).optional(),
    })
    .optional(),
  related: z.array(z.strictObject({ file: z.string().optional(), cell: z.number().int().optional(), range, message: z.string() })).optional(),
});
const resultSchema = z.strictObject({
  findings: z.array(findingSchema),
  ruleErrors: z.array(z.strictObject({ ruleId: z.string(), error: z.string() })),
  checked: z.boolean(),
});

/** The keys of A and B are the same set. */
type SameKeys<A, B> = [Exclude<keyof A, keyof B> | Exclude<keyof B, keyof A>] extends [never] ? true : false;
type Stored = z.infer<typeof findingSchema>;
type StoredFix = NonNullable<Stored['fix']>;
/**
 * The schema must describe every field the engine's findings can have: a strict schema that
 * misses one rejects every entry holding it, so those files would be re-analysed on every run
 * (it once missed `notebookChange`). A field added to the model without its schema line fails
 * type-checking here.
 */
const schemaCoversModel: [
  SameKeys<Stored, Finding>,
  SameKeys<StoredFix, Fix>,
  SameKeys<StoredFix['edits'][number], TextEdit>,
  SameKeys<NonNullable<StoredFix['cellInserts']>[number], CellInsert>,
  SameKeys<NonNullable<Stored['related']>[number], NonNullable<Finding['related']>[number]>,
] = [true, true, true, true, true];
void schemaCoversModel;

/** The first line of an entry: what it is for and what it depends on; `sum` checks the second line (the result). */
const headerSchema = z.strictObject({
  tool: z.string(),
  file: z.string(),
  bytes: z.string(),
  config: z.string(),
  facts: z.record(z.string().regex(/^[fedk]:/), z.string()),
  sum: z.string(),
});

const CACHEDIR_TAG = `Signature: 8a477f597d28d172789f06886806bc55
# This file is a cache directory tag created by preflight.
# For information about cache directory tags see https://bford.info/cachedir/
`;

export class ResultCache {
  private readonly entries: string;
  private ready: boolean | undefined;

  /** `dir`: the cache folder (`.preflight_cache`); `tool`: toolId() of this build. */
  constructor(
    readonly dir: string,
    private readonly tool: string,
  ) {
    this.entries = path.join(dir, VERSION);
  }

  /** Hex, not base64: entry names must differ on case-insensitive disks too. */
  private entryPath(file: string): string {
    return path.join(this.entries, `${createHash('sha256').update(file).digest('hex').slice(0, 32)}.json`);
  }

  /**
   * The stored result for `file`, if it was computed by this tool from these bytes (hashed only
   * when an entry exists) under this configuration, and every project fact it read still has
   * the answer it had.
   */
  lookup(file: string, bytes: () => string | undefined, config: string, now: Fingerprints): FileResult | undefined {
    let text: string;
    try {
      text = fs.readFileSync(this.entryPath(file), 'utf8');
    } catch {
      return undefined;
    }
    try {
      const cut = text.indexOf('\n');
      if (cut < 0) return undefined;
      const header = headerSchema.safeParse(JSON.parse(text.slice(0, cut)));
      if (!header.success) return undefined;
      const h = header.data;
      if (h.tool !== this.tool || h.file !== file || h.config !== config || h.bytes !== bytes()) return undefined;
      for (const read in h.facts) if (now.of(read) !== h.facts[read]) return undefined;
      const body = text.slice(cut + 1);
      if (hashOf(body) !== h.sum) return undefined;
      const raw: unknown = JSON.parse(body);
      // Validated, then used as read: the findings keep the key order they were written in.
      return resultSchema.safeParse(raw).success ? (raw as FileResult) : undefined;
    } catch {
      return undefined; // not JSON: a torn or foreign file
    }
  }

  /** Keep `result` for `file` (best effort: a cache that cannot be written is skipped). */
  store(file: string, key: EntryKey, result: FileResult): void {
    if (!this.prepare()) return;
    const body = JSON.stringify(result);
    const header = JSON.stringify({ tool: this.tool, file, bytes: key.bytes, config: key.config, facts: key.facts, sum: hashOf(body) });
    writeAtomically(this.entryPath(file), `${header}\n${body}`);
  }

  /**
   * Create the folder once, with a `.gitignore` that ignores it all and a CACHEDIR.TAG (backup
   * tools skip it). Called before any analysis: the folder appearing mid-run would change the
   * listing of the folder it is in, which analyses read.
   */
  prepare(): boolean {
    if (this.ready !== undefined) return this.ready;
    try {
      fs.mkdirSync(this.entries, { recursive: true });
      for (const [name, text] of [['.gitignore', '# Automatically created by preflight.\n*\n'], ['CACHEDIR.TAG', CACHEDIR_TAG]] as const) {
        const file = path.join(this.dir, name);
        if (!fs.existsSync(file)) writeAtomically(file, text);
      }
      this.ready = true;
    } catch {
      this.ready = false;
    }
    return this.ready;
  }
}

/** Write `text` to a temporary file beside `file` and rename it into place: readers never see half a file. */
function writeAtomically(file: string, text: string): void {
  const tmp = `${file}.${process.pid}-${threadId}-${randomBytes(4).toString('hex')}.tmp`;
  try {
    fs.writeFileSync(tmp, text);
    fs.renameSync(tmp, file);
  } catch {
    try {
      fs.rmSync(tmp, { force: true });
    } catch {
      /* nothing more to do: the entry is simply not kept */
    }
  }
}
