/**
 * The API contract: every route's path (Hono pattern) and, per method, the schema of its successful answer. The
 * server's routes declare the same schemas (a test holds the two together), the OpenAPI document publishes them as
 * JSON Schema, the API tests validate real answers against them, and the client's `api()` takes its answer types
 * from them, so a renamed field breaks the build or a test rather than a page.
 */
import { z } from 'zod';
import { ExchangeList, ExchangeNetworkList, ImportReport } from './records/exchanges.ts';
import { IndicatorList, IndicatorReport, IndicatorValues } from './records/indicators.ts';
import { Boundaries, Outline } from './records/geometry.ts';
import { MetricValues } from './records/metrics.ts';
import { Deleted, Health, MunicipalityDetail, MunicipalityList, PrefectureList, SourceList } from './records/municipalities.ts';
import { PartnerMatrix, PartnerRanking } from './records/partners.ts';
import { pure } from './records/pure.ts';
import { EligibilityList, GroupSummary, RegionDetail, RegionList } from './records/regions.ts';
import { StoryAnswer, StoryList } from './records/stories.ts';

/** TileJSON 3.0 of the boundary vector tiles (GET /api/tiles). */
export const TileJson = pure(() =>
  z.object({
    tilejson: z.string(),
    name: z.string(),
    attribution: z.string(),
    scheme: z.literal('xyz'),
    tiles: z.array(z.string()).describe('Tile URL templates carrying the archive version.'),
    minzoom: z.number(),
    maxzoom: z.number(),
    bounds: z.array(z.number()),
    center: z.array(z.number()).describe('Longitude, latitude and zoom.'),
    vector_layers: z.array(z.looseObject({ id: z.string() })),
  }),
);

/** The OpenAPI 3.1 document (GET /api/openapi.json), in outline (its other fields are OpenAPI's): paths hold one operation per method. */
export const OpenApiDocumentOutline = pure(() =>
  z.object({
    openapi: z.literal('3.1.0'),
    info: z.object({ title: z.string(), version: z.string() }),
    paths: z.record(z.string(), z.partialRecord(z.enum(['get', 'post', 'put', 'delete']), z.object({ operationId: z.string(), responses: z.record(z.string(), z.unknown()) }))),
  }),
);

/** Answers that are not JSON: the API page and the vector tiles (schemas of their bodies as strings). */
const htmlPage = pure(() => z.string().describe('An HTML page.'));
const vectorTile = pure(() => z.string().meta({ format: 'binary', description: 'A gzip Mapbox Vector Tile; 204 where the tile holds nothing.' }));

export const apiContract = {
  '/api/health': { get: Health },
  '/api/sources': { get: SourceList },
  '/api/prefectures': { get: PrefectureList },
  '/api/municipalities': { get: MunicipalityList },
  '/api/municipalities/:code': { get: MunicipalityDetail },
  '/api/municipalities/:code/outline': { get: Outline },
  '/api/metrics/:metric': { get: MetricValues },
  '/api/exchanges': { get: ExchangeList },
  '/api/exchanges/networks': { get: ExchangeNetworkList },
  '/api/exchanges/import': { post: ImportReport },
  '/api/partners/matrix': { get: PartnerMatrix },
  '/api/partners/:code': { get: PartnerRanking },
  '/api/boundaries': { get: Boundaries },
  '/api/tiles': { get: TileJson },
  '/api/tiles/:version/:z/:x/:y': { get: vectorTile },
  '/api/regions': { get: RegionList, post: RegionDetail },
  '/api/regions/preview': { post: GroupSummary },
  '/api/regions/:id': { get: RegionDetail, delete: Deleted },
  '/api/eligibility': { get: EligibilityList },
  '/api/stories': { get: StoryList, post: StoryAnswer },
  '/api/stories/:id': { get: StoryAnswer, put: StoryAnswer, delete: Deleted },
  '/api/indicators': { get: IndicatorList, post: IndicatorReport },
  '/api/indicators/:id': { get: IndicatorValues, delete: Deleted },
  '/api/openapi.json': { get: OpenApiDocumentOutline },
  '/api/docs': { get: htmlPage },
} as const satisfies Record<string, Partial<Record<ApiMethod, z.ZodType>>>;

export type ApiMethod = 'get' | 'post' | 'put' | 'delete';
export type ApiContract = typeof apiContract;
export type ApiPath = keyof ApiContract;

/** Media types of the answers that are not JSON. */
export const answerMediaTypes = {
  '/api/docs': 'text/html',
  '/api/tiles/:version/:z/:x/:y': 'application/vnd.mapbox-vector-tile',
} as const satisfies Partial<Record<ApiPath, string>>;

/** Answers created anew: 201 rather than 200. */
export const createdBy: readonly { path: ApiPath; method: ApiMethod }[] = [
  { path: '/api/regions', method: 'post' },
  { path: '/api/stories', method: 'post' },
];

/** The methods of a path. */
export type MethodOf<P extends ApiPath> = keyof ApiContract[P] & ApiMethod;
/** The answer of a path and method, as the client receives it. */
export type AnswerOf<P extends ApiPath, M extends MethodOf<P>> = ApiContract[P][M] extends z.ZodType ? z.output<ApiContract[P][M]> : never;
