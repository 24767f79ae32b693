/**
 * The regions and agreements as the read routes answer them: the built rows plus the user's saved groupings and
 * imported agreements (the views of server/store.ts, which hold the one definition of how the two merge), read into
 * memory in a few queries and read again after each write (AtlasDb.writes), so a read costs no query, answer cache or
 * not. What no user can change is in built.ts.
 */
import { citationsOf } from '../domain/citations.ts';
import type { Exchange, ExchangeKind, MunicipalityExchange } from '../domain/records/exchanges.ts';
import {
  type MembersKnown,
  type MunicipalityRegion,
  type RegionCoverage,
  type RegionList,
  type RegionMemberInfo,
  type RegionStatus,
  type RegionSummary,
  type RegionType,
  membershipStatusOf,
  regionTypes,
} from '../domain/records/regions.ts';
import { builtData } from './built.ts';
import type { AtlasDb, Row } from './db.ts';
import { englishRegionName, romajiNames } from './region-names.ts';
import { JsonEntry } from './response-cache.ts';

/** A region with what its detail adds to the summary. */
export interface RegionEntry {
  /** The summary without its outline (lists add it on request). */
  summary: Omit<RegionSummary, 'outline'>;
  outline: RegionSummary['outline'];
  /** Members of every status, centres first, then by population. */
  members: RegionMemberInfo[];
  createdAt: string | null;
}

/** One municipality's (or prefecture's) side of an agreement: the listed exchange and its own name in it. */
export interface ExchangeSide {
  exchange: MunicipalityExchange;
  ownName: string;
}

export interface CurrentData {
  /** Every agreement, ordered by id, with the number of agreements per pair. */
  exchanges: Exchange[];
  /** The unfiltered /api/exchanges answer, serialised and compressed once. */
  exchangeList: JsonEntry;
  /** Each partner's agreements (a prefecture partner under "PP000"), ordered by kind, year (unknown last), partner. */
  exchangesOf: Map<string, ExchangeSide[]>;
  /** Every region ordered by type and id. */
  regions: RegionEntry[];
  regionsById: Map<string, RegionEntry>;
  /** Each municipality's regions: city-regions first, then groupings, its prefecture and custom regions, by name. */
  regionsOf: Map<string, MunicipalityRegion[]>;
  /** Coverage of each type, and of all regions under "all". */
  coverage: Map<RegionType | 'all', RegionCoverage>;
  /** The /api/regions answer for every type without outlines, serialised and compressed once. */
  regionList: JsonEntry;
}

/**
 * Every region of a type (all types without one), with totals and current member codes, from memory.
 * @example listRegions(await currentData(db), 'central_city_region', false).coverage.officialCounts // {regions: 38, declaredCities: 40, municipalities: 376}
 */
export function listRegions(current: Pick<CurrentData, 'regions' | 'coverage'>, type: RegionType | undefined, withOutline: boolean): RegionList {
  const items = current.regions.filter((r) => !type || r.summary.type === type).map((r) => (withOutline ? { ...r.summary, outline: r.outline } : r.summary));
  return { items, coverage: current.coverage.get(type ?? 'all')! };
}

const split = (v: unknown) => (v ? String(v).split(';') : []);
const text = (v: unknown) => (v === null ? null : String(v));

/** The columns of an agreement row (the `exchanges` view), with the number of agreements per pair. */
function toExchange(r: Row): Exchange {
  const end = (p: 'a' | 'b') => ({
    code: String(r[`${p}_code`]),
    name: String(r[`${p}_name`]),
    prefName: String(r[`${p}_pref_name`]),
    lon: Number(r[`${p}_lon`]),
    lat: Number(r[`${p}_lat`]),
    formerName: text(r[`${p}_former_name`]),
  });
  return {
    id: String(r.id),
    a: end('a'),
    b: end('b'),
    kind: r.kind as ExchangeKind,
    sinceYear: r.since_year === null ? null : Number(r.since_year),
    agreement: text(r.agreement),
    sources: citationsOf(String(r.source), r.since_year === null ? undefined : String(r.since_year)),
    note: text(r.note),
    origin: r.origin as Exchange['origin'],
    network: r.network === null ? null : { id: String(r.network), name: String(r.network_name) },
    pairCount: Number(r.pair_count),
  };
}

