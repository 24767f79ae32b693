import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const builtDatabase = resolve(import.meta.dirname, '..', '..', 'data', 'build', 'atlas.duckdb');
export const builtBoundaries = resolve(import.meta.dirname, '..', '..', 'data', 'build', 'boundaries.topo.json');
export const builtTiles = resolve(import.meta.dirname, '..', '..', 'data', 'build', 'boundaries.pmtiles');

/** A private copy of the built database (and its boundary asset and tiles), so tests can write without touching the real one. */
export function copyDatabase(): { dir: string; dbPath: string } {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-db-'));
  const dbPath = join(dir, 'atlas.duckdb');
  copyFileSync(builtDatabase, dbPath);
  copyFileSync(builtBoundaries, join(dir, 'boundaries.topo.json'));
  copyFileSync(builtTiles, join(dir, 'boundaries.pmtiles'));
  return { dir, dbPath };
}
