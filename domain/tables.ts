/**
 * Table schemas, declared once: the built database's tables (written by the pipeline, read and checked at start by
 * the server) and the user store's tables (created and migrated by the server). Each table lists its columns with
 * the row field each value is read from, so a renamed field breaks the build rather than a query.
 */
import type { ExchangeEnd as ApiExchangeEnd } from './records/exchanges.ts';
import type { EmploymentAreaKind } from './records/regions.ts';
import type { CommuteLink } from './scoring/commuting.ts';
import type { DataSource, MunicipalityDetail } from './records/municipalities.ts';

/** SQL column types the pipeline and the user store write. */
export type ColumnType = 'VARCHAR' | 'DOUBLE' | 'INTEGER' | 'BIGINT' | 'BOOLEAN';
/** A table's columns in order: [name, type], plus the row key each value is read from. */
export type Columns<R> = readonly (readonly [column: string, type: ColumnType, key: keyof R])[];

/** One table: its name, columns, optional primary key and indexes. */
export interface TableSchema<R> {
  name: string;
  columns: Columns<R>;
  primaryKey?: string;
  indexes?: readonly { name: string; columns: readonly string[]; unique?: boolean }[];
}

/** Any table, whatever its row type: for lists of tables and functions that only need names and types. */
export type AnyTable = Omit<TableSchema<never>, 'columns'> & { columns: readonly (readonly [column: string, type: ColumnType, key: PropertyKey])[] };

/** Identity that keeps the row type of a table inferred from its columns. */
export function defineTable<R>(table: TableSchema<R>): TableSchema<R> {
  return table;
}

/**
 * The SQL that creates a table and its indexes, optionally inside an attached catalog and only when missing.
 * @example createTableSql(builtTables.meta)[0] // 'CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR)'
 */
export function createTableSql(table: AnyTable, options: { catalog?: string; ifNotExists?: boolean } = {}): string[] {
  const name = options.catalog ? `${options.catalog}.${table.name}` : table.name;
  const maybe = options.ifNotExists ? 'IF NOT EXISTS ' : '';
  const defs = table.columns.map(([column, type]) => `${column} ${type}${column === table.primaryKey ? ' PRIMARY KEY' : ''}`);
  return [
    `CREATE TABLE ${maybe}${name} (${defs.join(', ')})`,
    ...(table.indexes ?? []).map((i) => `CREATE ${i.unique ? 'UNIQUE ' : ''}INDEX ${maybe}${i.name} ON ${name} (${i.columns.join(', ')})`),
  ];
}

// ---------------------------------------------------------------------------------------------------
// The built database (data/build/atlas.duckdb): rebuilt from the sources by `npm run data:build`.

/** `meta`: facts about the build (data_vintage, built_at, day_night_estimate_error_points). */
export interface MetaRow {
  key: string;
  value: string;
}

/**
 * One joined municipality row, as the `municipalities` table holds it: exactly the API's detail record
 * without the regions, exchanges, networks and outlook that later steps add.
 */
export type MunicipalityRow = Omit<MunicipalityDetail, 'regions' | 'exchanges' | 'networks' | 'outlook'>;

/** A prefecture as stored: code, names and a representative point. */
export interface PrefectureRow {
  code: string;
  name: string;
  nameKana: string | null;
  nameRomaji: string | null;
  lon: number;
  lat: number;
}

/** One side of an exchange as stored: the API's end without the former name, which is kept per agreement. */
export type ExchangeEnd = Omit<ApiExchangeEnd, 'formerName'>;

/** One stored agreement (a row of the `exchanges` table, and of the server's view over seeds and imports). */
export interface ExchangeRow {
  id: string;
  aCode: string;
  aName: string;
  aPrefName: string;
  aLon: number;
  aLat: number;
  aFormerName: string | null;
  bCode: string;
  bName: string;
  bPrefName: string;
  bLon: number;
  bLat: number;
  bFormerName: string | null;
  kind: string;
  sinceYear: number | null;
  agreement: string | null;
  source: string;
  note: string | null;
  network: string | null;
  networkName: string | null;
  origin: 'seed' | 'user';
  pairKey: string;
}

