import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import type { ExchangeList, ImportReport } from '../../domain/records/exchanges.ts';
import type { RegionDetail } from '../../domain/records/regions.ts';
import type { StoryAnswer } from '../../domain/records/stories.ts';
import { copyDatabase } from '../helpers/database.ts';
import { type RunningServer, startServer } from '../helpers/server.ts';

const root = resolve(import.meta.dirname, '..', '..');

/** `npm run data:build` onto `dbPath` (ATLAS_DB, as for the server); asynchronous, so the test's sockets stay served. */
function dataBuild(dbPath: string): Promise<{ status: number | null; output: string }> {
  const child = spawn('npm', ['run', '--silent', 'data:build'], { cwd: root, env: { ...process.env, ATLAS_DB: dbPath }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  return new Promise((done) => child.on('exit', (status) => done({ status, output })));
}

async function userData(server: RunningServer, regionId: string): Promise<{ region: RegionDetail; imported: string[] }> {
  const region = (await (await fetch(`${server.url}/api/regions/${regionId}`)).json()) as RegionDetail;
  const list = (await (await fetch(`${server.url}/api/exchanges?origin=user`)).json()) as ExchangeList;
  return { region, imported: list.items.map((x) => `${x.id} ${x.a.name}–${x.b.name} ${x.kind}`) };
}

describe('data:build while a server runs', () => {
  it('refuses to replace the database in use; after a stop, the rebuild and a restart keep the saved grouping and the import', async () => {
    const { dbPath } = copyDatabase();
    let server = await startServer({ dbPath });
    const auth = { authorization: `Bearer ${server.token}` };
    const saved = await fetch(`${server.url}/api/regions`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ name: '再構築テスト', memberCodes: ['34207', '34205'], centerCodes: ['34207'] }),
    });
    expect(saved.status).toBe(201);
    const regionId = ((await saved.json()) as RegionDetail).id;
    const csv = 'a_name,b_name,kind,year\n東京都世田谷区,北海道倶知安町,friendship,2020\n狛江市,長岡市,sister,1999\n';
    const imported = await fetch(`${server.url}/api/exchanges/import`, { method: 'POST', headers: { ...auth, 'content-type': 'text/csv' }, body: csv });
    expect(((await imported.json()) as ImportReport).imported).toBe(2);
    const before = await userData(server, regionId);
    expect(before.imported).toHaveLength(2);
    const story = {
      id: 'rebuild-talk',
      title: { ja: '再構築しても残る発表', en: 'A talk that outlives a rebuild' },
      summary: { ja: '保存した発表', en: 'A saved talk' },
      steps: [
        {
          camera: { lon: 133.4, lat: 34.5, zoom: 8, pitch: 0, bearing: 0 },
          view: 'regions',
          state: { region: 'ccr-34207' },
          highlight: ['34207'],
          arcs: [],
          caption: { ja: '備後圏域' },
          source: '連携アトラス',
        },
      ],
    };
    const storySaved = await fetch(`${server.url}/api/stories`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(story) });
    expect(storySaved.status).toBe(201);

    const builtAt = statSync(dbPath).mtimeMs;
    const refused = await dataBuild(dbPath);
    expect(refused.status, refused.output).not.toBe(0);
    expect(refused.output).toContain(`is being served by the atlas server (pid ${server.child.pid})`);
    expect(refused.output).toContain('stop it');
    expect(statSync(dbPath).mtimeMs, 'the database in use is left alone').toBe(builtAt);
    expect(
      readdirSync(dirname(dbPath)).filter((f) => f.includes('.tmp-')),
      'no temporary build left behind',
    ).toEqual([]);
    // The server kept answering, with the user's data.
    expect(await userData(server, regionId)).toEqual(before);

    expect(await server.stop()).toBe(0);
    const rebuilt = await dataBuild(dbPath);
    expect(rebuilt.status, rebuilt.output).toBe(0);
    expect(statSync(dbPath).mtimeMs).toBeGreaterThan(builtAt);

    server = await startServer({ dbPath });
    try {
      const after = await userData(server, regionId);
      expect(after.imported).toEqual(before.imported);
      expect(after.region).toMatchObject({ id: regionId, name: '再構築テスト', type: 'custom', memberCount: 2, population: before.region.population });
      expect(after.region.members.map((m) => m.code).sort()).toEqual(['34205', '34207']);
      expect(after.region.outline).toEqual(before.region.outline);
      // A presenter's story, too (issue 13).
      const kept = (await (await fetch(`${server.url}/api/stories/rebuild-talk`)).json()) as StoryAnswer;
      expect(kept).toMatchObject({ id: 'rebuild-talk', title: story.title, steps: [{ caption: { ja: '備後圏域' }, state: { region: 'ccr-34207' } }] });
      // The rebuild left a new build id, so the grouping's totals were recomputed against it.
      expect(server.output()).toContain('recomputed the totals and outlines of 1 saved groupings');
    } finally {
      await server.stop();
    }
  }, 300_000);
});

