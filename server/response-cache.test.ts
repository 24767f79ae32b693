import type { Context } from 'hono';
import { describe, expect, it } from 'vitest';
import type { AnyRoute } from './route.ts';
import { ResponseCache, cacheKey, jsonEntry } from './response-cache.ts';

const read = { method: 'get', path: '/api/things' } as AnyRoute;
const write = { method: 'post', path: '/api/things', write: true } as AnyRoute;
const context = (headers: Record<string, string> = {}) => ({ req: { header: (name: string) => headers[name] } }) as unknown as Context;

/** A handler that counts its runs and answers once `release` is called. */
function gatedHandler(answer: unknown) {
  let runs = 0;
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  return {
    produce: async () => {
      runs++;
      await gate;
      return answer;
    },
    release: () => release(),
    runs: () => runs,
  };
}

describe('cacheKey', () => {
  it('ignores the order of query keys and nested keys', () => {
    expect(cacheKey(read, { query: { b: '2', a: '1' } })).toBe(cacheKey(read, { query: { a: '1', b: '2' } }));
    expect(cacheKey(read, { params: { code: '13112' }, query: { x: { d: 1, c: 2 } } })).toBe(cacheKey(read, { params: { code: '13112' }, query: { x: { c: 2, d: 1 } } }));
  });
  it('tells different inputs and routes apart', () => {
    expect(cacheKey(read, { query: { a: '1' } })).not.toBe(cacheKey(read, { query: { a: '2' } }));
    expect(cacheKey(read, { params: { id: 'a' } })).not.toBe(cacheKey(read, { query: { id: 'a' } }));
    expect(cacheKey(read, {})).not.toBe(cacheKey({ method: 'get', path: '/api/other' }, {}));
  });
});

describe('ResponseCache', () => {
  it('computes a missing entry once for 40 concurrent requests, and all get the same answer', async () => {
    const cache = new ResponseCache();
    const handler = gatedHandler({ n: 42 });
    const answers = Array.from({ length: 40 }, (_, i) => cache.respond(read, context(), { query: i % 2 ? { b: '2', a: '1' } : { a: '1', b: '2' } }, handler.produce));
    await new Promise((r) => setTimeout(r, 0));
    handler.release();
    const bodies = await Promise.all(answers.map(async (a) => (await a).text()));
    expect(handler.runs()).toBe(1);
    expect(new Set(bodies)).toEqual(new Set(['{"n":42}']));
    // And later requests are served from the stored entry.
    await cache.respond(read, context(), { query: { a: '1', b: '2' } }, handler.produce);
    expect(handler.runs()).toBe(1);
  });

  it('shares a failure with the requests waiting for it, and stores nothing', async () => {
    const cache = new ResponseCache();
    let runs = 0;
    const failing = async () => {
      runs++;
      await new Promise((r) => setTimeout(r, 5));
      throw new Error('no such thing');
    };
    const answers = await Promise.allSettled(Array.from({ length: 5 }, () => cache.respond(read, context(), {}, failing)));
    expect(answers.map((a) => a.status)).toEqual(Array(5).fill('rejected'));
    expect(runs).toBe(1);
    await expect(cache.respond(read, context(), {}, failing)).rejects.toThrow('no such thing');
    expect(runs).toBe(2);
  });

  it('never stores a read that began before a write finished, and starts a fresh computation after it', async () => {
    const cache = new ResponseCache();
    const before = gatedHandler({ v: 'old' });
    const early = cache.respond(read, context(), {}, before.produce);
    await cache.respond(write, context(), {}, () => ({ saved: true }));
    const after = gatedHandler({ v: 'new' });
    const late = cache.respond(read, context(), {}, after.produce);
    before.release();
    after.release();
    expect(await (await early).json()).toEqual({ v: 'old' });
    expect(await (await late).json()).toEqual({ v: 'new' });
    expect(after.runs()).toBe(1);
    const again = await cache.respond(read, context(), {}, () => ({ v: 'recomputed' }));
    expect(await again.json()).toEqual({ v: 'new' });
  });

  it('answers 304 to a matching If-None-Match and gzip when accepted', async () => {
    const cache = new ResponseCache();
    const big = { text: 'x'.repeat(5000) };
    const first = await cache.respond(read, context(), {}, () => big);
    const etag = first.headers.get('etag')!;
    expect(etag).toBe(jsonEntry(JSON.stringify(big)).etag);
    expect((await cache.respond(read, context({ 'if-none-match': etag }), {}, () => big)).status).toBe(304);
    const zipped = await cache.respond(read, context({ 'accept-encoding': 'gzip, br' }), {}, () => big);
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
  });

  it('keeps uncached paths fresh', async () => {
    const cache = new ResponseCache(['/api/things']);
    let runs = 0;
    await cache.respond(read, context(), {}, () => ++runs);
    await cache.respond(read, context(), {}, () => ++runs);
    expect(runs).toBe(2);
  });
});
