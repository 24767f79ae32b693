import { describe, expect, it } from 'vitest';
import type { MunicipalityDetail, SourceList } from '../../domain/records/municipalities.ts';
import type { MetricValues } from '../../domain/records/metrics.ts';
import type { RegionDetail } from '../../domain/records/regions.ts';
import { json, useTestApp } from '../helpers/app.ts';

const app = useTestApp();

const get = <T>(path: string) => json<T>(app.request(path));
const totals = (d: { outlook: { series: { population: number }[] } | null }) => d.outlook?.series.map((p) => p.population);

describe('2050 outlook of a municipality (IPSS 2023)', () => {
  it('gives 川場村 3,480 in 2020 and 2,164 in 2050, with the age groups', async () => {
    const { body } = await get<MunicipalityDetail>('/api/municipalities/10444');
    expect(body.outlook?.scope).toBe('municipality');
    expect(totals(body)).toEqual([3480, 3174, 2921, 2728, 2554, 2346, 2164]);
    expect(body.outlook?.series[6]).toEqual({ year: 2050, population: 2164, under15: 155, workingAge: 819, elderly: 1190 });
  });
  it('says 双葉町 has a projection only with the 浜通り group, and gives the group’s, never its own', async () => {
    const { body } = await get<MunicipalityDetail>('/api/municipalities/07546');
    expect(body.outlook?.scope).toBe('group');
    expect(body.outlook?.group).toMatchObject({ code: '07999', name: '浜通り地域' });
    expect(body.outlook?.group?.memberCodes).toHaveLength(13);
    expect(body.outlook?.group?.memberCodes).toContain('07546');
    expect(totals(body)?.[0]).toBe(452_508);
  });
});

describe('2050 metrics', () => {
  it('serve population2050, popChange2050Pct and share65plus2050, null for the 浜通り members', async () => {
    const pop = await get<MetricValues>('/api/metrics/population2050');
    expect(pop.body.values['10444']).toBe(2164);
    expect(pop.body.values['07546']).toBeNull();
    expect(Object.keys(pop.body.values)).toHaveLength(1741);
    const change = await get<MetricValues>('/api/metrics/popChange2050Pct');
    expect(change.body.values['10444']).toBe(-37.8);
    const aged = await get<MetricValues>('/api/metrics/share65plus2050');
    expect(aged.body.values['10444']).toBe(55);
    expect(Object.values(pop.body.values).filter((v) => v === null)).toHaveLength(13);
  });
  it('credit IPSS in /api/sources', async () => {
    const { body } = await get<SourceList>('/api/sources');
    expect(body.items.map((s) => s.attribution)).toContain('「国立社会保障・人口問題研究所『日本の地域別将来推計人口（令和5（2023）年推計）』を加工して作成」');
  });
});

describe('2050 outlook of a region', () => {
  it('sums 備後圏域’s members, starting from the census total', async () => {
    const { body } = await get<RegionDetail>('/api/regions/ccr-34207');
    expect(body.outlook.series[0]?.population).toBe(body.population);
    expect(body.outlook.excluded).toEqual([]);
    expect(body.outlook.series[6]!.population).toBeLessThan(body.population);
  });
  it('adds the 浜通り group whole where every member is in the region (福島県)', async () => {
    const { body } = await get<RegionDetail>('/api/regions/pref-07');
    expect(body.outlook.includedGroups.map((g) => g.code)).toEqual(['07999']);
    expect(body.outlook.series[0]?.population).toBe(body.population);
  });
  it('leaves out and names members projected only with a group not wholly inside', async () => {
    const { body } = await get<RegionDetail>('/api/regions/sz-07212');
    expect(body.outlook.excluded.map((m) => m.name).sort()).toEqual(['南相馬市', '飯舘村']);
    expect(body.outlook.series).toEqual([]);
  });
});
