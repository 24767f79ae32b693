import { describe, expect, it } from 'vitest';
import type { MunicipalityDetail } from '../../domain/records/municipalities.ts';
import type { EligibilityList, GroupSummary, RegionDetail, RegionList } from '../../domain/records/regions.ts';
import { json, testToken, useTestApp } from '../helpers/app.ts';
import { copyDatabase } from '../helpers/database.ts';
import { startServer } from '../helpers/server.ts';

const app = useTestApp();

const get = (path: string) => app.request(path);
const send = (method: string, path: string, body?: unknown, token: string | null = testToken) =>
  app.request(path, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

describe('GET /api/regions', () => {
  it('lists every known 連携中枢都市圏 with totals and says how complete the list is', async () => {
    const { status, body } = await json<RegionList>(get('/api/regions?type=central_city_region'));
    expect(status).toBe(200);
    expect(body.items.filter((r) => r.status === 'active')).toHaveLength(37);
    expect(body.coverage).toMatchObject({ known: 37, official: 38, asOf: '2024-04-01' });
    // The official totals of the same publication, and the list's own count by status (38 = 37 formed + 1 unconfirmed).
    expect(body.coverage.officialCounts).toEqual({ regions: 38, declaredCities: 40, municipalities: 376 });
    expect(body.coverage.byStatus).toEqual({ active: 37, unconfirmed: 1 });
    expect(Object.values(body.coverage.byStatus).reduce((a, b) => a + b, 0)).toBe(body.items.length);
    const bingo = body.items.find((r) => r.id === 'ccr-34207')!;
    expect(bingo).toMatchObject({ name: '備後圏域連携中枢都市圏', centerCodes: ['34207'], memberCount: 9 });
    expect(bingo.outline).toBeUndefined();
    for (const r of body.items.filter((x) => x.status === 'active')) {
      expect(r.memberCodes.length, r.id).toBe(r.memberCount);
      for (const c of r.centerCodes) expect(r.memberCodes, r.id).toContain(c);
    }
  });
  it('gives the 定住自立圏 official totals and says how many listed zones are formed, declared or ended', async () => {
    const { body } = await json<RegionList>(get('/api/regions?type=settlement_zone'));
    expect(body.coverage).toMatchObject({ known: 97, official: 130, officialCounts: { regions: 130, declaredCities: 140, municipalities: null } });
    expect(body.coverage.byStatus.active).toBe(97);
    expect(Object.values(body.coverage.byStatus).reduce((a, b) => a + b, 0)).toBe(body.items.length);
  });
  it('gives outlines with geometry=true, and one region per prefecture', async () => {
    const { body } = await json<RegionList>(get('/api/regions?type=prefecture&geometry=true'));
    expect(body.items).toHaveLength(47);
    expect(body.items.reduce((s, r) => s + r.population, 0)).toBe(126_146_099);
    expect(body.items.find((r) => r.id === 'pref-13')).toMatchObject({ name: '東京都', memberCount: 62 });
    expect(body.items.every((r) => r.outline?.type === 'MultiPolygon')).toBe(true);
  });
  it('rejects an unknown type', async () => {
    const { status, body } = await json(get('/api/regions?type=county'));
    expect(status).toBe(400);
    expect(body.error.message).toMatch(/type/);
  });
});

describe('GET /api/regions/{id}', () => {
  it('gives 備後圏域 with members, roles, join dates, totals that add up, and its outline', async () => {
    const { status, body } = await json<RegionDetail>(get('/api/regions/ccr-34207'));
    expect(status).toBe(200);
    expect(body.members.filter((m) => m.prefecture === '広島県')).toHaveLength(7);
    expect(body.members.filter((m) => m.prefecture === '岡山県')).toHaveLength(2);
    expect(body.members.find((m) => m.code === '34207')).toMatchObject({ name: '福山市', role: 'center', joined: '2015-03-25' });
    expect(body.members.find((m) => m.code === '34203')?.joined).toBe('2024-03-28');
    expect(body.population).toBe(body.members.reduce((s, m) => s + m.population, 0));
    expect(body.centerShare).toBeCloseTo((460_930 / body.population) * 100, 0);
    expect(body.outline.type).toBe('MultiPolygon');
    // Seed 002 (FY2019): 2,509 km² without 竹原市, which joined in 2024.
    const takehara = body.members.find((m) => m.code === '34203')!;
    expect(Math.abs(body.areaKm2 - takehara.areaKm2 - 2509)).toBeLessThan(15);
  });
  it('answers 404 for an unknown id and 400 for a malformed one', async () => {
    expect((await json(get('/api/regions/ccr-99999'))).status).toBe(404);
    const bad = await json(get('/api/regions/DROP%20TABLE'));
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/path id/);
  });
});

