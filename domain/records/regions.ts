import type { MultiPolygon } from 'geojson';
import type { Citation } from '../citations.ts';
import type { MunicipalityKind } from './municipality-kinds.ts';
import type { Outlook } from './outlook.ts';

/** Region types (exact API values). */
export type RegionType = 'central_city_region' | 'settlement_zone' | 'prefecture' | 'seed_grouping' | 'custom' | 'employment_area';
export const regionTypes: readonly RegionType[] = ['central_city_region', 'settlement_zone', 'prefecture', 'seed_grouping', 'custom', 'employment_area'];

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

/** Whether a membership holds today, the closed set every answer gives for one (labels: domain/glossary.ts). */
export const membershipStatuses = ['active', 'planned', 'ended', 'unconfirmed'] as const;
export type MembershipStatus = (typeof membershipStatuses)[number];

/**
 * The membership status of a member whose status (its region's, or its own where it differs) is `status`.
 * A seed-document grouping (documented) shows a project or study at the document's date; whether it continues is
 * not known, so it is unconfirmed. A user's what-if grouping is what the user made it (active).
 * @example membershipStatusOf('converted') // 'ended' (八戸市's 定住自立圏 became a 連携中枢都市圏)
 */
export function membershipStatusOf(status: RegionStatus): MembershipStatus {
  switch (status) {
    case 'active':
    case 'custom':
      return 'active';
    case 'planned':
    case 'declared':
      return 'planned';
    case 'converted':
    case 'abolished':
    case 'dissolved':
    case 'superseded':
      return 'ended';
    case 'unconfirmed':
    case 'documented':
      return 'unconfirmed';
  }
}

/**
 * How completely the sources list a region's members: all of them; some (the sources name only part); or only its
 * centre city (the zone exists but no source read names its members, e.g. 甘楽富岡). Totals of a region that is not
 * `all` are totals of the known members only.
 */
export const membersKnownValues = ['all', 'partial', 'centre_only'] as const;
export type MembersKnown = (typeof membersKnownValues)[number];

/** A region a municipality belongs to, as listed in its detail. */
export interface MunicipalityRegion {
  id: string;
  type: RegionType;
  name: string;
  /** English name from the centres' romaji and the type ("Fukuyama central city region"); null for what-if groupings. */
  nameEn: string | null;
  role: 'center' | 'member';
  /** Whether the membership holds today (ended 定住自立圏, planned joins and unconfirmed candidates say so). */
  membershipStatus: MembershipStatus;
  /** The finer status behind it: the member's own (e.g. planned to join) or its region's (e.g. converted). */
  statusDetail: RegionStatus;
}

/** One region in a list. `memberCodes` are its current members (members planned to join are in the detail only). */
export interface RegionSummary {
  id: string;
  type: RegionType;
  name: string;
  /** English name from the centres' (else first members') romaji and the type; null for what-if groupings. */
  nameEn: string | null;
  status: RegionStatus;
  centerCodes: string[];
  memberCodes: string[];
  /** Totals over the known current members: complete only where `membersKnown` is 'all'. */
  population: number;
  areaKm2: number;
  memberCount: number;
  /** Whether the sources name all members, some, or only the centre city. */
  membersKnown: MembersKnown;
  /** Centre cities' share of the region's population, in percent; null without a centre. */
  centerShare: number | null;
  asOf: string;
  /** Where the region and its members are documented, as readable citations. */
  sources: Citation[];
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
  /** The publication of the official counts (empty where there are none). */
  sources: Citation[];
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
  /** Whether this membership holds today (from `status`). */
  membershipStatus: MembershipStatus;
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
  /** 連携中枢都市圏, 定住自立圏 and custom regions: the formal region beside the 2020 10 % commuting area of its centre(s). */
  commuting?: CommutingComparison;
  /** `employment_area` regions: centres and suburbs with order and commuting rate. */
  employmentArea?: EmploymentAreaDetail;
}

/** 都市雇用圏: MEA 大都市雇用圏 (centre DID population ≥ 50,000), MCEA 小都市雇用圏 (10,000–50,000). */
export type EmploymentAreaKind = 'MEA' | 'MCEA';

/** A 2020 都市雇用圏: its centres (with 従業常住比) and suburbs (order, what they commute to, rate). */
export interface EmploymentAreaDetail {
  kind: EmploymentAreaKind;
  /** DID (densely inhabited district) population of the primary centre, 2020. */
  didPopulation: number;
  centres: { code: string; name: string; population: number; employmentResidenceRatio: number }[];
  /** Order 1 commutes to the centres together (`toCode` null); order k ≥ 2 to a suburb of order k − 1. */
  suburbs: { code: string; name: string; order: number; toCode: string | null; toName: string | null; rate: number }[];
  source: string;
}

