/**
 * The workspace's Python code as the production items read it: every `.py` file and notebook,
 * parsed once per checklist run with the tree-sitter core, and asked through the resolver
 * (python/resolve.ts) which catalogued calls, decorators and imports it has
 * (../catalogues/readiness.ts), and which HTTP routes it declares. Evidence, never guesses:
 * a name matches only when the resolver spells it so. Test, example and dot-folder files are
 * left out: they are not what a deployment runs.
 */
import { fileRoleOf, isTestFile } from '../fileRoles';
import { loadNotebook } from '../notebook';
import type { EvidenceEntry } from '../catalogues/readiness';
import { ROUTE_CALLS, ROUTE_DECORATORS } from '../catalogues/readiness';
import { matchesAny } from '../python/patterns';
import { programFromNotebook, programFromPython, type PythonProgram } from '../python/program';
import { constantOf, originOf } from '../python/resolve';
import type { CallSite, FunctionInfo } from '../python/semantics';
import { walk, stringValue, type PyNode } from '../python/syntax';
import type { Evidence } from './model';
import type { ProjectFacts } from './facts';

/** At most this many files are parsed for the production items (the rest are left out, with a note). */
export const MAX_CODE_FILES = 3000;

export interface CodeFile {
  rel: string;
  program: PythonProgram;
}

export interface Route {
  file: CodeFile;
  /** The decorator's callee (`fastapi.FastAPI().get`) or the URL declaration's. */
  framework: string;
  path: string | undefined;
  /** The endpoint function, when the route is a decorator. */
  fn?: FunctionInfo;
  node: PyNode;
  unit: number;
}

export interface CodeIndex {
  files(): readonly CodeFile[];
  /** Test files (tests/, test_*.py, conftest.py): read only by the items that ask about tests (a validation gate). */
  testFiles(): readonly CodeFile[];
  /** More Python files than MAX_CODE_FILES, or some that did not parse. */
  notes(): readonly string[];
  /** Python files and notebooks that could not be read (too large, not text) or parsed: what they hold is unknown. */
  unread(): readonly string[];
  /** Calls (and bare decorators, and with `imports` imports) matching the entries. */
  find(entries: readonly EvidenceEntry[]): Evidence[];
  /** Calls whose callee matches these patterns. */
  calls(patterns: readonly string[]): { file: CodeFile; call: CallSite; name: string }[];
  routes(): readonly Route[];
  /** String literals equal to one of `values`, each described by `what`. */
  strings(values: readonly string[], what: (value: string) => string): Evidence[];
}

export function evidenceAt(file: CodeFile, node: PyNode, unit: number, message: string): Evidence {
  const cell = file.program.units[unit]?.cell;
  return {
    kind: 'file',
    file: file.rel,
    message,
    ...(cell !== undefined ? { cell } : {}),
    range: { start: { line: node.startRow, column: node.startCol }, end: { line: node.startRow, column: node.startCol } },
  };
}

const callName = (file: CodeFile, call: CallSite): string | undefined => originOf(file.program, call.callee, call.unit);

function argumentMatches(file: CodeFile, call: CallSite, entry: EvidenceEntry): boolean {
  if (entry.argument) {
    const { keywords, position } = entry.argument;
    const present = keywords.some((k) => call.keywords.has(k)) || (position !== undefined && call.positional[position] !== undefined);
    // `**options` may carry the keyword: not evidence (it cannot be seen).
    if (!present) return false;
  }
  if (entry.firstArgument) {
    const first = call.positional[0];
    if (!first) return false;
    const constant = constantOf(file.program, first, call.unit);
    const value = typeof constant === 'string' ? constant : originOf(file.program, first, call.unit);
    if (value === undefined || !entry.firstArgument.includes(value)) return false;
  }
  return true;
}

/** A Python file or notebook parsed with the core, or undefined when it cannot be read or parsed. */
function parseCodeFile(facts: ProjectFacts, rel: string): CodeFile | undefined {
  const text = facts.readText(rel);
  if (text === undefined) return undefined;
  try {
    if (!rel.toLowerCase().endsWith('.ipynb')) return { rel, program: programFromPython(text) };
    const loaded = loadNotebook(text);
    return loaded.ok ? { rel, program: programFromNotebook(loaded.notebook) } : undefined;
  } catch {
    return undefined;
  }
}

const inDotFolder = (f: string) => /(^|\/)\.[^/]+\//.test(f);

