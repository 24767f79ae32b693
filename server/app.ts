import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { timingSafeEqual } from 'node:crypto';
import { ApiError, errorBody } from './errors.ts';
import { type AppDeps, type AnyRoute, parseInput } from './route.ts';
import { exchangeRoutes } from './routes/exchanges.ts';
import { metricRoutes } from './routes/metrics.ts';
import { municipalityRoutes } from './routes/municipalities.ts';
import { partnerRoutes } from './routes/partners.ts';
import { boundaryRoutes, statusRoutes } from './routes/status.ts';
import { tileRoutes } from './routes/tiles.ts';
import { docsRoutes } from './routes/docs.ts';
import { regionRoutes } from './routes/regions.ts';
import { storyRoutes } from './routes/stories.ts';
import { indicatorRoutes } from './routes/indicators.ts';
import { checkMediaType, clipMessage, parseJsonBody, refuseBadEncoding, refuseQuery, secure } from './security.ts';
import { ResponseCache } from './response-cache.ts';
import { loadStaticFiles, sendStatic } from './static.ts';

/** Every API route of the app, in the order they are matched (also the OpenAPI document's order). */
export function apiRoutes(deps: AppDeps): AnyRoute[] {
  const routes = [
    ...statusRoutes,
    ...municipalityRoutes,
    ...metricRoutes,
    ...exchangeRoutes,
    ...partnerRoutes,
    ...boundaryRoutes(deps.boundaryAsset),
    ...tileRoutes(deps.tiles),
    ...regionRoutes,
    ...storyRoutes,
    ...indicatorRoutes,
  ];
  return [...routes, ...docsRoutes(routes)];
}

function tokenMatches(header: string | undefined, token: string): boolean {
  const sent = /^Bearer\s+(.+)$/i.exec(header ?? '')?.[1]?.trim() ?? '';
  const a = Buffer.from(sent);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Builds the Hono app. Tests call it without a socket: `createApp(deps).request('/api/health')`.
 */
export function createApp(deps: AppDeps): Hono {
  const app = new Hono();
  app.use('*', secure());
  app.use('*', refuseBadEncoding());
  // Without the answer cache (the benchmark's "uncached" reads) every GET runs its handler and serialises.
  const cache = new ResponseCache(deps.answerCache === false ? apiRoutes(deps).map((r) => r.path) : ['/api/health']);

  app.use(
    '/api/*',
    bodyLimit({
      maxSize: 2 * 1024 * 1024,
      onError: () => {
        throw new ApiError(413, 'payload_too_large', 'request body is larger than 2 MiB');
      },
    }),
  );

  for (const route of apiRoutes(deps)) {
    app.on(route.method.toUpperCase(), route.path, async (c) => {
      if (route.write && !tokenMatches(c.req.header('authorization'), deps.writeToken)) {
        throw new ApiError(401, 'unauthorized', 'writes need the header "Authorization: Bearer <token>" with the token printed at server start (or ATLAS_WRITE_TOKEN)');
      }
      const repeated = Object.entries(c.req.queries()).find(([, v]) => v.length > 1);
      if (repeated) throw new ApiError(400, 'invalid_input', `query ${repeated[0]}: give it once, not ${repeated[1].length} times`);
      const query = route.query ? parseInput(route.query, c.req.query(), 'query') : refuseQuery(c.req.queries());
      const params = parseInput(route.params, c.req.param(), 'path');
      const accepts = route.accepts ?? (route.body ? ['application/json'] : undefined);
      if (accepts) checkMediaType(accepts, c.req.header('content-type'), Boolean(route.body));
      let body: unknown;
      if (route.body) body = parseInput(route.body, parseJsonBody(new Uint8Array(await c.req.arrayBuffer())), 'body');
      return cache.respond(route, c, { params, query }, () => route.handle({ c, deps, query, params, body }));
    });
  }

  app.all('/api/*', (c) => c.json(errorBody('not_found', clipMessage(`no API route ${c.req.method} ${c.req.path}; see /api/openapi.json`)), 404));

  if (deps.staticDir && existsSync(deps.staticDir)) {
    const files = loadStaticFiles(resolve(deps.staticDir));
    const shell = files.get('/index.html');
    app.get('*', (c, next) => {
      const file = files.get(c.req.path === '/' ? '/index.html' : c.req.path);
      return file ? sendStatic(c, file) : next();
    });
    // A missing bundle file is a 404, not the app shell (which a script tag would try to run as JavaScript).
    app.get('/assets/*', (c) => c.json(errorBody('not_found', clipMessage(`no file at ${c.req.path}`)), 404));
    // Client-side routes (e.g. /present/story/2) get the app shell.
    app.get('*', (c) => (shell ? sendStatic(c, shell) : c.text('client not built; run `npm run build:web`', 404)));
  }

  app.onError((err, c) => {
    if (err instanceof ApiError) return c.json(errorBody(err.code, clipMessage(err.message)), err.status);
    console.error(`[${new Date().toISOString()}] ${c.req.method} ${c.req.path}:`, err);
    return c.json(errorBody('internal', 'the server could not answer this request; the error was logged'), 500);
  });
  app.notFound((c) => c.json(errorBody('not_found', clipMessage(`nothing at ${c.req.path}`)), 404));
  return app;
}
