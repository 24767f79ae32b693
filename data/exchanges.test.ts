import { describe, expect, it } from 'vitest';
import { pairKey } from '../domain/tables.ts';
import { exchangeRows, networkMemberRows } from './exchanges.ts';
import type { Exchange, ExchangeNetworkMember } from './seeds/index.ts';

const points: Record<string, [string, string]> = {
  '13219': ['狛江市', '東京都'],
  '15202': ['長岡市', '新潟県'],
  '13101': ['千代田区', '東京都'],
  '13103': ['港区', '東京都'],
  '13104': ['新宿区', '東京都'],
  '20000': ['長野県', '長野県'],
};
const resolve = (code: string) => ({ code, name: points[code][0], prefName: points[code][1], lon: 139, lat: 35 });
const seed = (r: Partial<Exchange>): Exchange => ({
  id: 'x0001',
  aCode: '13219',
  aName: '狛江市',
  aPrefecture: '東京都',
  bCode: '15202',
  bName: '長岡市',
  bPrefecture: '新潟県',
  kind: 'friendship',
  sinceYear: 1987,
  agreement: 'ふるさと友好都市提携',
  source: '001',
  note: '',
  aFormerName: '',
  bFormerName: '川口町',
  ...r,
});
const member = (code: string, sinceYear: number | null): ExchangeNetworkMember => ({
  network: 'net-gishi-1996',
  networkName: '義士',
  code,
  name: points[code][0],
  prefecture: points[code][1],
  kind: 'disaster_aid',
  sinceYear,
  asOf: '',
  membership: 'listed',
  source: 'net',
  note: '',
});

describe('exchangeRows', () => {
  it('resolves both ends and keeps the former name', () => {
    const [row] = exchangeRows([seed({})], [], resolve);
    expect(row).toMatchObject({ aName: '狛江市', bName: '長岡市', bFormerName: '川口町', aFormerName: null, origin: 'seed', pairKey: '13219-15202:friendship' });
  });

  it('turns a network into one agreement per pair of members, marking a pair already listed instead of repeating it', () => {
    const rows = exchangeRows(
      [seed({ id: 'x0002', aCode: '13103', aName: '港区', bCode: '13101', bName: '千代田区', kind: 'disaster_aid', sinceYear: null })],
      [member('13101', 1996), member('13103', 1996), member('13104', 1998)],
      resolve,
    );
    expect(rows).toHaveLength(3);
    expect(rows.find((r) => r.id === 'x0002')).toMatchObject({ network: 'net-gishi-1996', networkName: '義士' });
    const shinjuku = rows.filter((r) => r.id.startsWith('net-'));
    expect(shinjuku.map((r) => r.pairKey).sort()).toEqual(['13101-13104:disaster_aid', '13103-13104:disaster_aid']);
    // A pair shares the pact from when the later member joined.
    expect(shinjuku.every((r) => r.sinceYear === 1998)).toBe(true);
  });

  it('keeps a network defined by a designation as memberships, drawing no arcs for it', () => {
    const core = (code: string): ExchangeNetworkMember => ({ ...member(code, null), network: 'net-core-cities', membership: 'designation' });
    expect(exchangeRows([], [core('13101'), core('13103'), core('13104')], resolve)).toEqual([]);
    expect(networkMemberRows([core('13101')], resolve)[0]).toMatchObject({ network: 'net-core-cities', name: '千代田区', membership: 'designation' });
  });

  it('keys pairs without regard to order', () => {
    expect(pairKey('15202', '13219', 'sister')).toBe(pairKey('13219', '15202', 'sister'));
    expect(pairKey('15202', '13219', 'sister')).not.toBe(pairKey('13219', '15202', 'friendship'));
  });
});
