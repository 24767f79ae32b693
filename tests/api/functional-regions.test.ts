/**
 * Functional regions beside formal ones (都市雇用圏 2020) and MIC's eligibility rules, against the real built database
 * and the real list of centres.
 */
import { describe, expect, it } from 'vitest';
import type { DataSource } from '../../domain/records/municipalities.ts';
import type { EligibilityList, GroupSummary, RegionDetail, RegionList } from '../../domain/records/regions.ts';
import { json, useTestApp } from '../helpers/app.ts';

const app = useTestApp();
const get = (path: string) => app.request(path);

describe('employment areas (都市雇用圏 2020) as a region type', () => {
  it('lists the 211 areas (103 MEA, 108 MCEA) with totals and outlines like other regions', async () => {
    const { status, body } = await json<RegionList>(get('/api/regions?type=employment_area&geometry=true'));
    expect(status).toBe(200);
    expect(body.items).toHaveLength(211);
    expect(body.items.every((r) => r.outline?.type === 'MultiPolygon' && r.memberCodes.length === r.memberCount)).toBe(true);
    const tokyo = body.items.find((r) => r.id === 'uea-13100')!;
    expect(tokyo.memberCodes).toEqual(expect.arrayContaining(['13101', '13123', '11100', '14100']));
  });
  it('gives an area’s centres with 従業常住比 and its suburbs with order, destination and rate', async () => {
    const { body } = await json<RegionDetail>(get('/api/regions/uea-34207'));
    expect(body.employmentArea).toMatchObject({ kind: 'MEA', centres: [{ code: '34207', name: '福山市' }] });
    expect(body.employmentArea!.centres[0]!.employmentResidenceRatio).toBeCloseTo(0.9988, 4);
    const satosho = body.employmentArea!.suburbs.find((s) => s.code === '33445')!;
    expect(satosho).toMatchObject({ name: '里庄町', order: 2, toCode: '33205', toName: '笠岡市' });
    expect(satosho.rate).toBeCloseTo(0.2098, 4);
  });
  it('credits the dataset with the attribution line exactly as its SOURCES.md gives it', async () => {
    const { body } = await json<{ items: DataSource[] }>(get('/api/sources'));
    expect(body.items.map((s) => s.attribution)).toContain('「都市雇用圏（金本・徳岡 2002 の基準、2020年国勢調査）東京大学空間情報科学研究センター」を加工して作成');
  });
});

describe('formal regions beside the 10 % commuting area of their centre', () => {
  it('備後圏域: each member’s commuting rate to 福山市 where the 2020 data has one, members outside, and who commutes ≥ 10 % without being a member', async () => {
    const { body } = await json<RegionDetail>(get('/api/regions/ccr-34207'));
    const c = body.commuting!;
    const rate = (code: string) => Math.round((c.members.find((m) => m.code === code)?.rate ?? 0) * 1000) / 10;
    // 2020 都市雇用圏 of 福山市: 笠岡 20.3 %, 井原 16.2 %, 尾道 11.4 %, 府中 23.5 %.
    expect([rate('33205'), rate('33207'), rate('34205'), rate('34208')]).toEqual([20.3, 16.2, 11.4, 23.5]);
    const outside = c.members.filter((m) => !m.within).map((m) => [m.code, m.relation]);
    expect(outside).toEqual(
      expect.arrayContaining([
        ['34204', 'centre_of_other_area'],
        ['34203', 'other_area'],
        ['34462', 'no_area'],
        ['34545', 'no_area'],
      ]),
    );
    expect(c.counts).toMatchObject({ members: body.memberCodes.length, withRate: 4, outside: 4 });
    // Nobody outside the region sends 10 % to 福山市 itself; 里庄町 and 上島町 send 10 % or more to its members.
    expect(c.candidates).toEqual([]);
    expect(c.furtherSuburbs.map((s) => [s.name, s.via.name])).toEqual([
      ['里庄町', '笠岡市'],
      ['上島町', '尾道市'],
    ]);
    expect(c.source).toContain('都市雇用圏');
  });
  it('lists as candidates only non-members that commute ≥ 10 % to a centre', async () => {
    const all = await json<RegionList>(get('/api/regions?type=central_city_region'));
    for (const r of all.body.items.filter((x) => x.status === 'active').slice(0, 6)) {
      const d = (await json<RegionDetail>(get(`/api/regions/${r.id}`))).body.commuting!;
      for (const cand of d.candidates) {
        expect(r.memberCodes).not.toContain(cand.code);
        expect(cand.rate).toBeGreaterThanOrEqual(0.1);
      }
    }
  });
  it('a what-if preview answers the same comparison, taking the most populous member as centre when none is given', async () => {
    const res = await app.request('/api/regions/preview', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ memberCodes: ['34207', '34208', '34204'] }),
    });
    const { body } = await json<GroupSummary>(res);
    expect(body.commuting).toMatchObject({ centreAssumed: true, centres: [{ code: '34207' }] });
    expect(body.commuting!.candidates.map((x) => x.code)).toEqual(['33205', '33207', '34205']);
  });
});

describe('eligibility by MIC’s rules against the real list of centres', () => {
  it('of the 39 cities that lead a 連携中枢都市圏 today, at most 3 fail, each naming the criterion and its figure', async () => {
    const { body } = await json<EligibilityList>(get('/api/eligibility?scheme=central_city_region'));
    const leads = body.items.filter((c) => c.status === 'lead' && c.leadsRegion?.status === 'active');
    expect(leads).toHaveLength(39);
    const failures = leads.filter((c) => c.verdict === 'no' || c.verdict === 'near_miss');
    expect(failures.length).toBeLessThanOrEqual(3);
    for (const f of failures) {
      const failed = f.criteria.filter((c) => !c.met && !c.needsCheck);
      expect(failed.length, f.name).toBeGreaterThan(0);
      for (const c of failed) expect(c.value === '' || c.value === null, `${f.name} ${c.id}`).toBe(false);
    }
    // The 200,000 test is not MIC's rule: 甲府市 and 鳥取市 (中核市) lead and pass.
    for (const code of ['19201', '31201']) expect(leads.find((c) => c.code === code)?.verdict).toBe('eligible');
  });
  it('every row carries the day/night figure’s source and the threshold it was held to', async () => {
    for (const scheme of ['central_city_region', 'settlement_zone']) {
      const { body } = await json<EligibilityList>(get(`/api/eligibility?scheme=${scheme}`));
      for (const c of body.items) {
        expect(['measured', 'employment_residence_2020', 'estimate'], c.code).toContain(c.dayNightSource);
        expect([95, 100], c.code).toContain(c.dayNightThreshold);
      }
      expect(body.items.some((c) => c.dayNightSource === 'employment_residence_2020')).toBe(true);
    }
  });
  it('does not list a city that leads a 連携中枢都市圏 as a 定住自立圏 candidate (福山, 広島, 松山)', async () => {
    const { body } = await json<EligibilityList>(get('/api/eligibility?scheme=settlement_zone'));
    for (const code of ['34207', '34100', '38201']) expect(body.items.find((c) => c.code === code && c.status !== 'lead')).toBeUndefined();
    const needs = body.items.filter((c) => c.status === 'needs_check');
    expect(needs.length).toBeGreaterThan(0);
    for (const c of needs) expect(c.criteria.some((x) => x.needsCheck && x.reason)).toBe(true);
  });
});
