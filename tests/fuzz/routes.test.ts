import fc from 'fast-check';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StoryAnswer, storyFromAnswer } from '../../domain/records/stories.ts';
import { apiRoutes } from '../../server/app.ts';
import type { AnyRoute } from '../../server/route.ts';
import { openTestApp, testToken } from '../helpers/app.ts';
import { bodyArb, encode, pathArb, queryArb } from './arbitraries.ts';

// Every route the app has, taken from the app itself, so routes added later are fuzzed without editing this file.
const routes = apiRoutes({ db: null as never, writeToken: testToken, boundaryAsset: '{}' });
const reads = routes.filter((r) => r.method === 'get');
// POST/PUT/DELETE routes: writes need the token; a POST without `write` (e.g. a preview) only computes.
const writes = routes.filter((r) => r.method !== 'get');
// A bounded total for CI (a few thousand requests), shared among the routes that exist.
const readRuns = Math.max(150, Math.floor(4000 / Math.max(1, reads.length)));
const writeRuns = Math.max(100, Math.floor(1600 / Math.max(1, writes.length)));
const seed = Number(process.env.FUZZ_SEED ?? 20240611);

let app: Hono;
let close: () => Promise<void>;
/** Valid paths the fuzzer cannot guess (a tile URL carries the archive's version), learnt from the app itself. */
const examples = new Map<string, string[]>();
/** Valid bodies too deep to come out of random generation (a story), by `METHOD path`. */
const bodyExamples = new Map<string, string[]>();
beforeAll(async () => {
  ({ app, close } = await openTestApp());
  // A story: a seed story under new ids; one is saved first so that replacing it can succeed.
  const seed = storyFromAnswer((await (await app.request('/api/stories/setagaya')).json()) as StoryAnswer);
  const story = (id: string) => JSON.stringify({ ...seed, id });
  const saved = await app.request('/api/stories', {
    method: 'POST',
    body: story('fuzz-saved'),
    headers: { 'content-type': 'application/json', authorization: `Bearer ${testToken}` },
  });
  expect(saved.status, await saved.clone().text()).toBe(201);
  bodyExamples.set('POST /api/stories', [story('fuzz-new')]);
  bodyExamples.set('PUT /api/stories/:id', [story('fuzz-saved')]);
  examples.set('/api/stories/:id', ['/api/stories/fuzz-saved']);
  // An own indicator: its id is random, so one is saved first.
  const indicator = await app.request('/api/indicators', {
    method: 'POST',
    body: 'code,value\n13112,1\n13219,2\n',
    headers: { 'content-type': 'text/csv', authorization: `Bearer ${testToken}` },
  });
  expect(indicator.status, await indicator.clone().text()).toBe(201);
  examples.set('/api/indicators/:id', [`/api/indicators/${((await indicator.json()) as { indicator: { id: string } }).indicator.id}`]);
  const tilejson = (await (await app.request('/api/tiles')).json()) as { tiles: string[]; minzoom: number; center: [number, number, number] };
  const [lon, lat] = tilejson.center;
  const z = tilejson.minzoom + 2;
  const x = Math.floor(((lon + 180) / 360) * 2 ** z);
  const y = Math.floor(((1 - Math.asinh(Math.tan((lat * Math.PI) / 180)) / Math.PI) / 2) * 2 ** z);
  const tile = (zxy: string) => tilejson.tiles[0].replace(/^https?:\/\/[^/]+/, '').replace('{z}/{x}/{y}', zxy);
  // The centre's tile, and one in the open Pacific (204, no content).
  examples.set('/api/tiles/:version/:z/:x/:y', [tile(`${z}/${x}/${y}`), tile(`${z}/0/0`)]);
});
// Status counts per route, printed at the end and checked: fuzzing that never gets past validation proves little.
const seen = new Map<string, Record<number, number>>();
afterAll(async () => {
  console.log(`fuzz: ${[...seen].map(([r, counts]) => `${r} ${JSON.stringify(counts)}`).join('\n      ')}`);
  await close();
});

