/**
 * The regions view's state, in one object made at mount, and the URL keys it reads (rtype, elig, group).
 * Every part of the view takes this object; `alive` turns false at unmount so late answers are dropped.
 */
import type { Topology } from 'topojson-specification';
import type {
  CommutingComparison,
  EligibilityCandidate,
  EligibilityList,
  EligibilityScheme,
  GroupSummary,
  RegionList,
  RegionSummary,
  RegionType,
} from '../../../domain/records/regions.ts';
import { regionTypes } from '../../../domain/records/regions.ts';
import { type EligibilityCity, neighbourMap } from '../../../domain/scoring/eligibility.ts';
import type { AppContext } from '../../context.ts';
import { t } from '../../i18n.ts';

export interface Lasso {
  on: boolean;
  points: [number, number][];
  drawing: boolean;
  shift: boolean;
  /** Removes the map listeners of a lasso in progress. */
  off: (() => void) | null;
}

export interface RegionsState {
  ctx: AppContext;
  panel: HTMLElement;
  /** The boundary topology, fetched when the view opens (neighbours, what-if outlines). */
  topology: Topology;
  /** False once the view is unmounted: answers that arrive later change nothing. */
  alive: boolean;
  /** Aborted at unmount: removes the listeners the view put on the shared panel. */
  events: AbortController;
  list: RegionList | null;
  /** The regions of the shown type each municipality belongs to. */
  byMember: Map<string, RegionSummary[]>;
  colours: Map<string, string>;
  elig: EligibilityList | null;
  eligByCode: Map<string, EligibilityCandidate>;
  /** Building a what-if grouping: map clicks add and remove members. */
  whatIf: boolean;
  lasso: Lasso;
  group: GroupSummary | null;
  /** The server's what-if answer (schemes need the employment areas and mergers, which only the server holds), by member list. */
  preview: { key: string; summary: GroupSummary } | null;
  selected: string | null;
  /** The open region beside its centre's 2020 commuting area, drawn as flows; null when none is open. */
  commuting: { id: string; comparison: CommutingComparison } | null;
  /** Numbers the region-list requests, so only the newest answer is shown. */
  seq: number;
}

export const noLasso = (): Lasso => ({ on: false, points: [], drawing: false, shift: false, off: null });

/** The state of a freshly mounted view. */
export function createState(ctx: AppContext, panel: HTMLElement, topology: Topology): RegionsState {
  return {
    ctx,
    panel,
    topology,
    alive: true,
    events: new AbortController(),
    list: null,
    byMember: new Map(),
    colours: new Map(),
    elig: null,
    eligByCode: new Map(),
    whatIf: groupCodes(ctx).length > 0,
    lasso: noLasso(),
    group: null,
    preview: null,
    selected: ctx.state.get('sel'),
    commuting: null,
    seq: 0,
  };
}

/** The region type of an id's prefix: a link with `region` but no `rtype` opens the right list. */
export const typeFromId: [string, RegionType][] = [
  ['ccr-', 'central_city_region'],
  ['sz-', 'settlement_zone'],
  ['pref-', 'prefecture'],
  ['seed-', 'seed_grouping'],
  ['custom-', 'custom'],
  ['uea-', 'employment_area'],
];

export function currentType(ctx: AppContext): RegionType {
  const v = ctx.state.get('rtype');
  return (regionTypes as readonly string[]).includes(v ?? '') ? (v as RegionType) : 'central_city_region';
}

export function currentScheme(ctx: AppContext): EligibilityScheme | null {
  const v = ctx.state.get('elig');
  return v === 'central_city_region' || v === 'settlement_zone' ? v : null;
}

/** The what-if grouping's members in the URL (unknown codes dropped). */
export function groupCodes(ctx: AppContext): string[] {
  return [...new Set((ctx.state.get('group') ?? '').split(',').filter((c) => ctx.munis.has(c)))];
}

export function setGroup(s: RegionsState, codes: string[]): void {
  s.ctx.state.set({ group: codes.length ? codes.join(',') : null });
}

// The neighbours of every municipality, computed once per boundary topology.
const neighbourCache = new WeakMap<Topology, Map<string, string[]>>();
export function neighboursOf(topology: Topology): Map<string, string[]> {
  let n = neighbourCache.get(topology);
  if (!n) neighbourCache.set(topology, (n = neighbourMap(topology)));
  return n;
}

/** The commuting comparison drawn as flows: the what-if grouping's while one is built, else the open region's. */
export function shownFlows(s: RegionsState): CommutingComparison | undefined {
  if (s.whatIf) return s.group?.commuting;
  return s.commuting?.id === s.ctx.state.get('region') ? s.commuting.comparison : undefined;
}

/** The municipalities as the eligibility rules read them. */
export const citiesOf = (ctx: AppContext): ReadonlyMap<string, EligibilityCity> => ctx.munis;

export const tokenMessage = () =>
  t(
    '保存・削除には書き込みトークンが必要です。サーバー起動時に表示されたURL（…?token=…）でこのページを開き直してください。',
    'Saving and deleting need the write token: reopen the atlas with the URL the server printed at start (…?token=…).',
  );