/** The unique key of an agreement: unordered pair + kind. @example pairKey('15202', '13219', 'friendship') // '13219-15202:friendship' */
export function pairKey(a: string, b: string, kind: string): string {
  return `${a < b ? a : b}-${a < b ? b : a}:${kind}`;
}

/** A network member as the `exchange_networks` table holds it, with the member's current name and prefecture. */
export interface NetworkMemberRow {
  network: string;
  networkName: string;
  code: string;
  name: string;
  prefName: string;
  kind: string;
  sinceYear: number | null;
  asOf: string;
  membership: string;
  source: string;
  note: string;
}

/** A region row as the `regions` table holds it. */
export interface RegionRow {
  id: string;
  type: string;
  name: string;
  /** Centre codes joined with ';'. */
  centerCodes: string;
  status: string;
  asOf: string;
  source: string;
  note: string;
  population: number;
  areaKm2: number;
  memberCount: number;
  /** all / partial / centre_only: how completely the sources name the members. */
  membersKnown: string;
  centerShare: number | null;
  /** Dissolved outline as GeoJSON (MultiPolygon) text. */
  outline: string;
  createdAt: string | null;
}

/** A member row as the `region_members` table holds it. */
export interface RegionMemberRow {
  regionId: string;
  code: string;
  name: string;
  prefecture: string;
  role: 'center' | 'member';
  joined: string;
  asOf: string;
  source: string;
  note: string;
  status: string;
}

/** An official count of regions, declared cities or member municipalities (`region_coverage`). */
export interface RegionCoverageRow {
  type: string;
  metric: string;
  value: number;
  asOf: string;
  source: string;
  note: string;
}

/** Two municipalities sharing a boundary, listed both ways (`municipality_neighbors`). */
export interface NeighbourRow {
  code: string;
  neighborCode: string;
}

/** A municipality inside a designated hazard zone (`hazard_zones`). */
export interface HazardZoneRow {
  zone: string;
  zoneName: string;
  hazard: string;
  code: string;
  scope: string;
  asOf: string;
  source: string;
}

/** A prefecture only partly inside a zone whose members the sources do not list (`hazard_zones_partial`). */
export interface HazardPartialRow {
  zone: string;
  zoneName: string;
  hazard: string;
  prefCode: string;
  prefecture: string;
  asOf: string;
  source: string;
  note: string;
}

/** A presentation story: titles, step count and the whole story as JSON (`stories`). */
export interface StoryRow {
  id: string;
  position: number;
  titleJa: string;
  titleEn: string;
  steps: number;
  json: string;
}

/** One former name of a municipality of today (a row of the `former_names` table; see domain/names/resolver.ts). */
export interface FormerNameRow {
  prefecture: string;
  /** 郡 or 支庁 it belonged to, if any. */
  district: string | null;
  name: string;
  /** The former municipality's code then (全国地方公共団体コード without check digit). */
  formerCode: string;
  /** Today's municipality. */
  code: string;
  date: string;
  change: string;
}

/** One projection unit's figures for one year (`projections`; see data/projections.ts). */
export interface ProjectionRow {
  unitCode: string;
  year: number;
  population: number;
  under15: number;
  workingAge: number;
  elderly: number;
}

/** Which municipality a projection unit covers (`projection_units`). */
export interface ProjectionUnitRow {
  unitCode: string;
  name: string;
  kind: 'municipality' | 'group';
  code: string;
}

/** A municipality's 2050 outlook for the choropleth (`projection_metrics`). */
export interface ProjectionMetricRow {
  code: string;
  population2050: number | null;
  popChange2050Pct: number | null;
  share65plus2050: number | null;
}

