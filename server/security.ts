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
