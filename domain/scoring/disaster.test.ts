import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { capacity, defaultDisasterParams, disasterParamsSchema, disasterScore, reachability, simultaneousRisk } from './disaster.ts';

const p = defaultDisasterParams;
const at = (d: number, sharedZone = false, params = p) => disasterScore({ distanceKm: d, originPopulation: 80_000, candidatePopulation: 260_000, sharedZone }, params);

/** The distance of the peak score, found on a 1 km grid. */
function peakKm(params = p): number {
  let best = 0;
  for (let d = 0; d <= 3000; d++) if (at(d, false, params).score > at(best, false, params).score) best = d;
  return best;
}

describe('disaster mutual-aid score', () => {
  it('is 0 for a neighbour at distance 0 and small again across the country', () => {
    expect(at(0).score).toBe(0);
    expect(at(2500).score).toBeLessThan(0.01);
  });

  it('rates 狛江市–川口町 (~210 km) well above a 10 km neighbour and 山川町–倶知安町 (~1,580 km)', () => {
    const komae = at(210).score;
    expect(komae).toBeGreaterThan(0.7);
    expect(komae).toBeGreaterThan(at(10).score);
    expect(komae).toBeGreaterThan(at(1580).score);
  });

  it('falls monotonically with distance past its peak, for any valid parameters', () => {
    fc.assert(
      fc.property(
        fc.record({
          decayKm: fc.double({ min: 10, max: 1000, noNaN: true }),
          zonePenalty: fc.double({ min: 0, max: 1, noNaN: true }),
          reachMidKm: fc.double({ min: 100, max: 2000, noNaN: true }),
          reachWidthKm: fc.double({ min: 20, max: 1000, noNaN: true }),
          capacityRatio: fc.double({ min: 0.01, max: 10, noNaN: true }),
        }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (params, shift) => {
          const peak = peakKm(params);
          const d1 = peak + 1 + shift * 1500;
          const d2 = d1 + 25;
          expect(at(d2, false, params).score).toBeLessThanOrEqual(at(d1, false, params).score + 1e-12);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('rises before the peak (risk dominates near by)', () => {
    const peak = peakKm();
    expect(peak).toBeGreaterThan(100);
    expect(peak).toBeLessThan(700);
    for (let d = 0; d < peak; d += 20) expect(at(Math.min(d + 20, peak)).score).toBeGreaterThanOrEqual(at(d).score);
  });

  it('applies the zone penalty only when both share a designated zone', () => {
    expect(simultaneousRisk(300, true, p)).toBeGreaterThan(simultaneousRisk(300, false, p));
    expect(at(300, true).score).toBeLessThan(at(300, false).score);
    const noPenalty = { ...p, zonePenalty: 0 };
    expect(at(300, true, noPenalty).score).toBeCloseTo(at(300, false, noPenalty).score, 12);
    // Full penalty: same zone means same disaster.
    expect(at(300, true, { ...p, zonePenalty: 1 }).score).toBe(0);
  });

  it('returns factors in 0..1 that multiply to the score', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 3000, noNaN: true }), fc.boolean(), fc.integer({ min: 0, max: 4_000_000 }), (d, zone, pop) => {
        const r = disasterScore({ distanceKm: d, originPopulation: 50_000, candidatePopulation: pop, sharedZone: zone }, p);
        for (const v of [r.score, r.risk, r.reachability, r.capacity]) {
          expect(v).toBeGreaterThanOrEqual(0);
          expect(v).toBeLessThanOrEqual(1);
        }
        expect(r.score).toBeCloseTo((1 - r.risk) * r.reachability * r.capacity, 12);
      }),
    );
  });

  it('halves reachability at reachMidKm and saturates capacity with the population ratio', () => {
    expect(reachability(700, p)).toBeCloseTo(0.5, 12);
    expect(reachability(200, p)).toBeGreaterThan(0.95);
    expect(capacity(100_000, 50_000, p)).toBeCloseTo(1 - Math.exp(-1), 12);
    expect(capacity(100_000, 1_000, p)).toBeLessThan(0.05);
    expect(capacity(100_000, 1_000_000, p)).toBeGreaterThan(0.99);
  });
});

describe('disaster parameters', () => {
  it('fills defaults and coerces query strings', () => {
    expect(disasterParamsSchema.parse({})).toEqual(p);
    expect(disasterParamsSchema.parse({ decayKm: '50' }).decayKm).toBe(50);
  });
  it('refuses values out of range, naming the range and unit', () => {
    const r = disasterParamsSchema.safeParse({ decayKm: '5' });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0].message).toBe('must be between 10 and 1000 km');
    expect(disasterParamsSchema.safeParse({ zonePenalty: '1.5' }).success).toBe(false);
    expect(disasterParamsSchema.safeParse({ reachMidKm: 'far' }).success).toBe(false);
    expect(disasterParamsSchema.safeParse({ bogus: '1' }).success).toBe(false);
  });
});
