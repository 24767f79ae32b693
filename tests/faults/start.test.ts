import { closeSync, copyFileSync, mkdirSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { builtBoundaries, builtDatabase, builtTiles, copyDatabase, testDir } from '../helpers/database.ts';
import { startServer } from '../helpers/server.ts';

/** A folder holding good boundary files (topology, tiles) and a database file made by `make`. */
async function brokenDatabase(make: (dbPath: string) => void | Promise<void>): Promise<string> {
  const dir = testDir('atlas-fault-');
  copyFileSync(builtBoundaries, join(dir, 'boundaries.topo.json'));
  copyFileSync(builtTiles, join(dir, 'boundaries.pmtiles'));
  const dbPath = join(dir, 'atlas.duckdb');
  await make(dbPath);
  return dbPath;
}

/** A copy of the built database changed by `sql` (e.g. a table dropped). */
function alteredDatabase(...sql: string[]): Promise<string> {
  return brokenDatabase(async (p) => {
    copyFileSync(builtDatabase, p);
    const instance = await DuckDBInstance.create(p);
    const conn = await instance.connect();
    for (const s of sql) await conn.run(s);
    conn.closeSync();
    instance.closeSync();
  });
}

/** Starting must fail: non-zero exit, one clear line naming the file and the fix, and never "serving". */
async function expectRefusal(dbPath: string, says: RegExp, fix = 'npm run data:build', env: Record<string, string> = {}): Promise<void> {
  const err = (await startServer({ dbPath, env }).then(
    (s) => {
      void s.stop();
      return new Error('the server started');
    },
    (e: Error) => e,
  )) as Error;
  expect(err.message).toMatch(/server exited with [1-9]/);
  expect(err.message).not.toContain('serving http');
  expect(err.message).toMatch(says);
  expect(err.message).toContain(fix);
  expect(err.message, 'no stack trace').not.toMatch(/\n\s+at /);
  expect(
    err.message.split('\n').filter((l) => l.startsWith('renkei-atlas:')),
    'one line',
  ).toHaveLength(1);
}

describe('database faults at start', () => {
  it('refuses a missing database file', async () => {
    const dir = testDir('atlas-fault-');
    await expectRefusal(join(dir, 'atlas.duckdb'), /atlas\.duckdb.*missing/);
  });

  it('refuses an empty file, random bytes and a truncated copy', async () => {
    await expectRefusal(await brokenDatabase((p) => writeFileSync(p, '')), /cannot open the database .*not a valid DuckDB/);
    await expectRefusal(await brokenDatabase((p) => writeFileSync(p, Buffer.alloc(3 << 20, 0x5a))), /cannot open the database/);
    await expectRefusal(await brokenDatabase((p) => writeFileSync(p, readFileSync(builtDatabase).subarray(0, 200_000))), /cannot open the database/);
  });

  it('refuses a database damaged in the middle (checksums are read at start, not on some later request)', async () => {
    const dbPath = await brokenDatabase((p) => {
      copyFileSync(builtDatabase, p);
      const fd = openSync(p, 'r+');
      writeSync(fd, Buffer.alloc(256 * 1024, 0xa5), 0, 256 * 1024, 300_000);
      closeSync(fd);
    });
    await expectRefusal(dbPath, /damaged or incomplete: .*checksum/i);
  });

  it('refuses a path that cannot be read as a file, and a valid but empty database', async () => {
    await expectRefusal(await brokenDatabase((p) => mkdirSync(p)), /cannot open the database .*directory/i);
    await expectRefusal(
      await brokenDatabase(async (p) => {
        const instance = await DuckDBInstance.create(p);
        instance.closeSync();
      }),
      /damaged or incomplete: table meta is missing/,
    );
  });

  it('refuses a database without a table the API reads, or without one of its columns (checked from domain/tables.ts)', async () => {
    await expectRefusal(await alteredDatabase('DROP TABLE municipality_neighbors'), /damaged or incomplete: table municipality_neighbors is missing/);
    await expectRefusal(await alteredDatabase('DROP TABLE region_coverage'), /damaged or incomplete: table region_coverage is missing/);
    await expectRefusal(await alteredDatabase('ALTER TABLE stories DROP COLUMN title_en'), /damaged or incomplete: table stories has no column title_en/);
    await expectRefusal(await alteredDatabase('ALTER TABLE meta ALTER value TYPE INTEGER USING 0'), /damaged or incomplete: column meta.value is INTEGER, expected VARCHAR/);
  });

  it('refuses a user store that is not a database, or that another server holds, naming it and what to do', async () => {
    const { dir, dbPath } = copyDatabase();
    const junk = join(dir, 'junk-user.duckdb');
    writeFileSync(junk, Buffer.alloc(1 << 20, 0x5a));
    await expectRefusal(dbPath, /cannot open the user store .*junk-user\.duckdb/, 'npm run user:import', { ATLAS_USER_DB: junk });
    const first = await startServer({ dbPath });
    try {
      await expectRefusal(copyDatabase().dbPath, new RegExp(`user store .* is in use by another process \\(PID ${first.child.pid}\\)`), 'ATLAS_USER_DB', {
        ATLAS_USER_DB: first.userPath,
      });
    } finally {
      await first.stop();
    }
  });

  it('refuses an unreadable boundary file', async () => {
    const { dir, dbPath } = copyDatabase();
    writeFileSync(join(dir, 'boundaries.topo.json'), '{"type":"Topology", truncated');
    await expectRefusal(dbPath, /boundary file .* cannot be read as JSON/);
  });

  it('refuses a truncated tile archive', async () => {
    const { dir, dbPath } = copyDatabase();
    writeFileSync(join(dir, 'boundaries.pmtiles'), readFileSync(builtTiles).subarray(0, 20_000));
    await expectRefusal(dbPath, /tile archive .* cannot be read: PMTiles archive is truncated/);
  });

  it('says so when the port is taken', async () => {
    const blocker = createServer();
    const port = await new Promise<number>((r) => blocker.listen(0, '127.0.0.1', () => r((blocker.address() as { port: number }).port)));
    try {
      const err = await startServer({ env: { PORT: String(port) } }).then(
        () => null,
        (e: Error) => e,
      );
      expect(err?.message).toMatch(new RegExp(`port ${port} .* already in use`));
    } finally {
      blocker.close();
    }
  });
});
