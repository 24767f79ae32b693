/**
 * The two stores the server reads as one: the built database (attached read-only as `atlas`, replaced by each
 * `npm run data:build`) and the user store (attached read-write as `user_store`: saved groupings and imported
 * agreements, never touched by a build). Queries name neither: the server's own in-memory catalog holds one view per
 * built table, and the views `exchanges`, `regions` and `region_members` add the user's rows to the built ones, with
 * names, points and member names looked up in the build attached now — so a rebuild re-resolves imported rows
 * without rewriting them.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import {
  type AnyTable,
  type ColumnType,
  type TableSchema,
  builtTables,
  createTableSql,
  legacyMovedFile,
  userStoreMigrations,
  userStoreVersion,
  userTables,
} from '../domain/tables.ts';

/** Runs one statement inside a write transaction (AtlasDb.transaction) and returns its rows. */
export type Run = (sql: string, params?: DuckDBValue[]) => Promise<Record<string, string | number | boolean | null>[]>;

/** Catalog names of the attached stores. */
export const builtCatalog = 'atlas';
export const userCatalog = 'user_store';

/** The qualified name of a user-store table, for writes. @example userTable(userTables.customRegions) // 'user_store.custom_regions' */
export function userTable(table: AnyTable): string {
  return `${userCatalog}.${table.name}`;
}

/** Why a store cannot be used; the server turns it into one line at start. */
export class StoreError extends Error {
  constructor(
    readonly store: 'built' | 'user',
    readonly problem: 'cannot_open' | 'incomplete',
    message: string,
  ) {
    super(message);
  }
}

const firstLine = (err: unknown) => String((err as Error)?.message ?? err).split('\n')[0]!;
const literal = (s: string) => `'${s.replace(/'/g, "''")}'`;
const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** DuckDB's names for the column types the schemas declare. */
const duckTypes: Record<ColumnType, string> = { VARCHAR: 'VARCHAR', DOUBLE: 'DOUBLE', INTEGER: 'INTEGER', BIGINT: 'BIGINT', BOOLEAN: 'BOOLEAN' };

/**
 * Checks that a catalog holds every table of `tables` with every column at its declared type; throws a StoreError
 * naming the first table or column that is missing or different.
 */
export async function verifySchema(conn: DuckDBConnection, catalog: string, tables: readonly AnyTable[], store: 'built' | 'user'): Promise<void> {
  const rows = (
    await conn.runAndReadAll(`SELECT table_name, column_name, data_type FROM duckdb_columns() WHERE database_name = ${literal(catalog)} AND schema_name = 'main'`)
  ).getRows();
  const found = new Map<string, Map<string, string>>();
  for (const [table, column, type] of rows) {
    const columns = found.get(String(table)) ?? new Map<string, string>();
    columns.set(String(column), String(type));
    found.set(String(table), columns);
  }
  for (const table of tables) {
    const columns = found.get(table.name);
    if (!columns) throw new StoreError(store, 'incomplete', `table ${table.name} is missing`);
    for (const [column, type] of table.columns) {
      const actual = columns.get(column);
      if (!actual) throw new StoreError(store, 'incomplete', `table ${table.name} has no column ${column}`);
      if (actual !== duckTypes[type]) throw new StoreError(store, 'incomplete', `column ${table.name}.${column} is ${actual}, expected ${type}`);
    }
  }
}

/**
 * Brings the user store to the current schema in one transaction: creates missing tables, runs the migrations
 * above its version, and on a new store moves the user rows an old-style built database still holds (custom
 * regions, imported agreements, from before the user store existed) when `moveLegacy`. Refuses a store made by a
 * newer version.
 * @returns how many rows were moved from the built database (0 unless the store is new)
 */
