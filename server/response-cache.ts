import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { Context } from 'hono';
import type { AnyRoute } from './route.ts';

/** A JSON answer ready to send: its bytes, its gzip (made on first need) and its ETag. */
export interface JsonEntry {
  raw: Buffer;
  gz?: Buffer;
  etag: string;
}

/** The entry of a JSON text, with its content hash as ETag. */
export function jsonEntry(text: string): JsonEntry {
  const raw = Buffer.from(text);
  return { raw, etag: `"${createHash('sha1').update(raw).digest('base64url')}"` };
}

/**
 * Sends a JSON entry: 304 when the client holds this ETag, gzip when it accepts it (and the body is worth it).
 * @example return answerJson(c, jsonEntry(JSON.stringify(body)))
 */
export function answerJson(c: Context, entry: JsonEntry, cacheControl = 'no-cache'): Response {
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8', etag: entry.etag, 'cache-control': cacheControl, vary: 'accept-encoding' };
  if (c.req.header('if-none-match') === entry.etag) return new Response(null, { status: 304, headers });
  if (entry.raw.length > 1024 && /\bgzip\b/.test(c.req.header('accept-encoding') ?? '')) {
    entry.gz ??= gzipSync(entry.raw);
    return new Response(new Uint8Array(entry.gz), { headers: { ...headers, 'content-encoding': 'gzip' } });
  }
  return new Response(new Uint8Array(entry.raw), { headers });
}

/**
 * In-memory cache of GET answers, keyed by path and query. The atlas's data changes only through write
 * routes, so every write clears it (a read-only POST such as a preview neither clears nor is stored); a read that began before a write finished is never stored (generation
 * check), so no stale answer outlives a write. Bounded by entry count and bytes (oldest dropped first).
 * Every GET answer gets an ETag (304 on If-None-Match) and gzip when the client accepts it.
 * @example
 *   const hit = cache.hit(route, c); if (hit) return hit;
 *   return cache.respond(route, c, () => route.handle(input));
 */
export class ResponseCache {
  private entries = new Map<string, JsonEntry>();
  private bytes = 0;
  private generation = 0;

  /** `uncached`: paths answered fresh every time (health must ask the database). */
  constructor(
    private readonly uncached: string[] = [],
    private readonly maxEntries = 500,
    private readonly maxBytes = 64 * 1024 * 1024,
  ) {}

  private static key(c: Context): string {
    const url = c.req.url;
    return url.slice(url.indexOf('/', url.indexOf('//') + 2));
  }

  /** The stored answer to this request, or undefined. */
  hit(route: AnyRoute, c: Context): Response | undefined {
    if (route.method !== 'get' || route.write || this.uncached.includes(route.path)) return undefined;
    const key = ResponseCache.key(c);
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    // Re-insert: the map's order is the eviction order.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return answerJson(c, entry);
  }

  /** Runs the handler; stores a GET's JSON answer, clears everything after a write. */
  async respond(route: AnyRoute, c: Context, produce: () => unknown): Promise<Response> {
    const isWrite = route.write === true;
    if (isWrite) this.invalidate();
    const generation = this.generation;
    let result: unknown;
    try {
      result = await produce();
    } finally {
      if (isWrite) this.invalidate();
    }
    if (result instanceof Response) return result;
    const entry = jsonEntry(JSON.stringify(result) ?? 'null');
    const cacheable = route.method === 'get' && !isWrite && !this.uncached.includes(route.path);
    if (cacheable && generation === this.generation && entry.raw.length <= this.maxBytes / 8) this.store(ResponseCache.key(c), entry);
    return answerJson(c, entry);
  }

  /** Forgets every stored answer (after any write). */
  invalidate(): void {
    this.generation++;
    this.entries.clear();
    this.bytes = 0;
  }

  private store(key: string, entry: JsonEntry): void {
    const old = this.entries.get(key);
    if (old) this.bytes -= old.raw.length;
    this.entries.set(key, entry);
    this.bytes += entry.raw.length;
    for (const [k, e] of this.entries) {
      if (this.entries.size <= this.maxEntries && this.bytes <= this.maxBytes) break;
      this.entries.delete(k);
      this.bytes -= e.raw.length;
    }
  }
}
