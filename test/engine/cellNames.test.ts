/**
 * How messages name another cell (issue 22): as the editor shows cells, never by a number.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cellName, firstNonEmptyLine, relatedCell, shortQuote } from '../../server/src/engine/cellNames';

const code = (source: string) => ({ kind: 'code' as const, source });
const md = (source: string) => ({ kind: 'markdown' as const, source });

describe('cell names', () => {
  const cells = [code('import pandas as pd'), md('# Data'), code('\n\n  df = pd.read_csv("data.csv")\nx = 1'), code('df.head()'), code(''), code('plt.show()'), code('plt.show()\ny = 2')];

  it('the next code cell is "the cell above/below"; past markdown cells "the code cell above/below"', () => {
    assert.equal(cellName(cells, 2, { from: 3 }), 'the cell above');
    assert.equal(cellName(cells, 3, { from: 2 }), 'the cell below');
    assert.equal(cellName(cells, 0, { from: 2 }), 'the code cell above');
    assert.equal(cellName(cells, 2, { from: 0 }), 'the code cell below');
    assert.equal(cellName(cells, 2, { from: 2 }), 'this cell');
  });

  it('other cells by their first non-empty line, with the direction when relative', () => {
    assert.equal(cellName(cells, 0, { from: 3 }), 'the cell starting `import pandas as pd` further up');
    assert.equal(cellName(cells, 3, { from: 0 }), 'the cell starting `df.head()` further down');
    assert.equal(cellName(cells, 2), 'the cell starting `df = pd.read_csv("data.csv")`');
  });

  it('a first line two cells share, or a blank cell: by what it defines when known', () => {
    assert.equal(cellName(cells, 6, { from: 0, defines: 'y' }), 'the cell that defines `y` further down');
    assert.equal(cellName(cells, 6, { from: 0 }), 'the cell starting `plt.show()` further down');
    assert.equal(cellName(cells, 4, { from: 0 }), 'an empty cell further down');
  });

  it('shortens long lines: a call keeps its callee, anything else is cut at a word', () => {
    assert.equal(shortQuote('short line'), 'short line');
    assert.equal(shortQuote('df = pd.read_csv("data/a_rather_long_file_name.csv", sep=";")'), 'df = pd.read_csv(...)');
    const prose = shortQuote('# this comment explains at length what the following cell does');
    assert.ok(prose.length <= 40 && prose.endsWith('…') && prose.startsWith('# this comment'), prose);
    assert.equal(shortQuote('print(`x`)'), "print('x')");
  });

  it('the first non-empty line, and a related location on it', () => {
    assert.equal(firstNonEmptyLine('\n  \n  a = 1  \nb'), 'a = 1');
    assert.equal(firstNonEmptyLine(' \n'), '');
    assert.deepEqual(relatedCell(cells, 2, 'here'), { cell: 2, range: { start: { line: 2, column: 2 }, end: { line: 2, column: 30 } }, message: 'here' });
  });
});