export async function prepareUserStore(conn: DuckDBConnection, buildId: string, moveLegacy: boolean): Promise<{ moved: { regions: number; exchanges: number } }> {
  const moved = { regions: 0, exchanges: 0 };
  await conn.run('BEGIN TRANSACTION');
  try {
    for (const table of Object.values(userTables)) for (const sql of createTableSql(table, { catalog: userCatalog, ifNotExists: true })) await conn.run(sql);
    const meta = userTable(userTables.storeMeta);
    const version = (await conn.runAndReadAll(`SELECT value FROM ${meta} WHERE key = 'schema_version'`)).getRows()[0]?.[0];
    const from = version === undefined ? 0 : Number(version);
    if (from > userStoreVersion) {
      throw new StoreError('user', 'incomplete', `it was written by a newer version of the atlas (schema ${from}, this one knows ${userStoreVersion}); update the atlas`);
    }
    for (let v = from + 1; v <= userStoreVersion; v++) for (const sql of userStoreMigrations[v] ?? []) await conn.run(sql);
    if (version === undefined) {
      await conn.run(`INSERT INTO ${meta} VALUES ('created_at', ${literal(new Date().toISOString())})`);
      if (moveLegacy) Object.assign(moved, await moveLegacyRows(conn, buildId));
      await conn.run(`INSERT INTO ${meta} VALUES ('moved_from_build', ${literal(`${moved.regions} custom regions, ${moved.exchanges} imported agreements`)})`);
    }
    await conn.run(`INSERT OR REPLACE INTO ${meta} VALUES ('schema_version', ${literal(String(userStoreVersion))})`);
    await conn.run('COMMIT');
  } catch (err) {
    await conn.run('ROLLBACK');
    throw err;
  }
  return { moved };
}

/** Copies user rows out of an old-style built database (where they lived before the user store existed). */
async function moveLegacyRows(conn: DuckDBConnection, buildId: string): Promise<{ regions: number; exchanges: number }> {
  const a = builtCatalog;
  const count = async (sql: string) => Number((await conn.runAndReadAll(sql)).getRows()[0]![0]);
  const columns = (t: AnyTable) => t.columns.map(([c]) => c);
  const regions =
    (await hasColumns(conn, a, 'regions', columns(builtTables.regions))) && (await hasColumns(conn, a, 'region_members', columns(builtTables.regionMembers)))
      ? await count(`SELECT count(*) FROM ${a}.regions WHERE type = 'custom'`)
      : 0;
  const exchanges = (await hasColumns(conn, a, 'exchanges', columns(builtTables.exchanges))) ? await count(`SELECT count(*) FROM ${a}.exchanges WHERE origin = 'user'`) : 0;
  if (regions) {
    await conn.run(
      `INSERT INTO ${userTable(userTables.customRegions)} (id, name, center_codes, note, created_at, population, area_km2, member_count, center_share, outline, derived_from)
       SELECT id, name, center_codes, coalesce(note, ''), coalesce(created_at, as_of, ''), population, area_km2, member_count, center_share, outline, ${literal(buildId)}
       FROM ${a}.regions WHERE type = 'custom'`,
    );
    await conn.run(
      `INSERT INTO ${userTable(userTables.customRegionMembers)} (region_id, code, role)
       SELECT m.region_id, m.code, m.role FROM ${a}.region_members m JOIN ${a}.regions r ON r.id = m.region_id WHERE r.type = 'custom'`,
    );
  }
  if (exchanges) {
    await conn.run(
      `INSERT INTO ${userTable(userTables.importedExchanges)} (id, a_code, b_code, a_former_name, b_former_name, kind, since_year, agreement, source, note, pair_key, imported_at)
       SELECT id, a_code, b_code, a_former_name, b_former_name, kind, since_year, agreement, source, note, pair_key, NULL FROM ${a}.exchanges WHERE origin = 'user'`,
    );
  }
  return { regions, exchanges };
}

/** Columns of the built `exchanges` table as read from an imported agreement (`u`) and its two ends (`a`, `b`). */
const importedExchangeAs: Record<string, string> = {
  id: 'u.id',
  a_code: 'u.a_code',
  a_name: 'a.name',
  a_pref_name: 'a.pref_name',
  a_lon: 'a.lon',
  a_lat: 'a.lat',
  a_former_name: 'u.a_former_name',
  b_code: 'u.b_code',
  b_name: 'b.name',
  b_pref_name: 'b.pref_name',
  b_lon: 'b.lon',
  b_lat: 'b.lat',
  b_former_name: 'u.b_former_name',
  kind: 'u.kind',
  since_year: 'u.since_year',
  agreement: 'u.agreement',
  source: 'u.source',
  note: 'u.note',
  network: 'NULL',
  network_name: 'NULL',
  origin: `'user'`,
  pair_key: 'u.pair_key',
};

/** Columns of the built `regions` table as read from a saved grouping (`c`). */
const customRegionAs: Record<string, string> = {
  id: 'c.id',
  type: `'custom'`,
  name: 'c.name',
  center_codes: 'c.center_codes',
  status: `'custom'`,
  as_of: 'substr(c.created_at, 1, 10)',
  source: `'user'`,
  note: 'c.note',
  population: 'c.population',
  area_km2: 'c.area_km2',
  member_count: 'c.member_count',
  members_known: `'all'`,
  center_share: 'c.center_share',
  outline: 'c.outline',
  created_at: 'c.created_at',
};

