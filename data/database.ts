import type { DuckDBConnection } from '@duckdb/node-api';
import { type TableSchema, builtTables, createTableSql } from '../domain/tables.ts';

function checkDeclared<R>(table: TableSchema<R>): void {
  if (!(Object.values(builtTables) as unknown[]).includes(table)) {
    throw new Error(`table ${table.name} is not declared in domain/tables.ts builtTables; declare it there so the server can check it at start`);
  }
}

/**
 * Creates a table of the built database (declared in domain/tables.ts `builtTables`, which the server checks at start)
 * with its indexes, and fills it through DuckDB's appender (fast, typed, no SQL string building).
 * @example await writeTable(conn, builtTables.meta, [{ key: 'built_at', value: '2025-01-01T00:00:00Z' }])
 */
export async function writeTable<R>(conn: DuckDBConnection, table: TableSchema<R>, rows: readonly R[]): Promise<void> {
  checkDeclared(table);
  const [create, ...indexes] = createTableSql(table);
  await conn.run(create!);
  await appendRows(conn, table, rows);
  // Indexes after the rows: one bulk index build instead of one insert per row.
  for (const sql of indexes) await conn.run(sql);
}

/**
 * Adds rows to a table an earlier step wrote, through the appender.
 * @example await appendRows(conn, builtTables.regions, employmentAreaRegions)
 */
export async function appendRows<R>(conn: DuckDBConnection, table: TableSchema<R>, rows: readonly R[]): Promise<void> {
  checkDeclared(table);
  const appender = await conn.createAppender(table.name);
  for (const row of rows) {
    for (const [name, type, key] of table.columns) {
      const value = row[key] as unknown;
      if (value === null || value === undefined) appender.appendNull();
      else if (type === 'VARCHAR') appender.appendVarchar(String(value));
      else if (type === 'BOOLEAN') appender.appendBoolean(Boolean(value));
      else if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`${table.name}.${name}: ${String(value)} is not a finite number`);
      else if (type === 'DOUBLE') appender.appendDouble(value);
      else if (type === 'INTEGER') appender.appendInteger(value);
      else appender.appendBigInt(BigInt(value));
    }
    appender.endRow();
  }
  appender.closeSync();
}
