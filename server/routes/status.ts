import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { z } from 'zod';
import { ApiError } from '../errors.ts';
import { builtData } from '../built.ts';
import { answerJson, jsonEntry } from '../response-cache.ts';
import { codeSchema, defineRoute } from '../route.ts';
import { Boundaries, Outline as OutlineSchema } from '../../domain/records/geometry.ts';
import { Health, PrefectureList, SourceList } from '../../domain/records/municipalities.ts';

export const statusRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/health',
    response: Health,
    tag: 'status',
    summary: 'Service health and data vintage (read from the database once at start; the start checks every table).',
    returns: '{status:"ok", municipalities:1741, dataVintage}',
    handle: async ({ deps }): Promise<Health> => (await builtData(deps.db)).health,
  }),
  defineRoute({
    method: 'get',
    path: '/api/sources',
    response: SourceList,
    tag: 'status',
    summary: 'Every dataset with vintage, licence and the attribution line shown in the UI.',
    returns: '{items:[{id,name,vintage,licence,attribution,url}], dayNightEstimateErrorPoints}',
    handle: async ({ deps }): Promise<SourceList> => (await builtData(deps.db)).sources,
  }),
  defineRoute({
    method: 'get',
    path: '/api/prefectures',
    response: PrefectureList,
    tag: 'status',
    summary: 'The 47 prefectures with readings and a representative point.',
    returns: '{items:[{code,name,nameKana,nameRomaji,lon,lat}]}',
    handle: async ({ deps }): Promise<PrefectureList> => ({ items: (await builtData(deps.db)).prefectures }),
  }),
];

/**
 * The boundary routes, built once per app so the asset's gzip and ETag are computed once: the whole TopoJSON
 * (for the views that dissolve or export shapes) and one municipality's outline (for the highlight on the map).
 */
/** One municipality's outline, as the topology holds it. */
type Outline = Feature<Polygon | MultiPolygon, { code: string }>;

export function boundaryRoutes(asset: string) {
  // Compressed once at start, as tightly as gzip can: the asset never changes while the server runs.
  const entry = jsonEntry(asset, 9);
  let shapes: Map<string, Outline> | null = null;
  const shapeOf = (code: string): Outline | undefined => {
    if (!shapes) {
      const topology = JSON.parse(asset) as Topology;
      const all = topology.objects?.municipalities as GeometryCollection<{ code: string }> | undefined;
      shapes = new Map((all?.geometries ?? []).map((g) => [(g.properties as { code: string }).code, feature(topology, g) as Outline]));
    }
    return shapes.get(code);
  };
  return [
    defineRoute({
      method: 'get',
      path: '/api/boundaries',
      response: Boundaries,
      tag: 'boundaries',
      summary: 'TopoJSON of all municipalities ({code}) and prefectures ({code,name}); ETag and gzip.',
      returns: 'TopoJSON Topology',
      // Cached by the browser for five minutes, then revalidated by ETag.
      handle: ({ c }) => answerJson(c, entry, 'public, max-age=300, must-revalidate'),
    }),
    defineRoute({
      method: 'get',
      path: '/api/municipalities/:code/outline',
      response: OutlineSchema,
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
