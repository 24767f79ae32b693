import { citationsOf } from '../domain/citations.ts';
import type { ExchangeKind, ExchangeNetwork, ExchangeNetworkList, MunicipalityNetwork } from '../domain/records/exchanges.ts';
import type { Health, Municipality, Prefecture, SourceList } from '../domain/records/municipalities.ts';
import type { EmploymentAreaKind, OfficialCounts } from '../domain/records/regions.ts';
import type { MunicipalityRow } from '../domain/tables.ts';
import type { MetricId } from '../domain/records/metrics.ts';
import { metricIds, metrics } from '../domain/records/metrics.ts';
import type { Story } from '../domain/records/stories.ts';
import type { AtlasDb, Row } from './db.ts';
import { type JsonEntry, jsonEntry } from './response-cache.ts';

/**
 * What the pipeline built and no user can change, read once per database at start and kept in memory, so a
 * read that finds no answer in the cache (the first one, or the first after any write) costs no query: health,
 * the datasets, prefectures, every municipality (and the whole list as one compressed answer), each metric's
 * values, the stories, the multilateral pacts, the employment areas and the official region counts. What users
 * add to (regions, agreements) is in current.ts.
 */
export interface BuiltData {
  health: Health;
  sources: SourceList;
  prefectures: Prefecture[];
  municipalities: Municipality[];
  /** The unfiltered /api/municipalities answer, serialised and compressed once. */
  municipalityList: JsonEntry;
  metricValues: Map<MetricId, Map<string, number | null>>;
  stories: Story[];
  /** Each municipality's row as its detail shows it (without regions, exchanges, networks, outlook). */
  details: Map<string, MunicipalityRow>;
  /** Every multilateral pact with its parties that have a point (GET /api/exchanges/networks). */
  networks: ExchangeNetworkList;
  /** The pacts each party (municipality or prefecture "PP000") belongs to, by pact id. */
  networksOf: Map<string, MunicipalityNetwork[]>;
  /** Every party of each pact by pact id, those without a point included. */
  networkParties: Map<string, string[]>;
  /** Each 2020 employment area's kind and its primary centre's DID population, by region id. */
  employmentAreas: Map<string, { kind: EmploymentAreaKind; didPopulation: number }>;
  /** The latest official counts of 連携中枢都市圏 and 定住自立圏, with their publication. */
  officialCounts: Map<'central_city_region' | 'settlement_zone', { counts: OfficialCounts; asOf: string; source: string }>;
}

/** SELECT list mapping the municipalities table to the API's field names. */
export const municipalityColumns = `code, name, name_kana AS "nameKana", name_romaji AS "nameRomaji", pref_code AS "prefCode", pref_name AS "prefName",
  pref_name_romaji AS "prefNameRomaji", kind,
  population, population_2015 AS "population2015", pop_change_pct AS "popChangePct", households, area_km2 AS "areaKm2",
  density, share_65plus AS "share65plus", share_primary AS "sharePrimary", share_secondary AS "shareSecondary",
  share_tertiary AS "shareTertiary", jobs_per_resident AS "jobsPerResident", daytime_population AS "daytimePopulation",
  day_night_ratio AS "dayNightRatio", day_night_estimated AS "dayNightEstimated", lon, lat`;

const loaded = new WeakMap<AtlasDb, Promise<BuiltData>>();

/**
 * Every pact's parties (a prefecture party, 東京都 in the 21大都市 pact, at its prefecture's point; a party without a
 * point is counted but not drawn).
 */
const networkSql = `
  SELECT n.network, n.network_name, n.kind, n.membership, n.since_year, n.as_of, n.note, n.source, n.code, n.name, n.pref_name,
    coalesce(m.lon, p.lon) AS lon, coalesce(m.lat, p.lat) AS lat
  FROM exchange_networks n LEFT JOIN municipalities m ON m.code = n.code
    LEFT JOIN prefectures p ON n.code LIKE '__000' AND p.code = left(n.code, 2)
  ORDER BY n.network, n.code`;

/** The pacts, and the pacts of each party, from the rows of networkSql. */
function networksFrom(rows: Row[]): Pick<BuiltData, 'networks' | 'networksOf' | 'networkParties'> {
  const byId = new Map<string, ExchangeNetwork>();
  const parties = new Map<string, string[]>();
  for (const r of rows) {
    const id = String(r.network);
    let n = byId.get(id);
    if (!n) {
      n = {
        id,
        name: String(r.network_name),
        kind: r.kind as ExchangeKind,
        membership: r.membership as ExchangeNetwork['membership'],
        sinceYear: r.since_year === null ? null : Number(r.since_year),
        asOf: String(r.as_of ?? ''),
        note: String(r.note ?? ''),
        // The as-of date is the member list's, not the pages': no year for them.
        sources: citationsOf(String(r.source)),
        members: [],
      };
      byId.set(id, n);
      parties.set(id, []);
    }
    parties.get(id)!.push(String(r.code));
    if (r.lon !== null && r.lat !== null) n.members.push({ code: String(r.code), name: String(r.name), prefName: String(r.pref_name), lon: Number(r.lon), lat: Number(r.lat) });
  }
  // A party's entry reads its own row: the year, date, source and note may be its own (米沢市: "source spells 米澤市").
  const networksOf = new Map<string, MunicipalityNetwork[]>();
  for (const r of rows) {
    const entry: MunicipalityNetwork = {
      id: String(r.network),
      name: String(r.network_name),
      kind: r.kind as ExchangeKind,
      memberCount: parties.get(String(r.network))!.length,
      membership: r.membership as MunicipalityNetwork['membership'],
      sinceYear: r.since_year === null ? null : Number(r.since_year),
      asOf: String(r.as_of ?? ''),
      sources: citationsOf(String(r.source)),
      note: String(r.note ?? ''),
    };
    networksOf.set(String(r.code), [...(networksOf.get(String(r.code)) ?? []), entry]);
  }
  const items = [...byId.values()];
  return { networks: { items, total: items.length }, networksOf, networkParties: parties };
}

