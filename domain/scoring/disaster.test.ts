import { DuckDBInstance } from '@duckdb/node-api';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type DisasterPlace,
  type PairTerms,
  type PlaceTerms,
  byDisasterRank,
  defaultDisasterParams,
  disasterParamsSchema,
  disasterScore,
  disasterTerms,
  limitingFactor,
  numberOps,
  sqlOps,
} from './disaster.ts';

const p = defaultDisasterParams;
/** km per degree of latitude on the atlas's sphere. */
const kmPerDegree = 111.195;

/** A mainland place `km` north of 135°E 35°N. */
function place(km: number, over: Partial<DisasterPlace> = {}): DisasterPlace {
  const lat = 35 + km / kmPerDegree;
  return {
    lon: 135,
    lat,
    population: 260_000,
    quakeProb: 0.1,
    waterShare: 0,
    zones: [],
    partialZones: [],
    landmass: 'main',
    island: false,
    gateway: { lon: 135, lat, landmass: 'main' },
    ...over,
  };
}
const origin = place(0, { population: 80_000 });
const at = (km: number, over: Partial<DisasterPlace> = {}, params = p, from = origin) => disasterScore(from, place(km, over), params);

/** The distance of the peak score, found on a 1 km grid. */
function peakKm(params = p): number {
  let best = 0;
  for (let d = 0; d <= 3000; d++) if (at(d, {}, params).score > at(best, {}, params).score) best = d;
  return best;
}

const anyParams = fc.record({
  decayKm: fc.double({ min: 10, max: 1000, noNaN: true }),
  zonePenalty: fc.double({ min: 0, max: 1, noNaN: true }),
  possibleZoneWeight: fc.double({ min: 0, max: 1, noNaN: true }),
  ownHazardWeight: fc.double({ min: 0, max: 1, noNaN: true }),
  stormDecayKm: fc.double({ min: 10, max: 2000, noNaN: true }),
  reachMidKm: fc.double({ min: 100, max: 2000, noNaN: true }),
  reachWidthKm: fc.double({ min: 20, max: 1000, noNaN: true }),
  ferryPenaltyKm: fc.double({ min: 0, max: 1000, noNaN: true }),
  capacityRatio: fc.double({ min: 0.01, max: 10, noNaN: true }),
});

describe('disaster mutual-aid score: distance', () => {
  it('is 0 for a neighbour at distance 0 with the same hazard, and small again across the country', () => {
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
      fc.property(anyParams, fc.double({ min: 0, max: 1, noNaN: true }), (params, shift) => {
        const peak = peakKm(params);
        const d1 = peak + 1 + shift * 1500;
        expect(at(d1 + 25, {}, params).score).toBeLessThanOrEqual(at(d1, {}, params).score + 1e-12);
      }),
      { numRuns: 30 },
    );
  });

  it('peaks between 100 and 700 km and rises before (risk dominates near by)', () => {
    const peak = peakKm();
    expect(peak).toBeGreaterThan(100);
    expect(peak).toBeLessThan(700);
    for (let d = 0; d < peak; d += 20) expect(at(Math.min(d + 20, peak)).score).toBeGreaterThanOrEqual(at(d).score);
  });
});

