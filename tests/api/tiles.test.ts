import { gunzipSync } from 'node:zlib';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { json, useTestApp } from '../helpers/app.ts';

const app = useTestApp();

const get = (path: string, init?: RequestInit) => app.request(`http://atlas.test${path}`, init);

/** The tile of zoom z holding a lon/lat (Web Mercator). */
function tileOf(z: number, lon: number, lat: number): [number, number] {
  const n = 2 ** z;
  const s = Math.sin((lat * Math.PI) / 180);
  return [Math.floor((lon / 360 + 0.5) * n), Math.floor((0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * n)];
}

describe('GET /api/tiles', () => {
  it('describes the tiles as TileJSON, with versioned URLs on the asking origin', async () => {
    const { status, body, headers } = await json(get('/api/tiles'));
    expect(status).toBe(200);
    expect(headers.get('cache-control')).toBe('no-cache');
    expect(body).toMatchObject({ tilejson: '3.0.0', minzoom: 0, maxzoom: 10 });
    expect(body.tiles[0]).toMatch(/^http:\/\/atlas\.test\/api\/tiles\/[\w-]{12}\/\{z\}\/\{x\}\/\{y\}$/);
    expect(body.vector_layers.map((l: { id: string }) => l.id)).toEqual(['municipalities', 'prefectures', 'labels']);
    expect(body.attribution).toContain('国土数値情報');
  });

  it('serves a tile gzip as stored (cached for good under its version), plain to a client without gzip', async () => {
    const url = (await json(get('/api/tiles'))).body.tiles[0] as string;
    const [x, y] = tileOf(4, 139.69, 35.69);
    const path = new URL(url.replace('{z}', '4').replace('{x}', String(x)).replace('{y}', String(y))).pathname;
    const zipped = await get(path, { headers: { 'accept-encoding': 'gzip, br' } });
    expect(zipped.status).toBe(200);
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    expect(zipped.headers.get('content-type')).toBe('application/vnd.mapbox-vector-tile');
    expect(zipped.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const plain = Buffer.from(await (await get(path)).arrayBuffer());
    expect(gunzipSync(Buffer.from(await zipped.arrayBuffer())).equals(plain)).toBe(true);
    // A vector tile holding the layer names and Tokyo's codes (protobuf strings are stored as they are).
    expect(plain.includes('municipalities')).toBe(true);
    expect(plain.includes('13112')).toBe(true);
    expect(plain.includes('東京都')).toBe(true);
  });

  it('answers 204 for a tile with nothing in it and 404 for another version', async () => {
    const url = (await json(get('/api/tiles'))).body.tiles[0] as string;
    const version = /tiles\/([\w-]+)\//.exec(url)![1];
    const empty = await get(`/api/tiles/${version}/4/0/0`);
    expect(empty.status).toBe(204);
    const old = await json(get('/api/tiles/aaaaaaaaaaaa/4/14/6'));
    expect(old.status).toBe(404);
    expect(old.body.error.message).toContain('/api/tiles');
  });
});

describe('GET /api/municipalities/{code}/outline', () => {
  it("gives one municipality's outline as a GeoJSON feature", async () => {
    const { status, body } = await json<Feature<Polygon | MultiPolygon>>(get('/api/municipalities/13112/outline'));
    expect(status).toBe(200);
    expect(body.properties).toEqual({ code: '13112' });
    const ring = body.geometry.type === 'Polygon' ? body.geometry.coordinates[0] : body.geometry.coordinates[0][0];
    // 世田谷区 lies between 139.58–139.69 °E and 35.59–35.69 °N.
    for (const [lon, lat] of ring) {
      expect(lon).toBeGreaterThan(139.57);
      expect(lon).toBeLessThan(139.7);
      expect(lat).toBeGreaterThan(35.58);
      expect(lat).toBeLessThan(35.7);
    }
  });
  it('answers 404 for an unknown code', async () => {
    expect((await json(get('/api/municipalities/99999/outline'))).status).toBe(404);
  });
});
