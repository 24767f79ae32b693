import type { MiddlewareHandler } from 'hono';
import { ApiError, errorBody } from './errors.ts';

/**
 * The content security policy of the atlas. Everything comes from this server: MapLibre's worker is a
 * script file from 'self' started through a blob: URL, the map canvases read images as data:/blob:, and
 * labels use the system font. No eval, no inline script, no third-party origin, no framing.
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self' blob:",
  "child-src 'self' blob:",
  "img-src 'self' data: blob:",
  // MapLibre and deck.gl set element styles from script (CSSOM), which style-src does not restrict.
  "style-src 'self'",
  "font-src 'self' data:",
  "connect-src 'self' data: blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers sent with every response (a route may set its own content-security-policy, e.g. the API page). */
export const securityHeaders: Record<string, string> = {
  'content-security-policy': contentSecurityPolicy,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=()',
};

/**
 * Middleware adding the security headers to every response, and closing CORS: no Access-Control-Allow-*
 * header is ever sent, and a cross-origin preflight (OPTIONS with Origin) is answered 403 in JSON.
 * @example app.use('*', secure())
 */
export function secure(): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method === 'OPTIONS' && c.req.header('access-control-request-method')) {
      c.res = c.json(errorBody('cors_closed', 'cross-origin requests are not allowed; use the atlas from its own address'), 403);
    } else {
      await next();
    }
    const headers = c.res.headers;
    for (const [name, value] of Object.entries(securityHeaders)) {
      if (!headers.has(name)) headers.set(name, value);
    }
    for (const name of [...headers.keys()]) if (name.startsWith('access-control-')) headers.delete(name);
  };
}

/**
 * For routes that declare no query schema: refuses any query parameter, so a typo never silently does
 * nothing. Returns undefined (the route's query input) when the query is empty.
 * @example refuseQuery({}) // → undefined; refuseQuery({ x: ['1'] }) throws a 400 naming `x`
 */
export function refuseQuery(queries: Record<string, string[]>): undefined {
  const keys = Object.keys(queries);
  if (keys.length) {
    const shown = keys
      .slice(0, 3)
      .map((k) => JSON.stringify(k.slice(0, 40)))
      .join(', ');
    throw new ApiError(400, 'invalid_input', `query ${shown}: this route takes no query parameters`);
  }
  return undefined;
}

/**
 * Keeps an error message readable when it quotes hostile input (a 10,000-character unknown key, say):
 * each quoted run is cut to 60 characters and the whole message to 400.
 * @example clipMessage(`query "${'x'.repeat(9999)}": unknown`) // 'query "xxx…(9999 chars)": unknown'
 */
export function clipMessage(message: string): string {
  const quoted = message.replace(/"([^"]{60})[^"]*"/g, (whole, head: string) => `"${head}…(${whole.length - 2} chars)"`).replace(/\b(\S{60})\S{20,}/g, '$1…');
  return quoted.length > 400 ? `${quoted.slice(0, 399)}…` : quoted;
}

/**
 * The first part of a request target whose percent-encoding is broken (`%ZZ`, a lone `%`, or escapes that are
 * not UTF-8 such as `%E5%8C` or `%C0%AE`), or undefined when every part decodes. Routers decode such parts
 * leniently (keeping the raw text), which would let a broken spelling through as a different value.
 * @example badPercentEncoding('/api/municipalities?q=%E5%8C') // 'q=%E5%8C'
 */
export function badPercentEncoding(target: string): string | undefined {
  const queryAt = target.indexOf('?');
  const path = queryAt < 0 ? target : target.slice(0, queryAt);
  const query = queryAt < 0 ? '' : target.slice(queryAt + 1);
  for (const part of [...path.split('/'), ...query.split('&').flatMap((pair) => pair.split('='))]) {
    if (!part.includes('%')) continue;
    try {
      decodeURIComponent(part);
    } catch {
      return part.length > 60 ? `${part.slice(0, 60)}…` : part;
    }
  }
  return undefined;
}

/**
 * Middleware answering 400 in JSON for a request target with broken percent-encoding (see {@link badPercentEncoding}).
 * @example app.use('*', refuseBadEncoding())
 */
export function refuseBadEncoding(): MiddlewareHandler {
  return async (c, next) => {
    const url = c.req.url;
    const bad = badPercentEncoding(url.slice(url.indexOf('/', url.indexOf('//') + 2)));
    if (bad !== undefined) throw new ApiError(400, 'invalid_encoding', `the address has broken percent-encoding in "${bad}"; encode text as UTF-8 with encodeURIComponent`);
    await next();
  };
}

/** Media types of CSV uploads as browsers and tools send them (Windows labels .csv files application/vnd.ms-excel). */
export const csvMediaTypes = ['text/csv', 'text/plain', 'application/csv', 'application/vnd.ms-excel', 'application/octet-stream'] as const;

/**
 * Checks a request's Content-Type against what the route reads: 415 naming the expected types. JSON must be
 * UTF-8 (RFC 8259); a route taking other bodies (a CSV) also takes a body sent without a type.
 * @example checkMediaType(['application/json'], 'text/plain', true) // throws 415 unsupported_media_type
 */
export function checkMediaType(accepted: readonly string[], header: string | undefined, json: boolean): void {
  if (header === undefined && !json) return;
  const [type = '', ...params] = (header ?? '').split(';').map((s) => s.trim().toLowerCase());
  if (!accepted.includes(type)) {
    const sent = header === undefined ? 'no Content-Type header' : `Content-Type "${type}"`;
    throw new ApiError(415, 'unsupported_media_type', `this route reads ${accepted.join(' or ')}; the request has ${sent}`);
  }
  const charset = params
    .find((p) => p.startsWith('charset='))
    ?.slice(8)
    .replace(/"/g, '');
  if (json && charset && charset !== 'utf-8' && charset !== 'utf8') throw new ApiError(415, 'unsupported_media_type', `JSON bodies must be UTF-8, not ${charset}`);
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Parses a JSON body: 400 `invalid_encoding` for bytes that are not UTF-8 (never stored as U+FFFD), 400 `invalid_json` for text that is not JSON.
 * @example parseJsonBody(new TextEncoder().encode('{"a":1}')) // { a: 1 }
 */
export function parseJsonBody(bytes: Uint8Array): unknown {
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch {
    throw new ApiError(400, 'invalid_encoding', 'the request body is not valid UTF-8');
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new ApiError(400, 'invalid_json', `the request body is not valid JSON: ${(err as Error).message}`);
  }
}