/** One 都市雇用圏 2020 as stored (`employment_areas`; see data/employment-areas.ts). */
export interface EmploymentAreaRow {
  id: string;
  code: string;
  kind: EmploymentAreaKind;
  name: string;
  didPopulation: number;
  /** Centre units as published, joined with ';' (`13100` for 特別区部). */
  centreUnits: string;
  /** Municipalities in the area (the 23 wards counted one by one). */
  memberCount: number;
  population: number;
}

/** One former municipality that is now part of `code` (`municipality_mergers`; see data/mergers.ts). */
export interface MergerRow {
  code: string;
  mergedOn: string;
  kind: '新設合併' | '編入合併';
  formerCode: string;
  formerName: string;
}

/** A municipality's hazard figures (%, 0.1 precision; wards combined) from J-SHIS and the hazard maps (`hazard_figures`). */
export interface HazardFigureRow {
  code: string;
  quakeProb30: number | null;
  floodShare: number | null;
  flood3Share: number | null;
  surgeShare: number | null;
  tsunamiShare: number | null;
  sedimentShare: number | null;
  gridPopulation: number;
  units: number;
}

/** Which road network (landmass) a municipality lies on, and for an island its ferry port (`landmasses`). */
export interface LandmassRow {
  code: string;
  /** Road network id: the lowest municipality code on it. */
  landmass: string;
  island: boolean;
  portCode: string | null;
  portLon: number | null;
  portLat: number | null;
  /** Road network where help comes ashore: the port's for an island, its own otherwise. */
  gatewayLandmass: string;
}

