import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Hono } from 'hono';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IndicatorList, IndicatorReport, IndicatorValues } from '../../domain/records/indicators.ts';
import { userStoreVersion, userTables } from '../../domain/tables.ts';
import { AtlasDb } from '../../server/db.ts';
import { exportUserData, importUserData } from '../../server/services/user-data.ts';
import { userTable } from '../../server/store.ts';
import { json, openTestApp, testToken } from '../helpers/app.ts';
import { copyDatabase } from '../helpers/database.ts';
import { startServer } from '../helpers/server.ts';

let app: Hono;
let db: AtlasDb;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ app, db, close } = await openTestApp());
});
afterAll(() => close());

const upload = (body: string | Uint8Array, query = '', contentType = 'text/csv', token: string | null = testToken) =>
  json<IndicatorReport>(
    app.request(`/api/indicators${query}`, {
      method: 'POST',
      headers: { 'content-type': contentType, ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: (typeof body === 'string' ? new TextEncoder().encode(body) : body) as Uint8Array<ArrayBuffer>,
    }),
  );
const list = async () => (await json<IndicatorList>(app.request('/api/indicators'))).body.items;

describe('POST /api/indicators', () => {
  it('refuses an upload without the write token (401) and saves nothing', async () => {
    const before = (await list()).length;
    const { status, body } = await upload('code,value\n13112,1\n', '', 'text/csv', null);
    expect(status).toBe(401);
    expect(body).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
    expect((await list()).length).toBe(before);
  });

  it('checks every row on a dry run: codes, names, former names, unknown names as typed, bad numbers, repeats', async () => {
    const csv = ['団体コード,市区町村,病床数', '01100,,1234', ',新潟県川口町,56', ',存在しない村,7', '13112,,abc', ',東京都世田谷区,8', '1100,,9'].join('\n');
    const { status, body } = await upload(csv, '?dryRun=1');
    expect(status).toBe(200);
    expect(body).toMatchObject({ dryRun: true, encoding: 'utf-8', valid: 2, invalid: 4, indicator: null });
    expect(body.columns).toEqual({ code: '団体コード', name: '市区町村', value: '病床数' });
    const [sapporo, kawaguchi, unknown, badNumber, setagaya, sapporoAgain] = body.rows;
    expect(sapporo).toMatchObject({ line: 2, status: 'ok', place: { code: '01100', name: '札幌市' }, value: 1234 });
    expect(kawaguchi).toMatchObject({ status: 'ok', place: { code: '15202', name: '長岡市', via: { kind: 'former', written: '川口町' } }, value: 56 });
    expect(unknown).toMatchObject({ status: 'error', written: { place: '存在しない村' }, problems: [{ code: 'unknown_name', field: 'place', written: '存在しない村' }] });
    expect(badNumber!.problems).toEqual([expect.objectContaining({ code: 'bad_number', field: 'value', written: 'abc' })]);
    // 世田谷区 was given on row 5 already (as 13112, whose value was not a number): one row per municipality.
    expect(setagaya).toMatchObject({ status: 'error', problems: [{ code: 'duplicate_place' }] });
    // Excel drops the leading zero of 01100: four digits in the code column are read as 01100 (and repeat row 2).
    expect(sapporoAgain).toMatchObject({ status: 'error', place: { code: '01100' }, problems: [{ code: 'duplicate_place', field: 'place' }] });
    expect((await list()).some((x) => x.name === '病床数')).toBe(false);
  });

  it('saves a Shift_JIS CSV keyed by name, and answers its values with the classes of the built-in metrics', async () => {
    const csv = '都道府県,市区町村,図書館数\r\n東京都,狛江市,3\r\n新潟県,長岡市,17\r\n広島県,福山市,9\r\n北海道,札幌市,40\r\n東京都,世田谷区,16\r\n長野県,信濃町,1\r\n';
    const { status, body } = await upload(iconv.encode(csv, 'cp932'), '?unit=館&fileName=libraries.csv');
    expect(status).toBe(201);
    expect(body).toMatchObject({ encoding: 'shift_jis', valid: 6, invalid: 0, indicator: { name: '図書館数', unit: '館', fileName: 'libraries.csv', count: 6 } });
    const id = body.indicator!.id;
    const values = await json<IndicatorValues>(app.request(`/api/indicators/${id}?classes=3&method=quantile`));
    expect(values.status).toBe(200);
    expect(values.body.values).toEqual({ '13219': 3, '15202': 17, '34207': 9, '01100': 40, '13112': 16, '20583': 1 });
    expect(values.body.breaks).toHaveLength(3);
    expect(values.body.breaks.at(-1)).toBe(40);
    expect(values.body).toMatchObject({ min: 1, max: 40, method: 'quantile' });
    expect((await list()).find((x) => x.id === id)).toMatchObject({ name: '図書館数', count: 6 });
  });

  it('reads an .xlsx: a code typed as a number (1100) keeps its zero, numbers stay numbers', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('data');
    sheet.addRow(['code', 'name', 'ratio']);
    sheet.addRow([1100, '札幌市', 0.25]);
    sheet.addRow(['13219', '狛江市', 1.5]);
    const bytes = new Uint8Array(await book.xlsx.writeBuffer());
    const { status, body } = await upload(bytes, '?name=テスト比率', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(status).toBe(201);
    expect(body).toMatchObject({ encoding: 'xlsx', valid: 2, indicator: { name: 'テスト比率' } });
    expect(body.rows.map((r) => [r.place?.code, r.value])).toEqual([
      ['01100', 0.25],
      ['13219', 1.5],
    ]);
  });

  it('answers bad input with {error:{code,message}} naming what is wrong', async () => {
    const noPlace = await upload('x,y\n1,2\n');
    expect(noPlace.status).toBe(400);
    expect((noPlace.body as unknown as { error: { code: string; message: string } }).error.message).toMatch(/municipality.*header found: x, y/);
    const noColumn = await upload('code,value\n13112,1\n', '?column=人口');
    expect(noColumn.status).toBe(400);
    expect((noColumn.body as unknown as { error: { message: string } }).error.message).toContain('人口');
    const badId = await json(app.request('/api/indicators/nope'));
    expect(badId.status).toBe(400);
    expect(badId.body.error.message).toContain('id');
    const missing = await json(app.request('/api/indicators/ind-0000000000'));
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('not_found');
  });

  it('deletes with the token only', async () => {
    const { body } = await upload('code,value\n13112,1\n13219,2\n');
    const id = body.indicator!.id;
    expect((await app.request(`/api/indicators/${id}`, { method: 'DELETE' })).status).toBe(401);
    const res = await json(app.request(`/api/indicators/${id}`, { method: 'DELETE', headers: { authorization: `Bearer ${testToken}` } }));
    expect(res).toMatchObject({ status: 200, body: { deleted: id } });
    expect((await app.request(`/api/indicators/${id}`)).status).toBe(404);
  });

  it('goes into the user-data backup and comes back from it', async () => {
    const data = await exportUserData(db);
    const libraries = data.indicators.find((x) => x.name === '図書館数')!;
    expect(libraries.values['15202']).toBe(17);
    const other = copyDatabase();
    const fresh = await AtlasDb.open(other.dbPath, { userStore: join(other.dir, 'atlas-user.duckdb') });
    try {
      const result = await importUserData(fresh, JSON.parse(JSON.stringify(data)));
      expect(result.indicators).toEqual({ added: data.indicators.length, unchanged: 0 });
      expect((await exportUserData(fresh)).indicators).toEqual(data.indicators);
    } finally {
      await fresh.close();
    }
  });
});

describe('own indicators in the user store', () => {
  it('a store of schema 2 opens as 3 with its data kept and the indicators table added', async () => {
    const { dir, dbPath } = copyDatabase();
    const userStore = join(dir, 'atlas-user.duckdb');
    const first = await AtlasDb.open(dbPath, { userStore });
    await first.transaction(async (run) => {
      await run(`INSERT INTO ${userTable(userTables.userStories)} VALUES ('kept', '{}', 'a', 'b')`);
      await run(`DROP TABLE ${userTable(userTables.userIndicators)}`);
      await run(`UPDATE ${userTable(userTables.storeMeta)} SET value = '2' WHERE key = 'schema_version'`);
    });
    await first.close();
    const second = await AtlasDb.open(dbPath, { userStore });
    try {
      expect(await second.all(`SELECT id FROM ${userTable(userTables.userStories)}`)).toEqual([{ id: 'kept' }]);
      expect(await second.all(`SELECT count(*)::INTEGER AS n FROM ${userTable(userTables.userIndicators)}`)).toEqual([{ n: 0 }]);
      expect(await second.one(`SELECT value FROM ${userTable(userTables.storeMeta)} WHERE key = 'schema_version'`)).toEqual({ value: String(userStoreVersion) });
    } finally {
      await second.close();
    }
  });

  it('keeps a saved indicator when the server restarts', { tags: ['process'] }, async () => {
    const { dbPath } = copyDatabase();
    const first = await startServer({ dbPath });
    let id = '';
    try {
      const res = await fetch(`${first.url}/api/indicators?name=kept`, {
        method: 'POST',
        headers: { 'content-type': 'text/csv', authorization: `Bearer ${first.token}` },
        body: 'code,value\n13219,5\n',
      });
      expect(res.status).toBe(201);
      id = ((await res.json()) as IndicatorReport).indicator!.id;
    } finally {
      await first.stop();
    }
    const second = await startServer({ dbPath });
    try {
      const kept = (await (await fetch(`${second.url}/api/indicators/${id}`)).json()) as IndicatorValues;
      expect(kept).toMatchObject({ name: 'kept', values: { '13219': 5 } });
    } finally {
      await second.stop();
    }
  });
});
