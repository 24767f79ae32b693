/**
 * Starts the atlas: opens (or first builds) the database, attaches the user store, serves the API and the built client.
 * Environment: PORT (8787), HOST (127.0.0.1), ATLAS_DB (data/build/atlas.duckdb), ATLAS_USER_DB
 * (data/user/atlas-user.duckdb), ATLAS_WEB_DIR (dist/web), ATLAS_WRITE_TOKEN (else a random token is made and printed
 * with the page URL), ATLAS_ANSWER_CACHE (`off` computes every GET answer anew, for measuring uncached reads).
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { getRequestListener } from '@hono/node-server';
import type { Topology } from 'topojson-specification';
import { commandLineText, serverLockFile } from '../domain/tables.ts';
import { createApp } from './app.ts';
import { atlasHttpServer } from './connections.ts';
import { builtData } from './built.ts';
import { AtlasDb } from './db.ts';
import { type TileArchive, readTileArchive } from './tiles.ts';
import { refreshCustomRegions } from './services/custom-regions.ts';
import { repoRoot, storePaths } from './paths.ts';
import { StoreError } from './store.ts';

const { dbPath, assetPath, tilesPath, userPath } = storePaths();
const port = Number(process.env.PORT ?? 8787);
const host = process.env.HOST ?? '127.0.0.1';

const rebuildHint = `Rebuild it from the sources with \`npm run data:build\` (saved groupings and imports are in the user store ${userPath} and are kept); the server did not start`;
const userHint = `It holds saved groupings and imports: keep a copy of the file, then restore a backup with \`npm run user:import\` or move it aside to start with an empty store; the server did not start`;

function firstLine(err: unknown): string {
  return String((err as Error)?.message ?? err).split('\n')[0];
}

/** One line for a store that cannot be used: which file, what is wrong, what to do. */
function storeProblem(err: unknown): string {
  if (!(err instanceof StoreError)) return `cannot open the database ${dbPath}: ${firstLine(err)}. ${rebuildHint}`;
  if (err.store === 'built')
    return err.problem === 'cannot_open'
      ? `cannot open the database ${dbPath}: ${err.message}. ${rebuildHint}`
      : `the database ${dbPath} is damaged or incomplete: ${err.message}. ${rebuildHint}`;
  const holder = /Conflicting lock is held in .*\(PID (\d+)\)/.exec(err.message);
  if (holder)
    return `the user store ${userPath} is in use by another process (PID ${holder[1]}), probably another atlas server: stop it, or give this server its own store with ATLAS_USER_DB; the server did not start`;
  return err.problem === 'cannot_open'
    ? `cannot open the user store ${userPath}: ${err.message}. ${userHint}`
    : `the user store ${userPath} is damaged or incomplete: ${err.message}. ${userHint}`;
}

function fail(message: string): never {
  console.error(`renkei-atlas: ${message}`);
  process.exit(1);
}

if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`PORT=${process.env.PORT} is not a port number (0–65535)`);

if (!existsSync(dbPath) || !existsSync(assetPath) || !existsSync(tilesPath)) {
  if (process.env.ATLAS_DB) fail(`database ${dbPath} (or ${assetPath}, ${tilesPath}) is missing; build it with \`npm run data:build\` or unset ATLAS_DB`);
  console.log(`renkei-atlas: ${dbPath} is missing; building it from the sources (first run) …`);
  const build = spawnSync(process.execPath, ['--import', 'tsx', join(repoRoot, 'data', 'build.ts')], { stdio: 'inherit', cwd: repoRoot });
  if (build.status !== 0) fail('the data build failed (see above); the server did not start');
}

let db: AtlasDb;
try {
  db = await AtlasDb.open(dbPath, { userStore: userPath });
} catch (err) {
  fail(storeProblem(err));
}
try {
  await db.verifyChecksums();
  const n = await db.one<{ n: number }>('SELECT count(*) AS n FROM municipalities');
  if (!n || Number(n.n) < 1000) throw new StoreError('built', 'incomplete', `municipalities holds ${n?.n ?? 0} rows, expected 1,741`);
  // What no user can change is read once, now: reads then cost no query even when the answer cache is empty.
  await builtData(db);
} catch (err) {
  await db.close().catch(() => undefined);
  fail(storeProblem(err));
}
let boundaryAsset: string;
let topology: Topology;
try {
  boundaryAsset = readFileSync(assetPath, 'utf8');
  topology = JSON.parse(boundaryAsset) as Topology;
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
if (db.moved.regions || db.moved.exchanges) {
  console.log(`renkei-atlas: moved ${db.moved.regions} saved groupings and ${db.moved.exchanges} imported agreements from ${dbPath} into the new user store ${userPath}`);
}
const refreshed = await refreshCustomRegions(db, topology);
if (refreshed.refreshed) console.log(`renkei-atlas: recomputed the totals and outlines of ${refreshed.refreshed} saved groupings for this build`);
if (refreshed.missing.length) console.log(`renkei-atlas: saved groupings with members this build does not know (kept, left out of totals): ${refreshed.missing.join('; ')}`);

// Tells `npm run data:build` that this database is being served (removed on exit; a killed server's file is stale).
const lockPath = serverLockFile(dbPath, process.pid);
try {
  const commandLine = existsSync('/proc/self/cmdline') ? commandLineText(readFileSync('/proc/self/cmdline', 'utf8')) : process.argv.join(' ');
  writeFileSync(lockPath, `${commandLine}\n`);
  process.on('exit', () => rmSync(lockPath, { force: true }));
} catch (err) {
  console.error(`renkei-atlas: cannot write ${lockPath} (${firstLine(err)}); \`npm run data:build\` will not see that this server uses the database`);
}

const writeToken = process.env.ATLAS_WRITE_TOKEN || randomBytes(18).toString('base64url');
const app = createApp({
  db,
  writeToken,
  boundaryAsset,
  tiles,
  answerCache: process.env.ATLAS_ANSWER_CACHE !== 'off',
  staticDir: process.env.ATLAS_WEB_DIR ?? join(repoRoot, 'dist', 'web'),
});

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