/** Columns of the built `region_members` table as read from a grouping's member (`m`), its region (`c`) and municipality (`u`). */
const customMemberAs: Record<string, string> = {
  region_id: 'm.region_id',
  code: 'm.code',
  name: 'u.name',
  prefecture: 'u.pref_name',
  role: 'm.role',
  joined: `''`,
  as_of: 'substr(c.created_at, 1, 10)',
  source: `'user'`,
  note: `''`,
  status: `'custom'`,
};

/** `SELECT` list mapping each column of a built table from `as` (a new built column without a mapping fails at start). */
function selectAs(table: AnyTable, as: Record<string, string>): string {
  return table.columns
    .map(([column]) => {
      const expr = as[column];
      if (!expr) throw new Error(`server/store.ts: no user-store mapping for ${table.name}.${column}`);
      return `${expr} AS ${column}`;
    })
    .join(', ');
}

const columnList = (table: AnyTable) => table.columns.map(([c]) => c).join(', ');

/**
 * The views the API reads: one per built table, and for exchanges, regions and region_members the built rows plus
 * the user's. Built rows of origin 'user' / type 'custom' (an old-style database) are left out: they were moved to
 * the user store. An import whose pair and kind a later build lists itself is shown once, as the seed.
 */
export async function createViews(conn: DuckDBConnection): Promise<void> {
  const a = builtCatalog;
  const { exchanges, regions, regionMembers } = builtTables;
  const names = (await conn.runAndReadAll(`SELECT table_name FROM duckdb_tables() WHERE database_name = '${a}' AND schema_name = 'main'`)).getRows().map((r) => String(r[0]));
  const merged: Record<string, string> = {
    [exchanges.name]: `
      WITH ends AS (SELECT code, name, pref_name, lon, lat FROM ${a}.municipalities UNION ALL SELECT code || '000', name, name, lon, lat FROM ${a}.prefectures)
      SELECT ${columnList(exchanges)} FROM ${a}.exchanges WHERE origin = 'seed'
      UNION ALL
      SELECT ${selectAs(exchanges, importedExchangeAs)} FROM ${userTable(userTables.importedExchanges)} u
        JOIN ends a ON a.code = u.a_code JOIN ends b ON b.code = u.b_code
        WHERE u.pair_key NOT IN (SELECT pair_key FROM ${a}.exchanges WHERE origin = 'seed')`,
    [regions.name]: `
      SELECT ${columnList(regions)} FROM ${a}.regions WHERE type <> 'custom'
      UNION ALL
      SELECT ${selectAs(regions, customRegionAs)} FROM ${userTable(userTables.customRegions)} c`,
    [regionMembers.name]: `
      SELECT ${columnList(regionMembers)} FROM ${a}.region_members WHERE region_id NOT IN (SELECT id FROM ${a}.regions WHERE type = 'custom')
      UNION ALL
      SELECT ${selectAs(regionMembers, customMemberAs)} FROM ${userTable(userTables.customRegionMembers)} m
        JOIN ${userTable(userTables.customRegions)} c ON c.id = m.region_id JOIN ${a}.municipalities u ON u.code = m.code`,
  };
  for (const name of names) {
    await conn.run(`CREATE OR REPLACE VIEW ${ident(name)} AS ${merged[name] ?? `SELECT * FROM ${a}.${ident(name)}`}`);
  }
}

/** Whether a catalog's table has every one of `columns` (an old-style or damaged database may lack some). */
async function hasColumns(conn: DuckDBConnection, catalog: string, table: string, columns: readonly string[]): Promise<boolean> {
  const found = (
    await conn.runAndReadAll(`SELECT column_name FROM duckdb_columns() WHERE database_name = ${literal(catalog)} AND schema_name = 'main' AND table_name = ${literal(table)}`)
  )
    .getRows()
    .map((r) => String(r[0]));
  return columns.every((c) => found.includes(c));
}

/**
 * User rows an old-style built database holds (from before the user store) that the user store lacks, by id; null
 * when the database holds none (or could not hold any: tables or columns missing).
 */
