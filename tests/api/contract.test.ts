/**
 * The API contract (domain/contract.ts) against the running app: every route declares its contract schema, the
 * OpenAPI document publishes real answer schemas, and every read answers exactly what its schema says — a renamed,
 * missing or undeclared field fails here.
 */
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { type ApiContract, type ApiMethod, type ApiPath, answerMediaTypes, apiContract } from '../../domain/contract.ts';
import { metricIds } from '../../domain/records/metrics.ts';
import type { RegionList } from '../../domain/records/regions.ts';
import type { StoryList } from '../../domain/records/stories.ts';
import { apiRoutes } from '../../server/app.ts';
import type { OpenApiDocument } from '../../server/openapi.ts';
import { json, testToken, useTestApp } from '../helpers/app.ts';

const app = useTestApp();

const schemaOf = (path: ApiPath, method: ApiMethod) => (apiContract[path] as Partial<Record<ApiMethod, z.ZodType>>)[method];

/** Parses an answer with its schema; the parse (which drops undeclared fields) must give the answer back unchanged. */
function expectAnswerOf(path: ApiPath, method: ApiMethod, body: unknown, url: string) {
  const result = schemaOf(path, method)!.safeParse(body);
  expect(result.success ? [] : result.error.issues.slice(0, 5), url).toEqual([]);
  expect(result.data, `${url}: fields the schema does not declare`).toEqual(body);
}

type GetPath = { [P in ApiPath]: 'get' extends keyof ApiContract[P] ? P : never }[ApiPath];

/** The URLs that call each read route: every path parameter value and query that changes the answer's shape. */
async function readUrls(): Promise<Record<GetPath, string[]>> {
  const regions = (await json<RegionList>(app.request('/api/regions'))).body.items;
  const oneOfEachType = [...new Map(regions.map((r) => [r.type, r.id])).values()];
  const stories = (await json<StoryList>(app.request('/api/stories'))).body.items;
  const tiles = (await json<{ tiles: string[] }>(app.request('/api/tiles'))).body.tiles[0]!;
  // An own indicator to read back (the user store starts empty); its upload's answer is checked too.
  const csv = '団体コード,市区町村,病床数\n13112,,1234\n,新潟県川口町,56\n,存在しない村,7\n13219,,abc\n';
  const upload = await json(
    app.request('/api/indicators?name=contract', { method: 'POST', headers: { authorization: `Bearer ${testToken}`, 'content-type': 'text/csv' }, body: csv }),
  );
  expect(upload.status).toBe(201);
  expectAnswerOf('/api/indicators', 'post', upload.body, 'indicator upload');
  return {
    '/api/health': ['/api/health'],
    '/api/sources': ['/api/sources'],
    '/api/prefectures': ['/api/prefectures'],
    '/api/municipalities': ['/api/municipalities', '/api/municipalities?pref=13&q=世田谷&limit=5'],
    '/api/municipalities/:code': ['/api/municipalities/34207', '/api/municipalities/07546', '/api/municipalities/13112'],
    '/api/municipalities/:code/outline': ['/api/municipalities/13112/outline', '/api/municipalities/13421/outline'],
    '/api/metrics/:metric': metricIds.map((m) => `/api/metrics/${m}`),
    '/api/exchanges': ['/api/exchanges'],
    '/api/exchanges/networks': ['/api/exchanges/networks'],
    '/api/partners/matrix': ['/api/partners/matrix?purpose=disaster&top=2', '/api/partners/matrix?purpose=complement&top=2'],
    '/api/partners/:code': ['/api/partners/13219?purpose=disaster&limit=20', '/api/partners/13219?purpose=complement&limit=20', '/api/partners/13421?purpose=disaster&limit=5'],
    '/api/boundaries': ['/api/boundaries'],
    '/api/tiles': ['/api/tiles'],
    '/api/tiles/:version/:z/:x/:y': [new URL(tiles.replace('{z}/{x}/{y}', '5/28/12')).pathname],
    '/api/regions': ['/api/regions', '/api/regions?type=central_city_region&geometry=true'],
    '/api/regions/:id': oneOfEachType.map((id) => `/api/regions/${id}`),
    '/api/eligibility': ['/api/eligibility?scheme=central_city_region', '/api/eligibility?scheme=settlement_zone'],
    '/api/stories': ['/api/stories'],
    '/api/stories/:id': stories.map((s) => `/api/stories/${s.id}`),
    '/api/indicators': ['/api/indicators'],
    '/api/indicators/:id': [`/api/indicators/${upload.body.indicator.id}`, `/api/indicators/${upload.body.indicator.id}?classes=3&method=equal`],
    '/api/openapi.json': ['/api/openapi.json'],
    '/api/docs': ['/api/docs'],
  };
}

