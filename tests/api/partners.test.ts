import { describe, expect, it } from 'vitest';
import type { ComplementRanking, DisasterRanking } from '../../domain/records/partners.ts';
import { json, useTestApp } from '../helpers/app.ts';

const app = useTestApp();

const disaster = (path: string) => json<DisasterRanking>(app.request(path));
const complement = (path: string) => json<ComplementRanking>(app.request(path));

describe('GET /api/partners/{code}?purpose=disaster', () => {
  it('ranks all 1,740 other municipalities by score with every factor, best first', async () => {
    const { status, body } = await disaster('/api/partners/13219?purpose=disaster&limit=1740');
    expect(status).toBe(200);
    expect(body.origin).toMatchObject({ code: '13219', name: '狛江市', zones: ['tokyo_inland'] });
    expect(body.total).toBe(1740);
    expect(body.items).toHaveLength(1740);
    expect(Object.keys(body.scores)).toHaveLength(1740);
    expect(body.params).toEqual({
      decayKm: 100,
      zonePenalty: 0.5,
      possibleZoneWeight: 0.5,
      ownHazardWeight: 1,
      stormDecayKm: 300,
      reachMidKm: 700,
      reachWidthKm: 150,
      ferryPenaltyKm: 200,
      capacityRatio: 1,
    });
    for (let i = 1; i < body.items.length; i++) expect(body.items[i - 1].score).toBeGreaterThanOrEqual(body.items[i].score);
    for (const it of body.items.slice(0, 50)) {
      expect(it.score).toBeCloseTo((1 - it.factors.risk) * it.factors.reachability * it.factors.capacity, 3);
      expect(1 - it.factors.risk).toBeCloseTo((1 - it.factors.sameQuake) * (1 - it.factors.sameStorm) * (1 - it.factors.ownHazard), 3);
      expect(Object.keys(it.factors.hazard).sort()).toEqual(['floodShare', 'quakeProb30', 'surgeShare', 'tsunamiShare']);
    }
  });

  it('puts 長岡市 (川口町, ~210 km) in the upper part with its existing ties marked; a neighbour scores low', async () => {
    const { body } = await disaster('/api/partners/13219?limit=1740');
    const idx = body.items.findIndex((i) => i.code === '15202');
    const nagaoka = body.items[idx];
    expect(nagaoka.distanceKm).toBeGreaterThan(195);
    expect(nagaoka.distanceKm).toBeLessThan(225);
    expect(nagaoka.existingTies).toEqual(['disaster_aid', 'friendship']);
    expect(idx).toBeLessThan(300);
    const chofu = body.items.find((i) => i.code === '13208')!; // 調布市, next door
    expect(chofu.distanceKm).toBeLessThan(10);
    expect(chofu.score).toBeLessThan(0.1);
    expect(chofu.factors.sharedZones).toEqual(['tokyo_inland']);
  });

  it('applies the zone penalty: two 南海トラフ municipalities 300 km apart score below an unexposed pair', async () => {
    const { body } = await disaster('/api/partners/22100?limit=1740'); // 静岡市
    const inZone = body.items.filter((i) => i.factors.sharedZones.includes('nankai_trough'));
    expect(inZone.length).toBeGreaterThan(100);
    const penalised = await disaster('/api/partners/22100?limit=1740&zonePenalty=0');
    const kochi = (r: DisasterRanking) => r.items.find((i) => i.code === '39201')!; // 高知市, also in the zone
    expect(kochi(body).factors.risk).toBeGreaterThan(kochi(penalised.body).factors.risk);
    expect(kochi(body).score).toBeLessThan(kochi(penalised.body).score);
  });

  const median = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return (s[(s.length - 1) >> 1] + s[s.length >> 1]) / 2;
  };

  it('proposes partners that would not be struck themselves: top-10 median J-SHIS probability ≤ 25 % for 静岡, 高知, 横浜, 仙台', async () => {
    for (const code of ['22100', '39201', '14100', '04100']) {
      const { body } = await disaster(`/api/partners/${code}?limit=10`);
      const own = body.origin.hazard.quakeProb30!;
      const top = median(body.items.map((i) => i.factors.hazard.quakeProb30!));
      expect(top, body.origin.name).toBeLessThanOrEqual(25);
      expect(top, body.origin.name).toBeLessThan(own);
    }
    // Without the partner's own hazard, the same origins were offered partners in the 50 % range (横浜, 川崎 for 仙台).
    const blind = await disaster('/api/partners/04100?limit=10&ownHazardWeight=0&possibleZoneWeight=0');
    expect(median(blind.body.items.map((i) => i.factors.hazard.quakeProb30!))).toBeGreaterThan(25);
  });

  it('names 仙台市’s own hazard: its J-SHIS probability and the 日本海溝 zone its prefecture is partly designated for', async () => {
    const { body } = await disaster('/api/partners/04100?limit=3');
    expect(body.origin.hazard.quakeProb30).toBeGreaterThan(20);
    expect(body.origin.possibleZones).toEqual(['japan_trench']);
    const ishinomaki = (await disaster('/api/partners/04100?limit=1740')).body.items.find((i) => i.code === '04202')!; // 石巻市, same prefecture
    expect(ishinomaki.factors.possibleZones).toEqual(['japan_trench']);
  });

  it('gives a small origin a real order: rank 1 and rank 50 differ by at least 0.05 (川場村, 隠岐の島町)', async () => {
    for (const code of ['10444', '32528']) {
      const { body } = await disaster(`/api/partners/${code}?limit=50`);
      expect(body.items[0].score - body.items[49].score, body.origin.name).toBeGreaterThanOrEqual(0.05);
    }
  });

  it('reaches an island through its ferry port and flags every sea crossing (隠岐の島町 → 松江市)', async () => {
    const { body } = await disaster('/api/partners/32528?limit=1740');
    expect(body.origin.island).toBe(true);
    expect(body.origin.port).toMatchObject({ code: '32201', name: '松江市' });
    expect(body.origin.port!.seaKm).toBeGreaterThan(50);
    const mainland = body.items.filter((i) => i.code.slice(0, 2) !== '32' || i.code === '32201');
    expect(mainland.every((i) => i.seaCrossing && i.factors.crossings >= 1)).toBe(true);
    const matsue = body.items.findIndex((i) => i.code === '32201');
    // Across the sea to the landing point, then by road to 松江市's centre.
    expect(body.items[matsue].factors.routeKm).toBeGreaterThan(body.origin.port!.seaKm);
    expect(body.items[matsue].factors.routeKm).toBeLessThan(body.origin.port!.seaKm + 40);
    // Straight-line scoring put the ports about 1,050th; through the port the nearest mainland ranks far higher.
    expect(matsue).toBeLessThan(500);
    const tokyo = await disaster('/api/partners/13101?limit=1740');
    expect(tokyo.body.origin.island).toBe(false);
    expect(tokyo.body.items.find((i) => i.code === '15202')!.seaCrossing).toBe(false); // 長岡市
    expect(tokyo.body.items.find((i) => i.code === '15224')!.seaCrossing).toBe(true); // 佐渡市
  });

  it('lists the partners already tied wherever they rank, with what holds each down (世田谷区–川場村: capacity)', async () => {
    const { body } = await disaster('/api/partners/13112?limit=10');
    const kawaba = body.existing.find((e) => e.code === '10444')!;
    expect(kawaba.existingTies).toContain('disaster_aid');
    expect(kawaba.factors.limitedBy).toBe('capacity');
    expect(kawaba.rank).toBeGreaterThan(1000);
    expect(body.existing.map((e) => e.rank)).toEqual([...body.existing.map((e) => e.rank)].sort((a, b) => a - b));
  });

  it('re-ranks with parameters and honours limit', async () => {
    const near = await disaster('/api/partners/13219?decayKm=20&reachMidKm=200&reachWidthKm=50&limit=5');
    expect(near.body.items).toHaveLength(5);
    expect(near.body.params.decayKm).toBe(20);
    expect(Math.max(...near.body.items.map((i) => i.distanceKm))).toBeLessThan(250);
  });

  it('answers parameters out of range with 400 naming the valid range, and an unknown code with 404', async () => {
    const cases: [string, RegExp][] = [
      ['/api/partners/13219?decayKm=5', /decayKm: must be between 10 and 1000 km/],
      ['/api/partners/13219?zonePenalty=2', /zonePenalty: must be between 0 and 1/],
      ['/api/partners/13219?reachMidKm=abc', /reachMidKm/],
      ['/api/partners/13219?limit=0', /limit/],
      ['/api/partners/13219?purpose=tourism', /purpose/],
      ['/api/partners/13219?wAged=2', /wAged: not a parameter of purpose=disaster/],
      ['/api/partners/1321?purpose=disaster', /code/],
      ['/api/partners/13219?bogus=1', /bogus/],
    ];
    for (const [path, message] of cases) {
      const { status, body } = await json(app.request(path));
      expect(status, path).toBe(400);
      expect(body.error.message, path).toMatch(message);
    }
    const missing = await json(app.request('/api/partners/99999'));
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('not_found');
  });
});

