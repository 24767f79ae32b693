import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import type { AtlasDb } from '../../server/db.ts';
import { json, openTestApp, testToken } from '../helpers/app.ts';
import { builtBoundaries, testDir } from '../helpers/database.ts';

// A client folder of its own (no build needed): the shell and one bundle file.
const webDir = testDir('atlas-client-');
writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>atlas shell</title>');
mkdirSync(join(webDir, 'assets'));
writeFileSync(join(webDir, 'assets', 'main-abc123.js'), 'console.log(1)');

let app: Hono;
let db: AtlasDb;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ db, close } = await openTestApp());
  app = createApp({ db, writeToken: testToken, boundaryAsset: readFileSync(builtBoundaries, 'utf8'), staticDir: webDir });
});
afterAll(() => close());

/** The answer is a JSON error with this status and code. */
async function expectError(res: Response | Promise<Response>, status: number, code: string, what: string): Promise<void> {
  const { status: got, body, headers } = await json(res);
  expect(got, what).toBe(status);
  expect(headers.get('content-type'), what).toContain('application/json');
  expect(body.error.code, what).toBe(code);
  expect(body.error.message.length, what).toBeGreaterThan(10);
}

describe('broken percent-encoding', () => {
  it.each([
    '/api/municipalities?q=%E5%8C',
    '/api/municipalities?q=%ZZ',
    '/api/municipalities?pref=%',
    '/api/municipalities?%E5=1',
    '/api/municipalities/%E5',
    '/api/regions/%C0%AE%C0%AE',
    '/present/%ZZ',
    '/assets/%E5.js',
  ])('%s gets a JSON 400 naming the broken part', async (target) => {
    await expectError(app.request(target), 400, 'invalid_encoding', target);
  });
  it('lets every valid spelling through, encoded or not', async () => {
    for (const target of ['/api/municipalities?q=%E4%B8%96%E7%94%B0%E8%B0%B7', '/api/municipalities?q=世田谷', '/api/municipalities?q=100%25', '/api/municipalities?q=a+b']) {
      expect((await app.request(target)).status, target).toBe(200);
    }
  });
});

describe('request bodies', () => {
  const preview = (body: BodyInit, type?: string) => app.request('/api/regions/preview', { method: 'POST', body, headers: type === undefined ? {} : { 'content-type': type } });
  const good = JSON.stringify({ memberCodes: ['34207', '34205'] });

  it('reads JSON only when it is sent as UTF-8 application/json', async () => {
    expect((await preview(good, 'application/json')).status).toBe(200);
    expect((await preview(good, 'application/json; charset=UTF-8')).status).toBe(200);
    await expectError(preview(good, 'text/plain'), 415, 'unsupported_media_type', 'text/plain');
    await expectError(preview(new Blob([good])), 415, 'unsupported_media_type', 'no content type');
    await expectError(preview(good, 'application/x-www-form-urlencoded'), 415, 'unsupported_media_type', 'form');
    await expectError(preview(good, 'application/json; charset=shift_jis'), 415, 'unsupported_media_type', 'Shift_JIS');
  });
  it('answers 400 for text that is not JSON and for bytes that are not UTF-8, never storing U+FFFD', async () => {
    await expectError(preview('{"memberCodes": [', 'application/json'), 400, 'invalid_json', 'truncated');
    await expectError(preview('', 'application/json'), 400, 'invalid_json', 'empty');
    const sjisName = new Uint8Array([...new TextEncoder().encode('{"name":"'), 0x93, 0x8c, 0x94, 0xf5, ...new TextEncoder().encode('","memberCodes":["34207"]}')]);
    await expectError(
      app.request('/api/regions', { method: 'POST', body: sjisName, headers: { 'content-type': 'application/json', authorization: `Bearer ${testToken}` } }),
      400,
      'invalid_encoding',
      'Shift_JIS bytes in a JSON body',
    );
  });
  it('refuses JSON sent to the CSV import, and takes the types browsers give CSV files', async () => {
    const csv = 'a_code,b_code,kind,year\n13112,20583,friendship,1981\n';
    const upload = (type: string) =>
      app.request('/api/exchanges/import?dryRun=1', { method: 'POST', body: csv, headers: { 'content-type': type, authorization: `Bearer ${testToken}` } });
    await expectError(upload('application/json'), 415, 'unsupported_media_type', 'json to csv');
    await expectError(upload('multipart/form-data; boundary=x'), 415, 'unsupported_media_type', 'multipart');
    for (const type of ['text/csv', 'text/csv; charset=shift_jis', 'application/vnd.ms-excel', 'text/plain']) expect((await upload(type)).status, type).toBe(200);
  });
});

describe('the client files', () => {
  it('answer a missing /assets/ file with a JSON 404, not the app shell', async () => {
    await expectError(app.request('/assets/main-old999.js'), 404, 'not_found', 'missing bundle');
    expect(await (await app.request('/assets/main-abc123.js')).text()).toBe('console.log(1)');
  });
  it('answer client routes with the app shell', async () => {
    for (const path of ['/', '/present/story/2', '/regions']) expect(await (await app.request(path)).text(), path).toContain('atlas shell');
  });
});