/** Each side of every agreement in the order a municipality's detail lists them. */
const sidesSql = `
  WITH sides AS (
    SELECT a_code AS code, a_name AS own_name, b_code AS p_code, b_name AS p_name, b_pref_name AS p_pref, id, kind, since_year, agreement, source FROM exchanges
    UNION ALL
    SELECT b_code, b_name, a_code, a_name, a_pref_name, id, kind, since_year, agreement, source FROM exchanges)
  SELECT * FROM sides ORDER BY code, kind, since_year NULLS LAST, p_name, id`;

/** Every region with its current members' codes (centres first). */
const regionSql = `
  SELECT r.id, r.type, r.name, r.status, r.center_codes, r.population, r.area_km2, r.member_count, r.members_known, r.center_share,
    r.as_of, r.source, r.note, r.created_at, r.outline,
    string_agg(m.code, ';' ORDER BY m.role, m.code) FILTER (WHERE m.status = r.status) AS member_codes
  FROM regions r LEFT JOIN region_members m ON m.region_id = r.id GROUP BY ALL ORDER BY r.type, r.id`;

/** A stored outline, or none where the text cannot be read (a damaged store): the region is still listed. */
function outlineOf(text: unknown): RegionSummary['outline'] {
  try {
    return JSON.parse(String(text)) ?? undefined;
  } catch {
    return undefined;
  }
}

const typeOrder: RegionType[] = ['central_city_region', 'settlement_zone', 'seed_grouping', 'prefecture', 'custom'];

async function load(db: AtlasDb): Promise<CurrentData> {
  const [exchangeRows, sideRows, regionRows, memberRows, built, names] = await Promise.all([
    db.all(`SELECT *, count(*) OVER (PARTITION BY least(a_code, b_code), greatest(a_code, b_code)) AS pair_count FROM exchanges ORDER BY id`),
    db.all(sidesSql),
    db.all(regionSql),
    db.all(
      `SELECT m.region_id, m.code, m.name, m.prefecture, m.role, m.joined, m.status, m.note, u.population, u.area_km2 AS "areaKm2"
       FROM region_members m JOIN municipalities u ON u.code = m.code ORDER BY m.region_id, m.role, u.population DESC, m.code`,
    ),
    builtData(db),
    romajiNames(db),
  ]);

  const exchangesOf = new Map<string, ExchangeSide[]>();
  for (const r of sideRows) {
    const sinceYear = r.since_year === null ? null : Number(r.since_year);
    const side: ExchangeSide = {
      ownName: String(r.own_name),
      exchange: {
        id: String(r.id),
        kind: r.kind as ExchangeKind,
        partner: { code: String(r.p_code), name: String(r.p_name), prefName: String(r.p_pref) },
        sinceYear,
        agreement: text(r.agreement),
        sources: citationsOf(String(r.source), sinceYear === null ? undefined : String(sinceYear)),
      },
    };
    const list = exchangesOf.get(String(r.code));
    if (list) list.push(side);
    else exchangesOf.set(String(r.code), [side]);
  }

  const membersOf = new Map<string, RegionMemberInfo[]>();
  for (const m of memberRows) {
    const member: RegionMemberInfo = {
      code: String(m.code),
      name: String(m.name),
      prefecture: String(m.prefecture),
      role: m.role as RegionMemberInfo['role'],
      joined: String(m.joined),
      status: m.status as RegionStatus,
      membershipStatus: membershipStatusOf(m.status as RegionStatus),
      note: String(m.note),
      population: Number(m.population),
      areaKm2: Number(m.areaKm2),
    };
    const list = membersOf.get(String(m.region_id));
    if (list) list.push(member);
    else membersOf.set(String(m.region_id), [member]);
  }

  const regions = regionRows.map((row): RegionEntry => {
    const named = { type: row.type as RegionType, name: String(row.name), centerCodes: split(row.center_codes), memberCodes: split(row.member_codes) };
    return {
      summary: {
        id: String(row.id),
        ...named,
        nameEn: englishRegionName(names, named),
        status: row.status as RegionStatus,
        population: Number(row.population),
        areaKm2: Number(row.area_km2),
        memberCount: Number(row.member_count),
        membersKnown: (row.members_known ?? 'all') as MembersKnown,
        centerShare: row.center_share === null ? null : Number(row.center_share),
        asOf: String(row.as_of ?? ''),
        sources: citationsOf(String(row.source ?? ''), String(row.as_of ?? '')),
        note: String(row.note ?? ''),
      },
      outline: outlineOf(row.outline),
      members: membersOf.get(String(row.id)) ?? [],
      createdAt: text(row.created_at),
    };
  });
  const regionsById = new Map(regions.map((r) => [r.summary.id, r]));

  const regionsOf = new Map<string, MunicipalityRegion[]>();
  for (const r of regions) {
    for (const m of r.members) {
      const s = r.summary;
      const entry: MunicipalityRegion = {
        id: s.id,
        type: s.type,
        name: s.name,
        nameEn: s.nameEn,
        role: m.role,
        membershipStatus: m.membershipStatus,
        statusDetail: m.status,
      };
      const list = regionsOf.get(m.code);
      if (list) list.push(entry);
      else regionsOf.set(m.code, [entry]);
    }
  }
  // Types outside the order (employment areas) come last, as list_position's NULL sorts last.
  const position = (t: RegionType) => (typeOrder.includes(t) ? typeOrder.indexOf(t) : typeOrder.length);
  for (const list of regionsOf.values()) list.sort((a, b) => position(a.type) - position(b.type) || (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : 1));

  const exchanges = exchangeRows.map(toExchange);
  const coverage = coverageOf(regions, built.officialCounts);
  return {
    exchanges,
    exchangeList: await JsonEntry.compressed(JSON.stringify({ items: exchanges, total: exchanges.length })),
    exchangesOf,
    regions,
    regionsById,
    regionsOf,
    coverage,
    regionList: await JsonEntry.compressed(JSON.stringify(listRegions({ regions, coverage }, undefined, false))),
  };
}

