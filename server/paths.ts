import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (server/ lives directly below it). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The files the server and the user-data tools use: the built database (ATLAS_DB) with the boundary asset and tiles
 * beside it, and the user store (ATLAS_USER_DB).
 * @example storePaths({}).userPath // '<repo>/data/user/atlas-user.duckdb'
 */
export function storePaths(env: NodeJS.ProcessEnv = process.env): { dbPath: string; assetPath: string; tilesPath: string; userPath: string } {
  const dbPath = resolve(env.ATLAS_DB ?? join(repoRoot, 'data', 'build', 'atlas.duckdb'));
  return {
    dbPath,
    assetPath: join(dirname(dbPath), 'boundaries.topo.json'),
    tilesPath: join(dirname(dbPath), 'boundaries.pmtiles'),
    userPath: resolve(env.ATLAS_USER_DB ?? join(repoRoot, 'data', 'user', 'atlas-user.duckdb')),
  };
}
