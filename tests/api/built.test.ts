import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../server/app.ts';
import { AtlasDb } from '../../server/db.ts';
import { builtBoundaries, copyDatabase } from '../helpers/database.ts';

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
    ];
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
