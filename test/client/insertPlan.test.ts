/** Idempotent cell inserts: the per-cell save action asks every drawing cell for the same seed cell. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { planInserts, type CellLike } from '../../client/src/insertPlan';

const seed = { kind: 'code' as const, source: 'np.random.seed(42)' };

describe('cell insert plan', () => {
  it('the second of two identical per-cell fixes inserts nothing: the first one put the cell there', () => {
    const cells: CellLike[] = [{ kind: 'markdown', source: '# T' }, { kind: 'code', source: 'import numpy as np' }, { kind: 'code', source: 'a = np.random.rand(3)' }, { kind: 'code', source: 'b = np.random.rand(3)' }];
    const first = planInserts(cells, [{ index: 2, ...seed }]);
    assert.deepEqual(first, [{ index: 2, ...seed }]);
    const after = [...cells.slice(0, 2), seed, ...cells.slice(2)];
    // The fix reported on the other cell still names the cell before which it goes (now at 3).
    assert.deepEqual(planInserts(after, [{ index: 3, ...seed }]), []);
  });

  it('one plan with the same insert twice inserts it once; a different cell or place is kept', () => {
    const cells: CellLike[] = [{ kind: 'code', source: 'import random' }, { kind: 'code', source: 'x = random.random()' }];
    assert.deepEqual(planInserts(cells, [{ index: 1, ...seed }, { index: 1, ...seed }]), [{ index: 1, ...seed }]);
    assert.equal(planInserts(cells, [{ index: 1, ...seed }, { index: 1, kind: 'code', source: 'random.seed(42)' }]).length, 2);
    // The same text far from the insertion point (a late seed, "too late") does not count.
    const late: CellLike[] = [...cells, { kind: 'code', source: 'np.random.seed(42)' }];
    assert.deepEqual(planInserts(late, [{ index: 1, ...seed }]), [{ index: 1, ...seed }]);
    // A markdown cell with the same text is not the code cell.
    assert.equal(planInserts([{ kind: 'markdown', source: 'np.random.seed(42)' }], [{ index: 1, ...seed }]).length, 1);
  });
});
