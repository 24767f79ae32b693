import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const builtDatabase = resolve(import.meta.dirname, '..', '..', 'data', 'build', 'atlas.duckdb');
export const builtBoundaries = resolve(import.meta.dirname, '..', '..', 'data', 'build', 'boundaries.topo.json');
export const builtTiles = resolve(import.meta.dirname, '..', '..', 'data', 'build', 'boundaries.pmtiles');

/** Folders made for the current test file, removed after it by tests/setup/cleanup.ts. */
const made: string[] = [];

/**
 * A fresh temporary folder that is removed after the current test file (each test file has its own module
 * instance, so its own list).
 * @example const dir = testDir('atlas-fault-')
 */
export function testDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Removes every folder {@link testDir} made in this test file; its servers are stopped by then (their afterAll ran first). */
export function removeTestDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** A private copy of the built database (and its boundary asset and tiles), so tests can write without touching the real one. */
export function copyDatabase(): { dir: string; dbPath: string } {
  const dir = testDir('atlas-db-');
  const dbPath = join(dir, 'atlas.duckdb');
  copyFileSync(builtDatabase, dbPath);
  copyFileSync(builtBoundaries, join(dir, 'boundaries.topo.json'));
  copyFileSync(builtTiles, join(dir, 'boundaries.pmtiles'));
  return { dir, dbPath };
}