/** The latest official count of regions of each type, with the totals published with it (one as_of). */
function officialCountsFrom(rows: Row[]): BuiltData['officialCounts'] {
  const counts: BuiltData['officialCounts'] = new Map();
  for (const type of ['central_city_region', 'settlement_zone'] as const) {
    const own = rows.filter((r) => r.type === type);
    const latest = own.filter((r) => r.metric === 'regions_official').sort((a, b) => (String(a.as_of) < String(b.as_of) ? 1 : -1))[0];
    if (!latest) continue;
    const value = (metric: string) => {
      const row = own.find((r) => r.metric === metric && r.as_of === latest.as_of);
      return row ? Number(row.value) : null;
    };
    counts.set(type, {
      counts: { regions: Number(latest.value), declaredCities: value('declared_center_cities_official'), municipalities: value('municipalities_total_official') },
      asOf: String(latest.as_of),
      source: String(latest.source),
    });
  }
  return counts;
}

async function load(db: AtlasDb): Promise<BuiltData> {
  const [vintage, errorPoints, sourceRows, prefRows, muniRows, storyRows, detailRows, networkRows, areaRows, coverageRows] = await Promise.all([
    db.one<{ value: string }>(`SELECT value FROM meta WHERE key = 'data_vintage'`),
    db.one<{ value: string }>(`SELECT value FROM meta WHERE key = 'day_night_estimate_error_points'`),
    db.all('SELECT id, name, vintage, licence, attribution, url FROM sources ORDER BY position'),
    db.all('SELECT code, name, name_kana AS "nameKana", name_romaji AS "nameRomaji", lon, lat FROM prefectures ORDER BY code'),
    db.all(`SELECT ${municipalityColumns} FROM municipalities ORDER BY code`),
    db.all<{ json: string }>('SELECT story_json AS json FROM stories ORDER BY position'),
    db.all(
      `SELECT ${municipalityColumns}, designation_since AS "designationSince", employed, private_employees AS "privateEmployees",
         boundary_area_km2 AS "boundaryAreaKm2" FROM municipalities ORDER BY code`,
    ),
    db.all(networkSql),
    db.all<{ id: string; kind: string; did_population: number }>('SELECT id, kind, did_population FROM employment_areas'),
    db.all('SELECT type, metric, value, as_of, source FROM region_coverage'),
  ]);
  const municipalities = muniRows as unknown as Municipality[];
  const metricValues = new Map<MetricId, Map<string, number | null>>();
  // Each metric's column, from its table (the catalogue names both; never the request).
  const byTable = new Map<string, MetricId[]>();
  for (const id of metricIds) byTable.set(metrics[id].table ?? 'municipalities', [...(byTable.get(metrics[id].table ?? 'municipalities') ?? []), id]);
  for (const [table, ids] of byTable) {
    const rows = await db.all(`SELECT code, ${ids.map((id, i) => `${metrics[id].column} AS m${i}`).join(', ')} FROM ${table} ORDER BY code`);
    ids.forEach((id, i) => metricValues.set(id, new Map(rows.map((r) => [String(r.code), r[`m${i}`] as number | null]))));
  }
  return {
    health: { status: 'ok', municipalities: municipalities.length, dataVintage: vintage?.value ?? '' },
    sources: { items: sourceRows as unknown as SourceList['items'], dayNightEstimateErrorPoints: Number(errorPoints?.value ?? Number.NaN) },
    prefectures: prefRows as unknown as Prefecture[],
    municipalities,
    municipalityList: jsonEntry(JSON.stringify({ items: municipalities, total: municipalities.length }), 9),
    metricValues,
    stories: storyRows.map((r) => JSON.parse(r.json) as Story),
    details: new Map(detailRows.map((r) => [String(r.code), r as unknown as MunicipalityRow])),
    ...networksFrom(networkRows),
    employmentAreas: new Map(areaRows.map((r) => [r.id, { kind: r.kind as EmploymentAreaKind, didPopulation: Number(r.did_population ?? 0) }])),
    officialCounts: officialCountsFrom(coverageRows),
  };
}

/**
 * The built data of this database, read on first call (the server calls it before it listens) and kept.
 * @example (await builtData(db)).health.municipalities // 1741
 */
export function builtData(db: AtlasDb): Promise<BuiltData> {
  let data = loaded.get(db);
  if (!data) {
    data = load(db);
    // A failed read (a database the start check would refuse) is not kept.
    data.catch(() => loaded.delete(db));
    loaded.set(db, data);
  }
  return data;
}
