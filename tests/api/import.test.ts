import type { Hono } from 'hono';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AtlasDb } from '../../server/db.ts';
import { writeImport } from '../../server/services/exchange-import/index.ts';
import { PartnerDirectory } from '../../server/services/exchange-import/partners.ts';
import type { ExchangeList, ImportReport } from '../../domain/records/exchanges.ts';
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

const post = (csv: string | Uint8Array<ArrayBuffer>, query = '', token: string | null = testToken) =>
  json<ImportReport>(
    app.request(`/api/exchanges/import${query}`, { method: 'POST', headers: { 'content-type': 'text/csv', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: csv }),
  );
const userRows = async () => (await json<ExchangeList>(app.request('/api/exchanges?origin=user'))).body.items;

const good = ['a_name,b_name,kind,year', '東京都世田谷区,北海道倶知安町,friendship,2020', '狛江市,長岡市,sister,1999'].join('\n');

describe('POST /api/exchanges/import', () => {
  it('refuses writes without the token (401) and writes nothing', async () => {
    const none = await post(good, '', null);
    expect(none.status).toBe(401);
    const wrong = await post(good, '', 'nope');
    expect(wrong.status).toBe(401);
    expect(await userRows()).toHaveLength(0);
  });

  it('dry run reports every row and writes nothing', async () => {
    const { status, body } = await post(good, '?dryRun=1');
    expect(status).toBe(200);
    expect(body).toMatchObject({ dryRun: true, encoding: 'utf-8', valid: 2, invalid: 0, imported: 0 });
    expect(body.rows[0]).toMatchObject({ line: 2, status: 'ok', a: { code: '13112' }, b: { code: '01400' }, kind: 'friendship', sinceYear: 2020, id: null });
    expect(await userRows()).toHaveLength(0);
  });

  it('reports each bad row with its problem and imports only the good ones, in one go', async () => {
    const csv = [
      '自治体A,都道府県B,自治体B,種別,締結年',
      '東京都千代田区,長野県,松本市,姉妹都市,1990', // ok, Japanese headers and kind
      '東京都千代田区,,府中市,friendship,2001', // ambiguous (東京都 and 広島県)
      '東京都千代田区,,存在しない町,friendship,2001', // unknown
      '東京都千代田区,,北海道札幌市,twin,2001', // unknown kind
      '東京都千代田区,東京都,千代田区,other,2001', // self-pair
      '東京都千代田区,長野県,松本市,sister,1991', // duplicate of line 2
      '東京都狛江市,新潟県,長岡市,disaster_aid,1988', // already in the atlas (seed)
      '東京都千代田区,,群馬県利根郡川場村,other,19xx', // bad year
      '13101,,01100,disaster_aid,', // codes, no year: ok
    ].join('\r\n');
    const { status, body } = await post(csv);
    expect(status).toBe(200);
    const byLine = new Map(body.rows.map((r) => [r.line, r]));
    const codes = (line: number) => byLine.get(line)!.problems.map((p) => p.code);
    expect(byLine.get(2)).toMatchObject({ status: 'ok', b: { code: '20202', name: '松本市' }, kind: 'sister' });
    expect(codes(3)).toEqual(['ambiguous_name']);
    expect(byLine.get(3)!.problems[0].message).toMatch(/東京都府中市.*広島県府中市|広島県府中市.*東京都府中市/);
    expect(codes(4)).toEqual(['unknown_name']);
    expect(codes(5)).toEqual(['unknown_kind']);
    expect(codes(6)).toEqual(['self_pair']);
    expect(codes(7)).toEqual(['duplicate_in_file']);
    expect(codes(8)).toEqual(['duplicate_existing']);
    expect(codes(9)).toEqual(['bad_year']);
    expect(byLine.get(9)!.b).toMatchObject({ code: '10444' });
    expect(byLine.get(10)).toMatchObject({ status: 'ok', a: { code: '13101' }, b: { code: '01100' }, sinceYear: null });
    expect(body).toMatchObject({ dryRun: false, valid: 2, invalid: 7, imported: 2 });
    expect(byLine.get(2)!.id).toMatch(/^u\d{5}$/);
    const stored = await userRows();
    expect(stored).toHaveLength(2);
    expect(stored.every((x) => x.origin === 'user' && x.sources[0]?.title.startsWith('user import'))).toBe(true);
  });

  it('refuses the same file a second time as duplicates', async () => {
    const first = await post(good);
    expect(first.body.imported).toBe(2);
    const again = await post(good);
    expect(again.body.imported).toBe(0);
    expect(again.body.rows.every((r) => r.problems[0]?.code === 'duplicate_existing')).toBe(true);
  });

  it('reads Shift_JIS (as Excel saves it) with a separate prefecture column', async () => {
    const csv = 'a_prefecture,a_name,b_prefecture,b_name,kind,year\r\n鹿児島県,指宿市,北海道,倶知安町,災害時相互応援協定,2012\r\n';
    const { body } = await post(new Uint8Array(iconv.encode(csv, 'cp932')));
    expect(body.encoding).toBe('shift_jis');
    expect(body.rows[0]).toMatchObject({ status: 'ok', a: { code: '46210', name: '指宿市' }, b: { code: '01400' }, kind: 'disaster_aid' });
    expect(body.imported).toBe(1);
    const tie = (await json<ExchangeList>(app.request('/api/exchanges?code=46210&kind=disaster_aid'))).body.items;
    expect(tie.some((x) => x.origin === 'user' && x.pairCount >= 2)).toBe(true);
  });

  it('refuses a UTF-8 file with one Shift_JIS row, naming the line, and stores nothing (never mojibake or �)', async () => {
    const before = (await userRows()).length;
    const mixed = Buffer.concat([
      Buffer.from('a_name,b_name,kind,year\n東京都千代田区,長野県松本市,sister,1990\n'),
      iconv.encode('鹿児島県指宿市,北海道倶知安町,災害時相互応援協定,2012\n', 'cp932'),
    ]);
    const { status, body } = await post(new Uint8Array(mixed));
    expect(status).toBe(400);
    const error = (body as unknown as { error: { code: string; message: string } }).error;
    expect(error.code).toBe('invalid_encoding');
    expect(error.message).toMatch(/^line 3 of the CSV is not UTF-8/);
    expect((await post(new Uint8Array(mixed), '?dryRun=1')).status).toBe(400);
    const stored = await userRows();
    expect(stored).toHaveLength(before);
    expect(stored.some((x) => `${x.a.name}${x.b.name}${x.note ?? ''}`.includes('\ufffd'))).toBe(false);
  });

  it('answers a CSV without the needed columns, an empty body or a bad query with 400', async () => {
    const noKind = await post('a_name,b_name\n世田谷区,川場村\n');
    expect(noKind.status).toBe(400);
    expect((noKind.body as unknown as { error: { message: string } }).error.message).toMatch(/kind/);
    expect((await post('')).status).toBe(400);
    expect((await post('a_name,b_name,kind\n')).status).toBe(400);
    expect((await post(good, '?dryRun=maybe')).status).toBe(400);
    expect((await post('x'.repeat(1024 * 1024 + 10))).status).toBe(413);
  });

  it('leaves nothing half-written when a write fails midway', async () => {
    const before = (await userRows()).length;
    const dir = await PartnerDirectory.load(db);
    const side = (v: string) => dir.resolve(v, '', 'a', false) as { code: string; name: string; prefName: string; lon: number; lat: number };
    const row = (line: number, a: string, b: string) => ({ line, a: side(a), b: side(b), kind: 'other' as const, sinceYear: null, agreement: null, note: null, source: null });
    // The second row repeats the first (the unique pair key refuses it), as if a concurrent import got in between.
    await expect(db.transaction((run) => writeImport(run, [row(2, '北海道稚内市', '沖縄県石垣市'), row(3, '北海道稚内市', '沖縄県石垣市')], '2025-01-01'))).rejects.toThrow();
    expect((await userRows()).length).toBe(before);
    expect((await json<ExchangeList>(app.request('/api/exchanges?code=01214'))).body.items.some((x) => x.b.code === '47207' || x.a.code === '47207')).toBe(false);
  });
});

describe('former names in an import', () => {
  it('accepts 新潟県川口町 as 長岡市, says so in the report row, and keeps the former name', async () => {
    const csv = ['a_name,b_prefecture,b_name,kind,year', '沖縄県石垣市,,新潟県川口町,other,2001', '沖縄県石垣市,新潟,北魚沼郡川口町,sister,2002'].join('\n');
    const { status, body } = await post(csv);
    expect(status).toBe(200);
    expect(body.rows[0]).toMatchObject({
      status: 'ok',
      written: { a: '沖縄県石垣市', b: '新潟県川口町' },
      b: { code: '15202', name: '長岡市', via: { kind: 'former', written: '川口町', prefecture: '新潟県', date: '2010-03-31', change: '編入合併' } },
    });
    expect(body.rows[1]).toMatchObject({ status: 'ok', written: { b: '新潟北魚沼郡川口町' }, b: { code: '15202', via: { kind: 'former' } } });
    expect(body.rows[0]!.a).not.toHaveProperty('via');
    expect(body.imported).toBe(2);
    const stored = (await json<ExchangeList>(app.request('/api/exchanges?code=47207&kind=other'))).body.items.find((x) => x.origin === 'user');
    expect(stored?.b ?? stored?.a).toBeDefined();
    const end = stored!.a.code === '15202' ? stored!.a : stored!.b;
    expect(end).toMatchObject({ code: '15202', name: '長岡市', formerName: '川口町' });
  });

  it('asks for the prefecture where a former name recurs, listing the candidates, and keeps what was typed', async () => {
    const csv = ['a_name,b_name,kind', '沖縄県石垣市,東和町,other', '沖縄県石垣市,岩手県東和町,other', '沖縄県石垣市,川口村,other'].join('\n');
    const { body } = await post(csv, '?dryRun=1');
    expect(body.rows[0]!.problems[0]).toMatchObject({ code: 'ambiguous_name', field: 'b' });
    expect(body.rows[0]!.problems[0]!.candidates!.map((c) => c.name)).toEqual(['花巻市', '登米市', '二本松市', '周防大島町']);
    expect(body.rows[0]!.problems[0]!.message).toMatch(/岩手県東和町/);
    expect(body.rows[1]).toMatchObject({ status: 'ok', b: { code: '03205', name: '花巻市', via: { kind: 'former', written: '東和町' } } });
    expect(body.rows[2]).toMatchObject({ status: 'error', written: { b: '川口村' }, b: null, problems: [{ code: 'unknown_name', written: '川口村' }] });
    // The names resolver suggests what 川口村 may have meant: 川口市 today, and 長岡市 through the former 川口町.
    const suggested = body.rows[2]!.problems[0]!.suggestions!;
    expect(suggested).toContainEqual({ code: '11203', name: '川口市', prefName: '埼玉県' });
    expect(suggested).toContainEqual({ code: '15202', name: '長岡市', prefName: '新潟県', formerName: '川口町' });
    expect(body.rows[0]!.problems[0]!.written).toBe('東和町');
  });
});

describe('imports survive a restart', () => {
  it('keeps imported agreements when the server restarts on the same database', { tags: ['process'] }, async () => {
    const { dbPath } = copyDatabase();
    const first = await startServer({ dbPath });
    const res = await fetch(`${first.url}/api/exchanges/import`, { method: 'POST', headers: { authorization: `Bearer ${first.token}`, 'content-type': 'text/csv' }, body: good });
    expect(((await res.json()) as ImportReport).imported).toBe(2);
    expect(await first.stop()).toBe(0);
    const second = await startServer({ dbPath });
    try {
      const list = (await (await fetch(`${second.url}/api/exchanges?origin=user`)).json()) as ExchangeList;
      expect(list.items.map((x) => [x.a.code, x.b.code, x.kind])).toEqual([
        ['13112', '01400', 'friendship'],
        ['13219', '15202', 'sister'],
      ]);
    } finally {
      await second.stop();
    }
  });
});
