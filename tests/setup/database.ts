import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { builtTables } from '../../domain/tables.ts';
import { builtCatalog, verifySchema } from '../../server/store.ts';

const root = resolve(import.meta.dirname, '..', '..');

/** Whether the built database has every table and column of domain/tables.ts (a schema change needs a rebuild). */
async function upToDate(dbPath: string): Promise<boolean> {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  try {
    await conn.run(`ATTACH '${dbPath.replace(/'/g, "''")}' AS ${builtCatalog} (READ_ONLY)`);
    await verifySchema(conn, builtCatalog, Object.values(builtTables), 'built');
    return true;
  } catch {
    return false;
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

/** Once per test run: builds the database when missing or older than the schema (the real pipeline on the real sources). */
export default async function ensureDatabase(): Promise<void> {
  const dbPath = join(root, 'data', 'build', 'atlas.duckdb');
  if (['atlas.duckdb', 'boundaries.topo.json', 'boundaries.pmtiles'].some((f) => !existsSync(join(root, 'data', 'build', f))) || !(await upToDate(dbPath))) {
    execFileSync(process.execPath, ['--import', 'tsx', join(root, 'data', 'build.ts')], { cwd: root, stdio: 'inherit' });
  }
}