export function createCodeIndex(facts: ProjectFacts, max = MAX_CODE_FILES): CodeIndex {
  let parsed: CodeFile[] | undefined;
  let parsedTests: CodeFile[] | undefined;
  const notes: string[] = [];
  const unread: string[] = [];
  const files = (): CodeFile[] => {
    if (parsed) return parsed;
    parsed = [];
    // What a deployment runs: not tests, examples, benchmarks or tooling in dot-folders (.github/…).
    const python = facts.files.filter((f) => /\.(py|ipynb)$/i.test(f) && fileRoleOf(f) === 'product' && !inDotFolder(f));
    if (python.length > max) notes.push(`The production items read the first ${max} of ${python.length} Python files and notebooks.`);
    unread.push(...python.slice(max));
    for (const rel of python.slice(0, max)) {
      const file = parseCodeFile(facts, rel);
      if (file) parsed.push(file);
      else unread.push(rel);
    }
    const skipped = unread.length - Math.max(0, python.length - max);
    if (skipped) notes.push(`${skipped} file${skipped === 1 ? '' : 's'} could not be read or parsed for the production items (too large, not text, or not a valid notebook), e.g. ${unread.find((f) => python.slice(0, max).includes(f))}.`);
    return parsed;
  };

  let routeCache: Route[] | undefined;
  const routes = (): Route[] => {
    if (routeCache) return routeCache;
    routeCache = [];
    for (const file of files()) {
      const { program } = file;
      for (const fn of program.semantics.functions) {
        for (const d of fn.decorators) {
          if (!d.call) continue;
          const name = originOf(program, d.target, fn.unit);
          if (!matchesAny(name, ROUTE_DECORATORS)) continue;
          const pathArg = d.call.keywords.get('path') ?? d.call.keywords.get('rule') ?? d.call.positional[0];
          const path = pathArg ? constantOf(program, pathArg, fn.unit) : undefined;
          routeCache.push({ file, framework: name!, path: typeof path === 'string' ? path : undefined, fn, node: d.node, unit: fn.unit });
        }
      }
      for (const call of program.semantics.calls) {
        const name = callName(file, call);
        if (!matchesAny(name, ROUTE_CALLS)) continue;
        const first = call.keywords.get('path') ?? call.keywords.get('rule') ?? call.positional[0];
        const path = first ? constantOf(program, first, call.unit) : undefined;
        routeCache.push({ file, framework: name!, path: typeof path === 'string' ? path : undefined, node: call.node, unit: call.unit });
      }
    }
    return routeCache;
  };

  const testFiles = (): CodeFile[] => {
    parsedTests ??= facts.files
      .filter((f) => /\.py$/i.test(f) && isTestFile(f) && !inDotFolder(f))
      .slice(0, max)
      .flatMap((rel) => parseCodeFile(facts, rel) ?? []);
    return parsedTests;
  };

  return {
    files,
    testFiles,
    notes: () => (files(), notes),
    unread: () => (files(), unread),
    routes,
    calls(patterns) {
      const out: { file: CodeFile; call: CallSite; name: string }[] = [];
      for (const file of files()) {
        for (const call of file.program.semantics.calls) {
          const name = callName(file, call);
          if (name && matchesAny(name, patterns)) out.push({ file, call, name });
        }
      }
      return out;
    },
    find(entries) {
      const out: Evidence[] = [];
      for (const file of files()) {
        const { program } = file;
        for (const call of program.semantics.calls) {
          const name = callName(file, call);
          if (!name) continue;
          const entry = entries.find((e) => matchesAny(name, e.names) && argumentMatches(file, call, e));
          if (entry) out.push(evidenceAt(file, call.node, call.unit, `${entry.what} (${name})`));
        }
        // Bare decorators (`@worker_shutdown.connect`, `@traceable`): a call only when written with ().
        for (const fn of program.semantics.functions) {
          for (const d of fn.decorators) {
            if (d.call) continue;
            const name = originOf(program, d.target, fn.unit);
            const entry = entries.find((e) => !e.argument && !e.firstArgument && matchesAny(name, e.names));
            if (entry) out.push(evidenceAt(file, d.node, fn.unit, `${entry.what} (${name})`));
          }
        }
        if (entries.some((e) => e.imports)) {
          program.semantics.passes.forEach((pass, unit) => {
            for (const b of pass.imports) {
              const entry = entries.find((e) => e.imports && matchesAny(b.qualifiedName, e.names));
              if (entry) out.push(evidenceAt(file, b.node, unit, `${entry.what} (imports ${b.qualifiedName})`));
            }
          });
        }
      }
      return out;
    },
    strings(values, what) {
      const out: Evidence[] = [];
      for (const file of files()) {
        file.program.units.forEach((u, unit) => {
          walk(u.root, (n) => {
            if (n.type !== 'string') return;
            const v = stringValue(n);
            if (v !== undefined && values.includes(v)) out.push(evidenceAt(file, n, unit, what(v)));
            return false;
          });
        });
      }
      return out;
    },
  };
}
