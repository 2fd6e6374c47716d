/**
 * The Python parser: web-tree-sitter with the tree-sitter-python grammar (wasm).
 *
 * Loading the wasm is async and done once per process (`initParser`); parsing after that is
 * synchronous, so rules and the language server's edit path never await. Trees are kept by the
 * caller so an edited cell can be re-parsed incrementally (`reparse`).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Language, Parser, type Edit, type Node, type Tree } from 'web-tree-sitter';

export type { Node as SyntaxNode, Tree } from 'web-tree-sitter';

let parser: Parser | undefined;
let loading: Promise<void> | undefined;

/** The wasm files sit beside the bundle in `dist/`; in tests they come from node_modules. */
function locate(file: string, pkg: string): string {
  const beside = path.join(__dirname, file);
  if (fs.existsSync(beside)) return beside;
  return require.resolve(`${pkg}/${file}`);
}

export function initParser(): Promise<void> {
  loading ??= (async () => {
    await Parser.init({ locateFile: () => locate('tree-sitter.wasm', 'web-tree-sitter') });
    const lang = await Language.load(locate('tree-sitter-python.wasm', 'tree-sitter-python'));
    const p = new Parser();
    p.setLanguage(lang);
    parser = p;
  })();
  return loading;
}

export function isParserReady(): boolean {
  return parser !== undefined;
}

function ready(): Parser {
  if (!parser) throw new Error('initParser() must be awaited before parsing');
  return parser;
}

export function parse(text: string): Tree {
  const tree = ready().parse(text);
  if (!tree) throw new Error('tree-sitter returned no tree');
  return tree;
}

/**
 * Re-parse after an edit, reusing the unchanged parts of `old`. `old` is left untouched (it is
 * copied before the edit is applied) so callers may still read it.
 */
export function reparse(old: Tree, edit: Edit, text: string): Tree {
  const copy = old.copy();
  copy.edit(edit);
  const tree = ready().parse(text, copy);
  copy.delete();
  if (!tree) throw new Error('tree-sitter returned no tree');
  return tree;
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
