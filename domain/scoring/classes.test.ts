import { describe, expect, it } from 'vitest';
import { classify, classifyAround } from './classes.ts';

describe('classify', () => {
  const values = [1, 2, 3, 4, 10, 11, 12, 30, 31, 32];
  it('equal: classes of equal width ending at the maximum', () => {
    expect(classify(values, 3, 'equal')).toEqual([1 + 31 / 3, 1 + 62 / 3, 32]);
  });
  it('quantile: about the same count in each class', () => {
    expect(classify([1, 2, 3, 4, 5, 6], 3, 'quantile')).toEqual([2, 4, 6]);
  });
  it('jenks: finds the natural groups', () => {
    expect(classify(values, 3, 'jenks')).toEqual([4, 12, 32]);
  });
  it('jenks on larger data stays ascending and ends at the maximum', () => {
    const many = Array.from({ length: 1741 }, (_, i) => (i * 7919) % 1000);
    const b = classify(many, 7, 'jenks');
    expect(b).toHaveLength(7);
    expect([...b].sort((x, y) => x - y)).toEqual(b);
    expect(b[6]).toBe(999);
  });
  it('returns fewer breaks when there are fewer distinct values', () => {
    expect(classify([5, 5, 5], 5, 'quantile')).toEqual([5]);
    expect(classify([0, 0, 0, 0, 0, 0, 0, 1, 2, 3], 4, 'quantile')).toEqual([0, 1, 2, 3]);
    expect(classify([1, 1, 2], 5, 'jenks')).toEqual([1, 2]);
  });
  it('rejects a class count below 2', () => {
    expect(() => classify(values, 1, 'equal')).toThrow(RangeError);
  });
});

describe('classifyAround (diverging metrics)', () => {
  // Like population change 2015→2020: many declining places, a few growing, one extreme outlier.
  const change = [...Array.from({ length: 80 }, (_, i) => -20 + i * 0.25), 0.5, 1, 2, 3, 4, 6, 9, 15, 40, 3114.6];

  it('gives exactly the requested number of classes, split at the centre', () => {
    for (const method of ['quantile', 'equal', 'jenks'] as const) {
      for (let k = 2; k <= 9; k++) {
        const b = classifyAround(change, k, method, 0);
        expect(b, `${method} ${k}`).toHaveLength(k);
        expect(b, `${method} ${k}`).toContain(0);
        expect([...b].sort((x, y) => x - y)).toEqual(b);
        expect(b[b.length - 1]).toBe(3114.6);
      }
    }
  });

  it('balances the classes on each side instead of putting every growing place in one', () => {
    const b = classifyAround(change, 5, 'quantile', 0);
    expect(b.filter((x) => x > 0)).toHaveLength(2);
    expect(b.filter((x) => x < 0)).toHaveLength(2);
    expect(b.filter((x) => x > 0)[0]).toBeLessThan(10);
  });

  it('uses every class on the one side when nothing lies on the other', () => {
    expect(classifyAround([101, 110, 120, 130, 180], 3, 'quantile', 100)).toHaveLength(3);
    expect(classifyAround([101, 110, 120, 130, 180], 3, 'quantile', 100)).not.toContain(100);
  });

  it('passes classes to the other side when one side has too few distinct values', () => {
    expect(classifyAround([-3, -2, -1, -0.5, 5], 4, 'quantile', 0)).toEqual([-2, -1, 0, 5]);
  });

  it('is classify without a centre', () => {
    expect(classifyAround([1, 2, 3, 4], 2, 'equal')).toEqual(classify([1, 2, 3, 4], 2, 'equal'));
  });
});