/** Every table of the built database. The server checks each of them, column by column, before it starts. */
export const builtTables = {
  meta: defineTable<MetaRow>({
    name: 'meta',
    columns: [
      ['key', 'VARCHAR', 'key'],
      ['value', 'VARCHAR', 'value'],
    ],
    primaryKey: 'key',
  }),
  sources: defineTable<DataSource & { position: number }>({
    name: 'sources',
    columns: [
      ['id', 'VARCHAR', 'id'],
      ['position', 'INTEGER', 'position'],
      ['name', 'VARCHAR', 'name'],
      ['vintage', 'VARCHAR', 'vintage'],
      ['licence', 'VARCHAR', 'licence'],
      ['attribution', 'VARCHAR', 'attribution'],
      ['url', 'VARCHAR', 'url'],
    ],
    primaryKey: 'id',
  }),
  prefectures: defineTable<PrefectureRow>({
    name: 'prefectures',
    columns: [
      ['code', 'VARCHAR', 'code'],
      ['name', 'VARCHAR', 'name'],
      ['name_kana', 'VARCHAR', 'nameKana'],
      ['name_romaji', 'VARCHAR', 'nameRomaji'],
      ['lon', 'DOUBLE', 'lon'],
      ['lat', 'DOUBLE', 'lat'],
    ],
    primaryKey: 'code',
  }),
  municipalities: defineTable<MunicipalityRow>({
    name: 'municipalities',
    columns: [
      ['code', 'VARCHAR', 'code'],
      ['name', 'VARCHAR', 'name'],
      ['name_kana', 'VARCHAR', 'nameKana'],
      ['name_romaji', 'VARCHAR', 'nameRomaji'],
      ['pref_code', 'VARCHAR', 'prefCode'],
      ['pref_name', 'VARCHAR', 'prefName'],
      ['pref_name_romaji', 'VARCHAR', 'prefNameRomaji'],
      ['kind', 'VARCHAR', 'kind'],
      ['designation_since', 'VARCHAR', 'designationSince'],
      ['population', 'INTEGER', 'population'],
      ['population_2015', 'INTEGER', 'population2015'],
      ['pop_change_pct', 'DOUBLE', 'popChangePct'],
      ['households', 'INTEGER', 'households'],
      ['area_km2', 'DOUBLE', 'areaKm2'],
      ['density', 'DOUBLE', 'density'],
      ['share_65plus', 'DOUBLE', 'share65plus'],
      ['share_primary', 'DOUBLE', 'sharePrimary'],
      ['share_secondary', 'DOUBLE', 'shareSecondary'],
      ['share_tertiary', 'DOUBLE', 'shareTertiary'],
      ['employed', 'INTEGER', 'employed'],
      ['private_employees', 'INTEGER', 'privateEmployees'],
      ['jobs_per_resident', 'DOUBLE', 'jobsPerResident'],
      ['daytime_population', 'INTEGER', 'daytimePopulation'],
      ['day_night_ratio', 'DOUBLE', 'dayNightRatio'],
      ['day_night_estimated', 'BOOLEAN', 'dayNightEstimated'],
      ['lon', 'DOUBLE', 'lon'],
      ['lat', 'DOUBLE', 'lat'],
      ['boundary_area_km2', 'DOUBLE', 'boundaryAreaKm2'],
    ],
    primaryKey: 'code',
  }),
  exchanges: defineTable<ExchangeRow>({
    name: 'exchanges',
    columns: [
      ['id', 'VARCHAR', 'id'],
      ['a_code', 'VARCHAR', 'aCode'],
      ['a_name', 'VARCHAR', 'aName'],
      ['a_pref_name', 'VARCHAR', 'aPrefName'],
      ['a_lon', 'DOUBLE', 'aLon'],
      ['a_lat', 'DOUBLE', 'aLat'],
      ['a_former_name', 'VARCHAR', 'aFormerName'],
      ['b_code', 'VARCHAR', 'bCode'],
      ['b_name', 'VARCHAR', 'bName'],
      ['b_pref_name', 'VARCHAR', 'bPrefName'],
      ['b_lon', 'DOUBLE', 'bLon'],
      ['b_lat', 'DOUBLE', 'bLat'],
      ['b_former_name', 'VARCHAR', 'bFormerName'],
      ['kind', 'VARCHAR', 'kind'],
      ['since_year', 'INTEGER', 'sinceYear'],
      ['agreement', 'VARCHAR', 'agreement'],
      ['source', 'VARCHAR', 'source'],
      ['note', 'VARCHAR', 'note'],
      ['network', 'VARCHAR', 'network'],
      ['network_name', 'VARCHAR', 'networkName'],
      ['origin', 'VARCHAR', 'origin'],
      ['pair_key', 'VARCHAR', 'pairKey'],
    ],
    primaryKey: 'id',
    indexes: [
      { name: 'exchanges_pair_key', columns: ['pair_key'], unique: true },
      { name: 'exchanges_a', columns: ['a_code'] },
      { name: 'exchanges_b', columns: ['b_code'] },
    ],
  }),
  exchangeNetworks: defineTable<NetworkMemberRow>({
    name: 'exchange_networks',
    columns: [
      ['network', 'VARCHAR', 'network'],
      ['network_name', 'VARCHAR', 'networkName'],
      ['code', 'VARCHAR', 'code'],
      ['name', 'VARCHAR', 'name'],
      ['pref_name', 'VARCHAR', 'prefName'],
      ['kind', 'VARCHAR', 'kind'],
      ['since_year', 'INTEGER', 'sinceYear'],
      ['as_of', 'VARCHAR', 'asOf'],
      ['membership', 'VARCHAR', 'membership'],
      ['source', 'VARCHAR', 'source'],
      ['note', 'VARCHAR', 'note'],
    ],
    indexes: [{ name: 'exchange_networks_code', columns: ['code'] }],
  }),
  hazardZones: defineTable<HazardZoneRow>({
    name: 'hazard_zones',
    columns: [
      ['zone', 'VARCHAR', 'zone'],
      ['zone_name', 'VARCHAR', 'zoneName'],
      ['hazard', 'VARCHAR', 'hazard'],
      ['code', 'VARCHAR', 'code'],
      ['scope', 'VARCHAR', 'scope'],
      ['as_of', 'VARCHAR', 'asOf'],
      ['source', 'VARCHAR', 'source'],
    ],
  }),
  hazardFigures: defineTable<HazardFigureRow>({
    name: 'hazard_figures',
    columns: [
      ['code', 'VARCHAR', 'code'],
      ['quake_prob30', 'DOUBLE', 'quakeProb30'],
      ['flood_share', 'DOUBLE', 'floodShare'],
      ['flood3_share', 'DOUBLE', 'flood3Share'],
      ['surge_share', 'DOUBLE', 'surgeShare'],
      ['tsunami_share', 'DOUBLE', 'tsunamiShare'],
      ['sediment_share', 'DOUBLE', 'sedimentShare'],
      ['grid_population', 'INTEGER', 'gridPopulation'],
      ['units', 'INTEGER', 'units'],
    ],
    primaryKey: 'code',
  }),
  landmasses: defineTable<LandmassRow>({
    name: 'landmasses',
    columns: [
      ['code', 'VARCHAR', 'code'],
      ['landmass', 'VARCHAR', 'landmass'],
      ['island', 'BOOLEAN', 'island'],
      ['port_code', 'VARCHAR', 'portCode'],
      ['port_lon', 'DOUBLE', 'portLon'],
      ['port_lat', 'DOUBLE', 'portLat'],
      ['gateway_landmass', 'VARCHAR', 'gatewayLandmass'],
    ],
    primaryKey: 'code',
  }),
  hazardZonesPartial: defineTable<HazardPartialRow>({
    name: 'hazard_zones_partial',
    columns: [
      ['zone', 'VARCHAR', 'zone'],
      ['zone_name', 'VARCHAR', 'zoneName'],
      ['hazard', 'VARCHAR', 'hazard'],
      ['pref_code', 'VARCHAR', 'prefCode'],
      ['prefecture', 'VARCHAR', 'prefecture'],
      ['as_of', 'VARCHAR', 'asOf'],
      ['source', 'VARCHAR', 'source'],
      ['note', 'VARCHAR', 'note'],
    ],
  }),
  regions: defineTable<RegionRow>({
    name: 'regions',
    columns: [
      ['id', 'VARCHAR', 'id'],
      ['type', 'VARCHAR', 'type'],
      ['name', 'VARCHAR', 'name'],
      ['center_codes', 'VARCHAR', 'centerCodes'],
      ['status', 'VARCHAR', 'status'],
      ['as_of', 'VARCHAR', 'asOf'],
      ['source', 'VARCHAR', 'source'],
      ['note', 'VARCHAR', 'note'],
      ['population', 'BIGINT', 'population'],
      ['area_km2', 'DOUBLE', 'areaKm2'],
      ['member_count', 'INTEGER', 'memberCount'],
      ['members_known', 'VARCHAR', 'membersKnown'],
      ['center_share', 'DOUBLE', 'centerShare'],
      ['outline', 'VARCHAR', 'outline'],
      ['created_at', 'VARCHAR', 'createdAt'],
    ],
    primaryKey: 'id',
  }),
  regionMembers: defineTable<RegionMemberRow>({
    name: 'region_members',
    columns: [
      ['region_id', 'VARCHAR', 'regionId'],
      ['code', 'VARCHAR', 'code'],
      ['name', 'VARCHAR', 'name'],
      ['prefecture', 'VARCHAR', 'prefecture'],
      ['role', 'VARCHAR', 'role'],
      ['joined', 'VARCHAR', 'joined'],
      ['as_of', 'VARCHAR', 'asOf'],
      ['source', 'VARCHAR', 'source'],
      ['note', 'VARCHAR', 'note'],
      ['status', 'VARCHAR', 'status'],
    ],
    indexes: [
      { name: 'region_members_code', columns: ['code'] },
      { name: 'region_members_region', columns: ['region_id'] },
    ],
  }),
  regionCoverage: defineTable<RegionCoverageRow>({
    name: 'region_coverage',
    columns: [
      ['type', 'VARCHAR', 'type'],
      ['metric', 'VARCHAR', 'metric'],
      ['value', 'BIGINT', 'value'],
      ['as_of', 'VARCHAR', 'asOf'],
      ['source', 'VARCHAR', 'source'],
      ['note', 'VARCHAR', 'note'],
    ],
  }),
  municipalityNeighbors: defineTable<NeighbourRow>({
    name: 'municipality_neighbors',
    columns: [
      ['code', 'VARCHAR', 'code'],
      ['neighbor_code', 'VARCHAR', 'neighborCode'],
    ],
  }),
  formerNames: defineTable<FormerNameRow>({
    name: 'former_names',
    columns: [
      ['prefecture', 'VARCHAR', 'prefecture'],
      ['district', 'VARCHAR', 'district'],
      ['name', 'VARCHAR', 'name'],
      ['former_code', 'VARCHAR', 'formerCode'],
      ['code', 'VARCHAR', 'code'],
      ['date', 'VARCHAR', 'date'],
      ['change', 'VARCHAR', 'change'],
    ],
  }),
  projections: defineTable<ProjectionRow>({
    name: 'projections',
    columns: [
      ['unit_code', 'VARCHAR', 'unitCode'],
      ['year', 'INTEGER', 'year'],
      ['population', 'INTEGER', 'population'],
      ['under15', 'INTEGER', 'under15'],
      ['working_age', 'INTEGER', 'workingAge'],
      ['elderly', 'INTEGER', 'elderly'],
    ],
  }),
  projectionUnits: defineTable<ProjectionUnitRow>({
    name: 'projection_units',
    columns: [
      ['unit_code', 'VARCHAR', 'unitCode'],
      ['name', 'VARCHAR', 'name'],
      ['kind', 'VARCHAR', 'kind'],
      ['code', 'VARCHAR', 'code'],
    ],
    primaryKey: 'code',
  }),
  projectionMetrics: defineTable<ProjectionMetricRow>({
    name: 'projection_metrics',
    columns: [
      ['code', 'VARCHAR', 'code'],
      ['population_2050', 'INTEGER', 'population2050'],
      ['pop_change_2050_pct', 'DOUBLE', 'popChange2050Pct'],
      ['share_65plus_2050', 'DOUBLE', 'share65plus2050'],
    ],
    primaryKey: 'code',
  }),
  employmentAreas: defineTable<EmploymentAreaRow>({
    name: 'employment_areas',
    columns: [
      ['id', 'VARCHAR', 'id'],
      ['code', 'VARCHAR', 'code'],
      ['kind', 'VARCHAR', 'kind'],
      ['name', 'VARCHAR', 'name'],
      ['did_population', 'INTEGER', 'didPopulation'],
      ['centre_units', 'VARCHAR', 'centreUnits'],
      ['member_count', 'INTEGER', 'memberCount'],
      ['population', 'BIGINT', 'population'],
    ],
    primaryKey: 'id',
  }),
  commuteLinks: defineTable<CommuteLink>({
    name: 'commute_links',
    columns: [
      ['area_id', 'VARCHAR', 'areaId'],
      ['area_code', 'VARCHAR', 'areaCode'],
      ['area_kind', 'VARCHAR', 'areaKind'],
      ['area_name', 'VARCHAR', 'areaName'],
      ['code', 'VARCHAR', 'code'],
      ['unit_code', 'VARCHAR', 'unitCode'],
      ['commute_order', 'INTEGER', 'order'],
      ['to_code', 'VARCHAR', 'toCode'],
      ['rate', 'DOUBLE', 'rate'],
      ['employment_residence_ratio', 'DOUBLE', 'employmentResidenceRatio'],
    ],
    primaryKey: 'code',
  }),
  municipalityMergers: defineTable<MergerRow>({
    name: 'municipality_mergers',
    columns: [
      ['code', 'VARCHAR', 'code'],
      ['merged_on', 'VARCHAR', 'mergedOn'],
      ['kind', 'VARCHAR', 'kind'],
      ['former_code', 'VARCHAR', 'formerCode'],
      ['former_name', 'VARCHAR', 'formerName'],
    ],
  }),
  stories: defineTable<StoryRow>({
    name: 'stories',
    columns: [
      ['id', 'VARCHAR', 'id'],
      ['position', 'INTEGER', 'position'],
      ['title_ja', 'VARCHAR', 'titleJa'],
      ['title_en', 'VARCHAR', 'titleEn'],
      ['step_count', 'INTEGER', 'steps'],
      ['story_json', 'VARCHAR', 'json'],
    ],
    primaryKey: 'id',
  }),
} as const;

