import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
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

/** The newest modification time of the files under `dir` (the build folder and dot folders left out). */
function newestIn(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || entry.name === 'build' || entry.name === 'user') continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestIn(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Whether the pipeline, the shared records or the seeds changed since the database was built (a checkout or rebase). */
function olderThanItsInputs(dbPath: string): boolean {
  const built = statSync(dbPath).mtimeMs;
  return ['data', 'domain', 'seeds'].some((dir) => newestIn(join(root, dir)) > built);
}

/** Once per test run: builds the database when missing, older than the schema or older than the code and seeds it is built from. */
export default async function ensureDatabase(): Promise<void> {
  const dbPath = join(root, 'data', 'build', 'atlas.duckdb');
  if (
    ['atlas.duckdb', 'boundaries.topo.json', 'boundaries.pmtiles'].some((f) => !existsSync(join(root, 'data', 'build', f))) ||
    olderThanItsInputs(dbPath) ||
    !(await upToDate(dbPath))
  ) {
    execFileSync(process.execPath, ['--import', 'tsx', join(root, 'data', 'build.ts')], { cwd: root, stdio: 'inherit' });
  }
}
