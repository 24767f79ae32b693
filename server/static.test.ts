import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gunzipSync } from 'node:zlib';
import { Hono } from 'hono';
import { beforeAll, describe, expect, it } from 'vitest';
import { type StaticFile, loadStaticFiles, sendStatic } from './static.ts';

let files: Map<string, StaticFile>;
let app: Hono;
const script = `console.log(${JSON.stringify('連携'.repeat(400))});`;

beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-static-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), `<!doctype html><title>atlas</title>${'<p>x</p>'.repeat(200)}`);
  writeFileSync(join(dir, 'assets', 'index-abc123.js'), script);
  // As the build writes it: a brotli sibling (and here no gzip one, which the server then makes itself).
  writeFileSync(join(dir, 'assets', 'index-abc123.js.br'), brotliCompressSync(script));
  writeFileSync(join(dir, 'assets', 'tiny-def456.css'), 'a{color:red}');
  files = loadStaticFiles(dir);
  app = new Hono();
  app.get('*', (c) => {
    const file = files.get(c.req.path);
    return file ? sendStatic(c, file) : c.text('none', 404);
  });
});

describe('static files', () => {
  it('serves only the built files themselves, never their compressed siblings as paths', () => {
    expect([...files.keys()].sort()).toEqual(['/assets/index-abc123.js', '/assets/tiny-def456.css', '/index.html']);
  });

  it('lets browsers keep hashed assets for good and revalidate the page by ETag', async () => {
    const asset = await app.request('/assets/index-abc123.js');
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const page = await app.request('/index.html');
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const etag = page.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await app.request('/index.html', { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });

  it('sends brotli when accepted, else gzip, else the file as it is', async () => {
    const br = await app.request('/assets/index-abc123.js', { headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('vary')).toBe('accept-encoding');
    const gz = await app.request('/assets/index-abc123.js', { headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).toBe(script);
    const plain = await app.request('/assets/index-abc123.js');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toBe(script);
  });

  it('does not compress files too small to gain from it', async () => {
    const tiny = await app.request('/assets/tiny-def456.css', { headers: { 'accept-encoding': 'gzip, br' } });
    expect(tiny.headers.get('content-encoding')).toBeNull();
    expect(await tiny.text()).toBe('a{color:red}');
  });
});
