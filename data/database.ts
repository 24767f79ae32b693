import type { DuckDBConnection } from '@duckdb/node-api';
import type { Columns } from '../domain/tables.ts';

export type { ColumnType, Columns } from '../domain/tables.ts';

/**
 * Creates `table` and fills it through DuckDB's appender (fast, typed, no SQL string building).
 * @example await writeTable(conn, 'meta', [['key', 'VARCHAR', 'key'], ['value', 'VARCHAR', 'value']], rows, 'key')
 */
export async function writeTable<R>(conn: DuckDBConnection, table: string, columns: Columns<R>, rows: readonly R[], primaryKey?: string): Promise<void> {
  const defs = columns.map(([name, type]) => `${name} ${type}${name === primaryKey ? ' PRIMARY KEY' : ''}`);
  await conn.run(`CREATE TABLE ${table} (${defs.join(', ')})`);
  await appendRows(conn, table, columns, rows);
}

/**
 * Adds rows to an existing table (one written by an earlier step) through the appender.
 * @example await appendRows(conn, 'regions', regionColumns, employmentAreaRegions)
 */
export async function appendRows<R>(conn: DuckDBConnection, table: string, columns: Columns<R>, rows: readonly R[]): Promise<void> {
  const appender = await conn.createAppender(table);
  for (const row of rows) {
    for (const [name, type, key] of columns) {
      const value = row[key] as unknown;
      if (value === null || value === undefined) appender.appendNull();
      else if (type === 'VARCHAR') appender.appendVarchar(String(value));
      else if (type === 'BOOLEAN') appender.appendBoolean(Boolean(value));
      else if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`${table}.${name}: ${String(value)} is not a finite number`);
      else if (type === 'DOUBLE') appender.appendDouble(value);
      else if (type === 'INTEGER') appender.appendInteger(value);
      else appender.appendBigInt(BigInt(value));
    }
    appender.endRow();
  }
  appender.closeSync();
}
