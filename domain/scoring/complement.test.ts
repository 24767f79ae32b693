import { describe, expect, it } from 'vitest';
import { type AxisValues, axisValues, complementParamsSchema, complementScore, defaultComplementParams } from './complement.ts';

const p = defaultComplementParams;
const sd: AxisValues = { density: 0.7, primary: 8, aged: 7, dayNight: 12, size: 0.6 };
// Shapes of 世田谷区 and 川場村 (rounded census figures).
const setagaya = axisValues({ density: 16_200, sharePrimary: 0.3, share65plus: 20, dayNightRatio: 84, population: 943_664 });
const kawaba = axisValues({ density: 38, sharePrimary: 25, share65plus: 38, dayNightRatio: 97, population: 3_200 });
const suginami = axisValues({ density: 16_900, sharePrimary: 0.3, share65plus: 21, dayNightRatio: 83, population: 591_000 });

describe('complementarity score', () => {
  it('is 0 for identical places and in 0..1 otherwise', () => {
    expect(complementScore(setagaya, setagaya, sd, p).score).toBe(0);
    const s = complementScore(setagaya, kawaba, sd, p).score;
    expect(s).toBeGreaterThan(0);
    expect(s).toBeLessThanOrEqual(1);
  });

  it('ranks a rural village above a neighbouring ward for an urban ward', () => {
    expect(complementScore(setagaya, kawaba, sd, p).score).toBeGreaterThan(complementScore(setagaya, suginami, sd, p).score + 0.5);
  });

  it('is symmetric and returns a factor per axis with signed differences', () => {
    const ab = complementScore(setagaya, kawaba, sd, p);
    const ba = complementScore(kawaba, setagaya, sd, p);
    expect(ab.score).toBeCloseTo(ba.score, 12);
    expect(Object.keys(ab.factors).sort()).toEqual(['aged', 'dayNight', 'density', 'primary', 'size']);
    expect(ab.factors.density.diffSd).toBeLessThan(0);
    expect(ab.factors.primary.diffSd).toBeGreaterThan(0);
  });

  it('weights axes: zero weight removes an axis, and missing data is left out rather than counted as 0', () => {
    const onlyAged = { ...p, wDensity: 0, wPrimary: 0, wDayNight: 0, wSize: 0 };
    expect(complementScore(setagaya, kawaba, sd, onlyAged).score).toBeCloseTo(complementScore(setagaya, kawaba, sd, onlyAged).factors.aged.factor, 12);
    const noPrimary = { ...kawaba, primary: null };
    const r = complementScore(setagaya, noPrimary, sd, p);
    expect(r.factors.primary).toMatchObject({ diffSd: null, factor: 0 });
    const others = (['density', 'aged', 'dayNight', 'size'] as const).map((a) => r.factors[a].factor);
    expect(r.score).toBeCloseTo(others.reduce((s, v) => s + v, 0) / 4, 12);
  });

  it('saturates faster with a smaller saturationSd', () => {
    const slow = complementScore(setagaya, suginami, sd, { ...p, saturationSd: 4 }).score;
    const fast = complementScore(setagaya, suginami, sd, { ...p, saturationSd: 0.25 }).score;
    expect(fast).toBeGreaterThan(slow);
  });

  it('validates parameters with their ranges', () => {
    expect(complementParamsSchema.parse({ wAged: '2' }).wAged).toBe(2);
    const bad = complementParamsSchema.safeParse({ saturationSd: '0' });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0].message).toBe('must be between 0.25 and 5 SD');
  });
});