/**
 * What the fuzzing of one route must have seen: hostile input refused (a 4xx) and, for reads and POSTs, some
 * answers that passed validation and came from the handler (a 2xx); a DELETE at least some answers that got past
 * validation (its targets are random ids, so success needs a region the fuzzer cannot know).
 * @returns the unmet expectations, empty when the route was fuzzed usefully
 */
function fuzzGaps(method: string, counts: Record<number, number> | undefined): string[] {
  const statuses = Object.keys(counts ?? {}).map(Number);
  const gaps: string[] = [];
  if (!statuses.some((s) => s >= 400 && s < 500)) gaps.push('no hostile input was refused (no 4xx)');
  if (method === 'delete') {
    if (!statuses.some((s) => ![400, 413, 415].includes(s))) gaps.push('no request got past validation');
  } else if (!statuses.some((s) => s >= 200 && s < 300)) gaps.push('no request got past validation to a 2xx');
  return gaps;
}

/** The contract every answer keeps: no 5xx; errors are JSON {error:{code,message}} with a readable message and no internals. */
async function checkAnswer(res: Response, what: string, route?: AnyRoute): Promise<void> {
  if (route) {
    const counts = seen.get(`${route.method.toUpperCase()} ${route.path}`) ?? {};
    counts[res.status] = (counts[res.status] ?? 0) + 1;
    seen.set(`${route.method.toUpperCase()} ${route.path}`, counts);
  }
  expect(res.status, what).toBeLessThan(500);
  if (res.status === 304) return;
  const type = res.headers.get('content-type') ?? '';
  if (res.status === 204) return;
  if (res.status < 400) {
    expect(type, what).toMatch(/application\/json|text\/html|application\/vnd\.mapbox-vector-tile/);
    await res.arrayBuffer();
    return;
  }
  expect(type, what).toContain('application/json');
  const body = (await res.json()) as { error?: { code?: unknown; message?: unknown } };
  expect(body.error?.code, what).toMatch(/^[a-z_]+$/);
  expect(typeof body.error?.message, what).toBe('string');
  const message = body.error!.message as string;
  expect(message.length, what).toBeGreaterThan(8);
  expect(message.length, `${what}: error messages stay short even for huge input`).toBeLessThan(2000);
  expect(message, what).not.toMatch(/\n\s+at |node_modules|\.ts:\d+|duckdb|Binder Error|Parser Error/i);
}

function safeRequest(path: string, init?: RequestInit): Promise<Response> | null {
  try {
    new URL(path, 'http://localhost');
  } catch {
    return null;
  }
  return Promise.resolve(app.request(path, init));
}

describe('every route is declared with schemas for its inputs', () => {
  it('has a params schema for every :param, and only writes change data', () => {
    expect(routes.length).toBeGreaterThan(5);
    for (const r of routes as AnyRoute[]) {
      if (r.path.includes(':')) expect(r.params, `${r.method} ${r.path} has path parameters without a schema`).toBeDefined();
      if (r.method === 'delete' || r.method === 'put') expect(r.write, `${r.method} ${r.path} changes data and must require the token`).toBe(true);
    }
  });
});

describe.each(reads.map((r) => [`${r.method.toUpperCase()} ${r.path}`, r] as const))('fuzz %s', (_name, route) => {
  it(`answers ${readRuns} hostile requests without a 5xx, errors as JSON`, async () => {
    await fc.assert(
      fc.asyncProperty(pathArb(route, examples.get(route.path)), queryArb(route), async (path, query) => {
        const url = query ? `${path}?${query}` : path;
        const res = safeRequest(url);
        if (!res) return;
        await checkAnswer(await res, `GET ${url.slice(0, 300)}`, route);
      }),
      { numRuns: readRuns, seed },
    );
  });
});

