/** Facts labelled truthfully: membership status, regions whose members are unknown, organisation links, pacts among large cities. */
import { describe, expect, it } from 'vitest';
import type { MunicipalityDetail } from '../../domain/records/municipalities.ts';
import type { DisasterRanking } from '../../domain/records/partners.ts';
import type { RegionDetail, RegionList } from '../../domain/records/regions.ts';
import { membershipStatuses } from '../../domain/records/regions.ts';
import { json, useTestApp } from '../helpers/app.ts';

const app = useTestApp();

const get = <T>(path: string) => json<T>(app.request(path)).then((r) => r.body);
const regionsOf = async (code: string) => (await get<MunicipalityDetail>(`/api/municipalities/${code}`)).regions;

describe('membership status in every answer', () => {
  it('says 佐伯市 is planned to join 大分都市広域圏 (FY2026), not a member', async () => {
    expect((await regionsOf('44205')).find((r) => r.id === 'ccr-44201')).toMatchObject({ membershipStatus: 'planned', statusDetail: 'planned' });
    const oita = await get<RegionDetail>('/api/regions/ccr-44201');
    expect(oita.members.find((m) => m.code === '44205')?.membershipStatus).toBe('planned');
    expect(oita.memberCodes).not.toContain('44205');
  });
  it('says the 定住自立圏 of 八戸市 and 高知市 ended, while their 連携中枢都市圏 are current', async () => {
    for (const code of ['02203', '39201']) {
      const regions = await regionsOf(code);
      expect(
        regions.find((r) => r.type === 'settlement_zone'),
        code,
      ).toMatchObject({ role: 'center', membershipStatus: 'ended' });
      expect(
        regions.find((r) => r.type === 'central_city_region'),
        code,
      ).toMatchObject({ membershipStatus: 'active' });
    }
  });
  it('gives one of the four statuses to every membership of every region', async () => {
    for (const code of ['13112', '34207', '10444', '30201']) {
      for (const r of await regionsOf(code)) expect(membershipStatuses, `${code} ${r.id}`).toContain(r.membershipStatus);
    }
    expect((await regionsOf('30201')).find((r) => r.id === 'ccr-30201')?.membershipStatus).toBe('unconfirmed');
  });
});

describe('regions whose members are not known', () => {
  it('list 十勝 with 帯広市 and its 18 町村, no longer 帯広市 alone', async () => {
    const tokachi = await get<RegionDetail>('/api/regions/sz-01207');
    expect(tokachi.memberCodes).toHaveLength(19);
    expect(tokachi.membersKnown).toBe('all');
  });
  it('say so where only the centre is known (甘楽富岡) or only some members (弘前)', async () => {
    const { items } = await get<RegionList>('/api/regions?type=settlement_zone');
    const known = (name: string) => items.find((r) => r.name === name)?.membersKnown;
    expect(known('甘楽富岡地域定住自立圏')).toBe('centre_only');
    expect(known('弘前圏域定住自立圏')).toBe('partial');
    expect(items.filter((r) => r.memberCount === 1 && r.membersKnown === 'all').every((r) => /合併/.test(r.note))).toBe(true);
  });
});

describe('company and organisation links', () => {
  it('are kind organisation and not existing ties in the partner ranking (港区 and 粟島浦村)', async () => {
    const minato = await get<MunicipalityDetail>('/api/municipalities/13103');
    expect(minato.exchanges.find((x) => x.partner.code === '15586')?.kind).toBe('organisation');
    const ranking = await get<DisasterRanking>('/api/partners/13103?purpose=disaster&limit=1740');
    expect(ranking.items.find((i) => i.code === '15586')?.existingTies).toEqual([]);
  });
});

describe('pacts among large cities', () => {
  it('make 福山市 a party of the 中核市 pact with 61 others, with its source and as-of date', async () => {
    const fukuyama = await get<MunicipalityDetail>('/api/municipalities/34207');
    expect(fukuyama.networks).toContainEqual(
      expect.objectContaining({ id: 'net-core-cities', name: '中核市災害相互応援協定', memberCount: 62, membership: 'designation', asOf: '2024-04-01' }),
    );
  });
  it('count as existing disaster-aid ties between parties (静岡市 and 熊本市: 21大都市)', async () => {
    const ranking = await get<DisasterRanking>('/api/partners/22100?purpose=disaster&limit=1740');
    const kumamoto = ranking.items.find((i) => i.code === '43100')!;
    expect(kumamoto.existingTies).toContain('disaster_aid');
    expect(kumamoto.tieNetworks).toEqual(['21大都市災害時相互応援に関する協定']);
    expect(ranking.items.filter((i) => i.tieNetworks.includes('21大都市災害時相互応援に関する協定'))).toHaveLength(19);
  });
  it('draw no arcs for designation pacts (a membership, not 1,891 pairs)', async () => {
    const { items } = await get<{ items: { network: { id: string } | null }[] }>('/api/exchanges');
    expect(items.filter((x) => x.network?.id === 'net-core-cities' || x.network?.id === 'net-21-cities')).toEqual([]);
  });
});
