import { existsSync, statSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { AtlasDb } from '../../server/db.ts';
import { builtDatabase } from '../helpers/database.ts';
import { startServer } from '../helpers/server.ts';
import { agreementsCsv, openUpload, sleep, userAgreements } from './support.ts';

let codes: string[];
beforeAll(async () => {
  const db = await AtlasDb.open(builtDatabase, { readers: 1 });
  codes = (await db.all<{ code: string }>('SELECT code FROM municipalities ORDER BY code')).map((r) => r.code);
  await db.close();
});

describe('SIGTERM', () => {
  it('finishes the request in flight, refuses new connections, then closes the database cleanly', async () => {
    const server = await startServer();
    const before = await userAgreements(server.url);
    const csv = agreementsCsv(codes, 200, 11);
    // Hold an import in flight: headers and half the body now, the rest after the signal.
    const upload = openUpload(`${server.url}/api/exchanges/import`, { authorization: `Bearer ${server.token}`, 'content-type': 'text/csv' }, Buffer.byteLength(csv));
    const half = csv.slice(0, csv.length >> 1);
    upload.write(half);
    await sleep(400);
    const exited = server.stop('SIGTERM');
    await sleep(400);
    expect(server.child.exitCode, 'still running while a request is in flight').toBeNull();
    await expect(fetch(`${server.url}/api/health`), 'no new connections after SIGTERM').rejects.toThrow();
    upload.write(csv.slice(half.length));
    upload.end();
    const answer = await upload.answer;
    expect(answer.status).toBe(200);
    const imported = (JSON.parse(answer.body) as { imported: number }).imported;
    expect(imported).toBeGreaterThan(150);
    expect(await exited).toBe(0);
    expect(server.output()).toContain('database closed cleanly');
    // Checkpointed: the user store's write-ahead log is gone or empty, and the rows are in the file.
    const wal = `${server.userPath}.wal`;
    expect(!existsSync(wal) || statSync(wal).size === 0).toBe(true);
    const db = await AtlasDb.open(server.dbPath, { userStore: server.userPath, readers: 1 });
    const n = await db.one<{ n: number }>(`SELECT count(*) AS n FROM exchanges WHERE origin = 'user'`);
    await db.close();
    expect(Number(n!.n)).toBe(before + imported);
  });
});
