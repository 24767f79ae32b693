/**
 * Starts the atlas: opens (or first builds) the database, serves the API and the built client.
 * Environment: PORT (8787), HOST (127.0.0.1), ATLAS_DB (data/build/atlas.duckdb), ATLAS_WEB_DIR (dist/web),
 * ATLAS_WRITE_TOKEN (else a random token is made and printed with the page URL).
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getRequestListener } from '@hono/node-server';
import { createApp } from './app.ts';
import { atlasHttpServer } from './connections.ts';
import { AtlasDb } from './db.ts';
import { type TileArchive, readTileArchive } from './tiles.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dbPath = resolve(process.env.ATLAS_DB ?? join(root, 'data', 'build', 'atlas.duckdb'));
const assetPath = join(dirname(dbPath), 'boundaries.topo.json');
const tilesPath = join(dirname(dbPath), 'boundaries.pmtiles');
const port = Number(process.env.PORT ?? 8787);
const host = process.env.HOST ?? '127.0.0.1';

const rebuildHint = 'Move it aside (it may hold saved groupings and imports) and run `npm run data:build` to rebuild it from the sources; the server did not start';

function firstLine(err: unknown): string {
  return String((err as Error)?.message ?? err).split('\n')[0];
}

/**
 * Reads every row of every table once, so a damaged file (DuckDB checks each block's checksum) stops the
 * start instead of failing later on some requests; also checks that every table the API reads exists and the core ones are filled.
 */
async function verifyDatabase(atlas: AtlasDb): Promise<void> {
  const tables = await atlas.all<{ name: string }>(`SELECT table_name AS name FROM duckdb_tables() WHERE database_name = current_database()`);
  for (const required of [
    'municipalities',
    'prefectures',
    'meta',
    'sources',
    'regions',
    'region_members',
    'exchanges',
    'exchange_networks',
    'hazard_zones',
    'hazard_figures',
    'landmasses',
    'stories',
    'projections',
    'projection_units',
    'projection_metrics',
    'employment_areas',
    'commute_links',
    'municipality_mergers',
  ]) {
    if (!tables.some((t) => t.name === required)) throw new Error(`table ${required} is missing`);
  }
  for (const { name } of tables) {
    // The name comes from the database's own catalogue, quoted as an identifier.
    await atlas.all(`SELECT count(*) AS n, max(hash(t)) AS h FROM "${name.replace(/"/g, '""')}" AS t`);
  }
  const n = await atlas.one<{ n: number }>('SELECT count(*) AS n FROM municipalities');
  if (!n || Number(n.n) < 1000) throw new Error(`municipalities holds ${n?.n ?? 0} rows, expected 1,741`);
}

function fail(message: string): never {
  console.error(`renkei-atlas: ${message}`);
  process.exit(1);
}

if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`PORT=${process.env.PORT} is not a port number (0–65535)`);

if (!existsSync(dbPath) || !existsSync(assetPath) || !existsSync(tilesPath)) {
  if (process.env.ATLAS_DB) fail(`database ${dbPath} (or ${assetPath}, ${tilesPath}) is missing; build it with \`npm run data:build\` or unset ATLAS_DB`);
  console.log(`renkei-atlas: ${dbPath} is missing; building it from the sources (first run) …`);
  const build = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'data', 'build.ts')], { stdio: 'inherit', cwd: root });
  if (build.status !== 0) fail('the data build failed (see above); the server did not start');
}

let db: AtlasDb;
try {
  db = await AtlasDb.open(dbPath);
} catch (err) {
  fail(`cannot open the database ${dbPath}: ${firstLine(err)}. ${rebuildHint}`);
}
try {
  await verifyDatabase(db);
} catch (err) {
  await db.close().catch(() => undefined);
  fail(`the database ${dbPath} is damaged or incomplete: ${firstLine(err)}. ${rebuildHint}`);
}
let boundaryAsset: string;
try {
  boundaryAsset = readFileSync(assetPath, 'utf8');
  JSON.parse(boundaryAsset);
} catch (err) {
  await db.close().catch(() => undefined);
  fail(`the boundary file ${assetPath} cannot be read as JSON: ${firstLine(err)}. ${rebuildHint}`);
}

let tiles: TileArchive;
try {
  tiles = readTileArchive(readFileSync(tilesPath));
} catch (err) {
  await db.close().catch(() => undefined);
  fail(`the tile archive ${tilesPath} cannot be read: ${firstLine(err)}. ${rebuildHint}`);
}

const writeToken = process.env.ATLAS_WRITE_TOKEN || randomBytes(18).toString('base64url');
const app = createApp({ db, writeToken, boundaryAsset, tiles, staticDir: process.env.ATLAS_WEB_DIR ?? join(root, 'dist', 'web') });

// Node's HTTP server with per-connection limits (see server/connections.ts), so no one client can fill the memory.
const server = atlasHttpServer(getRequestListener(app.fetch));
server.listen(port, host, () => {
  const url = `http://${host}:${(server.address() as AddressInfo).port}/`;
  console.log(`renkei-atlas: serving ${url}`);
  console.log(
    process.env.ATLAS_WRITE_TOKEN
      ? `renkei-atlas: writes need the token in ATLAS_WRITE_TOKEN`
      : `renkei-atlas: open ${url}?token=${writeToken} to be able to save groupings and import agreements`,
  );
});

server.on('error', async (err: NodeJS.ErrnoException) => {
  await db.close().catch(() => undefined);
  fail(err.code === 'EADDRINUSE' ? `port ${port} on ${host} is already in use; set PORT to another port` : `cannot listen on ${host}:${port}: ${err.message}`);
});

let closing = false;
/** Stops taking connections, lets requests in flight finish, then checkpoints and closes the database. */
async function shutdown(signal: string): Promise<void> {
  if (closing) return;
  closing = true;
  console.log(`renkei-atlas: ${signal}; finishing requests in flight, then closing the database`);
  // Node 20's close() also drops idle keep-alive connections; busy ones end after their answer.
  // A client holding a connection open must not keep the database open forever.
  const force = setTimeout(() => {
    console.error('renkei-atlas: connections still open after 10 s; closing them');
    server.closeAllConnections();
  }, 10_000).unref();
  await new Promise((resolveClosed) => server.close(resolveClosed));
  clearTimeout(force);
  try {
    await db.close();
    console.log('renkei-atlas: database closed cleanly');
    process.exit(0);
  } catch (err) {
    console.error(`renkei-atlas: closing the database failed: ${firstLine(err)}`);
    process.exit(1);
  }
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
