import { describe, expect, it } from 'vitest';
import type { RegionStatus, RegionSummary } from '../../../domain/records/regions.ts';
import { statusTiers, tierCounts } from './status.ts';

const region = (id: string, status: RegionStatus) => ({ id, status }) as RegionSummary;

describe('region status tiers', () => {
  it('counts formed regions apart from unconfirmed ones, in that order', () => {
    const tiers = statusTiers([region('a', 'unconfirmed'), region('b', 'active'), region('c', 'active')]);
    expect(tiers.map((g) => [g.tier, g.label, g.items.map((r) => r.id)])).toEqual([
      [0, '形成済み', ['b', 'c']],
      [2, '未確認', ['a']],
    ]);
    expect(tierCounts(tiers)).toBe('形成済み2 ＋ 未確認1');
  });

  it('gives just the number when every region is in force, and names mixed tiers', () => {
    expect(tierCounts(statusTiers([region('a', 'active'), region('b', 'active')]))).toBe('2');
    const tiers = statusTiers([region('a', 'declared'), region('b', 'converted'), region('c', 'unconfirmed'), region('d', 'documented')]);
    expect(tiers.map((g) => g.label)).toEqual(['資料記載', '宣言・予定', '未確認・終了']);
  });
});
