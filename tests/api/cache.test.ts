import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import type { AtlasDb } from '../../server/db.ts';
import { builtBoundaries } from '../helpers/database.ts';
import { openTestApp, testToken } from '../helpers/app.ts';

let db: AtlasDb;
let close: () => Promise<void>;
const boundaryAsset = readFileSync(builtBoundaries, 'utf8');
beforeAll(async () => {
  ({ db, close } = await openTestApp());
});
afterAll(() => close());

/** A fresh app (empty answer cache) on the test database, counting the queries its handlers run. */
function countingApp() {
  let queries = 0;
  const counted = new Proxy(db, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (name === 'all' || name === 'one') queries++;
        return value.apply(target, args);
      };
    },
  });
  return { app: createApp({ db: counted, writeToken: testToken, boundaryAsset }), queries: () => queries };
}

// The same question spelled five ways: key order, percent-encoded keys and values.
const spellings = [
  '/api/regions?type=central_city_region&geometry=true',
  '/api/regions?geometry=true&type=central_city_region',
  '/api/regions?%74ype=central%5Fcity%5Fregion&geometry=%74rue',
  '/api/regions?geometry=%74%72%75%65&type=central_city_region',
  '/api/regions?type=%63entral_city_region&%67eometry=true',
];

describe('answer cache', () => {
  it('computes 40 concurrent first requests for a large answer once, whatever their spelling', async () => {
    const single = countingApp();
    const alone = await single.app.request(spellings[0]);
    expect(alone.status).toBe(200);
    const once = single.queries();
    expect(once).toBeGreaterThan(0);

    const crowd = countingApp();
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => crowd.app.request(spellings[i % spellings.length])));
    const bodies = await Promise.all(answers.map((a) => a.text()));
    expect(answers.map((a) => a.status)).toEqual(Array(40).fill(200));
    expect(new Set(bodies).size).toBe(1);
    expect(bodies[0]).toBe(await alone.text());
    expect(crowd.queries(), 'queries for 40 concurrent requests, against one request alone').toBe(once);
  });

  it('serves every spelling of a cached answer from the cache, with one ETag', async () => {
    const { app, queries } = countingApp();
    const first = await app.request('/api/municipalities?pref=%E5%8C%97%E6%B5%B7&kind=village');
    const after = queries();
    const etags = new Set([first.headers.get('etag')]);
    for (const path of ['/api/municipalities?kind=village&pref=北海', '/api/municipalities?pref=%e5%8c%97%e6%b5%b7&kind=%76illage']) {
      const res = await app.request(path);
      expect(res.status, path).toBe(200);
      etags.add(res.headers.get('etag'));
    }
    expect(queries()).toBe(after);
    expect(etags.size).toBe(1);
  });
});
