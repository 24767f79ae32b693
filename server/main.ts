/**
 * Starts the atlas: opens (or first builds) the database, serves the API and the built client.
 * Environment: PORT (8787), HOST (127.0.0.1), ATLAS_DB (data/build/atlas.duckdb), ATLAS_WEB_DIR (dist/web),
 * ATLAS_WRITE_TOKEN (else a random token is made and printed with the page URL).
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { createApp } from './app.ts';
import { AtlasDb } from './db.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dbPath = resolve(process.env.ATLAS_DB ?? join(root, 'data', 'build', 'atlas.duckdb'));
const assetPath = join(dirname(dbPath), 'boundaries.topo.json');
const port = Number(process.env.PORT ?? 8787);
const host = process.env.HOST ?? '127.0.0.1';

function fail(message: string): never {
  console.error(`renkei-atlas: ${message}`);
  process.exit(1);
}

if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`PORT=${process.env.PORT} is not a port number (0–65535)`);

if (!existsSync(dbPath) || !existsSync(assetPath)) {
  if (process.env.ATLAS_DB) fail(`database ${dbPath} (or ${assetPath}) is missing; build it with \`npm run data:build\` or unset ATLAS_DB`);
  console.log(`renkei-atlas: ${dbPath} is missing; building it from the sources (first run) …`);
  const build = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'data', 'build.ts')], { stdio: 'inherit', cwd: root });
  if (build.status !== 0) fail('the data build failed (see above); the server did not start');
}

let db: AtlasDb;
try {
  db = await AtlasDb.open(dbPath);
  await db.one('SELECT count(*) AS n FROM municipalities');
} catch (err) {
  fail(`cannot open the database ${dbPath}: ${(err as Error).message.split('\n')[0]}. Delete it and run \`npm run data:build\` to rebuild.`);
}

const writeToken = process.env.ATLAS_WRITE_TOKEN || randomBytes(18).toString('base64url');
const app = createApp({ db, writeToken, boundaryAsset: readFileSync(assetPath, 'utf8'), staticDir: process.env.ATLAS_WEB_DIR ?? join(root, 'dist', 'web') });

const server = serve({ fetch: app.fetch, port, hostname: host }, (info) => {
  const url = `http://${host}:${info.port}/`;
  console.log(`renkei-atlas: serving ${url}`);
  console.log(process.env.ATLAS_WRITE_TOKEN ? `renkei-atlas: writes need the token in ATLAS_WRITE_TOKEN` : `renkei-atlas: open ${url}?token=${writeToken} to be able to save groupings and import agreements`);
});

let closing = false;
async function shutdown(signal: string): Promise<void> {
  if (closing) return;
  closing = true;
  console.log(`renkei-atlas: ${signal}; finishing requests in flight, then closing the database`);
  server.close(async () => {
    await db.close();
    process.exit(0);
  });
  // A client holding a connection open must not keep the process alive forever.
  setTimeout(() => process.exit(0), 10_000).unref();
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
