import { describe, expect, it } from 'vitest';
import { classify } from './classes.ts';

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
    expect(classify([1, 1, 2], 5, 'jenks')).toEqual([1, 2]);
  });
  it('rejects a class count below 2', () => {
    expect(() => classify(values, 1, 'equal')).toThrow(RangeError);
  });
});
