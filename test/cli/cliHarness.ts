/**
 * What the CLI tests share: a temporary project made of files, and `main` run in-process with
 * its output captured (the same entry point `bin/preflight.js` calls).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../server/src/cli/main';

/** A fresh folder under the OS temp folder holding `files` (relative paths, folders made). */
export function project(files: Record<string, string>, prefix = 'preflight-cli-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

/** `preflight ARGS` in `cwd`: its exit code and everything it wrote to stdout and stderr. */
export async function run(args: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { out: (s) => (out += s), err: (s) => (err += s) }, cwd);
  return { code, out, err };
}

/** A file of the project as text. */
export const read = (dir: string, rel: string): string => fs.readFileSync(path.join(dir, rel), 'utf8');
