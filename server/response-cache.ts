import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip, gzipSync } from 'node:zlib';
import type { Context } from 'hono';
import type { AnyRoute } from './route.ts';

const gzipAsync = promisify(gzip);
/** Answers up to this size go uncompressed: gzip would save less than its header and time cost. */
const gzipWorth = 1024;

/**
 * A JSON answer ready to send: its bytes, its gzip (made once, on first need) and its ETag. The buffers are
 * shared by every response that sends this answer and never written to, so a thousand queued answers cost
 * one copy of the bytes, not a thousand.
 */
export class JsonEntry {
  readonly etag: string;
  #gz: Buffer<ArrayBuffer> | undefined;

  constructor(
    readonly raw: Buffer<ArrayBuffer>,
    gzipLevel?: number,
  ) {
    this.etag = `"${createHash('sha1').update(raw).digest('base64url')}"`;
    if (gzipLevel !== undefined) this.#gz = gzipSync(raw, { level: gzipLevel });
  }

  /**
   * The entry of a JSON text with its gzip made off the main thread, so compressing a large answer does not
   * stall every other request.
   */
  static async compressed(text: string): Promise<JsonEntry> {
    const entry = new JsonEntry(Buffer.from(text));
    if (entry.raw.length > gzipWorth) entry.#gz = await gzipAsync(entry.raw);
    return entry;
  }

  /** The gzip of the answer, compressed on first call only. */
  get gz(): Buffer<ArrayBuffer> {
    this.#gz ??= gzipSync(this.raw);
    return this.#gz;
  }
}

/**
 * The entry of a JSON text, with its content hash as ETag; `gzipLevel` compresses it now (for assets sent often).
 * @example jsonEntry('{"a":1}').etag // '"…"' (sha1, base64url)
 */
export function jsonEntry(text: string, gzipLevel?: number): JsonEntry {
  return new JsonEntry(Buffer.from(text), gzipLevel);
}

/**
 * Sends a JSON entry: 304 when the client holds this ETag, gzip when it accepts it (and the body is worth it).
 * The response's body is the entry's own buffer (no copy).
 * @example return answerJson(c, jsonEntry(JSON.stringify(body)))
 */
export function answerJson(c: Context, entry: JsonEntry, cacheControl = 'no-cache'): Response {
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8', etag: entry.etag, 'cache-control': cacheControl, vary: 'accept-encoding' };
  if (c.req.header('if-none-match') === entry.etag) return new Response(null, { status: 304, headers });
  if (entry.raw.length > gzipWorth && /\bgzip\b/.test(c.req.header('accept-encoding') ?? '')) {
    return new Response(entry.gz, { headers: { ...headers, 'content-encoding': 'gzip' } });
  }
  return new Response(entry.raw, { headers });
}

/** The inputs a GET answer depends on: its route and its parsed path and query. */
export interface CacheInput {
  params?: unknown;
  query?: unknown;
}

/** JSON with object keys sorted, so two spellings of the same input give the same text. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

/**
 * The cache key of a GET: route and parsed inputs, not the URL text, so `?pref=%E5%8C%97` and `?pref=北`, or
 * `?a=1&b=2` and `?b=2&a=1`, are one entry.
 * @example cacheKey(route, { query: { b: '2', a: '1' } }) === cacheKey(route, { query: { a: '1', b: '2' } }) // true
 */
export function cacheKey(route: Pick<AnyRoute, 'method' | 'path'>, input: CacheInput): string {
  return `${route.method} ${route.path} ${canonical(input.params ?? null)} ${canonical(input.query ?? null)}`;
}

/**
 * In-memory cache of GET answers, keyed by route and parsed inputs ({@link cacheKey}). The atlas's data
 * changes only through write routes, so every write clears it (a read-only POST such as a preview neither
 * clears nor is stored); a read that began before a write finished is never stored (generation check), so no
 * stale answer outlives a write. A missing entry is computed once however many requests ask for it at the
 * same time (single flight): the others wait for that one answer. Bounded by entry count and bytes (least
 * recently used dropped first). Every GET answer gets an ETag (304 on If-None-Match) and gzip when the client
 * accepts it. A GET route's answer must depend only on its parsed inputs and the database.
 * @example return cache.respond(route, c, { params, query }, () => route.handle(input));
 */
export class ResponseCache {
  private entries = new Map<string, JsonEntry>();
  private flights = new Map<string, Promise<JsonEntry | Response>>();
  private bytes = 0;
  private generation = 0;

  /** `uncached`: paths answered fresh every time (health must ask the database). */
  constructor(
    private readonly uncached: string[] = [],
    private readonly maxEntries = 500,
    private readonly maxBytes = 64 * 1024 * 1024,
  ) {}

  /** Answers from the cache, from a computation already in flight, or by running `produce` (storing a GET's JSON answer); clears everything around a write. */
  async respond(route: AnyRoute, c: Context, input: CacheInput, produce: () => unknown): Promise<Response> {
    if (route.write) {
      this.invalidate();
      try {
        return toResponse(c, await produce());
      } finally {
        this.invalidate();
      }
    }
    if (route.method !== 'get' || this.uncached.includes(route.path)) return toResponse(c, await produce());

    const key = cacheKey(route, input);
    const stored = this.entries.get(key);
    if (stored) {
      // Re-insert: the map's order is the eviction order.
      this.entries.delete(key);
      this.entries.set(key, stored);
      return answerJson(c, stored);
    }
    const flying = this.flights.get(key);
    if (flying) {
      const shared = await flying;
      // A Response (an HTML page, say) cannot be sent twice: compute this one separately.
      return shared instanceof Response ? toResponse(c, await produce()) : answerJson(c, shared);
    }
    const generation = this.generation;
    const flight = (async (): Promise<JsonEntry | Response> => {
      const result = await produce();
      return result instanceof Response ? result : JsonEntry.compressed(JSON.stringify(result) ?? 'null');
    })();
    this.flights.set(key, flight);
    try {
      const result = await flight;
      if (!(result instanceof Response) && generation === this.generation && result.raw.length <= this.maxBytes / 8) this.store(key, result);
      return result instanceof Response ? result : answerJson(c, result);
    } finally {
      if (this.flights.get(key) === flight) this.flights.delete(key);
    }
  }

  /** Forgets every stored answer and every computation in flight (after any write). */
  invalidate(): void {
    this.generation++;
    this.entries.clear();
    this.flights.clear();
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

/** An answer sent once and not kept: compressed at gzip's fastest level, where the time matters more than bytes. */
function toResponse(c: Context, result: unknown): Response {
  if (result instanceof Response) return result;
  const text = JSON.stringify(result) ?? 'null';
  return answerJson(c, jsonEntry(text, text.length > gzipWorth && /\bgzip\b/.test(c.req.header('accept-encoding') ?? '') ? 1 : undefined));
}