describe('disaster mutual-aid score: hazard', () => {
  it('rates a partner with a high probability of its own poorly whatever the distance', () => {
    for (const d of [50, 200, 400, 700, 1200]) {
      expect(at(d, { quakeProb: 0.7 }).score, `${d} km`).toBeLessThan(0.5 * at(d, { quakeProb: 0.05 }).score);
      expect(at(d, { quakeProb: 0.7 }).ownHazard).toBeCloseTo(0.7, 12);
    }
    const noOwn = { ...p, ownHazardWeight: 0 };
    expect(at(400, { quakeProb: 0.7 }, noOwn).ownHazard).toBe(0);
    expect(at(400, { quakeProb: 0.7 }, noOwn).score).toBeGreaterThan(0.95 * at(400, { quakeProb: 0.05 }, noOwn).score);
  });

  it("uses both places' probabilities: B is struck with A at most pB / pA of the time", () => {
    const high = place(0, { quakeProb: 0.8 });
    const near = disasterScore(high, place(30, { quakeProb: 0.08 }), p);
    expect(near.sameQuake).toBeCloseTo(Math.exp(-30 / p.decayKm) * 0.1, 6);
    // The other way round the bound is 1: a low-hazard origin shares a high-hazard neighbour's quakes fully.
    const low = place(0, { quakeProb: 0.08 });
    expect(disasterScore(low, place(30, { quakeProb: 0.8 }), p).sameQuake).toBeCloseTo(Math.exp(-30 / p.decayKm), 6);
  });

  it('raises the shared risk in one designated zone, and by possibleZoneWeight where membership is unknown', () => {
    const inZone = place(0, { zones: ['nankai_trough'] });
    const shared = at(300, { zones: ['nankai_trough'] }, p, inZone);
    const possible = at(300, { partialZones: ['nankai_trough'] }, p, inZone);
    const apart = at(300, { zones: ['tokyo_inland'] }, p, inZone);
    expect(shared.sharedZones).toEqual(['nankai_trough']);
    expect(possible.possibleZones).toEqual(['nankai_trough']);
    expect(apart.sharedZones).toEqual([]);
    expect(shared.score).toBeLessThan(possible.score);
    expect(possible.score).toBeLessThan(apart.score);
    const q = Math.exp(-shared.distanceKm / p.decayKm);
    expect(shared.sameQuake).toBeCloseTo(q + p.zonePenalty * (1 - q), 12);
    expect(possible.sameQuake).toBeCloseTo(q + p.zonePenalty * p.possibleZoneWeight * (1 - q), 12);
    expect(at(300, { zones: ['nankai_trough'] }, { ...p, zonePenalty: 0 }, inZone).score).toBeCloseTo(apart.score, 12);
    expect(at(300, { zones: ['nankai_trough'] }, { ...p, zonePenalty: 1 }, inZone).score).toBe(0);
  });

  it('adds the same storm only when both places are exposed to floods', () => {
    const wet = place(0, { waterShare: 0.5 });
    const both = at(200, { waterShare: 0.5 }, p, wet);
    expect(both.sameStorm).toBeCloseTo(Math.exp(-both.distanceKm / p.stormDecayKm) * 0.5, 12);
    expect(at(200, { waterShare: 0 }, p, wet).sameStorm).toBe(0);
    expect(at(200, { waterShare: 0.5 }, p, wet).score).toBeLessThan(at(200, { waterShare: 0 }, p, wet).score);
  });
});

describe('disaster mutual-aid score: islands and capacity', () => {
  const port = { lon: 135, lat: 35 + 80 / kmPerDegree, landmass: 'main' };
  const island = place(0, { landmass: 'oki', island: true, gateway: port });

  it('reaches an island through its port, with one crossing counted as ferryPenaltyKm of road', () => {
    const mainland = disasterScore(island, place(300), p);
    expect(mainland.crossings).toBe(1);
    expect(mainland.routeKm).toBeCloseTo(80 + 220, 2);
    const noFerry = { ...p, ferryPenaltyKm: 0 };
    expect(disasterScore(island, place(300), noFerry).reachability).toBeGreaterThan(mainland.reachability);
    expect(mainland.reachability).toBeCloseTo(1 / (1 + Math.exp((mainland.routeKm + p.ferryPenaltyKm - p.reachMidKm) / p.reachWidthKm)), 12);
  });

  it('needs no ferry on one landmass, one between two road networks, two between two islands', () => {
    expect(disasterScore(island, place(20, { landmass: 'oki', island: true, gateway: port }), p).crossings).toBe(0);
    expect(at(600, { landmass: 'hokkaido', gateway: { lon: 135, lat: 35 + 600 / kmPerDegree, landmass: 'hokkaido' } }).crossings).toBe(1);
    const other = place(-100, { landmass: 'sado', island: true, gateway: { lon: 135, lat: 35 - 60 / kmPerDegree, landmass: 'main' } });
    const both = disasterScore(island, other, p);
    expect(both.crossings).toBe(2);
    expect(both.routeKm).toBeCloseTo(80 + 140 + 40, 2);
  });

  it('keeps the great-circle distance for the risk: the ground shakes by distance, not by road', () => {
    expect(disasterScore(island, place(300), p).sameQuake).toBeCloseTo(at(300).sameQuake, 12);
  });

  it('saturates capacity with the population ratio (a village cannot host a city)', () => {
    expect(at(300, { population: 80_000 }).capacity).toBeCloseTo(1 - Math.exp(-1 / p.capacityRatio), 12);
    expect(at(300, { population: 300 }).capacity).toBeLessThan(0.01);
    expect(at(300, { population: 8_000_000 }).capacity).toBeGreaterThan(0.99);
    expect(limitingFactor(at(300, { population: 300 }))).toBe('capacity');
  });

  it('returns parts in 0..1 that multiply to the score, for any inputs and parameters', () => {
    fc.assert(
      fc.property(
        anyParams,
        fc.double({ min: 0, max: 3000, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 0, max: 4_000_000 }),
        (params, d, pB, wB, pop) => {
          const r = at(d, { quakeProb: pB, waterShare: wB, population: pop }, params, place(0, { quakeProb: 0.3, waterShare: 0.4 }));
          for (const v of [r.score, r.risk, r.sameQuake, r.sameStorm, r.ownHazard, r.reachability, r.capacity]) {
            expect(v).toBeGreaterThanOrEqual(0);
            expect(v).toBeLessThanOrEqual(1);
          }
          expect(1 - r.risk).toBeCloseTo((1 - r.sameQuake) * (1 - r.sameStorm) * (1 - r.ownHazard), 12);
          expect(r.score).toBeCloseTo((1 - r.risk) * r.reachability * r.capacity, 12);
        },
      ),
    );
  });
});

