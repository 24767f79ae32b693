import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLoad, sampleUrls } from '../../bench/load.ts';
import { apiRoutes } from '../../server/app.ts';
import { type RunningServer, startServer } from '../helpers/server.ts';

// CI keeps this short; `npm run bench` runs the full 30 s.
const seconds = Number(process.env.LOAD_SECONDS ?? 12);

let server: RunningServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server?.stop());

describe('load', () => {
  it(
    `serves 64 connections for ${seconds} s over every GET route without an error`,
    async () => {
      const urls = await sampleUrls(server.url, apiRoutes({ db: null as never, writeToken: '', boundaryAsset: '{}' }));
      expect(urls).toContain('/api/municipalities');
      expect(urls.length).toBeGreaterThan(8);
      const s = await runLoad(server.url, urls, 64, seconds);
      console.log(
        `load: ${urls.length} routes, 64 connections, ${seconds} s: ${s.requests} requests, ${s.requestsPerSecond} req/s, p50 ${s.p50Ms} ms, p99 ${s.p99Ms} ms, errors ${s.errors}, timeouts ${s.timeouts}, non-2xx ${s.non2xx}\n      ${urls.join(' ')}`,
      );
      expect(s.errors).toBe(0);
      expect(s.timeouts).toBe(0);
      expect(s.non2xx).toBe(0);
      expect(s.requests).toBeGreaterThan(urls.length * 64);
      // Still healthy afterwards.
      expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    },
    (seconds + 60) * 1000,
  );
});
