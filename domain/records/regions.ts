import type { MultiPolygon } from 'geojson';
import type { MunicipalityKind } from './municipality-kinds.ts';
import type { Outlook } from './outlook.ts';

/** Region types (exact API values). */
export type RegionType = 'central_city_region' | 'settlement_zone' | 'prefecture' | 'seed_grouping' | 'custom';
export const regionTypes: readonly RegionType[] = ['central_city_region', 'settlement_zone', 'prefecture', 'seed_grouping', 'custom'];

/**
 * Region (and member) status.
 * - active: in force as far as the sources say;
 * - planned / declared: announced (中心市宣言 or a planned join) but not yet formed;
 * - unconfirmed: a candidate the sources do not confirm (exclude from counts);
 * - converted / abolished / dissolved / superseded: a 定住自立圏 that ended, usually into a 連携中枢都市圏;
 * - documented: a seed-document grouping (a project or study as of the document's date);
 * - custom: a what-if grouping saved by a user.
 */
export const regionStatuses = ['active', 'planned', 'declared', 'unconfirmed', 'converted', 'abolished', 'dissolved', 'superseded', 'documented', 'custom'] as const;
export type RegionStatus = (typeof regionStatuses)[number];

/** A region a municipality belongs to, as listed in its detail. */
export interface MunicipalityRegion {
  id: string;
  type: RegionType;
  name: string;
  role: 'center' | 'member';
}

/** One region in a list. `memberCodes` are its current members (members planned to join are in the detail only). */
export interface RegionSummary {
  id: string;
  type: RegionType;
  name: string;
  status: RegionStatus;
  centerCodes: string[];
  memberCodes: string[];
  population: number;
  areaKm2: number;
  memberCount: number;
  /** Centre cities' share of the region's population, in percent; null without a centre. */
  centerShare: number | null;
  asOf: string;
  source: string;
  note: string;
  /** Dissolved outline; only with `?geometry=true` in lists, always in the detail. */
  outline?: MultiPolygon;
}

/** The official totals of a region type, all from one publication (`asOf`). */
export interface OfficialCounts {
  /** Regions formed (連携中枢都市圏: ビジョン策定; 定住自立圏: 協定締結 or 形成方針策定). */
  regions: number;
  /** Centre cities that declared (宣言連携中枢都市 / 宣言中心市); null where the publication gives none. */
  declaredCities: number | null;
  /** Member municipalities incl. centres, counted once per region (延べ); null where the publication gives none. */
  municipalities: number | null;
}

/** How complete the list is: regions known here against the official count. */
export interface RegionCoverage {
  /** Regions of the type in force here (status active; every region for groupings, prefectures and custom). */
  known: number;
  /** Official count of regions (= officialCounts.regions), or null where none exists. */
  official: number | null;
  /** The official totals published with `official`, or null where none exist. */
  officialCounts: OfficialCounts | null;
  /** Regions of the type listed here by status, e.g. {active: 37, unconfirmed: 1}; the list's length is their sum. */
  byStatus: Partial<Record<RegionStatus, number>>;
  asOf: string | null;
  source: string | null;
}

export interface RegionList {
  items: RegionSummary[];
  coverage: RegionCoverage;
}

export interface RegionMemberInfo {
  code: string;
  name: string;
  prefecture: string;
  role: 'center' | 'member';
  /** YYYY, YYYY-MM or YYYY-MM-DD, or '' when unknown. */
  joined: string;
  /** The region's status unless this member differs (e.g. planned to join). */
  status: RegionStatus;
  population: number;
  areaKm2: number;
  note: string;
}

export interface RegionDetail extends RegionSummary {
  members: RegionMemberInfo[];
  outline: MultiPolygon;
  createdAt: string | null;
  /** IPSS 2023 projection summed over the current members (see Outlook.excluded). */
  outlook: Outlook;
}

export type EligibilityScheme = 'central_city_region' | 'settlement_zone';
export type EligibilityStatus = 'lead' | 'eligible' | 'near_miss';

/** The criteria of the eligibility tests; _self / _partner in the two-city test of 連携中枢都市. */
export type EligibilityCriterionId =
  | 'kind'
  | 'population'
  | 'day_night_ratio'
  | 'outside_big_metro'
  | 'partner_is_city'
  | 'population_self'
  | 'population_partner'
  | 'population_total'
  | 'day_night_ratio_self'
  | 'day_night_ratio_partner'
  | 'outside_big_metro_self'
  | 'outside_big_metro_partner';

/** One rule applied to one city: the figure, the threshold, and whether it is met or narrowly missed. */
export interface EligibilityCriterion {
  id: EligibilityCriterionId;
  label: string;
  value: number | string | boolean;
  threshold: string;
  met: boolean;
  /** Not met, but within the named "about" margin (おおむね / 程度). */
  near: boolean;
  /** For the day/night ratio: 'measured' (Tokyo) or 'estimated'. */
  note?: string;
}

export interface EligibilityCandidate {
  code: string;
  name: string;
  prefName: string;
  kind: MunicipalityKind;
  population: number;
  /** Daytime ÷ night-time population in percent; null where nobody lives there (双葉町 07546). */
  dayNightRatio: number | null;
  dayNightEstimated: boolean;
  lon: number;
  lat: number;
  /** lead: already a centre of a region of the scheme; eligible: meets every criterion; near_miss: misses only narrowly. */
  status: EligibilityStatus;
  meetsCriteria: boolean;
  /** Which test the criteria belong to: the city alone, or with a neighbouring city (連携中枢 two-city case). */
  path: 'single' | 'two_city';
  partnerCode: string | null;
  leadsRegion: { id: string; name: string; status: RegionStatus } | null;
  criteria: EligibilityCriterion[];
}

export interface EligibilityList {
  scheme: EligibilityScheme;
  items: EligibilityCandidate[];
  counts: Record<EligibilityStatus, number>;
  /** The thresholds and the definition of the three big metropolitan areas used. */
  parameters: Record<string, unknown>;
}

/** Whether a grouping could form a region of a scheme. */
export interface GroupSchemeResult {
  scheme: EligibilityScheme;
  met: boolean;
  /** Members that could lead it (codes; "a+b" for a two-city pair). */
  centres: string[];
  /** Members that miss the centre criteria only narrowly (empty when `met`). */
  nearMisses: string[];
}

/** What a set of municipalities adds up to (what-if preview and saved custom regions). */
export interface GroupSummary {
  memberCount: number;
  population: number;
  areaKm2: number;
  centerShare: number | null;
  /** Number of separate pieces of the dissolved outline (1 = contiguous, islands excepted). */
  parts: number;
  outline: MultiPolygon;
  schemes: GroupSchemeResult[];
}

/** Body of POST /api/regions and POST /api/regions/preview. */
export interface CustomRegionInput {
  type?: 'custom';
  name: string;
  memberCodes: string[];
  centerCodes?: string[];
  note?: string;
}
