/**
 * Where a pyproject value is written (smol-toml parses values without positions): the key's line
 * inside its table, bare, quoted or dotted, and a key as long as the line limit is searched
 * without turning it into a pattern (a fuzz input once ran the RegExp compiler out of memory).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { keyValueOffset } from '../../../server/src/engine/manifests/tomlLocate';

const at = (text: string, table: string, key: string) => {
  const r = keyValueOffset(text, table, key);
  return r && { key: text.slice(r.keyStart, r.keyStart + 12), value: text.slice(r.valueStart, r.valueStart + 6) };
};

describe('tomlLocate.keyValueOffset', () => {
  it('finds a key in its table, bare or quoted, with blanks around "="', () => {
    const text = '[project]\nname = "x"\n  "dependencies"\t= ["a"]\n[tool.other]\ndependencies = ["b"]\n';
    assert.deepEqual(at(text, 'project', 'dependencies'), { key: '"dependencie', value: '["a"]\n' });
    assert.deepEqual(at(text, 'tool.other', 'dependencies'), { key: 'dependencies', value: '["b"]\n' });
  });
  it('finds a dotted key under a parent table, and a table written as a dotted key at the top', () => {
    const text = 'project.dependencies = ["a"]\n[tool]\npoetry . dependencies = {}\n';
    assert.deepEqual(at(text, 'project', 'dependencies'), { key: 'project.depe', value: '["a"]\n' });
    assert.deepEqual(at(text, 'tool.poetry', 'dependencies'), { key: 'poetry . dep', value: '{}\n' });
  });
  it('does not take a longer key that starts with the same letters, nor a key outside the table', () => {
    const text = '[project]\ndependencies_extra = 1\n[other]\ndependencies = 2\n';
    assert.equal(keyValueOffset(text, 'project', 'dependencies'), undefined);
  });
  it('a key as long as the line limit is compared, not compiled', () => {
    const key = 'a'.repeat(60_000);
    const text = `[project]\n${key} = 1\n`;
    assert.deepEqual(at(text, 'project', key)?.value, '1\n');
    assert.equal(keyValueOffset(text, 'project', `${key}b`), undefined);
  });
});
