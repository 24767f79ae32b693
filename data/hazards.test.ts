import { describe, expect, it } from 'vitest';
import { expandHazardZones } from './hazards.ts';
import type { HazardZoneRow } from './seeds/index.ts';

const row = (r: Partial<HazardZoneRow>): HazardZoneRow => ({
  zone: 'nankai_trough',
  zoneName: '南海トラフ地震防災対策推進地域',
  scope: 'municipality',
  prefCode: '',
  prefecture: '',
  code: '',
  name: '',
  count: null,
  asOf: '2014-03-28',
  source: 's',
  note: '',
  ...r,
});
const munis = [
  { code: '22100', prefCode: '22' },
  { code: '22130', prefCode: '22' },
  { code: '13101', prefCode: '13' },
  { code: '39201', prefCode: '39' },
];

describe('expandHazardZones', () => {
  it('expands a whole prefecture to its municipalities, keeps partial prefectures apart and drops counts', () => {
    const { members, partial } = expandHazardZones(
      [
        row({ scope: 'prefecture_all', prefCode: '22', prefecture: '静岡県' }),
        row({ scope: 'prefecture_part', prefCode: '13', prefecture: '東京都', note: 'part' }),
        row({ scope: 'municipality', prefCode: '39', prefecture: '高知県', code: '39201', name: '高知市' }),
        row({ scope: 'count', count: 707 }),
      ],
      munis,
    );
    expect(members.map((m) => [m.code, m.scope])).toEqual([
      ['22100', 'prefecture_all'],
      ['22130', 'prefecture_all'],
      ['39201', 'municipality'],
    ]);
    expect(partial).toEqual([expect.objectContaining({ prefCode: '13', prefecture: '東京都', hazard: 'nankai_trough' })]);
    // Nothing guessed for the partly designated prefecture.
    expect(members.some((m) => m.code === '13101')).toBe(false);
  });

  it('groups sub-zones with their expected earthquake and lists a municipality once per zone', () => {
    const { members } = expandHazardZones(
      [
        row({ zone: 'tokyo_core', zoneName: '首都中枢機能維持基盤整備地区', code: '13101', prefCode: '13', prefecture: '東京都' }),
        row({ scope: 'municipality', code: '22100', prefCode: '22', prefecture: '静岡県' }),
        row({ scope: 'prefecture_all', prefCode: '22', prefecture: '静岡県' }),
      ],
      munis,
    );
    expect(members.find((m) => m.code === '13101')!.hazard).toBe('tokyo_inland');
    expect(members.filter((m) => m.code === '22100')).toHaveLength(1);
    expect(members.find((m) => m.code === '22100')!.scope).toBe('municipality');
  });
});
