import { describe, expect, it } from 'vitest';
import type { HazardZone } from '../records/hazards.ts';
import { type DisasterPlace, defaultDisasterParams, disasterScore } from './disaster.ts';
import { disasterAllPairs, disasterRow, kernelPlaces } from './disaster-kernel.ts';

/** A small country: mainland places, one island with its port, zones shared, possible and apart. */
function places(): DisasterPlace[] {
  const at = (lon: number, lat: number, population: number, quakeProb: number, waterShare: number, zones: HazardZone[] = [], partialZones: HazardZone[] = []): DisasterPlace => ({
    lon,
    lat,
    population,
    quakeProb,
    waterShare,
    zones,
    partialZones,
    landmass: 'honshu',
    island: false,
    gateway: { lon, lat, landmass: 'honshu' },
  });
  return [
    at(139.65, 35.65, 940_000, 0.48, 0.1, ['tokyo_inland', 'nankai_trough']),
    at(139.57, 35.63, 83_000, 0.45, 0.05, ['tokyo_inland']),
    at(138.85, 37.45, 266_000, 0.2, 0.3),
    at(135.5, 34.7, 2_750_000, 0.3, 0.2, ['nankai_trough']),
    at(140.9, 38.3, 1_090_000, 0.2, 0.1, [], ['japan_trench']),
    at(141.3, 43.06, 1_970_000, 0.02, 0.15, [], ['japan_trench']),
    { ...at(133.3, 36.2, 14_000, 0.03, 0, []), landmass: 'oki', island: true, gateway: { lon: 133.1, lat: 35.55, landmass: 'honshu' } },
    at(130.4, 33.6, 1_600_000, 0.08, 0.25),
  ];
}

describe('disaster kernel', () => {
  it('gives every term of a ranking as disasterScore (the same definition in plain numbers) does', () => {
    const list = places();
    const k = kernelPlaces(list);
    const params = { ...defaultDisasterParams, decayKm: 150, ferryPenaltyKm: 300 };
    for (let i = 0; i < list.length; i++) {
      const row = disasterRow(k, i, params);
      expect(row.score[i]).toBeNaN();
      for (let j = 0; j < list.length; j++) {
        if (j === i) continue;
        const ref = disasterScore(list[i], list[j], params);
        for (const t of ['score', 'risk', 'sameQuake', 'sameStorm', 'ownHazard', 'reachability', 'capacity', 'routeKm', 'crossings', 'distanceKm'] as const) {
          expect(row[t][j], `${i}→${j} ${t}`).toBeCloseTo(ref[t], 9);
        }
      }
    }
  });

  it('scores every ordered pair in one pass, as the rows do', () => {
    const list = places();
    const k = kernelPlaces(list);
    let pairs = 0;
    disasterAllPairs(k, defaultDisasterParams, (i, score) => {
      const row = disasterRow(k, i, defaultDisasterParams);
      for (let j = 0; j < list.length; j++) {
        if (j === i) continue;
        expect(score[j]).toBeCloseTo(row.score[j], 12);
        pairs++;
      }
    });
    expect(pairs).toBe(list.length * (list.length - 1));
  });
});
