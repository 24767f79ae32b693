/**
 * HTTP load helpers shared by the load test (tests/load) and the benchmark (bench/run.ts): sample URLs
 * for every GET route of the app, and an autocannon run summarised as p50/p99 and requests per second.
 */
import autocannon from 'autocannon';
import type { AnyRoute } from '../server/route.ts';

export interface LoadSummary {
  connections: number;
  seconds: number;
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  timeouts: number;
  non2xx: number;
}

/** Sample values for path parameters that need no lookup (a tile: zoom 5 over Tokyo). */
const samples: Record<string, string> = { code: '13112', metric: 'population', z: '5', x: '28', y: '12' };

/** A query for the routes that answer nothing without one. */
const sampleQueries: Record<string, string> = { '/api/eligibility': '?scheme=central_city_region' };

/**
 * One working URL per GET route (API page and OpenAPI document left out): `:code` → 13112, `:metric` →
 * population, a tile over Tokyo under the current archive version, any other `:id` → the first id listed by the
 * route without it; routes that need a query get a sample one. Routes that answer no 200 are skipped.
 * @example await sampleUrls('http://127.0.0.1:8787', apiRoutes(deps)) // ['/api/health', …, '/api/partners/13112']
 */
export async function sampleUrls(base: string, routes: AnyRoute[]): Promise<string[]> {
  const urls: string[] = [];
  for (const route of routes) {
    if (route.method !== 'get' || route.tag === 'docs') continue;
    let path = route.path;
    for (const [, name] of route.path.matchAll(/:([A-Za-z_]\w*)/g)) {
      let value = samples[name];
      if (!value && name === 'version') {
        // Tiles live under the archive's version, which the TileJSON names.
        const tilejson = (await fetch(`${base}/api/tiles`).then(
          (r) => (r.ok ? r.json() : null),
          () => null,
        )) as { tiles?: string[] } | null;
        value = /\/api\/tiles\/([\w-]+)\//.exec(tilejson?.tiles?.[0] ?? '')?.[1] ?? '';
      }
      if (!value) {
        const list = route.path.slice(0, route.path.indexOf(`/:${name}`));
        const res = await fetch(`${base}${list}`).catch(() => null);
        const body = res?.ok ? ((await res.json()) as { items?: { id?: unknown }[] }) : null;
        value = body?.items?.[0]?.id === undefined ? '' : String(body.items[0].id);
      }
      if (!value) break;
      path = path.replace(`:${name}`, encodeURIComponent(value));
    }
    if (path.includes(':')) continue;
    path += sampleQueries[route.path] ?? '';
    const res = await fetch(`${base}${path}`).catch(() => null);
    if (res?.status === 200) urls.push(path);
    await res?.arrayBuffer();
  }
  return urls;
}

/**
 * Runs autocannon against `base` cycling through `paths` (gzip accepted, as a browser does).
 * @example const s = await runLoad('http://127.0.0.1:8787', ['/api/health'], 64, 10)
 */
export async function runLoad(base: string, paths: string[], connections: number, seconds: number): Promise<LoadSummary> {
  const result = await autocannon({
    url: base,
    connections,
    duration: seconds,
    headers: { 'accept-encoding': 'gzip' },
    requests: paths.map((path) => ({ method: 'GET' as const, path })),
  });
  return {
    connections,
    seconds,
    requests: result.requests.total,
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
  };
}
