/**
 * The Python parser: web-tree-sitter with the tree-sitter-python grammar (wasm).
 *
 * Loading the wasm is async and done once per process (`initParser`); parsing after that is
 * synchronous, so rules and the language server's edit path never await. Trees are kept by the
 * caller so an edited cell can be re-parsed incrementally (`reparse`). A parse that exhausts the
 * wasm heap fails for that input only: a spare instance takes over at once (see `Instance`).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Edit, Language, Node, Parser, Tree } from 'web-tree-sitter';
import { budgetSpent, BudgetExceeded } from '../budget';
import { checkStructure } from './tokens';

export type { Node as SyntaxNode, Tree } from 'web-tree-sitter';

/**
 * One instance of web-tree-sitter: its own copy of the JS module and so its own wasm module.
 * The wasm heap is capped at 2 GB; an input that needs more (a 19 MB line of list items)
 * makes emscripten `abort()`, and an aborted module throws `Aborted()` on every later call.
 * web-tree-sitter keeps its wasm module in a module-level variable that nothing resets, so the
 * only way back is a fresh copy of the JS module (`freshBinding`).
 */
interface Instance {
  parser: Parser;
  language: Language;
  /** Set by emscripten's `onAbort`: this instance is dead for good. */
  aborted: boolean;
}

/** The instance parsing now, and a spare loaded in advance so a swap needs no await. */
let current: Instance | undefined;
let spare: Instance | undefined;
let loadingSpare: Promise<void> | undefined;
let loading: Promise<void> | undefined;

/** The wasm and CJS files sit beside the bundle in `dist/`; in tests they come from node_modules. */
function locate(file: string, inPackage: string): string {
  const beside = path.join(__dirname, file);
  if (fs.existsSync(beside)) return beside;
  return require.resolve(inPackage);
}

type Binding = typeof import('web-tree-sitter');

/** A copy of web-tree-sitter's CJS module no one else holds (its wasm module is a singleton per copy). */
function freshBinding(): Binding {
  const file = locate('web-tree-sitter.cjs', 'web-tree-sitter');
  delete require.cache[file];
  const binding = require(file) as Binding;
  delete require.cache[file];
  return binding;
}

async function loadInstance(): Promise<Instance> {
  const { Parser: P, Language: L } = freshBinding();
  const instance = { aborted: false } as Instance;
  await P.init({
    locateFile: () => locate('tree-sitter.wasm', 'web-tree-sitter/tree-sitter.wasm'),
    onAbort: () => {
      instance.aborted = true;
    },
    // emscripten prints `Aborted()` to stderr; the file's finding says what happened instead.
    printErr: () => {},
  });
  instance.language = await L.load(locate('tree-sitter-python.wasm', 'tree-sitter-python/tree-sitter-python.wasm'));
  instance.parser = new P();
  instance.parser.setLanguage(instance.language);
  return instance;
}

/** Load a spare instance in the background (after start-up, and after a swap used the last one). */
function prepareSpare(): Promise<void> {
  loadingSpare ??= loadInstance().then(
    (i) => {
      spare = i;
      loadingSpare = undefined;
    },
    () => {
      loadingSpare = undefined;
    },
  );
  return loadingSpare;
}

export function initParser(): Promise<void> {
  loading ??= (async () => {
    current = await loadInstance();
    await prepareSpare();
  })();
  return loading;
}

export function isParserReady(): boolean {
  return current !== undefined;
}

/** The parser: if the instance aborted, the spare takes over (and a new spare starts loading). */
function ready(): Instance {
  if (!current) throw new Error('initParser() must be awaited before parsing');
  if (current.aborted) {
    if (!spare) throw new Error('the Python parser is restarting after running out of memory: try again');
    current = spare;
    spare = undefined;
    void prepareSpare();
  }
  return current;
}


/**
 * Run `f` on the live parser. An abort inside it reports this input only: the next parse runs
 * on the spare instance. A spent time budget (see ../budget) cancels the parse.
 */
function withParser(f: (p: Parser) => Tree | null): Tree {
  const instance = ready();
  let tree: Tree | null;
  try {
    tree = f(instance.parser);
  } catch (e) {
    if (!instance.aborted) throw e;
    throw new ParserOutOfMemory();
  }
  if (!tree) {
    if (budgetSpent()) throw new BudgetExceeded('parsing');
    throw new Error('tree-sitter returned no tree');
  }
  return tree;
}

/** The wasm parser aborted on this input (its 2 GB heap ran out). */
export class ParserOutOfMemory extends Error {
  constructor() {
    super('the Python parser ran out of memory (its wasm heap is limited to 2 GB)');
  }
}

/** Parse options: a parse checks the time budget as it goes, and stops when it is spent. */
const cancellable = { progressCallback: () => budgetSpent() } as const;

/** Whether a tree belongs to the live parser instance (trees of an aborted one are dead). */
export function isLive(tree: Tree): boolean {
  return current !== undefined && !current.aborted && tree.language === current.language;
}

/** Free a tree's wasm memory (a tree of an aborted instance went with it). */
export function release(tree: Tree | undefined): void {
  if (tree && isLive(tree)) tree.delete();
}

export function parse(text: string): Tree {
  return withParser((p) => p.parse(text, null, cancellable));
}

/**
 * Re-parse after an edit, reusing the unchanged parts of `old`. `old` is left untouched (it is
 * copied before the edit is applied) so callers may still read it. A tree of an aborted
 * instance cannot be reused: the text is parsed afresh.
 */
