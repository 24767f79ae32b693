import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Hono } from 'hono';
import { afterAll, beforeAll } from 'vitest';
import { createApp } from '../../server/app.ts';
import { AtlasDb } from '../../server/db.ts';
import { readTileArchive } from '../../server/tiles.ts';
import { builtBoundaries, builtTiles, copyDatabase } from './database.ts';

export const testToken = 'test-token-0123456789';

/** The real app on a private copy of the real database and a new user store beside it, called without a socket. */
export async function openTestApp(): Promise<{ app: Hono; db: AtlasDb; dbPath: string; close: () => Promise<void> }> {
  const { dir, dbPath } = copyDatabase();
  const db = await AtlasDb.open(dbPath, { userStore: join(dir, 'atlas-user.duckdb') });
  const app = createApp({ db, writeToken: testToken, boundaryAsset: readFileSync(builtBoundaries, 'utf8'), tiles: readTileArchive(readFileSync(builtTiles)) });
  return { app, db, dbPath, close: () => db.close() };
}

/**
 * The real app for the tests of one file: opened on a private copy of the database before them, closed after.
 * @example const app = useTestApp(); … await app.request('/api/health')
 */
export function useTestApp(): { request: Hono['request']; readonly db: AtlasDb; readonly dbPath: string } {
  let opened: Awaited<ReturnType<typeof openTestApp>> | undefined;
  beforeAll(async () => {
    opened = await openTestApp();
  });
  afterAll(() => opened?.close());
  return {
    request: (...args) => opened!.app.request(...args),
    get db() {
      return opened!.db;
    },
    get dbPath() {
      return opened!.dbPath;
    },
  };
}

/** JSON of a response, with its status. */
// biome-ignore lint/suspicious/noExplicitAny: tests read answers of every shape; each asserts what it needs.
export async function json<T = any>(res: Response | Promise<Response>): Promise<{ status: number; body: T; headers: Headers }> {
  const r = await res;
  return { status: r.status, body: (await r.json()) as T, headers: r.headers };
}
