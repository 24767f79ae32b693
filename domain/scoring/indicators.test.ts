import { describe, expect, it } from 'vitest';
import { aggregate, pairedValues, pearson } from './indicators.ts';

describe('pairedValues', () => {
  it('keeps the municipalities where both sides have a finite number', () => {
    expect(pairedValues({ a: 1, b: 2, c: null, d: 4 }, { a: 10, b: Number.NaN, c: 3, e: 5 })).toEqual([{ code: 'a', x: 1, y: 10 }]);
  });
});

describe('pearson', () => {
  it('is 1 for a rising line, −1 for a falling one, and matches a worked example', () => {
    expect(pearson([1, 2, 3, 4].map((x) => ({ x, y: 2 * x + 1 })))).toBeCloseTo(1, 12);
    expect(pearson([1, 2, 3, 4].map((x) => ({ x, y: -x })))).toBeCloseTo(-1, 12);
    // x = 1..5, y = 2, 4, 5, 4, 5: r = 6 / sqrt(10 · 5.2) = 0.7746 (textbook example).
    expect(pearson([2, 4, 5, 4, 5].map((y, i) => ({ x: i + 1, y })))).toBeCloseTo(0.7746, 4);
  });
  it('is null for fewer than three pairs or a side that does not vary', () => {
    expect(
      pearson([
        { x: 1, y: 1 },
        { x: 2, y: 2 },
      ]),
    ).toBeNull();
    expect(pearson([1, 2, 3].map((x) => ({ x, y: 7 })))).toBeNull();
  });
});

describe('aggregate', () => {
  it('sums and averages the members with a value, naming those without, each member once', () => {
    expect(aggregate({ '13219': 3, '13112': 16 }, ['13219', '13112', '13208', '13219'])).toEqual({ sum: 19, mean: 9.5, count: 2, missing: ['13208'] });
    expect(aggregate({}, ['13219'])).toEqual({ sum: 0, mean: null, count: 0, missing: ['13219'] });
  });
});
