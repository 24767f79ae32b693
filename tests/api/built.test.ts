import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../server/app.ts';
import { AtlasDb } from '../../server/db.ts';
import { builtBoundaries, copyDatabase } from '../helpers/database.ts';
import { userTables } from '../../domain/tables.ts';
import { userTable } from '../../server/store.ts';
import { openTestApp, testToken } from '../helpers/app.ts';

let db: AtlasDb;
beforeAll(async () => {
  db = await AtlasDb.open(copyDatabase().dbPath);
});
afterAll(() => db.close());

describe('reads of what the pipeline built', () => {
  it('cost no query once the built data is loaded, even without the answer cache', async () => {
    const app = createApp({ db, writeToken: 'token-0123456789', boundaryAsset: readFileSync(builtBoundaries, 'utf8'), answerCache: false });
    expect((await app.request('/api/health')).status).toBe(200);
    const all = vi.spyOn(db, 'all');
    const one = vi.spyOn(db, 'one');
    const paths = [
      '/api/health',
      '/api/sources',
      '/api/prefectures',
      '/api/municipalities',
      '/api/municipalities?q=%E3%81%9B%E3%81%9F%E3%81%8C%E3%82%84',
      '/api/municipalities?pref=13&kind=special_ward&limit=5',
      '/api/metrics/density?method=jenks&classes=9',
      '/api/metrics/popChangePct',
      // The list of stories also reads presenters' own stories from the user store; a seed story needs no query.
      '/api/stories/komae-nagaoka',
      // Regions and agreements: the built rows and the user's, held in memory between writes (server/current.ts).
      '/api/regions',
      '/api/regions/ccr-34207',
      '/api/regions/uea-34207',
      '/api/exchanges',
      '/api/exchanges?code=13219&kind=disaster_aid',
      '/api/exchanges/networks',
      '/api/municipalities/13112',
      '/api/partners/13112',
      '/api/partners/13112?purpose=complement',
      '/api/partners/matrix?top=2',
    ];
    // Regions, agreements, projections and rankings are loaded by their first read: read everything once first.
    for (const path of paths.slice(9)) expect((await app.request(path)).status, path).toBe(200);
    all.mockClear();
    one.mockClear();
    for (const path of paths) {
      const res = await app.request(path);
      expect(res.status, path).toBe(200);
      await res.arrayBuffer();
    }
    expect(all).not.toHaveBeenCalled();
    expect(one).not.toHaveBeenCalled();
    all.mockRestore();
    one.mockRestore();
  });

  it('answer the same as before: a search ranks 世田谷区 first, filters combine, pages count all matches', async () => {
    const app = createApp({ db, writeToken: 'token-0123456789', boundaryAsset: readFileSync(builtBoundaries, 'utf8'), answerCache: false });
    const found = (await (await app.request('/api/municipalities?q=setagaya')).json()) as { items: { code: string }[]; total: number };
    expect(found.items[0].code).toBe('13112');
    const wards = (await (await app.request('/api/municipalities?pref=13&kind=special_ward&limit=5&offset=5')).json()) as { items: { code: string }[]; total: number };
    expect(wards.total).toBe(23);
    expect(wards.items.map((m) => m.code)).toEqual(['13106', '13107', '13108', '13109', '13110']);
  });
});

describe("reads of the user's rows", () => {
  it('see an acknowledged write at once, without the answer cache, and cost no query until the next write', async () => {
    const test = await openTestApp();
    try {
      const app = createApp({ db: test.db, writeToken: testToken, boundaryAsset: readFileSync(builtBoundaries, 'utf8'), answerCache: false });
      const customs = async () => ((await (await app.request('/api/regions?type=custom')).json()) as { items: { id: string; name: string }[] }).items;
      // The whole list is serialised once per write: it must follow the writes too.
      const listed = async () => (await (await app.request('/api/regions')).json()) as { items: { id: string }[]; coverage: { byStatus: Record<string, number> } };
      const regionsOf = async (code: string) => ((await (await app.request(`/api/municipalities/${code}`)).json()) as { regions: { id: string }[] }).regions.map((r) => r.id);
      expect(await customs()).toEqual([]);
      const before = await listed();
      const write = { authorization: `Bearer ${testToken}`, 'content-type': 'application/json' };
      const saved = await app.request('/api/regions', { method: 'POST', headers: write, body: JSON.stringify({ name: '東備後案', memberCodes: ['34207', '34205'] }) });
      expect(saved.status).toBe(201);
      const id = ((await saved.json()) as { id: string }).id;
      expect((await customs()).map((r) => r.name)).toEqual(['東備後案']);
      expect(await regionsOf('34205')).toContain(id);
      const after = await listed();
      expect(after.items.map((r) => r.id).sort()).toEqual([...before.items.map((r) => r.id), id].sort());
      expect(Object.values(after.coverage.byStatus).reduce((a, b) => a + b)).toBe(Object.values(before.coverage.byStatus).reduce((a, b) => a + b) + 1);

      const imported = await app.request('/api/exchanges/import', {
        method: 'POST',
        headers: { ...write, 'content-type': 'text/csv' },
        body: 'a_code,b_code,kind,year\n34205,46201,friendship,2024\n',
      });
      expect(imported.status).toBe(200);
      const users = (await (await app.request('/api/exchanges?origin=user')).json()) as { items: { a: { code: string }; b: { code: string }; pairCount: number }[] };
      expect(users.items.map((e) => [e.a.code, e.b.code])).toEqual([['34205', '46201']]);
      const ranking = (await (await app.request('/api/partners/34205?limit=1740')).json()) as { existing: { code: string; existingTies: string[] }[] };
      expect(ranking.existing.find((e) => e.code === '46201')?.existingTies).toEqual(['friendship']);

      const all = vi.spyOn(test.db, 'all');
      for (const path of ['/api/regions', '/api/regions?type=custom', '/api/municipalities/34205', `/api/regions/${id}`, '/api/exchanges?origin=user'])
        expect((await app.request(path)).status).toBe(200);
      expect(all).not.toHaveBeenCalled();
      all.mockRestore();

      expect((await app.request(`/api/regions/${id}`, { method: 'DELETE', headers: write })).status).toBe(200);
      expect(await customs()).toEqual([]);
      expect((await listed()).items.map((r) => r.id)).toEqual(before.items.map((r) => r.id));
      expect(await regionsOf('34205')).not.toContain(id);
      expect((await app.request(`/api/regions/${id}`)).status).toBe(404);
    } finally {
      await test.close();
    }
  });

  it('keep listing every region when a saved outline cannot be read', async () => {
    const test = await openTestApp();
    try {
      const write = { authorization: `Bearer ${testToken}`, 'content-type': 'application/json' };
      const saved = await test.app.request('/api/regions', { method: 'POST', headers: write, body: JSON.stringify({ name: '壊れた案', memberCodes: ['34207', '34205'] }) });
      const id = ((await saved.json()) as { id: string }).id;
      await test.db.transaction((run) => run(`UPDATE ${userTable(userTables.customRegions)} SET outline = '{' WHERE id = $1`, [id]));
      const list = await test.app.request('/api/regions');
      expect(list.status).toBe(200);
      expect(((await list.json()) as { items: { id: string }[] }).items.map((r) => r.id)).toContain(id);
      expect((await test.app.request('/api/regions/ccr-34207')).status).toBe(200);
    } finally {
      await test.close();
    }
  });
});
