import { describe, expect, it } from 'vitest';
import type { Health, MunicipalityDetail, MunicipalityList, PrefectureList, SourceList } from '../../domain/records/municipalities.ts';
import type { MetricValues } from '../../domain/records/metrics.ts';
import { json, useTestApp } from '../helpers/app.ts';

const app = useTestApp();

const get = (path: string, init?: RequestInit) => app.request(path, init);

describe('GET /api/health', () => {
  it('reports all 1,741 municipalities and the data vintage', async () => {
    const { status, body } = await json<Health>(get('/api/health'));
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: 'ok', municipalities: 1741 });
    expect(body.dataVintage).toContain('2020');
  });
});

describe('GET /api/municipalities', () => {
  it('returns every municipality unfiltered, summing to the 2020 census total', async () => {
    const { body } = await json<MunicipalityList>(get('/api/municipalities'));
    expect(body.total).toBe(1741);
    expect(body.items).toHaveLength(1741);
    expect(body.items.reduce((s, m) => s + m.population, 0)).toBe(126_146_099);
    expect(body.items.every((m) => /^\d{5}$/.test(m.code) && Number.isFinite(m.lon) && Number.isFinite(m.lat))).toBe(true);
  });
  it('matches kanji, hiragana and katakana, partially', async () => {
    for (const q of ['世田谷', 'せたがや', 'セタガヤ', '田谷']) {
      const { body } = await json<MunicipalityList>(get(`/api/municipalities?q=${encodeURIComponent(q)}`));
      expect(
        body.items.map((m) => m.code),
        q,
      ).toContain('13112');
    }
  });
  it('filters by prefecture code or name and by kind', async () => {
    const byCode = await json<MunicipalityList>(get('/api/municipalities?pref=13'));
    const byName = await json<MunicipalityList>(get(`/api/municipalities?pref=${encodeURIComponent('東京都')}`));
    expect(byCode.body.total).toBe(62);
    expect(byName.body.total).toBe(62);
    const wards = await json<MunicipalityList>(get('/api/municipalities?kind=special_ward'));
    expect(wards.body.total).toBe(23);
    const designated = await json<MunicipalityList>(get('/api/municipalities?kind=designated_city'));
    expect(designated.body.total).toBe(20);
  });
  it('pages with limit and offset', async () => {
    const { body } = await json<MunicipalityList>(get('/api/municipalities?limit=10&offset=5'));
    expect(body.items).toHaveLength(10);
    expect(body.total).toBe(1741);
  });
  it('rejects bad filters with a JSON error naming the parameter', async () => {
    for (const path of [
      '/api/municipalities?kind=metropolis',
      '/api/municipalities?pref=99',
      '/api/municipalities?limit=-1',
      '/api/municipalities?bogus=1',
      '/api/municipalities?q=a&q=b',
    ]) {
      const { status, body } = await json(get(path));
      expect(status, path).toBe(400);
      expect(body.error.code).toBeTypeOf('string');
      expect(body.error.message).toMatch(/query/);
    }
  });
  it('treats SQL fragments as plain text', async () => {
    const { status, body } = await json<MunicipalityList>(get(`/api/municipalities?q=${encodeURIComponent("' OR 1=1 --")}`));
    expect(status).toBe(200);
    expect(body.total).toBe(0);
  });
});

describe('GET /api/municipalities/{code}', () => {
  it('returns every metric of 世田谷区', async () => {
    const { status, body } = await json<MunicipalityDetail>(get('/api/municipalities/13112'));
    expect(status).toBe(200);
    expect(body).toMatchObject({
      code: '13112',
      name: '世田谷区',
      nameKana: 'せたがやく',
      prefName: '東京都',
      kind: 'special_ward',
      population: 943_664,
      dayNightEstimated: false,
    });
    expect(Array.isArray(body.regions)).toBe(true);
    expect(Array.isArray(body.exchanges)).toBe(true);
  });
  it('knows designated, core and special-case cities', async () => {
    expect((await json<MunicipalityDetail>(get('/api/municipalities/14100'))).body.kind).toBe('designated_city');
    expect((await json<MunicipalityDetail>(get('/api/municipalities/34207'))).body.kind).toBe('core_city');
    expect((await json<MunicipalityDetail>(get('/api/municipalities/01400'))).body).toMatchObject({ name: '倶知安町', kind: 'town', dayNightEstimated: true });
  });
  it('answers 404 for an unknown code and 400 for a malformed one', async () => {
    const unknown = await json(get('/api/municipalities/99999'));
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('not_found');
    const bad = await json(get('/api/municipalities/abc'));
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/5-digit/);
  });
});

