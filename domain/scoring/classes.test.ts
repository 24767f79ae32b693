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

describe('jenks', () => {
  /** The textbook O(k·n²) Fisher–Jenks: the total squared deviation of its optimum, to compare with. */
  function optimalDeviation(sorted: number[], k: number): number {
    const n = sorted.length;
    const ssd = (from: number, to: number) => {
      const xs = sorted.slice(from, to);
      const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
      return xs.reduce((a, b) => a + (b - mean) ** 2, 0);
    };
    let cost = Array.from({ length: n + 1 }, (_, j) => (j ? ssd(0, j) : Infinity));
    for (let c = 1; c < k; c++) {
      const next = new Array<number>(n + 1).fill(Infinity);
      for (let j = c + 1; j <= n; j++) for (let i = c; i < j; i++) next[j] = Math.min(next[j], cost[i] + ssd(i, j));
      cost = next;
    }
    return cost[n];
  }
  /** The total squared deviation of the classes that `breaks` (upper bounds) make. */
  function deviation(sorted: number[], breaks: number[]): number {
    let total = 0;
    let from = 0;
    for (const b of breaks) {
      const xs = sorted.slice(from).filter((v) => v <= b);
      from += xs.length;
      const mean = xs.reduce((a, v) => a + v, 0) / xs.length;
      total += xs.reduce((a, v) => a + (v - mean) ** 2, 0);
    }
    return total;
  }

  it('finds the exact optimum, as the O(k·n²) method does, on skewed and clustered data', () => {
    let seed = 11;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const skewed = Array.from({ length: 160 }, () => Math.exp(random() * 8)).sort((a, b) => a - b);
    const clustered = Array.from({ length: 150 }, (_, i) => (i % 5) * 100 + random() * 10).sort((a, b) => a - b);
    for (const data of [skewed, clustered]) {
      for (const k of [2, 3, 5, 9]) {
        const got = deviation(data, classify(data, k, 'jenks'));
        expect(got).toBeCloseTo(optimalDeviation(data, k), 6);
      }
    }
  });
});