export function reparse(old: Tree, edit: Edit, text: string): Tree {
  if (!isLive(old)) return parse(text);
  return withParser((p) => {
    const copy = old.copy();
    copy.edit(edit);
    try {
      return p.parse(text, copy, cancellable);
    } finally {
      copy.delete();
    }
  });
}

/** The edit tree-sitter needs for replacing `oldText[start, oldEnd)` by `inserted`. */
export function editFor(oldText: string, start: number, oldEnd: number, inserted: string): Edit {
  const pointAt = (t: string, offset: number) => {
    let row = 0;
    let col = 0;
    for (let i = 0; i < offset; i++) {
      if (t.charCodeAt(i) === 10) {
        row++;
        col = 0;
      } else col++;
    }
    return { row, column: col };
  };
  const newText = oldText.slice(0, start) + inserted + oldText.slice(oldEnd);
  return {
    startIndex: start,
    oldEndIndex: oldEnd,
    newEndIndex: start + inserted.length,
    startPosition: pointAt(oldText, start),
    oldEndPosition: pointAt(oldText, oldEnd),
    newEndPosition: pointAt(newText, start + inserted.length),
  };
}

/** First syntax error of a tree: an ERROR node or a MISSING token, as a node. */
export function firstSyntaxError(root: Node): Node | undefined {
  if (!root.hasError) return undefined;
  const stack: Node[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.isError || n.isMissing) return n;
    if (!n.hasError) continue;
    const kids = n.children.filter((c): c is Node => c !== null);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
  return undefined;
}

/** A syntax error CPython would report too. */
export interface ConfirmedSyntaxError {
  start: number;
  end: number;
  /** What CPython's tokenizer says (`'(' was never closed`), or the token tree-sitter stopped at. */
  message?: string;
  unexpected: string;
}

export interface SyntaxVerdict {
  /** Set when the error is certain. */
  error?: ConfirmedSyntaxError;
  /** A clean parse of a copy of the text of the same length and offsets (see `tokens.ts`), when there is one. */
  tree?: Tree;
}

/**
 * Called when tree-sitter's parse of `text` has an error: is it one CPython would raise?
 * tree-sitter-python's scanner and grammar are not CPython's: it may stumble on a keyword that
 * starts a continuation line inside brackets at a lower indentation, or on a comment dedented
 * between two statements, and it predates some syntax (PEP 696 defaults of type parameters).
 * So the error is only confirmed by
 * 1. CPython's tokenizer rules (`checkStructure`): an unterminated string, an unclosed or
 *    unmatched bracket, a bad dedent, a TabError… are certain; or
 * 2. a second parse of the canonical copy, where everything about layout that tree-sitter and
 *    CPython treat differently is gone. An error that remains there is certain unless it lies
 *    in syntax newer than the grammar (type-parameter lists).
 * Anything else is not claimed.
 */
export function confirmSyntaxError(text: string, stripped?: (lineStart: number) => number): SyntaxVerdict {
  const check = checkStructure(text, stripped);
  if (check.error) {
    // The text is surely invalid. CPython reports its first error, and its tokenizer runs
    // along with its parser: a parse error of the canonical copy before this one comes first.
    const { start, end, message } = check.error;
    const earlier = check.unsure ? undefined : firstErrorOf(check.canonical, check.toSource);
    if (earlier && earlier.end <= start) return { error: { start: earlier.start, end: earlier.end, unexpected: earlier.unexpected(text) } };
    return { error: { start, end: Math.max(end, start), message, unexpected: text.slice(start, Math.min(end, start + 40)) } };
  }
  if (check.unsure) return {};
  if (check.withComments !== undefined && check.withComments !== check.canonical) {
    const kept = parse(check.withComments);
    if (!kept.rootNode.hasError) return { tree: kept };
    kept.delete();
  }
  const tree = parse(check.canonical);
  const err = firstSyntaxError(tree.rootNode);
  if (!err) {
    // Without comments the tree would lose suppression comments: only the verdict is used.
    if (check.withComments === check.canonical) return { tree };
    tree.delete();
    return {};
  }
  const { start, end, unexpected } = errorSpan(err, check.toSource);
  tree.delete();
  const row = (o: number) => (text.slice(0, o).match(/\r\n|\r|\n/g) ?? []).length;
  const inTypeParams = check.typeParams.some(([a, b]) => (start < b && end > a) || row(a) === row(start));
  if (inTypeParams) return {};
  return { error: { start, end, unexpected: unexpected(text) } };
}

interface ErrorSpan {
  start: number;
  end: number;
  unexpected(text: string): string;
}

/** An error node of a parse of a copy, in offsets of the text the copy was made from. */
function errorSpan(err: Node, toSource: (o: number) => number): ErrorSpan {
  const start = toSource(err.startIndex);
  const end = Math.max(start, toSource(Math.max(err.startIndex, err.endIndex - 1)) + (err.endIndex > err.startIndex ? 1 : 0));
  const missing = err.isMissing ? `missing ${err.type}` : undefined;
  return { start, end, unexpected: (text) => missing ?? text.slice(start, Math.min(end, start + 40)) };
}

/** The first error of a parse of `copy`, in offsets of the text it was made from. */
function firstErrorOf(copy: string, toSource: (o: number) => number): ErrorSpan | undefined {
  const tree = parse(copy);
  try {
    const err = firstSyntaxError(tree.rootNode);
    return err ? errorSpan(err, toSource) : undefined;
  } finally {
    tree.delete();
  }
}