describe('GET /api/municipalities/{code} regions', () => {
  it('lists 福山市 as centre of 備後圏域 and member of 広島県', async () => {
    const { body } = await json<MunicipalityDetail>(get('/api/municipalities/34207'));
    expect(body.regions[0]).toMatchObject({ id: 'ccr-34207', type: 'central_city_region', role: 'center' });
    expect(body.regions.some((r) => r.id === 'pref-34')).toBe(true);
  });
});

describe('GET /api/eligibility', () => {
  it('marks 福山市 as lead and names cities that could lead but do not, with figures', async () => {
    const { status, body } = await json<EligibilityList>(get('/api/eligibility?scheme=central_city_region'));
    expect(status).toBe(200);
    const fukuyama = body.items.find((c) => c.code === '34207')!;
    expect(fukuyama).toMatchObject({ status: 'lead', meetsCriteria: true, leadsRegion: { id: 'ccr-34207' } });
    // 従業常住比 2020 0.9988: おおむね1以上.
    expect(fukuyama.criteria.find((c) => c.id === 'day_night_ratio')).toMatchObject({ value: 99.9, met: true, source: 'employment_residence_2020' });
    expect(body.counts.eligible).toBeGreaterThan(0);
    for (const c of body.items.filter((x) => x.status === 'eligible')) expect(c.leadsRegion).toBeNull();
    expect(body.items.every((c) => typeof c.dayNightEstimated === 'boolean')).toBe(true);
  });
  it('covers 定住自立圏 too and refuses other schemes', async () => {
    const sz = await json<EligibilityList>(get('/api/eligibility?scheme=settlement_zone'));
    expect(sz.body.counts.lead).toBeGreaterThan(90);
    expect((await json(get('/api/eligibility?scheme=prefecture'))).status).toBe(400);
    expect((await json(get('/api/eligibility'))).status).toBe(400);
  });
});

describe('POST /api/regions/preview', () => {
  it('sums three municipalities and says which scheme a member could lead, without saving', async () => {
    const { status, body } = await json<GroupSummary>(send('POST', '/api/regions/preview', { memberCodes: ['34207', '34205', '34204'] }, null));
    expect(status).toBe(200);
    expect(body.population).toBe(460_930 + 131_170 + 90_573);
    expect(body.schemes.find((s) => s.scheme === 'central_city_region')).toMatchObject({ met: true, centres: ['34207'] });
    const list = await json<RegionList>(get('/api/regions?type=custom'));
    expect(list.body.items).toHaveLength(0);
  });
});

