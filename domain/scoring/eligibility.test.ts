import { describe, expect, it } from 'vitest';
import { type CommuteLink, commuteIndex } from './commuting.ts';
import {
  type EligibilityCity,
  type RuleData,
  centralCityCriteria,
  dayNightFigure,
  eligibility,
  outsideBigMetro,
  settlementCriteria,
  summariseGroup,
  verdictOf,
} from './eligibility.ts';

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
const centre = (code: string, area: string, ratio: number, unit = code): CommuteLink => ({
  areaId: `uea-${area}`,
  areaCode: area,
  areaKind: 'MEA',
  areaName: `a${area}`,
  code,
  unitCode: unit,
  order: 0,
  toCode: null,
  rate: null,
  employmentResidenceRatio: ratio,
});
const suburb = (code: string, area: string, rate: number, order = 1, toCode: string | null = null): CommuteLink => ({
  ...centre(code, area, 0),
  order,
  toCode,
  rate,
  employmentResidenceRatio: null,
});
const rules = (cities: EligibilityCity[], links: CommuteLink[] = [], over: Partial<RuleData> = {}): RuleData => ({
  byCode: new Map(cities.map((c) => [c.code, c])),
  neighbours: new Map(),
  commute: commuteIndex(links),
  mergers: new Map(),
  estimateErrorPoints: 8,
  ...over,
});
const find = (cs: ReturnType<typeof centralCityCriteria>, id: string) => cs.find((c) => c.id === id)!;