describe('GET /api/metrics/{metric}', () => {
  it('returns values for every municipality and ascending breaks per method', async () => {
    for (const method of ['quantile', 'equal', 'jenks']) {
      const { status, body } = await json<MetricValues>(get(`/api/metrics/population?classes=6&method=${method}`));
      expect(status).toBe(200);
      expect(Object.keys(body.values)).toHaveLength(1741);
      expect(body.breaks).toHaveLength(6);
      expect([...body.breaks].sort((a, b) => a - b)).toEqual(body.breaks);
      expect(body.breaks.at(-1)).toBe(body.max);
      expect(body.unit).toBe('人');
    }
  });
  it('gives diverging metrics exactly the requested classes, split at the neutral value and balanced', async () => {
    for (const method of ['quantile', 'equal', 'jenks']) {
      const { body } = await json<MetricValues>(get(`/api/metrics/popChangePct?classes=5&method=${method}`));
      expect(body.breaks, method).toHaveLength(5);
      expect(body.breaks, method).toContain(0);
      // 317 growing municipalities get classes of their own, not one class from 0 to the maximum.
      expect(body.breaks.filter((b) => b > 0).length, method).toBeGreaterThanOrEqual(2);
    }
  });
  it('gives null, not NaN, where a metric is undefined', async () => {
    const { body } = await json<MetricValues>(get('/api/metrics/popChangePct'));
    expect(body.values['07546']).toBeNull(); // 双葉町: no residents in 2015
  });
  it('rejects an unknown metric listing the valid ones, and bad class settings', async () => {
    const unknown = await json(get('/api/metrics/happiness'));
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toContain('dayNightRatio');
    expect((await json(get('/api/metrics/population?classes=99'))).status).toBe(400);
    expect((await json(get('/api/metrics/population?method=magic'))).status).toBe(400);
  });
});

describe('GET /api/boundaries', () => {
  it('serves the TopoJSON with an ETag, gzip when asked, and 304 when unchanged', async () => {
    const res = await get('/api/boundaries', { headers: { 'accept-encoding': 'gzip' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe('gzip');
    const etag = res.headers.get('etag')!;
    expect(etag).toBeTruthy();
    const again = await get('/api/boundaries', { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    const plain = await json(get('/api/boundaries'));
    expect(plain.body.type).toBe('Topology');
    expect(plain.body.objects.municipalities.geometries).toHaveLength(1741);
    expect(plain.body.objects.prefectures.geometries).toHaveLength(47);
  });
});

describe('GET /api/sources and /api/prefectures', () => {
  it('lists every dataset with its attribution line', async () => {
    const { body } = await json<SourceList>(get('/api/sources'));
    const lines = body.items.map((s) => s.attribution).join('\n');
    expect(lines).toContain('国土数値情報（行政区域データ）');
    expect(lines).toContain('SSDSE');
    expect(lines).toContain('東京都');
    expect(body.dayNightEstimateErrorPoints).toBeGreaterThan(0);
  });
  it('lists 47 prefectures', async () => {
    const { body } = await json<PrefectureList>(get('/api/prefectures'));
    expect(body.items).toHaveLength(47);
    expect(body.items[12]).toMatchObject({ code: '13', name: '東京都' });
  });
});

describe('unknown routes', () => {
  it('answer JSON 404s', async () => {
    const { status, body } = await json(get('/api/nothing-here'));
    expect(status).toBe(404);
    expect(body.error.code).toBe('not_found');
  });
});
