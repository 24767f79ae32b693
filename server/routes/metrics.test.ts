import { describe, expect, it } from 'vitest';
import { withCentre } from './metrics.ts';

describe('withCentre', () => {
  it('adds the neutral value of a diverging metric as a break', () => {
    expect(withCentre([80, 98, 1355], 100, 40)).toEqual([80, 98, 100, 1355]);
    expect(withCentre([-30, -5, 2, 40], 0, -60)).toEqual([-30, -5, 0, 2, 40]);
  });
  it('leaves sequential metrics and breaks that already hold it alone', () => {
    expect(withCentre([1, 2, 3], undefined, 0)).toEqual([1, 2, 3]);
    expect(withCentre([90, 100, 120], 100, 50)).toEqual([90, 100, 120]);
  });
  it('adds nothing when every value lies on one side', () => {
    expect(withCentre([20, 50, 90], 100, 5)).toEqual([20, 50, 90]);
    expect(withCentre([120, 150, 190], 100, 110)).toEqual([120, 150, 190]);
  });
});