describe('the day/night figure: measured, else 従業常住比 2020 of an employment-area centre, else the estimate', () => {
  it('takes them in that order and says which', () => {
    const tokyo = city('13201', { dayNightRatio: 99.1, dayNightEstimated: false });
    const fukuyama = city('34207', { dayNightRatio: 100.2 });
    const other = city('34204', { dayNightRatio: 97 });
    const idx = commuteIndex([centre('13201', '13201', 1.2), centre('34207', '34207', 0.9987932)]);
    expect(dayNightFigure(tokyo, idx)).toEqual({ value: 99.1, source: 'measured' });
    expect(dayNightFigure(fukuyama, idx)).toEqual({ value: 99.9, source: 'employment_residence_2020' });
    expect(dayNightFigure(other, idx)).toEqual({ value: 97, source: 'estimate' });
  });
  it('does not let an estimate within its mean error of the threshold decide: 要確認 with the reason', () => {
    const c = city('20202', { dayNightRatio: 104 });
    const r = find(settlementCriteria(c, rules([c])), 'day_night_ratio');
    expect(r).toMatchObject({ met: false, needsCheck: true, source: 'estimate' });
    expect(r.reason).toMatch(/within the estimate's mean error \(±8 points\) of 100/);
    const far = find(settlementCriteria({ ...c, dayNightRatio: 110 }, rules([c])), 'day_night_ratio');
    expect(far).toMatchObject({ met: true, needsCheck: false });
  });
});

describe('連携中枢都市 (要綱第3)', () => {
  const core = city('34207', { kind: 'core_city', population: 460_930 });
  it('asks for 指定都市 or 中核市 and no population of its own; おおむね1 accepts 0.95–1 and says so', () => {
    const data = rules([core], [centre('34207', '34207', 0.9988)]);
    const cs = centralCityCriteria(core, data);
    expect(cs.map((c) => c.id)).toEqual(['kind', 'day_night_ratio', 'outside_big_metro']);
    expect(verdictOf(cs)).toBe('eligible');
    expect(find(cs, 'day_night_ratio')).toMatchObject({ value: 99.9, met: true, note: expect.stringContaining('おおむね') });
    // おおむね1 read as "rounds to 1.0": 0.95 is accepted and marked, 0.949 is a near miss.
    const at = (ratio: number) => find(centralCityCriteria(core, rules([core], [centre('34207', '34207', ratio)])), 'day_night_ratio');
    expect(at(0.95)).toMatchObject({ value: 95, met: true, note: expect.stringContaining('おおむね') });
    expect(at(0.949)).toMatchObject({ value: 94.9, met: false, near: true });
    const low = centralCityCriteria(core, rules([core], [centre('34207', '34207', 0.93)]));
    expect(find(low, 'day_night_ratio')).toMatchObject({ met: false, near: true });
    const small = centralCityCriteria({ ...core, kind: 'city', population: 600_000 }, data);
    expect(find(small, 'kind').met).toBe(false);
  });
  it('inside the 11 都府県: a centre of its own employment area meets the exception; a suburb of 政令市 does not; others 要確認', () => {
    const gifu = city('21201', { kind: 'core_city', prefName: '岐阜県' });
    const nagoya = city('23100', { kind: 'designated_city' });
    const kasugai = city('23206', { kind: 'core_city' });
    const kakamigahara = city('21213');
    const data = rules(
      [gifu, nagoya, kasugai, kakamigahara],
      [centre('21201', '21201', 1.01), centre('23100', '23100', 1.2), suburb('23206', '23100', 0.345), suburb('21213', '21201', 0.127)],
    );
    expect(outsideBigMetro(gifu, data)).toMatchObject({ met: true });
    expect(outsideBigMetro(kasugai, data)).toMatchObject({ met: false, needsCheck: false, value: 'commutes 34.5 % to c23100' });
    expect(outsideBigMetro(nagoya, data)).toMatchObject({ met: false });
    expect(outsideBigMetro(kakamigahara, data)).toMatchObject({ needsCheck: true, reason: expect.stringContaining('strongest destination') });
    expect(outsideBigMetro(city('34207'), data)).toMatchObject({ met: true });
  });
  it('finds the 第9 pair of adjacent cities (each 10万人程度, ratio ≥ 1, together 20万) and holds a co-leading city to its own pair', () => {
    const a = city('35203', { population: 193_966 });
    const b = city('35202', { population: 162_570 });
    const c = city('35206', { population: 113_979, dayNightRatio: 120 });
    const links = [centre('35203', '35203', 1.0217), centre('35202', '35202', 1.01), suburb('35206', '35203', 0.12)];
    const neighbours = new Map([
      ['35203', ['35202', '35206']],
      ['35202', ['35203']],
      ['35206', ['35203']],
    ]);
    const data = rules([a, b, c], links, { neighbours });
    const leads = new Map([['35203', { id: 'ccr-35203', name: 'r', status: 'active' as const, centerCodes: ['35203', '35202'] }]]);
    const row = eligibility('central_city_region', [a, b, c], data, leads).find((x) => x.code === '35203')!;
    expect(row).toMatchObject({ status: 'lead', path: 'two_city', partnerCode: '35202', dayNightSource: 'employment_residence_2020', dayNightThreshold: 100 });
    expect(row.criteria.find((x) => x.id === 'population_total')).toMatchObject({ value: 356_536, met: true });
    // No 10 % commuting either way: travel time cannot be decided from the data.
    expect(row.criteria.find((x) => x.id === 'within_an_hour')).toMatchObject({ needsCheck: true });
    expect(row.verdict).toBe('needs_check');
  });
});

describe('定住自立圏 中心市', () => {
  it('accepts 4万人超 as 5万人程度, never a town, and not a city that leads a 連携中枢都市圏', () => {
    const c = city('20202', { population: 42_000, dayNightRatio: 104 });
    const data = rules([c], [centre('20202', '20202', 1.04)]);
    expect(verdictOf(settlementCriteria(c, data))).toBe('eligible');
    expect(find(settlementCriteria(c, data), 'population').note).toBe('程度');
    expect(find(settlementCriteria({ ...c, population: 30_000 }, data), 'population').met).toBe(false);
    expect(find(settlementCriteria({ ...c, kind: 'town' }, data), 'kind').met).toBe(false);
    const leads = new Map([['20202', { id: 'ccr-20202', name: '某圏域', status: 'active' as const }]]);
    expect(find(settlementCriteria(c, data, leads), 'not_central_city')).toMatchObject({ met: false, value: 'leads 某圏域' });
  });
  it('says 要確認 for a merged city below 1 (the largest former city’s ratio counts), naming the merger', () => {
    const c = city('32203', { population: 172_775 });
    const data = rules([c], [centre('32203', '32203', 0.979)], { mergers: new Map([['32203', { mergedOn: '2011-10-01', formerNames: ['出雲市', '平田市'] }]]) });
    const r = find(settlementCriteria(c, data), 'day_night_ratio');
    expect(r).toMatchObject({ needsCheck: true, value: 97.9 });
    expect(r.reason).toMatch(/合併市 \(2011-10-01: 出雲市・平田市\)/);
    expect(find(settlementCriteria(c, rules([c], [centre('32203', '32203', 0.979)])), 'day_night_ratio')).toMatchObject({ near: true, needsCheck: false });
  });
});

describe('eligibility rows and groupings', () => {
  it('lists leads, eligible, 要確認 and near misses, each with its day/night source and threshold; leaves clear failures out', () => {
    const ok = city('46201', { kind: 'core_city' });
    const unsure = city('46203', { kind: 'core_city', dayNightRatio: 99 });
    const fail = city('46204', { kind: 'core_city', dayNightRatio: 70 });
    const data = rules([ok, unsure, fail], [centre('46201', '46201', 1.01)]);
    const out = eligibility('central_city_region', [ok, unsure, fail], data, new Map());
    expect(out.map((x) => [x.code, x.status, x.dayNightSource, x.dayNightThreshold])).toEqual([
      ['46201', 'eligible', 'employment_residence_2020', 95],
      ['46203', 'needs_check', 'estimate', 95],
    ]);
  });
  it('says which members of a grouping could lead and which need a check', () => {
    const ok = city('46201', { kind: 'core_city' });
    const data = rules([ok, city('46203')], [centre('46201', '46201', 1.01)]);
    const topology = { type: 'Topology', arcs: [], objects: { municipalities: { type: 'GeometryCollection', geometries: [] } } } as never;
    const g = summariseGroup(['46201', '46203'], data, topology);
    expect(g.schemes.find((s) => s.scheme === 'central_city_region')).toMatchObject({ met: true, centres: ['46201'] });
    expect(g.schemes.find((s) => s.scheme === 'settlement_zone')).toMatchObject({ met: true, centres: ['46201'] });
  });
});
