/**
 * The layering of the sources, checked on their import graph (test/meta/importGraph.ts, read
 * with the TypeScript parser; type imports count):
 * - server/src/engine/index.ts is the only way into the engine from the server's handlers, lsp
 *   runtime and documents, and from the CLI;
 * - the client reaches server/src only through the protocol modules (types, message names and
 *   the few pure helpers both sides must share);
 * - the engine imports nothing from vscode or vscode-languageserver*;
 * - there is no import cycle among server/src and client/src files.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { cyclesOf, importsOf, sourceFiles } from './importGraph';

const root = path.resolve(__dirname, '../../..');
const rel = (f: string) => path.relative(root, f).split(path.sep).join('/');
const ENGINE = 'server/src/engine/';
const ENGINE_ENTRY = 'server/src/engine/index.ts';
/** Folders that may use the engine through its entry point only. */
const ENGINE_USERS = ['server/src/handlers/', 'server/src/lsp/', 'server/src/documents/', 'server/src/cli/'];
/** The server files the client may import: the wire contracts. */
const CLIENT_MAY_IMPORT = new Set(['server/src/protocol.ts', 'server/src/checklistProtocol.ts', 'server/src/verifyProtocol.ts', 'server/src/diagnosticSource.ts', 'server/src/findingCounts.ts', 'server/src/ruleDocsCommand.ts', 'server/src/serverProcess.ts']);


/** Layering violations of one file's imports (empty when it keeps the rules above). */
export function layeringProblems(file: string, text: string): string[] {
  const from = rel(file);
  const problems: string[] = [];
  for (const edge of importsOf(file, text)) {
    const to = edge.resolved ? rel(edge.resolved) : undefined;
    if (from.startsWith(ENGINE) && /^vscode($|-languageserver)/.test(edge.specifier)) problems.push(`${from}: the engine imports ${edge.specifier}`);
    if (!to) continue;
    if (ENGINE_USERS.some((d) => from.startsWith(d)) && to.startsWith(ENGINE) && to !== ENGINE_ENTRY) problems.push(`${from}: deep import of ${to} (use ${ENGINE_ENTRY})`);
    if (from.startsWith('client/src/') && to.startsWith('server/src/') && !CLIENT_MAY_IMPORT.has(to)) problems.push(`${from}: the client imports ${to} (only ${[...CLIENT_MAY_IMPORT].join(', ')})`);
  }
  return problems;
}

describe('import layering', () => {
  const files = sourceFiles(path.join(root, 'server/src'), path.join(root, 'client/src'));
  const texts = new Map(files.map((f) => [f, fs.readFileSync(f, 'utf8')]));

  it('the checks catch what they are for (deep import, type import, vscode in the engine, client reach)', () => {
    const at = (p: string) => path.join(root, p);
    assert.deepEqual(layeringProblems(at('server/src/handlers/x.ts'), "import type { Unit } from '../engine/python/program';"), [
      'server/src/handlers/x.ts: deep import of server/src/engine/python/program.ts (use server/src/engine/index.ts)',
    ]);
    assert.deepEqual(layeringProblems(at('server/src/cli/x.ts'), "export { analyze } from '../engine';"), []);
    assert.equal(layeringProblems(at('server/src/engine/x.ts'), "import type { Diagnostic } from 'vscode-languageserver';").length, 1);
    assert.equal(layeringProblems(at('client/src/x.ts'), "import { startServer } from '../../server/src/startServer';").length, 1);
    assert.deepEqual(cyclesOf(new Map([['a', ['b']], ['b', ['a']], ['c', ['a']]])), [['a', 'b']]);
  });

  it('handlers, lsp, documents, cli and client keep to the engine entry point; the engine has no vscode import', () => {
    const problems = files.flatMap((f) => layeringProblems(f, texts.get(f)!));
    assert.deepEqual(problems, []);
  });

  it('no import cycle among server/src and client/src (type imports included)', () => {
    const graph = new Map(files.map((f) => [f, importsOf(f, texts.get(f)!).flatMap((e) => (e.resolved ? [e.resolved] : []))]));
    assert.ok([...graph.values()].some((targets) => targets.length > 0), 'the graph has edges');
    assert.deepEqual(cyclesOf(graph).map((c) => c.map(rel)), []);
  });
});