/**
 * The file a running server keeps beside the built database it serves (holding its command line), so that
 * `npm run data:build` refuses to replace a database in use. @example serverLockFile('/d/atlas.duckdb', 42) // '/d/atlas.duckdb.server-42.lock'
 */
export function serverLockFile(dbPath: string, pid: number): string {
  return `${dbPath}.server-${pid}.lock`;
}

/**
 * The file a server writes beside an old-style built database (one still holding users' rows, from before the user
 * store) once every such row is in the user store, so that `npm run data:build` may replace it.
 */
export function legacyMovedFile(dbPath: string): string {
  return `${dbPath}.user-rows-moved`;
}

/** A process's command line as a lock file holds it, from the NUL-separated text of Linux's /proc/<pid>/cmdline. */
export function commandLineText(procCmdline: string): string {
  return procCmdline.split('\0').filter(Boolean).join(' ');
}

/** The pid in a server lock file's name (a bare file name in the database's folder), or null for other files. */
export function serverLockPid(dbFileName: string, fileName: string): number | null {
  const prefix = `${dbFileName}.server-`;
  if (!fileName.startsWith(prefix) || !fileName.endsWith('.lock')) return null;
  const pid = Number(fileName.slice(prefix.length, -'.lock'.length));
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

// ---------------------------------------------------------------------------------------------------
// The user store (data/user/atlas-user.duckdb): what users made. Never written by the pipeline.

/**
 * Version of the user store's schema. To add a table: declare it in `userTables` (it is created when missing on
 * the next start) and raise the version; to change a table, also add the statements to `userStoreMigrations`.
 */
export const userStoreVersion = 3;

/** `store_meta`: schema_version, created_at, and what a one-time move from an old-style database brought in. */
export interface StoreMetaRow {
  key: string;
  value: string;
}

/**
 * A saved what-if grouping (`custom_regions`). Totals and the outline are derived from the built database and
 * stamped with the build they came from (`derivedFrom` = its meta.built_at), so the server recomputes them after a
 * rebuild; everything else is what the user gave.
 */
export interface CustomRegionRow {
  id: string;
  name: string;
  /** Centre codes joined with ';'. */
  centerCodes: string;
  note: string;
  createdAt: string;
  population: number;
  areaKm2: number;
  memberCount: number;
  centerShare: number | null;
  /** Dissolved outline as GeoJSON (MultiPolygon) text. */
  outline: string;
  derivedFrom: string;
}

/** A member of a saved grouping (`custom_region_members`); names come from the built database when read. */
export interface CustomRegionMemberRow {
  regionId: string;
  code: string;
  role: 'center' | 'member';
}

/**
 * An imported agreement (`imported_exchanges`): what the user's CSV said, by partner code. Names and points come
 * from the built database when read, so a rebuild re-resolves them without rewriting this table.
 */
export interface ImportedExchangeRow {
  id: string;
  aCode: string;
  bCode: string;
  aFormerName: string | null;
  bFormerName: string | null;
  kind: string;
  sinceYear: number | null;
  agreement: string | null;
  source: string;
  note: string | null;
  pairKey: string;
  importedAt: string | null;
}

/** A presenter's own story (`user_stories`), stored as the JSON of the story schema that seed stories follow. */
export interface UserStoryRow {
  id: string;
  storyJson: string;
  createdAt: string;
  updatedAt: string;
}

/**
 * A user's own indicator (`user_indicators`): a figure per municipality from an uploaded CSV or .xlsx, stored by code
 * (names were resolved on upload), so a rebuild keeps it as it is.
 */
export interface UserIndicatorRow {
  id: string;
  name: string;
  unit: string;
  note: string;
  fileName: string;
  createdAt: string;
  /** JSON object code → value. */
  valuesJson: string;
}

/** Every table of the user store, created when missing (`CREATE TABLE IF NOT EXISTS`) at each start. */
export const userTables = {
  storeMeta: defineTable<StoreMetaRow>({
    name: 'store_meta',
    columns: [
      ['key', 'VARCHAR', 'key'],
      ['value', 'VARCHAR', 'value'],
    ],
    primaryKey: 'key',
  }),
  customRegions: defineTable<CustomRegionRow>({
    name: 'custom_regions',
    columns: [
      ['id', 'VARCHAR', 'id'],
      ['name', 'VARCHAR', 'name'],
      ['center_codes', 'VARCHAR', 'centerCodes'],
      ['note', 'VARCHAR', 'note'],
      ['created_at', 'VARCHAR', 'createdAt'],
      ['population', 'BIGINT', 'population'],
      ['area_km2', 'DOUBLE', 'areaKm2'],
      ['member_count', 'INTEGER', 'memberCount'],
      ['center_share', 'DOUBLE', 'centerShare'],
      ['outline', 'VARCHAR', 'outline'],
      ['derived_from', 'VARCHAR', 'derivedFrom'],
    ],
    primaryKey: 'id',
  }),
  customRegionMembers: defineTable<CustomRegionMemberRow>({
    name: 'custom_region_members',
    columns: [
      ['region_id', 'VARCHAR', 'regionId'],
      ['code', 'VARCHAR', 'code'],
      ['role', 'VARCHAR', 'role'],
    ],
    indexes: [{ name: 'custom_region_members_region', columns: ['region_id'] }],
  }),
  importedExchanges: defineTable<ImportedExchangeRow>({
    name: 'imported_exchanges',
    columns: [
      ['id', 'VARCHAR', 'id'],
      ['a_code', 'VARCHAR', 'aCode'],
      ['b_code', 'VARCHAR', 'bCode'],
      ['a_former_name', 'VARCHAR', 'aFormerName'],
      ['b_former_name', 'VARCHAR', 'bFormerName'],
      ['kind', 'VARCHAR', 'kind'],
      ['since_year', 'INTEGER', 'sinceYear'],
      ['agreement', 'VARCHAR', 'agreement'],
      ['source', 'VARCHAR', 'source'],
      ['note', 'VARCHAR', 'note'],
      ['pair_key', 'VARCHAR', 'pairKey'],
      ['imported_at', 'VARCHAR', 'importedAt'],
    ],
    primaryKey: 'id',
    indexes: [{ name: 'imported_exchanges_pair_key', columns: ['pair_key'], unique: true }],
  }),
  // Version 2: presenters' stories.
  userStories: defineTable<UserStoryRow>({
    name: 'user_stories',
    columns: [
      ['id', 'VARCHAR', 'id'],
      ['story_json', 'VARCHAR', 'storyJson'],
      ['created_at', 'VARCHAR', 'createdAt'],
      ['updated_at', 'VARCHAR', 'updatedAt'],
    ],
    primaryKey: 'id',
  }),
  // Version 3: own indicators.
  userIndicators: defineTable<UserIndicatorRow>({
    name: 'user_indicators',
    columns: [
      ['id', 'VARCHAR', 'id'],
      ['name', 'VARCHAR', 'name'],
      ['unit', 'VARCHAR', 'unit'],
      ['note', 'VARCHAR', 'note'],
      ['file_name', 'VARCHAR', 'fileName'],
      ['created_at', 'VARCHAR', 'createdAt'],
      ['values_json', 'VARCHAR', 'valuesJson'],
    ],
    primaryKey: 'id',
  }),
} as const;

/**
 * Statements that bring a user store from version n-1 to n, beyond creating missing tables (which every start
 * does). Each must be safe to run twice (`ADD COLUMN IF NOT EXISTS` …), as a crash may interrupt a migration.
 */
export const userStoreMigrations: Readonly<Record<number, readonly string[]>> = {
  // 2 → 3 adds user_indicators, which every start creates when missing; nothing existing changes.
  3: [],
};