/** Makes `dbPath` look like a database from before the user store: a saved grouping and an import inside it, and an older schema. */
async function oldStyle(dbPath: string): Promise<void> {
  const instance = await DuckDBInstance.create(dbPath);
  const conn = await instance.connect();
  await conn.run(`INSERT INTO regions (id, type, name, center_codes, status, as_of, source, note, population, area_km2, member_count, center_share, outline, created_at)
    VALUES ('custom-0123456789', 'custom', '旧グループ', '13101', 'custom', '2025-01-01', 'user', '', 1, 1, 2, NULL, '{"type":"MultiPolygon","coordinates":[]}', '2025-01-01T00:00:00.000Z')`);
  await conn.run(`INSERT INTO region_members VALUES ('custom-0123456789', '13101', '千代田区', '東京都', 'center', '', '2025-01-01', 'user', '', 'custom'),
    ('custom-0123456789', '13102', '中央区', '東京都', 'member', '', '2025-01-01', 'user', '', 'custom')`);
  await conn.run(`INSERT INTO exchanges SELECT 'u00001', a_code, a_name, a_pref_name, a_lon, a_lat, NULL, b_code, b_name, b_pref_name, b_lon, b_lat, NULL, 'other', 2001, NULL,
    'user import 2025-01-01', 'old', NULL, NULL, 'user', '01100-13101:other' FROM exchanges WHERE a_code = '13101' OR b_code = '13101' LIMIT 1`);
  await conn.run(`UPDATE exchanges SET a_code = '13101', b_code = '01100' WHERE id = 'u00001'`);
  // Older code wrote no sources.position: the server must move the user rows before it refuses the schema.
  await conn.run('ALTER TABLE sources DROP COLUMN position');
  conn.closeSync();
  instance.closeSync();
}

describe('upgrading a database from before the user store', () => {
  it('moves its saved grouping and import into the user store on first start, so a rebuild keeps them', async () => {
    const { dbPath } = copyDatabase();
    await oldStyle(dbPath);
    const refusedBuild = await dataBuild(dbPath);
    expect(refusedBuild.status, refusedBuild.output).not.toBe(0);
    expect(refusedBuild.output).toContain('still holds 1 saved groupings and 1 imported agreements from before the user store existed');

    const refusedStart = await startServer({ dbPath }).then(
      () => new Error('started on an outdated schema'),
      (e: Error) => e,
    );
    expect(refusedStart.message).toMatch(/table sources has no column position/);
    expect(existsSync(`${dbPath}.user-rows-moved`), 'the server moved the rows before refusing').toBe(true);

    const rebuilt = await dataBuild(dbPath);
    expect(rebuilt.status, rebuilt.output).toBe(0);
    const server = await startServer({ dbPath });
    try {
      const { region, imported } = await userData(server, 'custom-0123456789');
      expect(region).toMatchObject({ name: '旧グループ', type: 'custom', memberCount: 2, centerCodes: ['13101'] });
      const wards = (await (await fetch(`${server.url}/api/municipalities?pref=13`)).json()) as { items: { code: string; population: number }[] };
      expect(region.population, 'recomputed against the new build').toBe(wards.items.filter((m) => m.code === '13101' || m.code === '13102').reduce((s, m) => s + m.population, 0));
      expect(imported).toEqual(['u00001 千代田区–札幌市 other']);
    } finally {
      await server.stop();
    }
  }, 300_000);
});
