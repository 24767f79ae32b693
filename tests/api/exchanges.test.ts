import { describe, expect, it } from 'vitest';
import type { ExchangeList, ExchangeNetworkList } from '../../domain/records/exchanges.ts';
import type { MunicipalityDetail } from '../../domain/records/municipalities.ts';
import { json, useTestApp } from '../helpers/app.ts';

const app = useTestApp();

const list = (query = '') => json<ExchangeList>(app.request(`/api/exchanges${query}`));

describe('GET /api/exchanges', () => {
  it('returns every seed agreement and the pairs of multilateral networks, each with points and a source', async () => {
    const { status, body } = await list();
    expect(status).toBe(200);
    expect(body.total).toBe(body.items.length);
    expect(body.items.length).toBeGreaterThan(528);
    for (const x of body.items) {
      expect(Number.isFinite(x.a.lon) && Number.isFinite(x.b.lat)).toBe(true);
      expect(x.sources.length).toBeGreaterThan(0);
      expect(x.a.code).not.toBe(x.b.code);
      expect(x.pairCount).toBeGreaterThanOrEqual(1);
    }
    const networkPairs = body.items.filter((x) => x.network?.id === 'net-gishi-1996');
    expect(networkPairs.length).toBeGreaterThan(200);
    expect(networkPairs.every((x) => x.kind === 'disaster_aid')).toBe(true);
  });

  it('resolves historical names: 狛江市–川口町 is 狛江市–長岡市 with the old name kept, two agreements on the pair', async () => {
    const { body } = await list('?code=13219');
    const kawaguchi = body.items.filter((x) => x.b.code === '15202');
    expect(kawaguchi.map((x) => x.kind).sort()).toEqual(['disaster_aid', 'friendship']);
    expect(kawaguchi[0].b).toMatchObject({ name: '長岡市', prefName: '新潟県', formerName: '川口町' });
    expect(kawaguchi[0].pairCount).toBe(2);
    expect(kawaguchi.find((x) => x.kind === 'friendship')!.sinceYear).toBe(1987);
    expect(body.items.every((x) => x.a.code === '13219' || x.b.code === '13219')).toBe(true);
  });

  it('includes prefecture partners at the prefecture point (世田谷区–長野県 "20000")', async () => {
    const { body } = await list('?code=20000');
    expect(body.items.some((x) => [x.a.code, x.b.code].includes('13112'))).toBe(true);
    const side = body.items[0].a.code === '20000' ? body.items[0].a : body.items[0].b;
    expect(side).toMatchObject({ name: '長野県', prefName: '長野県' });
  });

  it('filters by kind (comma list), year range and origin', async () => {
    const sister = await list('?kind=sister');
    expect(sister.body.items.length).toBeGreaterThan(50);
    expect(sister.body.items.every((x) => x.kind === 'sister')).toBe(true);
    const two = await list('?kind=sister,friendship');
    expect(two.body.total).toBeGreaterThan(sister.body.total);
    const range = await list('?from=1980&to=1990');
    expect(range.body.items.length).toBeGreaterThan(0);
    expect(range.body.items.every((x) => x.sinceYear !== null && x.sinceYear >= 1980 && x.sinceYear <= 1990)).toBe(true);
    expect((await list('?origin=user')).body.total).toBe(0);
  });

  it('refuses bad filters with a JSON error naming the parameter', async () => {
    for (const q of ['?kind=twin', '?code=123', '?from=abc', '?from=2000&to=1990', '?origin=mine', '?bogus=1']) {
      const { status, body } = await list(q);
      expect(status, q).toBe(400);
      expect(body as unknown as { error: { message: string } }).toMatchObject({ error: { code: 'invalid_input' } });
    }
  });

  it('lists the exchanges in GET /api/municipalities/{code}', async () => {
    const { body } = await json<MunicipalityDetail>(app.request('/api/municipalities/13112'));
    const kawaba = body.exchanges.filter((x) => x.partner.code === '10444');
    expect(kawaba.map((x) => x.kind).sort()).toEqual(['disaster_aid', 'partnership']);
    expect(kawaba[0].partner).toEqual({ code: '10444', name: '川場村', prefName: '群馬県' });
    expect(kawaba.find((x) => x.kind === 'partnership')!.sinceYear).toBe(1981);
  });
});

describe('GET /api/exchanges/networks', () => {
  it('lists each pact once with every party as a point: 21大都市 with 東京都, 62 中核市, the listed 義士 cities', async () => {
    const { status, body } = await json<ExchangeNetworkList>(app.request('/api/exchanges/networks'));
    expect(status).toBe(200);
    const byId = new Map(body.items.map((n) => [n.id, n]));
    const cities = byId.get('net-21-cities')!;
    expect(cities.members.length).toBe(21);
    expect(cities.members.map((m) => m.name)).toEqual(expect.arrayContaining(['東京都', '札幌市', '熊本市']));
    expect(cities.membership).toBe('designation');
    expect(byId.get('net-core-cities')!.members.length).toBe(62);
    expect(byId.get('net-core-cities')!.members.some((m) => m.code === '34207')).toBe(true);
    expect(byId.get('net-gishi-1996')!.membership).toBe('listed');
    for (const n of body.items) {
      expect(n.sources.length).toBeGreaterThan(0);
      for (const m of n.members) expect(Number.isFinite(m.lon) && m.lat > 20 && m.lat < 46).toBe(true);
    }
  });
});
