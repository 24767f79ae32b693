import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { type ServerType, serve } from '@hono/node-server';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { apiRoutes, createApp } from '../../server/app.ts';
import { AtlasDb } from '../../server/db.ts';
import { join } from 'node:path';
import { builtBoundaries, copyDatabase, testDir } from '../helpers/database.ts';
import { json, testToken } from '../helpers/app.ts';

// The client is served from <outer>/site/client, with a sentinel package.json and secret.txt one and two levels
// above it, where a traversal would land: a probe that escapes the client folder finds one of them.
const sentinel = `traversal-sentinel-${process.pid}-${Date.now()}`;
function clientWithSentinels(): string {
  const outer = testDir('atlas-traversal-');
  const client = join(outer, 'site', 'client');
  mkdirSync(client, { recursive: true });
  cpSync(inject('webDir'), client, { recursive: true });
  for (const dir of [outer, join(outer, 'site')]) {
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: sentinel }));
    writeFileSync(join(dir, 'secret.txt'), sentinel);
  }
  return client;
}

let app: Hono;
let db: AtlasDb;
let server: ServerType;
let port: number;
beforeAll(async () => {
  db = await AtlasDb.open(copyDatabase().dbPath);
  app = createApp({ db, writeToken: testToken, boundaryAsset: readFileSync(builtBoundaries, 'utf8'), staticDir: clientWithSentinels() });
  await new Promise<void>((resolve) => {
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
      port = info.port;
      resolve();
    });
  });
});
afterAll(async () => {
  await new Promise((r) => server?.close(r));
  await db?.close();
});

/** Sends `target` exactly as written (no URL normalisation by a client library) and returns the raw answer. */
function rawGet(target: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`));
    let out = '';
    socket.setEncoding('latin1');
    socket.on('data', (d) => (out += d));
    socket.on('end', () => resolve(out));
    socket.on('error', reject);
  });
}

describe('security headers', () => {
  it('are on API answers, errors, the client and its assets', async () => {
    const shell = await app.request('/');
    const html = await shell.text();
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(asset).toBeDefined();
    for (const path of ['/api/health', '/api/nothing', '/api/municipalities?bogus=1', '/', asset!, '/present/story/2']) {
      const res = await app.request(path);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("default-src 'self'");
      expect(csp, path).toContain("worker-src 'self' blob:");
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).not.toMatch(/unsafe-eval|unsafe-inline/);
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('x-frame-options'), path).toBe('DENY');
      expect(res.headers.get('referrer-policy'), path).toBe('no-referrer');
    }
  });

  it('keep CORS closed: no Access-Control-Allow-Origin, cross-origin preflight refused', async () => {
    const res = await app.request('/api/health', { headers: { origin: 'https://evil.example' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const pre = await json(app.request('/api/exchanges/import', { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } }));
    expect(pre.status).toBe(403);
    expect(pre.body.error.code).toBe('cors_closed');
    expect(pre.headers.get('access-control-allow-origin')).toBeNull();
    expect(pre.headers.get('x-frame-options')).toBe('DENY');
  });
});

describe('request limits and errors', () => {
  it('refuses bodies over 2 MiB with a JSON 413, before any handler runs', async () => {
    const writes = apiRoutes({ db, writeToken: testToken, boundaryAsset: '{}' }).filter((r) => r.method === 'post');
    expect(writes.length).toBeGreaterThan(0);
    for (const r of writes) {
      const { status, body } = await json(
        app.request(r.path.replace(/:\w+/g, 'x'), {
          method: 'POST',
          body: 'x'.repeat(3 * 1024 * 1024),
          headers: { authorization: `Bearer ${testToken}`, 'content-type': 'application/json' },
        }),
      );
      expect(status, r.path).toBe(413);
      expect(body.error.code).toBe('payload_too_large');
    }
  });

  it('answers an unexpected failure with a generic JSON 500: no stack, no SQL, no paths', async () => {
    const failing = {
      all: () => Promise.reject(new Error('Binder Error: secret_column at /srv/atlas/server/db.ts:42')),
      one: () => Promise.reject(new Error('Binder Error: secret_column')),
    };
    const broken = createApp({ db: failing as unknown as AtlasDb, writeToken: testToken, boundaryAsset: '{}' });
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      for (const path of ['/api/health', '/api/municipalities', '/api/municipalities/13112', '/api/metrics/population']) {
        const res = await broken.request(path);
        const text = await res.text();
        expect(res.status, path).toBe(500);
        expect(JSON.parse(text)).toEqual({ error: { code: 'internal', message: expect.stringContaining('logged') } });
        expect(text).not.toMatch(/secret|Binder|db\.ts|\bat\b.*:\d+/);
        expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      }
      expect(logged).toHaveBeenCalled();
    } finally {
      logged.mockRestore();
    }
  });
});

describe('static files', () => {
  const attempts = [
    '/../../../../etc/passwd',
    '/..%2f..%2f..%2f..%2fetc%2fpasswd',
    '/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
    '/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    '/%252e%252e%252f%252e%252e%252fetc%252fpasswd',
    '/assets/../../../../../etc/passwd',
    '/assets/..%2f..%2f..%2f..%2f..%2fetc%2fpasswd',
    '/..\\..\\..\\..\\etc\\passwd',
    '/%5c..%5c..%5c..%5cetc%5cpasswd',
    '/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd',
    '//etc/passwd',
    '/etc/passwd%00.js',
    '/.%2e/.%2e/.%2e/etc/passwd',
    '/assets/%2e%2e/%2e%2e/package.json',
    '/../package.json',
    '/..%2fpackage.json',
    '/../../package.json',
    '/%2e%2e/secret.txt',
    '/%2e%2e/%2e%2e/secret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/assets/%2e%2e%2f%2e%2e%2f%2e%2e%2fsecret.txt',
    '/.%2e/secret.txt',
    '/..;/secret.txt',
    '/%2e%2e%5csecret.txt',
  ];
  it.each(attempts)('never serves a file outside the client folder: %s', async (target) => {
    const answer = await rawGet(target);
    const status = Number(/^HTTP\/1\.1 (\d+)/.exec(answer)?.[1]);
    expect(status, answer.slice(0, 200)).toBeLessThan(500);
    expect(answer).not.toContain('root:x:0:0');
    expect(answer).not.toContain(sentinel);
    // Node's HTTP parser refuses some targets (backslashes) with a bare 400 before the app sees them.
    if (!/^HTTP\/1\.1 400 Bad Request\r\n/i.test(answer)) expect(answer.toLowerCase()).toContain('x-content-type-options: nosniff');
  });
});
