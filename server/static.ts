import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Context } from 'hono';

/** One file of the built client, held in memory with its compressed forms. */
export interface StaticFile {
  type: string;
  raw: Buffer<ArrayBuffer>;
  gz: Buffer<ArrayBuffer> | null;
  br: Buffer<ArrayBuffer> | null;
  etag: string;
  cacheControl: string;
}

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/** Files whose names carry their content hash (Vite's assets/): a new build gives new names, so they never change. */
const immutable = 'public, max-age=31536000, immutable';
/** Everything else (the page itself) is checked by ETag on every use. */
const revalidate = 'no-cache';
/** Below this, compression saves less than its own cost. */
const compressFrom = 1024;

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

/**
 * Reads the built client into memory, keyed by URL path ("/assets/index-abc.js"). The build writes `.gz` and
 * `.br` beside each file worth compressing; where they are missing the gzip is made here. Only these exact
 * paths are ever served, so no request can reach a file outside the folder.
 * @example loadStaticFiles('dist/web').get('/index.html')?.cacheControl // 'no-cache'
 */
export function loadStaticFiles(root: string): Map<string, StaticFile> {
  const files = new Map<string, StaticFile>();
  for (const path of walk(root)) {
    const ext = extname(path);
    if (ext === '.gz' || ext === '.br') continue;
    const raw = readFileSync(path);
    const type = types[ext] ?? 'application/octet-stream';
    const compressible = raw.length >= compressFrom && !/^(image\/png|font\/)/.test(type);
    const sibling = (suffix: string) => (compressible && existsSync(path + suffix) ? readFileSync(path + suffix) : null);
    const urlPath = `/${relative(root, path).split(sep).join('/')}`;
    files.set(urlPath, {
      type,
      raw,
      gz: sibling('.gz') ?? (compressible ? gzipSync(raw, { level: 9 }) : null),
      br: sibling('.br'),
      etag: `"${createHash('sha1').update(raw).digest('base64url')}"`,
      cacheControl: urlPath.startsWith('/assets/') ? immutable : revalidate,
    });
  }
  return files;
}

/**
 * Sends a client file (its shared buffer, no copy): 304 when the browser holds this ETag, else brotli or gzip
 * when accepted.
 * @example return sendStatic(c, files.get('/index.html')!)
 */
export function sendStatic(c: Context, file: StaticFile): Response {
  const headers: Record<string, string> = { 'content-type': file.type, etag: file.etag, 'cache-control': file.cacheControl, vary: 'accept-encoding' };
  if (c.req.header('if-none-match') === file.etag) return new Response(null, { status: 304, headers });
  const accepted = c.req.header('accept-encoding') ?? '';
  if (file.br && /\bbr\b/.test(accepted)) return new Response(file.br, { headers: { ...headers, 'content-encoding': 'br' } });
  if (file.gz && /\bgzip\b/.test(accepted)) return new Response(file.gz, { headers: { ...headers, 'content-encoding': 'gzip' } });
  return new Response(file.raw, { headers });
}
