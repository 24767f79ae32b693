import { describe, expect, it } from 'vitest';
import { type EligibilityCity, centralCityCriteria, eligibility, inBigMetro, settlementCriteria, thresholds } from './eligibility.ts';

const city = (code: string, over: Partial<EligibilityCity> = {}): EligibilityCity => ({
  code,
  name: `c${code}`,
  prefCode: code.slice(0, 2),
  prefName: 'p',
  kind: 'city',
  population: 50_000,
  areaKm2: 100,
  dayNightRatio: 100,
  dayNightEstimated: true,
  lon: 133,
  lat: 34.5,
  ...over,
});
// Metro cores at their real places, so the distance rule can be tested.
const cores = [
  city('13101', { kind: 'special_ward', lon: 139.75, lat: 35.69 }),
  city('23100', { kind: 'designated_city', lon: 136.91, lat: 35.18 }),
  city('27100', { kind: 'designated_city', lon: 135.5, lat: 34.69 }),
];
const byCode = (...cs: EligibilityCity[]) => new Map([...cores, ...cs].map((c) => [c.code, c]));

describe('distances and the three big metropolitan areas', () => {
  it('puts a city in a metropolitan prefecture near a core inside, and a far one (姫路) outside', () => {
    const kawagoe = city('11201', { lon: 139.49, lat: 35.92 });
    const himeji = city('28201', { lon: 134.69, lat: 34.82 });
    const maebashi = city('10201', { lon: 139.06, lat: 36.39 });
    expect(inBigMetro(kawagoe, byCode(kawagoe)).inside).toBe(true);
    expect(inBigMetro(himeji, byCode(himeji)).inside).toBe(false);
    expect(inBigMetro(maebashi, byCode(maebashi)).inside).toBe(false);
  });
});

describe('連携中枢都市 criteria', () => {
  const core = city('34207', { kind: 'core_city', population: 460_930, dayNightRatio: 100.2 });
  it('a core city of 200,000+ with ratio ≥ 100 outside the metro areas meets every criterion, with figures and thresholds', () => {
    const cs = centralCityCriteria(core, byCode(core));
    expect(cs.every((c) => c.met)).toBe(true);
    expect(cs.find((c) => c.id === 'population')).toMatchObject({ value: 460_930, threshold: '≥ 200,000' });
    expect(cs.find((c) => c.id === 'day_night_ratio')?.note).toBe('estimated');
  });
  it('a ratio of 97 is a near miss ("おおむね"), 90 is not', () => {
    const near = centralCityCriteria({ ...core, dayNightRatio: 97 }, byCode(core)).find((c) => c.id === 'day_night_ratio')!;
    expect(near).toMatchObject({ met: false, near: true });
    const far = centralCityCriteria({ ...core, dayNightRatio: 90 }, byCode(core)).find((c) => c.id === 'day_night_ratio')!;
    expect(far).toMatchObject({ met: false, near: false });
    expect(thresholds.dayNightRatioNear).toBe(95);
  });
  it('classifies lead, eligible, near miss, and leaves others out', () => {
    const lead = city('34100', { kind: 'designated_city', population: 1_200_000, dayNightRatio: 90 });
    const eligible = core;
    const near = city('32201', { kind: 'core_city', population: 190_000, dayNightRatio: 101 });
    const small = city('34203', { population: 20_000 });
    const out = eligibility('central_city_region', [...cores, lead, eligible, near, small], new Map(), new Map([['34100', { id: 'ccr-34100', name: 'r', status: 'active' }]]));
    const status = Object.fromEntries(out.map((c) => [c.code, c.status]));
    expect(status).toMatchObject({ '34100': 'lead', '34207': 'eligible', '32201': 'near_miss' });
    expect(status['34203']).toBeUndefined();
    expect(out.find((c) => c.code === '34100')!.meetsCriteria).toBe(false);
    expect(out.find((c) => c.code === '34100')!.leadsRegion?.id).toBe('ccr-34100');
  });
  it('finds the two-city case: neighbouring cities of 100,000+ each, together over 200,000, ratio ≥ 100', () => {
    const a = city('35203', { population: 162_000, dayNightRatio: 101 });
    const b = city('35202', { population: 194_000, dayNightRatio: 102 });
    const lonely = city('35204', { population: 150_000, dayNightRatio: 103 });
    const out = eligibility(
      'central_city_region',
      [...cores, a, b, lonely],
      new Map([
        ['35203', ['35202']],
        ['35202', ['35203']],
      ]),
      new Map(),
    );
    const ca = out.find((c) => c.code === '35203')!;
    expect(ca).toMatchObject({ status: 'eligible', path: 'two_city', partnerCode: '35202' });
    expect(ca.criteria.find((c) => c.id === 'population_total')).toMatchObject({ value: 356_000, met: true });
    expect(out.find((c) => c.code === '35204')).toBeUndefined();
  });
});

describe('定住自立圏 central-city criteria', () => {
  it('meets at 40,000+ and ratio ≥ 100; a town never qualifies', () => {
    expect(settlementCriteria(city('20202', { population: 42_000, dayNightRatio: 104 }), byCode()).every((c) => c.met)).toBe(true);
    expect(settlementCriteria(city('20202', { population: 30_000, dayNightRatio: 104 }), byCode()).find((c) => c.id === 'population')!.met).toBe(false);
    expect(settlementCriteria(city('20321', { kind: 'town', population: 60_000, dayNightRatio: 120 }), byCode()).find((c) => c.id === 'kind')!.met).toBe(false);
  });
});
