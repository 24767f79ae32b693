/**
 * The shape of every seed file: its columns (in order), the closed value sets and the typed row.
 * The importer writes these columns and the loader checks them, so the two cannot drift apart.
 */
import { glossary } from '../../domain/glossary.ts';
import { type ExchangeKind, type NetworkMembership, exchangeKinds } from '../../domain/records/exchanges.ts';
import { type HazardZone, hazardZones } from '../../domain/records/hazards.ts';
import type { MunicipalityKind } from '../../domain/records/municipalities.ts';
import { type RegionStatus as AnyRegionStatus, type RegionType as AnyRegionType, type MembersKnown, membersKnownValues, regionStatuses } from '../../domain/records/regions.ts';

/** 政令指定都市 / 中核市 / 施行時特例市. */
export const DESIGNATIONS = ['designated_city', 'core_city', 'special_case_city'] as const satisfies readonly MunicipalityKind[];
export type Designation = (typeof DESIGNATIONS)[number];

/** 連携中枢都市圏 / 定住自立圏 / a grouping named in a seed document. */
export const REGION_TYPES = ['central_city_region', 'settlement_zone', 'seed_grouping'] as const satisfies readonly AnyRegionType[];
export type RegionType = (typeof REGION_TYPES)[number];

/** Id prefix of each region type: `ccr-34207`, `sz-31202`, `seed-002-kamo`. */
export const REGION_ID_PREFIX: Readonly<Record<RegionType, string>> = {
  central_city_region: 'ccr',
  settlement_zone: 'sz',
  seed_grouping: 'seed',
};

/** Region (and member) statuses a seed row may have (see domain/records/regions.ts); custom is for user-made regions only. */
export type RegionStatus = Exclude<AnyRegionStatus, 'custom'>;
export const REGION_STATUSES: readonly RegionStatus[] = regionStatuses.filter((s): s is RegionStatus => s !== 'custom');

/** How completely the sources list a region's members (domain/records/regions.ts). */
export const MEMBERS_KNOWN = membersKnownValues;
export type { MembersKnown };

/** How a network's members are known (domain/records/exchanges.ts). */
export const NETWORK_MEMBERSHIPS: readonly NetworkMembership[] = ['listed', 'designation'];
export type { NetworkMembership };

export const MEMBER_ROLES = ['center', 'member'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

/** Which summary a coverage metric belongs to. */
export const COVERAGE_TYPES = ['central_city_region', 'settlement_zone', 'exchange'] as const;
export type CoverageType = (typeof COVERAGE_TYPES)[number];

/** Exchange kinds (domain/records/exchanges.ts). */
export const EXCHANGE_KINDS = exchangeKinds;
export type { ExchangeKind };

/** Hazard zone ids and their official names (domain/glossary.ts), which the seed file must spell exactly. */
export const HAZARD_ZONES = Object.fromEntries(hazardZones.map((z) => [z, glossary.hazardZone[z].official])) as Readonly<Record<HazardZone, string>>;
export type { HazardZone };

/**
 * municipality: one designated municipality (code filled);
 * prefecture_all: the whole prefecture (code empty; expand with the master);
 * prefecture_part: part of the prefecture, members not known here (code empty; do not guess);
 * count: an official total (code empty; `count` filled).
 */
export const HAZARD_SCOPES = ['municipality', 'prefecture_all', 'prefecture_part', 'count'] as const;
export type HazardScope = (typeof HAZARD_SCOPES)[number];

/** Columns of each seed file, in file order. */
export const COLUMNS = {
  city_designations: ['code', 'name', 'prefecture', 'designation', 'since', 'as_of', 'source', 'note'],
  regions: ['id', 'type', 'name', 'center_codes', 'status', 'as_of', 'source', 'note', 'members_known'],
  region_members: ['region_id', 'code', 'name', 'prefecture', 'role', 'joined', 'as_of', 'source', 'note', 'status'],
  region_coverage: ['type', 'metric', 'value', 'as_of', 'source', 'note'],
  exchanges: ['id', 'a_code', 'a_name', 'a_prefecture', 'b_code', 'b_name', 'b_prefecture', 'kind', 'since_year', 'agreement', 'source', 'note', 'a_former_name', 'b_former_name'],
  exchange_networks: ['network', 'network_name', 'code', 'name', 'prefecture', 'kind', 'since_year', 'source', 'note', 'as_of', 'membership'],
  hazard_zones: ['zone', 'zone_name', 'scope', 'pref_code', 'prefecture', 'code', 'name', 'count', 'as_of', 'source', 'note'],
} as const;
export type SeedFileName = keyof typeof COLUMNS;

export interface CityDesignation {
  code: string;
  name: string;
  prefecture: string;
  designation: Designation;
  /** YYYY-MM-DD, or '' when unknown. */
  since: string;
  asOf: string;
  source: string;
  note: string;
}

export interface Region {
  id: string;
  type: RegionType;
  name: string;
  /** Codes of the centre cities (two for 複眼型); empty for a grouping without a centre. */
  centerCodes: string[];
  status: RegionStatus;
  asOf: string;
  source: string;
  note: string;
  /** Whether the sources name all its members, some, or only the centre. */
  membersKnown: MembersKnown;
}

export interface RegionMember {
  regionId: string;
  code: string;
  name: string;
  prefecture: string;
  role: MemberRole;
  /** YYYY, YYYY-MM or YYYY-MM-DD, or '' when unknown. */
  joined: string;
  asOf: string;
  source: string;
  note: string;
  /** The region's status unless this member differs (e.g. planned to join). */
  status: RegionStatus;
}

export interface RegionCoverage {
  type: CoverageType;
  metric: string;
  value: number;
  asOf: string;
  source: string;
  note: string;
}

export interface Exchange {
  id: string;
  aCode: string;
  aName: string;
  aPrefecture: string;
  bCode: string;
  bName: string;
  bPrefecture: string;
  kind: ExchangeKind;
  sinceYear: number | null;
  /** The agreement's own name (姉妹都市提携, 災害時相互応援協定 …). */
  agreement: string;
  source: string;
  note: string;
  /** The municipality that signed, when it has since merged (川口町 for 長岡市); '' otherwise. */
  aFormerName: string;
  bFormerName: string;
}

export interface ExchangeNetworkMember {
  network: string;
  networkName: string;
  code: string;
  name: string;
  prefecture: string;
  kind: ExchangeKind;
  sinceYear: number | null;
  source: string;
  note: string;
  /** Date the member list holds for, or '' when the source gives none. */
  asOf: string;
  membership: NetworkMembership;
}

export interface HazardZoneRow {
  zone: HazardZone;
  zoneName: string;
  scope: HazardScope;
  prefCode: string;
  prefecture: string;
  code: string;
  name: string;
  count: number | null;
  asOf: string;
  source: string;
  note: string;
}