async function legacyRowsMissing(conn: DuckDBConnection): Promise<number | null> {
  const a = builtCatalog;
  const count = async (sql: string) => Number((await conn.runAndReadAll(sql)).getRows()[0]![0]);
  let held = 0;
  let missing = 0;
  if (await hasColumns(conn, a, 'exchanges', ['id', 'origin'])) {
    held += await count(`SELECT count(*) FROM ${a}.exchanges WHERE origin = 'user'`);
    missing += await count(`SELECT count(*) FROM ${a}.exchanges WHERE origin = 'user' AND id NOT IN (SELECT id FROM ${userTable(userTables.importedExchanges)})`);
  }
  if (await hasColumns(conn, a, 'regions', ['id', 'type'])) {
    held += await count(`SELECT count(*) FROM ${a}.regions WHERE type = 'custom'`);
    missing += await count(`SELECT count(*) FROM ${a}.regions WHERE type = 'custom' AND id NOT IN (SELECT id FROM ${userTable(userTables.customRegions)})`);
  }
  return held ? missing : null;
}

/**
 * Attaches the built database read-only and the user store read-write (an in-memory one when `userPath` is null),
 * prepares the user store (moving an old-style database's user rows into a new one, before anything can refuse the
 * built file), checks both schemas and creates the views. Throws StoreError.
 */
export async function attachStores(
  conn: DuckDBConnection,
  builtPath: string,
  userPath: string | null,
): Promise<{ buildId: string; moved: { regions: number; exchanges: number } }> {
  try {
    await conn.run(`ATTACH ${literal(builtPath)} AS ${builtCatalog} (READ_ONLY)`);
  } catch (err) {
    throw new StoreError('built', 'cannot_open', firstLine(err));
  }
  try {
    // A fresh clone has no data/user/ yet: the first start creates it (and an empty store in it).
    if (userPath) mkdirSync(dirname(userPath), { recursive: true });
    await conn.run(`ATTACH ${literal(userPath ?? ':memory:')} AS ${userCatalog}`);
  } catch (err) {
    throw new StoreError('user', 'cannot_open', firstLine(err));
  }
  const buildId = (await hasColumns(conn, builtCatalog, 'meta', ['key', 'value']))
    ? String((await conn.runAndReadAll(`SELECT value FROM ${builtCatalog}.meta WHERE key = 'built_at'`)).getRows()[0]?.[0] ?? '')
    : '';
  let moved: { regions: number; exchanges: number };
  try {
    ({ moved } = await prepareUserStore(conn, buildId, userPath !== null));
    // Tells the build that replacing this old-style database loses nothing (data/guard.ts).
    if (userPath && (await legacyRowsMissing(conn)) === 0) writeFileSync(legacyMovedFile(builtPath), `${userPath}\n`);
  } catch (err) {
    if (err instanceof StoreError) throw err;
    throw new StoreError('user', 'incomplete', firstLine(err));
  }
  await verifySchema(conn, builtCatalog, Object.values(builtTables), 'built');
  await verifySchema(conn, userCatalog, Object.values(userTables), 'user');
  await createViews(conn);
  return { buildId, moved };
}
/**
 * Reads every row of every table of both stores once, so a damaged file (DuckDB checks each block's checksum)
 * stops the start instead of failing later on some requests.
 */
export async function readEverything(conn: DuckDBConnection): Promise<void> {
  for (const [catalog, store] of [
    [builtCatalog, 'built'],
    [userCatalog, 'user'],
  ] as const) {
    const names = (await conn.runAndReadAll(`SELECT table_name FROM duckdb_tables() WHERE database_name = ${literal(catalog)}`)).getRows().map((r) => String(r[0]));
    for (const name of names) {
      try {
        await conn.run(`SELECT count(*) AS n, max(hash(t)) AS h FROM ${catalog}.${ident(name)} AS t`);
      } catch (err) {
        throw new StoreError(store, 'incomplete', firstLine(err));
      }
    }
  }
}

/** Inserts rows into a user-store table inside the caller's transaction, 100 rows per statement. */
export async function insertRows<R>(run: Run, table: TableSchema<R>, rows: readonly R[]): Promise<void> {
  const names = table.columns.map(([name]) => name).join(', ');
  for (let i = 0; i < rows.length; i += 100) {
    const params: DuckDBValue[] = [];
    const tuples = rows.slice(i, i + 100).map((row) => `(${table.columns.map(([, , key]) => (params.push((row[key] ?? null) as DuckDBValue), `$${params.length}`)).join(', ')})`);
    await run(`INSERT INTO ${userTable(table)} (${names}) VALUES ${tuples.join(', ')}`, params);
  }
}
