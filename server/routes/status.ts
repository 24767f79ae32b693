import type { Feature } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { z } from 'zod';
import { ApiError } from '../errors.ts';
import type { AtlasDb } from '../db.ts';
import { answerJson, jsonEntry } from '../response-cache.ts';
import { codeSchema, defineRoute } from '../route.ts';
import type { DataSource, Health, Prefecture, PrefectureList, SourceList } from '../../domain/records/municipalities.ts';

/** Health: the service answers and the database holds every municipality. */
export async function health(db: AtlasDb): Promise<Health> {
  const n = await db.one<{ n: number }>('SELECT count(*) AS n FROM municipalities');
  const vintage = await db.one<{ value: string }>(`SELECT value FROM meta WHERE key = 'data_vintage'`);
  return { status: 'ok', municipalities: Number(n?.n ?? 0), dataVintage: vintage?.value ?? '' };
}

/** Every dataset with its attribution line. */
export async function sources(db: AtlasDb): Promise<SourceList> {
  const items = (await db.all('SELECT id, name, vintage, licence, attribution, url FROM sources ORDER BY position')) as unknown as DataSource[];
  const err = await db.one<{ value: string }>(`SELECT value FROM meta WHERE key = 'day_night_estimate_error_points'`);
  return { items, dayNightEstimateErrorPoints: Number(err?.value ?? NaN) };
}

/** The 47 prefectures with readings and a representative point (for labels and prefecture-level partners). */
export async function prefectures(db: AtlasDb): Promise<PrefectureList> {
  return { items: (await db.all('SELECT code, name, name_kana AS "nameKana", name_romaji AS "nameRomaji", lon, lat FROM prefectures ORDER BY code')) as unknown as Prefecture[] };
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
    returns: '{items:[{code,name,nameKana,nameRomaji,lon,lat}]}',
    handle: ({ deps }) => prefectures(deps.db),
  }),
];

/**
 * The boundary routes, built once per app so the asset's gzip and ETag are computed once: the whole TopoJSON
 * (for the views that dissolve or export shapes) and one municipality's outline (for the highlight on the map).
 */
export function boundaryRoutes(asset: string) {
  // Compressed once at start, as tightly as gzip can: the asset never changes while the server runs.
  const entry = jsonEntry(asset, 9);
  let shapes: Map<string, Feature> | null = null;
  const shapeOf = (code: string): Feature | undefined => {
    if (!shapes) {
      const topology = JSON.parse(asset) as Topology;
      const all = topology.objects?.municipalities as GeometryCollection<{ code: string }> | undefined;
      shapes = new Map((all?.geometries ?? []).map((g) => [(g.properties as { code: string }).code, feature(topology, g) as Feature]));
    }
    return shapes.get(code);
  };
  return [
    defineRoute({
      method: 'get',
      path: '/api/boundaries',
      tag: 'boundaries',
      summary: 'TopoJSON of all municipalities ({code}) and prefectures ({code,name}); ETag and gzip.',
      returns: 'TopoJSON Topology',
      // Cached by the browser for five minutes, then revalidated by ETag.
      handle: ({ c }) => answerJson(c, entry, 'public, max-age=300, must-revalidate'),
    }),
    defineRoute({
      method: 'get',
      path: '/api/municipalities/:code/outline',
      tag: 'boundaries',
      summary: "One municipality's outline as a GeoJSON Feature ({code}), as in /api/boundaries; the map draws hover and selection from it.",
      returns: 'GeoJSON Feature (Polygon or MultiPolygon); 404 for an unknown code',
      params: z.object({ code: codeSchema }),
      handle: ({ params }) => {
        const shape = shapeOf(params.code);
        if (!shape) throw new ApiError(404, 'not_found', `no municipality has code ${params.code}`);
        return shape;
      },
    }),
  ];
}