describe('the contract', () => {
  it('is what the routes declare: one route per contract entry, with the same answer schema', () => {
    const routes = apiRoutes({ db: null as never, writeToken: testToken, boundaryAsset: '{}' });
    const declared = routes.map((r) => `${r.method} ${r.path}`);
    const contracted = Object.entries(apiContract).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m} ${path}`));
    expect(declared.toSorted()).toEqual(contracted.toSorted());
    for (const r of routes) expect(r.response === schemaOf(r.path as ApiPath, r.method), `${r.method} ${r.path}`).toBe(true);
  });

  it('is published in the OpenAPI document: no success answer is documented as {}', async () => {
    const { body } = await json<OpenApiDocument>(app.request('/api/openapi.json'));
    for (const [path, ops] of Object.entries(body.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const success = op!.responses['200'] ?? op!.responses['201'];
        const schema = Object.values(success?.content ?? {})[0]?.schema;
        expect(schema && Object.keys(schema).length > 0, `${method} ${path}`).toBe(true);
      }
    }
    const detail = body.paths['/api/municipalities/{code}']!.get!.responses['200']!.content!['application/json']!.schema;
    expect(detail).toMatchObject({ type: 'object', properties: { code: { type: 'string' }, regions: { type: 'array' }, outlook: {} } });
    expect(detail.required).toEqual(expect.arrayContaining(['code', 'population', 'regions', 'exchanges', 'networks', 'outlook']));
    expect(Object.keys(body.paths['/api/regions']!.post!.responses)).toContain('201');
  });
});

describe('every read answers its schema', () => {
  it('on the built database', async () => {
    const urls = await readUrls();
    expect(Object.keys(urls).toSorted()).toEqual(
      Object.entries(apiContract)
        .filter(([, m]) => 'get' in m)
        .map(([p]) => p)
        .toSorted(),
    );
    for (const [path, list] of Object.entries(urls) as [GetPath, string[]][]) {
      expect(list.length, path).toBeGreaterThan(0);
      for (const url of list) {
        const res = await app.request(url);
        expect(res.status, url).toBe(200);
        const mediaType = (answerMediaTypes as Partial<Record<ApiPath, string>>)[path];
        if (mediaType) {
          expect(res.headers.get('content-type'), url).toContain(mediaType);
          continue;
        }
        const body = await res.json();
        if (path === '/api/openapi.json') expect(schemaOf(path, 'get')!.safeParse(body).success).toBe(true);
        else expectAnswerOf(path, 'get', body, url);
      }
    }
  });

  it('and so do the preview and a dry-run import', async () => {
    const preview = await json(
      app.request('/api/regions/preview', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ memberCodes: ['34207', '34205', '34204'] }) }),
    );
    expect(preview.status).toBe(200);
    expectAnswerOf('/api/regions/preview', 'post', preview.body, 'preview');
    const csv = 'a_name,a_prefecture,b_name,b_prefecture,kind,year\n狛江市,東京都,長岡市,新潟県,friendship,2005\n川口町,新潟県,狛江市,東京都,friendship,1990\n';
    const report = await json(
      app.request('/api/exchanges/import?dryRun=1', { method: 'POST', headers: { authorization: `Bearer ${testToken}`, 'content-type': 'text/csv' }, body: csv }),
    );
    expect(report.status).toBe(200);
    expectAnswerOf('/api/exchanges/import', 'post', report.body, 'import');
  });
});
