/**
 * How a region's status is shown: in force, declared or planned, or unconfirmed or ended (drawn faintly), with
 * the labels and counts that the list, the legend and the coverage note share.
 */
import type { EligibilityStatus, RegionStatus, RegionSummary } from '../../../domain/records/regions.ts';
import { fmtInt } from '../../format.ts';
import { label, t } from '../../i18n.ts';

/** Okabe–Ito: blue leads, orange could lead, reddish purple narrowly misses. */
export const statusColour: Record<EligibilityStatus, string> = { lead: '#0072B2', eligible: '#E69F00', needs_check: '#56B4E9', near_miss: '#CC79A7' };
/** Statuses drawn faintly: the region is not (or no longer) in force. */
export const faintStatuses: ReadonlySet<RegionStatus> = new Set<RegionStatus>(['unconfirmed', 'converted', 'abolished', 'dissolved', 'superseded']);
/** Centre declared or formation planned: drawn like formed regions, but counted apart. */
const pendingStatuses: ReadonlySet<RegionStatus> = new Set<RegionStatus>(['declared', 'planned']);
/** 0: in force, 1: declared or planned, 2: unconfirmed or ended — the order of the list and of the counts. */
export const tierOf = (status: RegionStatus) => (faintStatuses.has(status) ? 2 : pendingStatuses.has(status) ? 1 : 0);

export interface StatusTier {
  tier: number;
  label: string;
  items: RegionSummary[];
}

/**
 * The regions of a list in tiers (in force, declared/planned, unconfirmed/ended), each with a label and count,
 * so the list, the legend and the coverage note say the same numbers.
 * @example statusTiers(items).map((g) => g.items.length) // [37, 1]
 */
export function statusTiers(items: readonly RegionSummary[]): StatusTier[] {
  const tiers = [0, 1, 2].map((tier) => ({ tier, items: items.filter((r) => tierOf(r.status) === tier) })).filter((g) => g.items.length);
  return tiers.map((g) => {
    const statuses = [...new Set(g.items.map((r) => r.status))];
    const tierLabel =
      g.tier === 0
        ? statuses.every((x) => x === 'active')
          ? t('形成済み', 'formed')
          : statuses.map((x) => label('regionStatus', x)).join('・')
        : g.tier === 1
          ? t('宣言・予定', 'declared or planned')
          : statuses.every((x) => x === 'unconfirmed')
            ? t('未確認', 'unconfirmed')
            : statuses.includes('unconfirmed')
              ? t('未確認・終了', 'unconfirmed or ended')
              : t('移行・廃止など', 'converted or ended');
    return { ...g, label: tierLabel };
  });
}

/** "37 formed + 1 unconfirmed" (just the number when every region is in force). */
export function tierCounts(tiers: readonly StatusTier[]): string {
  if (tiers.length === 1 && tiers[0].tier === 0) return fmtInt(tiers[0].items.length);
  return tiers.map((g) => t(`${g.label}${fmtInt(g.items.length)}`, `${fmtInt(g.items.length)} ${g.label}`)).join(' ＋ ');
}