describe('one definition, two forms', () => {
  it('gives the same score as a number and as SQL run in DuckDB', async () => {
    const cases = fc.sample(
      fc.record({
        a: fc.record({
          population: fc.integer({ min: 0, max: 4_000_000 }),
          quakeProb: fc.double({ min: 0, max: 1, noNaN: true }),
          waterShare: fc.double({ min: 0, max: 1, noNaN: true }),
          island: fc.constantFrom(0, 1),
          gatewayKm: fc.double({ min: 0, max: 600, noNaN: true }),
        }),
        b: fc.record({
          population: fc.integer({ min: 0, max: 4_000_000 }),
          quakeProb: fc.double({ min: 0, max: 1, noNaN: true }),
          waterShare: fc.double({ min: 0, max: 1, noNaN: true }),
          island: fc.constantFrom(0, 1),
          gatewayKm: fc.double({ min: 0, max: 600, noNaN: true }),
        }),
        pair: fc.record({
          distanceKm: fc.double({ min: 0, max: 3000, noNaN: true }),
          gatewayDistanceKm: fc.double({ min: 0, max: 3000, noNaN: true }),
          sameLandmass: fc.constantFrom(0, 1),
          sameGatewayLandmass: fc.constantFrom(0, 1),
          sharedZone: fc.constantFrom(0, 1),
          possibleZone: fc.constantFrom(0, 1),
        }),
      }),
      { numRuns: 200, seed: 7 },
    );
    const instance = await DuckDBInstance.create(':memory:');
    const conn = await instance.connect();
    try {
      for (const c of cases) {
        const lit = <T extends object>(o: T) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, `CAST(${v} AS DOUBLE)`])) as unknown as { [K in keyof T]: string };
        const sql = disasterTerms(sqlOps, lit(c.a) as PlaceTerms<string>, lit(c.b) as PlaceTerms<string>, lit(c.pair) as PairTerms<string>, p).score;
        const fromSql = Number((await conn.runAndReadAll(`SELECT ${sql}`)).getRows()[0][0]);
        expect(fromSql).toBeCloseTo(disasterTerms(numberOps, c.a, c.b, c.pair, p).score, 12);
      }
    } finally {
      conn.closeSync();
      instance.closeSync();
    }
  });
});

describe('ranking order', () => {
  it('breaks a tie in the shown score by less own hazard, then more capacity, then distance', () => {
    const base = { score: 0.88871, code: '1', population: 10_000, distanceKm: 300, quakeProb: 0.2 };
    const sorted = [
      { ...base, code: 'far', distanceKm: 400 },
      { ...base, code: 'hazardous', quakeProb: 0.4, score: 0.88874 },
      { ...base, code: 'big', population: 50_000 },
      { ...base, code: 'near' },
      { ...base, code: 'best', score: 0.9 },
    ].sort(byDisasterRank);
    expect(sorted.map((x) => x.code)).toEqual(['best', 'big', 'near', 'far', 'hazardous']);
  });
});

describe('disaster parameters', () => {
  it('fills defaults and coerces query strings', () => {
    // The documented defaults (README, disaster view), written out: a changed default must change this line too.
    expect(disasterParamsSchema.parse({})).toEqual({
      decayKm: 100,
      zonePenalty: 0.5,
      possibleZoneWeight: 0.5,
      ownHazardWeight: 1,
      stormDecayKm: 300,
      reachMidKm: 700,
      reachWidthKm: 150,
      ferryPenaltyKm: 200,
      capacityRatio: 1,
    });
    expect(disasterParamsSchema.parse({ decayKm: '50' }).decayKm).toBe(50);
  });
  it('refuses values out of range, naming the range and unit', () => {
    const r = disasterParamsSchema.safeParse({ decayKm: '5' });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0].message).toBe('must be between 10 and 1000 km');
    expect(disasterParamsSchema.safeParse({ zonePenalty: '1.5' }).success).toBe(false);
    expect(disasterParamsSchema.safeParse({ ferryPenaltyKm: '-1' }).success).toBe(false);
    expect(disasterParamsSchema.safeParse({ reachMidKm: 'far' }).success).toBe(false);
    expect(disasterParamsSchema.safeParse({ bogus: '1' }).success).toBe(false);
  });
});
