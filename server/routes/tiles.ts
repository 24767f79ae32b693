import { gunzipSync } from 'node:zlib';
import { z } from 'zod';
import { apiContract } from '../../domain/contract.ts';
import { ApiError } from '../errors.ts';
import { answerJson, jsonEntry } from '../response-cache.ts';
import { defineRoute } from '../route.ts';
import type { TileArchive } from '../tiles.ts';

/** Tiles live at versioned URLs, so the browser may keep them for a year without asking again. */
const immutable = 'public, max-age=31536000, immutable';

const tileParams = z.object({
  version: z.string().regex(/^[\w-]{1,40}$/, 'must be the archive version given by /api/tiles'),
  z: z.coerce.number({ error: 'must be a zoom level 0–24' }).int('must be a whole number').min(0).max(24),
  x: z.coerce.number({ error: 'must be a tile column' }).int('must be a whole number').min(0),
  y: z.coerce.number({ error: 'must be a tile row' }).int('must be a whole number').min(0),
});

/**
 * The boundary vector tiles: a TileJSON document (what MapLibre reads first) and the tiles themselves, straight
 * from the pipeline's PMTiles archive in memory, gzip as stored.
 */
export function tileRoutes(archive: TileArchive | undefined) {
  const need = (): TileArchive => {
    if (!archive) throw new ApiError(404, 'not_found', 'no tile archive was loaded; run `npm run data:build`');
    return archive;
  };
  return [
    defineRoute({
      method: 'get',
      path: '/api/tiles',
      response: apiContract['/api/tiles'].get,
      tag: 'boundaries',
      summary: 'TileJSON 3.0 of the boundary vector tiles: layers municipalities {code} and prefectures {code}; tile URLs carry the archive version.',
      returns: '{tilejson, tiles:[url], minzoom, maxzoom, bounds, center, vector_layers, attribution}',
      handle: ({ c }) => {
        const a = need();
        const h = a.header;
        const origin = new URL(c.req.url).origin;
        const doc = {
          tilejson: '3.0.0',
          name: a.metadata.name ?? 'boundaries',
          attribution: a.metadata.attribution ?? '',
          scheme: 'xyz',
          tiles: [`${origin}/api/tiles/${a.version}/{z}/{x}/{y}`],
          minzoom: h.minZoom,
          maxzoom: h.maxZoom,
          bounds: h.bounds,
          center: [...h.center, h.centerZoom],
          vector_layers: a.metadata.vector_layers ?? [],
        };
        return answerJson(c, jsonEntry(JSON.stringify(doc)));
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/tiles/:version/:z/:x/:y',
      response: apiContract['/api/tiles/:version/:z/:x/:y'].get,
      tag: 'boundaries',
      summary: 'One Mapbox Vector Tile of the boundaries (204 where the tile holds nothing); cached for good under its version.',
      returns: 'application/vnd.mapbox-vector-tile (gzip); 404 for a version other than the current one',
      params: tileParams,
      handle: ({ c, params }) => {
        const a = need();
        if (params.version !== a.version) throw new ApiError(404, 'not_found', `tile version ${params.version} is not the current one; read /api/tiles for the URLs`);
        const tile = a.tiles.get(`${params.z}/${params.x}/${params.y}`);
        const headers: Record<string, string> = { 'cache-control': immutable, vary: 'accept-encoding' };
        if (!tile) return new Response(null, { status: 204, headers });
        headers['content-type'] = 'application/vnd.mapbox-vector-tile';
        if (/\bgzip\b/.test(c.req.header('accept-encoding') ?? '')) return new Response(new Uint8Array(tile), { headers: { ...headers, 'content-encoding': 'gzip' } });
        return new Response(new Uint8Array(gunzipSync(tile)), { headers });
      },
    }),
  ];
}
