/**
 * Preflight writes the user's files in one place only, `preflight check --fix` (the result cache
 * and verify records write only inside their own folders): in the editor quick fixes
 * are WorkspaceEdits and cell inserts `NotebookEdit`s that VS Code applies and its own ipynb
 * serializer saves. This guard keeps that true: whoever adds a file writer to the server, the
 * CLI or the client must also add the write-back properties of docs/robustness.md (valid
 * nbformat, byte-identical outside the edited cell) and update this list.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';

const ROOT = path.join(__dirname, '../../..');
const WRITERS = /\b(writeFileSync|writeFile|appendFileSync|appendFile|createWriteStream|writeSync|renameSync|copyFileSync|copyFile)\s*\(|workspace\.fs\.(writeFile|rename|copy)\b/;
/** Files allowed to write, with the reason. Only `check --fix` writes a notebook or any file of the project. */
const ALLOWED: Record<string, string> = {
  'server/src/engine/verifyRecord.ts': "preflight verify's recorded results: JSON and a .gitignore inside .preflight_cache/verify only, never the notebook (test/verify/)",
  'server/src/cli/cache.ts': "preflight check's result cache: entries, .gitignore and CACHEDIR.TAG inside the cache folder only (test/cli/cache.test.ts)",
  'server/src/cli/addNoqa.ts': 'check --add-noqa writes ignore directives into the files with findings (notebooks through rewriteNotebook); tested in test/cli/addNoqa.test.ts',
  'server/src/cli/checkCommand.ts': 'check --output-file writes the report to the file the user names (test/cli/flags.test.ts)',
  'server/src/cli/fix.ts': 'check --fix writes the fixed files; write-back is tested in test/cli/fix.test.ts, fixCorpus.test.ts and fixRuleTables.test.ts',
};

function sources(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : /\.(ts|js|mjs)$/.test(e.name) ? [p] : [];
  });
}

describe('no notebook writer', () => {
  it('server, CLI and client sources contain no file-writing call', () => {
    const found: string[] = [];
    for (const file of [...sources(path.join(ROOT, 'server/src')), ...sources(path.join(ROOT, 'client/src')), ...sources(path.join(ROOT, 'bin'))]) {
      const rel = path.relative(ROOT, file).split(path.sep).join('/');
      if (ALLOWED[rel]) continue;
      fs.readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (WRITERS.test(line) && !/^\s*(\/\/|\*)/.test(line)) found.push(`${rel}:${i + 1}: ${line.trim()}`);
        });
    }
    assert.ok(sources(path.join(ROOT, 'server/src')).length > 10, 'the sources were found');
    assert.deepEqual(found, [], 'a file writer appeared: add write-back tests (docs/robustness.md) and list it in ALLOWED');
  });
});