/**
 * How a member relates to the region's centre(s) in the 2020 employment areas: the centre itself; commutes ≥ 10 % to a
 * centre; in the centre's area but through another suburb (higher order); in another area (as suburb or as its centre);
 * in no area (commutes < 10 % to every centre).
 */
export type CommutingRelation = 'centre' | 'commutes_to_centre' | 'same_area_indirect' | 'other_area' | 'centre_of_other_area' | 'no_area';

export interface CommutingMember {
  code: string;
  name: string;
  role: 'center' | 'member';
  relation: CommutingRelation;
  /** The region centre commuted to, with `rate` (0.10–1); null where the data has no rate to a centre. */
  centre: string | null;
  rate: number | null;
  /** When the rate is to several centres together (a multi-centre employment area), their codes. */
  toGroup: string[];
  /** Inside a centre's 10 % commuting area (the centre itself, or ≥ 10 % to it). */
  within: boolean;
  areaId: string | null;
  order: number | null;
  /** For a suburb of order ≥ 2: the municipality it commutes to, and the rate. */
  via: { code: string; name: string; rate: number } | null;
  otherArea?: { id: string; name: string };
}

/** A formal region beside the functional one: see domain/scoring/commuting.ts. */
export interface CommutingComparison {
  centres: { code: string; name: string; areaId: string | null; areaName: string | null; place: 'primary' | 'secondary' | 'suburb' | 'none' }[];
  members: CommutingMember[];
  /** Non-members commuting ≥ 10 % to a centre: candidates by MIC's 10 % rule. */
  candidates: { code: string; name: string; population: number; centre: string; rate: number; toGroup: string[] }[];
  /** Non-members in a centre's employment area through a suburb (order ≥ 2), for context. */
  furtherSuburbs: { code: string; name: string; population: number; order: number; via: { code: string; name: string; rate: number } }[];
  counts: { members: number; withRate: number; outside: number; candidates: number };
  /** True when no centre was given and the most populous member stands in for it. */
  centreAssumed: boolean;
  /** The dataset, as a readable citation. */
  source: string;
  /** What the figures are and are not (commuting to work only; each suburb listed under its strongest centre). */
  caveat: string;
}

export type EligibilityScheme = 'central_city_region' | 'settlement_zone';
/** lead: centre of a region of the scheme; eligible: meets every rule; needs_check (要確認): the data cannot decide a rule; near_miss: misses narrowly. */
export type EligibilityStatus = 'lead' | 'eligible' | 'needs_check' | 'near_miss';
/** The outcome of the rules for a city, whatever it leads: `no` fails a rule outright. */
export type EligibilityVerdict = 'eligible' | 'needs_check' | 'near_miss' | 'no';
/** Where a day/night figure comes from: 東京都's measured table, the 2020 従業常住比 of an employment-area centre, or our estimate. */
export type DayNightSource = 'measured' | 'employment_residence_2020' | 'estimate';

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
  | 'outside_big_metro_partner'
  | 'within_an_hour'
  | 'not_central_city'
  | 'not_central_city_self'
  | 'not_central_city_partner';

/** One rule applied to one city: the figure, the threshold, and whether it is met, narrowly missed or undecidable. */
export interface EligibilityCriterion {
  id: EligibilityCriterionId;
  label: string;
  value: number | string | boolean;
  threshold: string;
  met: boolean;
  /** Not met, but within the named margin (おおむね / 程度 / 5 points). */
  near: boolean;
  /** 要確認: the data cannot decide; `reason` says why. */
  needsCheck: boolean;
  reason?: string;
  /** For a day/night rule: where the figure comes from. */
  source?: DayNightSource;
  /** What the figure is (e.g. 従業常住比 2020), or how the rule was read (おおむね, 程度). */
  note?: string;
}

export interface EligibilityCandidate {
  code: string;
  name: string;
  prefName: string;
  kind: MunicipalityKind;
  population: number;
  /** The day/night figure the rules used, in percent (see `dayNightSource`); null where nobody lives there. */
  dayNightRatio: number | null;
  /** True when `dayNightSource` is `estimate`. */
  dayNightEstimated: boolean;
  dayNightSource: DayNightSource;
  /** The lowest figure accepted, in percent: 95 for 連携中枢都市 (おおむね1以上), else 100. */
  dayNightThreshold: number;
  lon: number;
  lat: number;
  status: EligibilityStatus;
  verdict: EligibilityVerdict;
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
  /** Members (or pairs) whose test the data cannot decide (empty when `met`). */
  needsCheck: string[];
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
  /** The grouping beside the 10 % commuting area of its centre(s) (given, else the most populous member). */
  commuting?: CommutingComparison;
}

/** Body of POST /api/regions and POST /api/regions/preview. */
export interface CustomRegionInput {
  type?: 'custom';
  name: string;
  memberCodes: string[];
  centerCodes?: string[];
  note?: string;
}
