import { randomBytes } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { PMTiles, type Source } from 'pmtiles';
import { describe, expect, it } from 'vitest';
import type { MunicipalityShape, PrefectureShape } from './boundaries.ts';
import { type LabelPoint, type Tile, buildTiles, dropSmallParts, writeArchive, zoomFeatures } from './tiles.ts';

/** The reference reader (the pmtiles package) over bytes in memory. */
function reader(bytes: Uint8Array): PMTiles {
  const source: Source = {
    getKey: () => 'memory',
    getBytes: async (offset, length) => ({ data: Uint8Array.prototype.slice.call(bytes, offset, offset + length).buffer as ArrayBuffer }),
  };
  return new PMTiles(source);
}

const info = {
  name: 'test',
  attribution: 'test',
  bounds: [135, 34, 136, 35] as [number, number, number, number],
  center: [135.5, 34.5, 4] as [number, number, number],
  minZoom: 0,
  maxZoom: 12,
};

/** A zigzag border from (lon, 34) to (lon, 35) with many small teeth: something to simplify away at low zoom. */
function zigzag(lon: number, n: number): Position[] {
  return Array.from({ length: n + 1 }, (_, i) => [lon + (i % 2 ? 0.0004 : 0), 34 + i / n]);
}

/** Two municipalities of prefecture 27 sharing the zigzag border at 135.5°. */
function neighbours(): MunicipalityShape[] {
  const border = zigzag(135.5, 400);
  const west: Polygon = { type: 'Polygon', coordinates: [[[135, 34], ...border, [135, 35], [135, 34]]] };
  const east: Polygon = { type: 'Polygon', coordinates: [[[136, 34], [136, 35], ...[...border].reverse(), [136, 34]]] };
  return [
    { code: '27100', name: 'west', prefName: '大阪府', geometry: west },
    { code: '27140', name: 'east', prefName: '大阪府', geometry: east },
  ];
}
const pref27: PrefectureShape[] = [{ code: '27', name: '大阪府', geometry: { type: 'Polygon', coordinates: [] } }];

describe('zoomFeatures', () => {
  it('simplifies shared borders once: neighbours keep the same border points at every zoom, fewer when zoomed out', () => {
    const counts: number[] = [];
    for (const [, f] of zoomFeatures(neighbours(), pref27, [], { minZoom: 4, maxZoom: 10, tolerance: 2, minPart: 2 })) {
      const [west, east] = f.municipalities.map((m) => new Set((m.geometry as Polygon).coordinates[0].filter(([x]) => x > 135.25 && x < 135.75).map((p) => p.join())));
      expect([...west].sort()).toEqual([...east].sort());
      counts.push(west.size);
      // The prefecture is the two merged: no border left inside it.
      expect((f.prefectures[0].geometry as Polygon).coordinates[0].some(([x, y]) => x > 135.25 && x < 135.75 && y > 34 && y < 35)).toBe(false);
    }
    expect(counts[0]).toBeLessThan(20);
    expect(counts.at(-1)).toBe(401);
  });

  it('carries prefecture labels while zoomed out and municipality labels from zoom 5', () => {
    const labels: LabelPoint[] = [
      { kind: 'pref', code: '27', name: '大阪府', nameEn: 'Osaka', lon: 135.5, lat: 34.6, population: 0 },
      { kind: 'muni', code: '27100', name: 'west', nameEn: null, lon: 135.2, lat: 34.5, population: 10 },
    ];
    const kinds = new Map(
      [...zoomFeatures(neighbours(), pref27, labels, { minZoom: 3, maxZoom: 9, tolerance: 2, minPart: 2 })].map(([z, f]) => [z, f.labels.map((l) => l.properties.kind).join()]),
    );
    expect(kinds.get(4)).toBe('pref');
    expect(kinds.get(6)).toBe('pref,muni');
    expect(kinds.get(8)).toBe('muni');
  });
});

describe('dropSmallParts', () => {
  const square = (x: number, size: number): Position[][] => [
    [
      [x, 34],
      [x + size, 34],
      [x + size, 34 + size],
      [x, 34 + size],
      [x, 34],
    ],
  ];
  it('leaves out islands below the size and keeps the largest part even when it is below it too', () => {
    const islands: MultiPolygon = { type: 'MultiPolygon', coordinates: [square(135, 0.001), square(136, 0.1), square(137, 0.0001)] };
    expect(dropSmallParts(islands, 1e-10)).toEqual({ type: 'Polygon', coordinates: square(136, 0.1) });
    expect(dropSmallParts(islands, 1)).toEqual({ type: 'Polygon', coordinates: square(136, 0.1) });
    expect((dropSmallParts(islands, 0) as MultiPolygon).coordinates).toHaveLength(3);
  });
});

describe('writeArchive', () => {
  it('writes an archive the reference reader reads back, tile for tile, with its metadata', async () => {
    const tiles = buildTiles(neighbours(), pref27, [{ kind: 'muni', code: '27100', name: 'west', nameEn: null, lon: 135.2, lat: 34.5, population: 10 }], {
      minZoom: 0,
      maxZoom: 6,
      tolerance: 2,
      minPart: 2,
    });
    const archive = writeArchive(tiles, { ...info, maxZoom: 6 });
    const pm = reader(archive);
    const header = await pm.getHeader();
    expect(header).toMatchObject({ numAddressedTiles: tiles.length, minZoom: 0, maxZoom: 6, tileType: 1, tileCompression: 2, clustered: true });
    for (const t of tiles) {
      const got = await pm.getZxy(t.z, t.x, t.y);
      expect(Buffer.from(got!.data as ArrayBuffer).equals(gunzipSync(t.data)), `${t.z}/${t.x}/${t.y}`).toBe(true);
    }
    expect(await pm.getZxy(6, 0, 0)).toBeUndefined();
    expect(await pm.getMetadata()).toMatchObject({ vector_layers: [{ id: 'municipalities' }, { id: 'prefectures' }, { id: 'labels', fields: { name: 'String' } }] });
  });

  it('moves entries into leaf directories when the root would not fit in the first 16 KiB', async () => {
    // 6,000 tiles scattered over zoom 12 with irregular sizes: too many for one root directory.
    let seed = 7;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const cells = new Map<string, Tile>();
    while (cells.size < 6000) {
      const [x, y] = [Math.floor(random() * 4096), Math.floor(random() * 4096)];
      cells.set(`${x}/${y}`, { z: 12, x, y, data: gzipSync(randomBytes(1 + Math.floor(random() * 300))) });
    }
    const tiles = [...cells.values()];
    const archive = writeArchive(tiles, { ...info, minZoom: 12, maxZoom: 12 });
    const pm = reader(archive);
    const header = await pm.getHeader();
    expect(header.leafDirectoryLength).toBeGreaterThan(0);
    expect(header.rootDirectoryOffset + header.rootDirectoryLength).toBeLessThanOrEqual(16_384);
    for (const t of [tiles[0], tiles[tiles.length - 1], tiles[2345]]) {
      const got = await pm.getZxy(t.z, t.x, t.y);
      expect(Buffer.from(got!.data as ArrayBuffer).equals(gunzipSync(t.data))).toBe(true);
    }
  });
});