describe.each(writes.map((r) => [`${r.method.toUpperCase()} ${r.path}`, r] as const))('fuzz %s', (_name, route) => {
  const method = route.method.toUpperCase();
  // Mostly the type the route reads, so bodies get past the media-type check and reach validation and the handler.
  const contentType = fc.oneof(
    { weight: 3, arbitrary: fc.constant(route.body ? 'application/json' : 'text/csv') },
    { weight: 2, arbitrary: fc.constantFrom('application/json', 'text/plain', 'text/csv', 'application/x-www-form-urlencoded', '') },
  );

  it.runIf(route.write)(`refuses ${writeRuns} hostile bodies without the token: 401, never a write`, async () => {
    await fc.assert(
      fc.asyncProperty(
        pathArb(route, examples.get(route.path)),
        bodyArb(route, bodyExamples.get(`${method} ${route.path}`)),
        contentType,
        fc.constantFrom(undefined, 'Bearer wrong', 'Bearer ', testToken, `Basic ${testToken}`),
        async (path, body, type, auth) => {
          const headers: Record<string, string> = type ? { 'content-type': type } : {};
          if (auth) headers.authorization = auth;
          const res = safeRequest(path, { method, body, headers });
          if (!res) return;
          const answer = await res;
          await checkAnswer(answer.clone(), `${method} ${path} without token`);
          // 404: the generated path left the route (e.g. `..` resolved away); 400: its percent-encoding is
          // broken (refused before any route). No handler ran either way.
          expect([400, 401, 404], `${method} ${path} ${auth}`).toContain(answer.status);
          if (answer.status === 400) expect(((await answer.json()) as { error: { code: string } }).error.code).toBe('invalid_encoding');
        },
      ),
      { numRuns: writeRuns, seed },
    );
  });

  it(`answers ${writeRuns} hostile bodies with the token without a 5xx`, async () => {
    await fc.assert(
      fc.asyncProperty(
        pathArb(route, examples.get(route.path)),
        queryArb(route),
        bodyArb(route, bodyExamples.get(`${method} ${route.path}`)),
        contentType,
        async (path, query, body, type) => {
          const url = query ? `${path}?${query}` : path;
          const headers: Record<string, string> = { authorization: `Bearer ${testToken}`, ...(type ? { 'content-type': type } : {}) };
          const res = safeRequest(url, { method, body, headers });
          if (!res) return;
          await checkAnswer(await res, `${method} ${url.slice(0, 200)} body ${body.slice(0, 100)}`, route);
        },
      ),
      { numRuns: writeRuns, seed },
    );
  });
});

describe('unknown routes and methods', () => {
  it('answer JSON 404s for any path under /api', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.string({ unit: 'binary', minLength: 1, maxLength: 12 }).map(encode), { minLength: 1, maxLength: 4 }),
        fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH'),
        async (segments, method) => {
          const path = `/api/${segments.join('/')}`;
          const res = safeRequest(path, { method });
          if (!res) return;
          const answer = await res;
          await checkAnswer(answer.clone(), `${method} ${path}`);
        },
      ),
      { numRuns: 300, seed },
    );
  });
});

// Runs after the fuzzing above (tests of a file run in order).
describe('fuzzing reached every handler', () => {
  it.each(routes.map((r) => [`${r.method.toUpperCase()} ${r.path}`, r] as const))('%s', (name, route) => {
    expect(fuzzGaps(route.method, seen.get(name)), JSON.stringify(seen.get(name))).toEqual([]);
  });
  it('spots a route that never got past validation', () => {
    expect(fuzzGaps('get', { 400: 250 })).toEqual(['no request got past validation to a 2xx']);
    expect(fuzzGaps('post', { 200: 3, 415: 10 })).toEqual([]);
    expect(fuzzGaps('delete', { 400: 99, 415: 1 })).toEqual(['no request got past validation']);
    expect(fuzzGaps('get', { 200: 250 })).toEqual(['no hostile input was refused (no 4xx)']);
  });
});
