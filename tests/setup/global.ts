import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { TestProject } from 'vitest/node';
import { builtTables } from '../../domain/tables.ts';
import { builtCatalog, verifySchema } from '../../server/store.ts';

const root = resolve(import.meta.dirname, '..', '..');

declare module 'vitest' {
  export interface ProvidedContext {
    /** The client built for this test run (its own folder, so parallel runs never share one). */
    webDir: string;
  }
}

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

/**
 * Once per test run: builds the database when missing or older than the schema (the real pipeline on the real
 * sources) and the client into a fresh folder that the API and browser tests serve.
 */
export default async function setup(project: TestProject): Promise<void> {
  const dbPath = join(root, 'data', 'build', 'atlas.duckdb');
  if (['atlas.duckdb', 'boundaries.topo.json', 'boundaries.pmtiles'].some((f) => !existsSync(join(root, 'data', 'build', f))) || !(await upToDate(dbPath))) {
    execFileSync(process.execPath, ['--import', 'tsx', join(root, 'data', 'build.ts')], { cwd: root, stdio: 'inherit' });
  }
  const webDir = mkdtempSync(join(tmpdir(), 'atlas-web-'));
  execFileSync(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'error', '--outDir', webDir], { cwd: root, stdio: 'inherit' });
  project.provide('webDir', webDir);
}
