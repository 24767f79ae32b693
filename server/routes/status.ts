import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { Context } from 'hono';
import type { AtlasDb } from '../db.ts';
import { defineRoute } from '../route.ts';
import type { DataSource, Health, Prefecture, PrefectureList, SourceList } from '../types/municipalities.ts';

/** Health: the service answers and the database holds every municipality. */
export async function health(db: AtlasDb): Promise<Health> {
  const n = await db.one<{ n: number }>('SELECT count(*) AS n FROM municipalities');
  const vintage = await db.one<{ value: string }>(`SELECT value FROM meta WHERE key = 'data_vintage'`);
  return { status: 'ok', municipalities: Number(n?.n ?? 0), dataVintage: vintage?.value ?? '' };
}

/** Every dataset with its attribution line. */
export async function sources(db: AtlasDb): Promise<SourceList> {
  const items = (await db.all("SELECT id, name, vintage, licence, attribution, url FROM sources ORDER BY rowid")) as unknown as DataSource[];
  const err = await db.one<{ value: string }>(`SELECT value FROM meta WHERE key = 'day_night_estimate_error_points'`);
  return { items, dayNightEstimateErrorPoints: Number(err?.value ?? NaN) };
}

/** A precompressed JSON asset answered with ETag / 304 and gzip when the client accepts it. */
export function cachedJson(text: string): (c: Context) => Response {
  const raw = Buffer.from(text);
  const gz = gzipSync(raw, { level: 9 });
  const etag = `"${createHash('sha1').update(raw).digest('base64url')}"`;
  return (c) => {
    const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8', etag, 'cache-control': 'public, max-age=300, must-revalidate', vary: 'accept-encoding' };
    if (c.req.header('if-none-match') === etag) return new Response(null, { status: 304, headers });
    if (/\bgzip\b/.test(c.req.header('accept-encoding') ?? '')) return new Response(gz, { headers: { ...headers, 'content-encoding': 'gzip' } });
    return new Response(raw, { headers });
  };
}

/** The 47 prefectures with readings and a representative point (for labels and prefecture-level partners). */
export async function prefectures(db: AtlasDb): Promise<PrefectureList> {
  return { items: (await db.all('SELECT code, name, name_kana AS "nameKana", lon, lat FROM prefectures ORDER BY code')) as unknown as Prefecture[] };
}

export const statusRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/health',
    tag: 'status',
    summary: 'Service health and data vintage.',
    returns: '{status:"ok", municipalities:1741, dataVintage}',
    handle: ({ deps }) => health(deps.db),
  }),
  defineRoute({
    method: 'get',
    path: '/api/sources',
    tag: 'status',
    summary: 'Every dataset with vintage, licence and the attribution line shown in the UI.',
    returns: '{items:[{id,name,vintage,licence,attribution,url}], dayNightEstimateErrorPoints}',
    handle: ({ deps }) => sources(deps.db),
  }),
  defineRoute({
    method: 'get',
    path: '/api/prefectures',
    tag: 'status',
    summary: 'The 47 prefectures with readings and a representative point.',
    returns: '{items:[{code,name,nameKana,lon,lat}]}',
    handle: ({ deps }) => prefectures(deps.db),
  }),
];

/** The boundary route is built once per app so the gzip and ETag are computed once. */
export function boundaryRoute(asset: string) {
  const answer = cachedJson(asset);
  return defineRoute({
    method: 'get',
    path: '/api/boundaries',
    tag: 'boundaries',
    summary: 'TopoJSON of all municipalities ({code}) and prefectures ({code,name}); ETag and gzip.',
    returns: 'TopoJSON Topology',
    handle: ({ c }) => answer(c),
  });
}
