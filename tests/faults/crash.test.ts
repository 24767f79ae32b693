import { beforeAll, describe, expect, it } from 'vitest';
import { AtlasDb } from '../../server/db.ts';
import { builtDatabase, copyDatabase } from '../helpers/database.ts';
import { startServer } from '../helpers/server.ts';
import { agreementsCsv, sleep, userAgreements } from './support.ts';

let codes: string[];
beforeAll(async () => {
  const db = await AtlasDb.open(builtDatabase, { readers: 1 });
  codes = (await db.all<{ code: string }>('SELECT code FROM municipalities ORDER BY code')).map((r) => r.code);
  await db.close();
});

const rows = 5000;

async function importCsv(base: string, token: string, csv: string, dryRun = false): Promise<Response> {
  return fetch(`${base}/api/exchanges/import${dryRun ? '?dryRun=1' : ''}`, {
    method: 'POST',
    body: csv,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
  });
}

describe('an import and a crash', () => {
  it('reads during an import see all of it or none; after SIGKILL a restart holds all or none of the import in flight', async () => {
    const { dbPath } = copyDatabase();
    let server = await startServer({ dbPath });
    const start = await userAgreements(server.url);

    // 1. Concurrent reads while a 5,000-row import runs: every answer is the count before or after, never between.
    const first = agreementsCsv(codes, rows, 1);
    const valid1 = ((await (await importCsv(server.url, server.token, first, true)).json()) as { valid: number }).valid;
    expect(valid1).toBeGreaterThan(rows * 0.9);
    const t0 = Date.now();
    let done = false;
    const importing = importCsv(server.url, server.token, first).then(async (r) => {
      done = true;
      return r;
    });
    const seen: number[] = [];
    while (!done) {
      seen.push(await userAgreements(server.url));
      await sleep(5);
    }
    const res = await importing;
    const duration = Date.now() - t0;
    expect(res.status).toBe(200);
    expect(((await res.json()) as { imported: number }).imported).toBe(valid1);
    expect(seen.length).toBeGreaterThan(2);
    expect(
      seen.every((n) => n === start || n === start + valid1),
      `reads saw ${[...new Set(seen)].join(', ')}`,
    ).toBe(true);

    // 2. Killed right after the answer: the acknowledged import survives.
    await server.stop('SIGKILL');
    server = await startServer({ dbPath });
    const afterFirst = await userAgreements(server.url);
    expect(afterFirst).toBe(start + valid1);

    // 3. Killed part-way through further imports, at several points of the measured duration.
    let expected = afterFirst;
    const outcomes: string[] = [];
    for (const [i, fraction] of [0.25, 0.6, 0.9].entries()) {
      const csv = agreementsCsv(codes, rows, 2 + i);
      const valid = ((await (await importCsv(server.url, server.token, csv, true)).json()) as { valid: number }).valid;
      const pending = importCsv(server.url, server.token, csv).catch(() => null);
      await sleep(Math.round(duration * fraction));
      await server.stop('SIGKILL');
      const answered = await pending;
      server = await startServer({ dbPath });
      const now = await userAgreements(server.url);
      expect([expected, expected + valid], `after a kill at ${Math.round(fraction * 100)} % of the import`).toContain(now);
      // An import that was acknowledged before the kill must be there.
      if (answered?.status === 200) expect(now).toBe(expected + valid);
      outcomes.push(`${Math.round(fraction * 100)} %: ${now === expected ? 'none' : 'all'}${answered ? ' (answered)' : ''}`);
      expected = now;
    }
    console.log(`crash: import took ${duration} ms; ${seen.length} reads during it saw ${[...new Set(seen)].join(' or ')}; kills → ${outcomes.join(', ')}`);
    expect(await server.stop()).toBe(0);
  }, 180_000);
});