describe('GET /api/partners/{code}?purpose=complement', () => {
  it('ranks rural places first for an urban ward, with a factor per axis', async () => {
    const { status, body } = await complement('/api/partners/13112?purpose=complement&limit=20');
    expect(status).toBe(200);
    expect(body.items).toHaveLength(20);
    expect(Object.keys(body.items[0].factors).sort()).toEqual(['aged', 'dayNight', 'density', 'primary', 'size']);
    for (const it of body.items) expect(['町', '村'].some((s) => it.name.endsWith(s)) || it.factors.density.diffSd! < -2).toBe(true);
    const all = await complement('/api/partners/13112?purpose=complement&limit=1740');
    expect(all.body.items.find((i) => i.code === '10444')!.existingTies).toContain('partnership');
    expect(all.body.items.find((i) => i.code === '13115')!.score).toBeLessThan(0.3); // 杉並区, much alike
  });

  it('lists partners of partners: 流山市 links 信濃町 and 相馬市', async () => {
    const { body } = await complement('/api/partners/20583?purpose=complement');
    const soma = body.viaPartners.find((v) => v.code === '07209');
    expect(soma).toBeDefined();
    expect(soma!.via.map((v) => v.name)).toContain('流山市');
    expect(soma!.direct).toBe(true);
    expect(body.viaPartners.every((v) => v.code !== '20583')).toBe(true);
  });

  it('copes with a town without residents (双葉町: no day/night ratio nor shares)', async () => {
    const komae = await complement('/api/partners/13219?purpose=complement&limit=1740');
    const futaba = komae.body.items.find((i) => i.code === '07546')!;
    expect(futaba.factors.dayNight).toMatchObject({ candidate: null, diffSd: null, factor: 0 });
    expect(Number.isFinite(futaba.score)).toBe(true);
    const own = await complement('/api/partners/07546?purpose=complement&limit=3');
    expect(own.status).toBe(200);
    expect(own.body.items[0].factors.dayNight.origin).toBeNull();
    const aid = await disaster('/api/partners/07546?purpose=disaster&limit=3');
    expect(aid.status).toBe(200);
    for (const it of aid.body.items) expect(Number.isFinite(it.score)).toBe(true);
  });

  it('takes weights and refuses disaster parameters', async () => {
    const ok = await complement('/api/partners/13112?purpose=complement&wDensity=0&wPrimary=0&wDayNight=0&wSize=0&wAged=1&limit=3');
    expect(ok.status).toBe(200);
    expect(ok.body.items[0].score).toBeCloseTo(ok.body.items[0].factors.aged.factor, 3);
    const bad = await json(app.request('/api/partners/13112?purpose=complement&decayKm=50'));
    expect(bad.status).toBe(400);
    const range = await json(app.request('/api/partners/13112?purpose=complement&saturationSd=9'));
    expect(range.body.error.message).toMatch(/saturationSd: must be between 0.25 and 5 SD/);
  });
});