/** Regions known here against the latest official counts of each type. */
function coverageOf(regions: readonly RegionEntry[], official: Awaited<ReturnType<typeof builtData>>['officialCounts']): Map<RegionType | 'all', RegionCoverage> {
  const none = { official: null, officialCounts: null, asOf: null, sources: [] };
  const byStatus = (type: RegionType | 'all') => {
    const counts: Partial<Record<RegionStatus, number>> = {};
    for (const r of regions) if (type === 'all' || r.summary.type === type) counts[r.summary.status] = (counts[r.summary.status] ?? 0) + 1;
    // Keys in status order, as the API has always listed them.
    return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : 1))) as Partial<Record<RegionStatus, number>>;
  };
  const total = (counts: Partial<Record<RegionStatus, number>>) => Object.values(counts).reduce((s, n) => s + (n ?? 0), 0);
  const coverage = new Map<RegionType | 'all', RegionCoverage>();
  for (const type of ['all', ...regionTypes] as const) {
    const counts = byStatus(type);
    if (type === 'prefecture')
      coverage.set(type, {
        known: total(counts),
        byStatus: counts,
        ...none,
        official: 47,
        officialCounts: { regions: 47, declaredCities: null, municipalities: null },
        sources: citationsOf('地方自治法'),
      });
    else if (type !== 'central_city_region' && type !== 'settlement_zone') coverage.set(type, { known: total(counts), byStatus: counts, ...none });
    else {
      const known = counts.active ?? 0;
      const o = official.get(type);
      coverage.set(
        type,
        o
          ? { known, byStatus: counts, official: o.counts.regions, officialCounts: o.counts, asOf: o.asOf, sources: citationsOf(o.source, o.asOf) }
          : { known, byStatus: counts, ...none },
      );
    }
  }
  return coverage;
}

const loaded = new WeakMap<AtlasDb, { writes: number; data: Promise<CurrentData> }>();

/**
 * The regions and agreements of this database as of its last write: read on first call and again after each write
 * (a read begun before a write ended is kept under the count it began at, so the next call reads again).
 * @example (await currentData(db)).regionsById.get('ccr-34207')?.summary.name // '備後圏域連携中枢都市圏'
 */
export function currentData(db: AtlasDb): Promise<CurrentData> {
  const writes = db.writes;
  const held = loaded.get(db);
  if (held?.writes === writes) return held.data;
  const data = load(db);
  loaded.set(db, { writes, data });
  // A failed read is not kept.
  data.catch(() => {
    if (loaded.get(db)?.data === data) loaded.delete(db);
  });
  return data;
}
