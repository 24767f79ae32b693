import type { Health, Municipality, Prefecture, SourceList } from '../domain/records/municipalities.ts';
import type { MetricId } from '../domain/records/metrics.ts';
import { metricIds, metrics } from '../domain/records/metrics.ts';
import type { Story } from '../domain/records/stories.ts';
import type { AtlasDb } from './db.ts';
import { type JsonEntry, jsonEntry } from './response-cache.ts';

/**
 * What the pipeline built and no user can change, read once per database at start and kept in memory, so a
 * read that finds no answer in the cache (the first one, or the first after any write) costs no query: health,
 * the datasets, prefectures, every municipality (and the whole list as one compressed answer), each metric's
 * values, the stories.
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
}

/** SELECT list mapping the municipalities table to the API's field names. */
export const municipalityColumns = `code, name, name_kana AS "nameKana", name_romaji AS "nameRomaji", pref_code AS "prefCode", pref_name AS "prefName",
  pref_name_romaji AS "prefNameRomaji", kind,
  population, population_2015 AS "population2015", pop_change_pct AS "popChangePct", households, area_km2 AS "areaKm2",
  density, share_65plus AS "share65plus", share_primary AS "sharePrimary", share_secondary AS "shareSecondary",
  share_tertiary AS "shareTertiary", jobs_per_resident AS "jobsPerResident", daytime_population AS "daytimePopulation",
  day_night_ratio AS "dayNightRatio", day_night_estimated AS "dayNightEstimated", lon, lat`;

const loaded = new WeakMap<AtlasDb, Promise<BuiltData>>();

async function load(db: AtlasDb): Promise<BuiltData> {
  const [vintage, errorPoints, sourceRows, prefRows, muniRows, storyRows] = await Promise.all([
    db.one<{ value: string }>(`SELECT value FROM meta WHERE key = 'data_vintage'`),
    db.one<{ value: string }>(`SELECT value FROM meta WHERE key = 'day_night_estimate_error_points'`),
    db.all('SELECT id, name, vintage, licence, attribution, url FROM sources ORDER BY position'),
    db.all('SELECT code, name, name_kana AS "nameKana", name_romaji AS "nameRomaji", lon, lat FROM prefectures ORDER BY code'),
    db.all(`SELECT ${municipalityColumns} FROM municipalities ORDER BY code`),
    db.all<{ json: string }>('SELECT story_json AS json FROM stories ORDER BY position'),
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