describe('POST and DELETE /api/regions (custom)', () => {
  it('refuses writes without the token and changes nothing', async () => {
    expect((await json(send('POST', '/api/regions', { name: 'x', memberCodes: ['34207'] }, null))).status).toBe(401);
    expect((await json(send('POST', '/api/regions', { name: 'x', memberCodes: ['34207'] }, 'wrong'))).status).toBe(401);
    expect((await json(send('DELETE', '/api/regions/pref-13', undefined, null))).status).toBe(401);
    expect((await json<RegionList>(get('/api/regions?type=custom'))).body.items).toHaveLength(0);
  });
  it('validates: unknown codes named, empty, over 300, no name, too long a name, centre outside the members', async () => {
    const unknown = await json(send('POST', '/api/regions', { name: 'x', memberCodes: ['34207', '99998', '00000'] }));
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toContain('99998');
    expect(unknown.body.error.message).toContain('00000');
    const all = (await json<RegionList>(get('/api/regions?type=prefecture'))).body.items.flatMap((r) => r.memberCodes);
    for (const [body, field] of [
      [{ name: 'x', memberCodes: [] }, 'memberCodes'],
      [{ name: 'x', memberCodes: all.slice(0, 301) }, 'memberCodes'],
      [{ memberCodes: ['34207'] }, 'name'],
      [{ name: '   ', memberCodes: ['34207'] }, 'name'],
      [{ name: 'x'.repeat(81), memberCodes: ['34207'] }, 'name'],
      [{ name: 'x', memberCodes: ['3420'] }, 'memberCodes'],
      [{ name: 'x', memberCodes: ['34207'], centerCodes: ['34205'] }, 'centerCodes'],
      [{ name: 'x', memberCodes: ['34207'], type: 'prefecture' }, 'type'],
    ] as const) {
      const r = await json(send('POST', '/api/regions', body));
      expect(r.status, JSON.stringify(body).slice(0, 60)).toBe(400);
      expect(r.body.error.message).toContain(field);
    }
    const notJson = await app.request('/api/regions', { method: 'POST', headers: { authorization: `Bearer ${testToken}`, 'content-type': 'application/json' }, body: 'nope' });
    expect(notJson.status).toBe(400);
    const notTyped = await app.request('/api/regions', { method: 'POST', headers: { authorization: `Bearer ${testToken}` }, body: '{}' });
    expect(notTyped.status).toBe(415);
  });
  it('saves a grouping with totals and outline, lists it, and deletes it; seed regions cannot be deleted', async () => {
    const saved = await json<RegionDetail>(
      send('POST', '/api/regions', { type: 'custom', name: '  東備後案 ', memberCodes: ['34207', '34205', '34204', '34207'], centerCodes: ['34207'] }),
    );
    expect(saved.status).toBe(201);
    expect(saved.body).toMatchObject({ type: 'custom', name: '東備後案', memberCount: 3, population: 682_673 });
    expect(saved.body.id).toMatch(/^custom-[0-9a-f]{10}$/);
    expect(saved.body.outline.type).toBe('MultiPolygon');
    const list = await json<RegionList>(get('/api/regions?type=custom'));
    expect(list.body.items.map((r) => r.id)).toEqual([saved.body.id]);
    const muni = await json<MunicipalityDetail>(get('/api/municipalities/34205'));
    expect(muni.body.regions.some((r) => r.id === saved.body.id && r.type === 'custom')).toBe(true);
    const refused = await json(send('DELETE', '/api/regions/ccr-34207'));
    expect(refused.status).toBe(403);
    expect((await json(get('/api/regions/ccr-34207'))).status).toBe(200);
    expect((await json(send('DELETE', `/api/regions/${saved.body.id}`))).body).toEqual({ deleted: saved.body.id });
    expect((await json(get(`/api/regions/${saved.body.id}`))).status).toBe(404);
    expect((await json(send('DELETE', `/api/regions/${saved.body.id}`))).status).toBe(404);
  });
});

describe('custom regions persist', () => {
  it('survive a server restart on the same database file', { tags: ['process'] }, async () => {
    const { dbPath } = copyDatabase();
    const first = await startServer({ dbPath });
    let id: string;
    try {
      const res = await fetch(`${first.url}/api/regions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${first.token}` },
        body: JSON.stringify({ name: '再起動テスト', memberCodes: ['13101', '13102'] }),
      });
      expect(res.status).toBe(201);
      id = ((await res.json()) as RegionDetail).id;
    } finally {
      await first.stop();
    }
    const second = await startServer({ dbPath });
    try {
      const detail = (await (await fetch(`${second.url}/api/regions/${id}`)).json()) as RegionDetail;
      expect(detail).toMatchObject({ id, name: '再起動テスト', type: 'custom', memberCount: 2 });
      expect(detail.members.map((m) => m.code).sort()).toEqual(['13101', '13102']);
    } finally {
      await second.stop();
    }
  });
});
