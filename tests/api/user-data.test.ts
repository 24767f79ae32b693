import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Topology } from 'topojson-specification';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExchangeList } from '../../domain/records/exchanges.ts';
import type { RegionDetail } from '../../domain/records/regions.ts';
import { AtlasDb } from '../../server/db.ts';
import { regionDetail } from '../../server/routes/regions.ts';
import { refreshCustomRegions, saveCustomRegion } from '../../server/services/custom-regions.ts';
import { importExchanges } from '../../server/services/exchange-import/index.ts';
import { createStory, getStory } from '../../server/services/stories.ts';
import type { Story } from '../../domain/records/stories.ts';
import { type UserData, UserDataError, agreementsCsv, exportUserData, importUserData } from '../../server/services/user-data.ts';
import { builtBoundaries, copyDatabase } from '../helpers/database.ts';
import { startServer } from '../helpers/server.ts';

const root = resolve(import.meta.dirname, '..', '..');
const topology = JSON.parse(readFileSync(builtBoundaries, 'utf8')) as Topology;
const csv = 'a_name,b_name,kind,year,note\n東京都世田谷区,北海道倶知安町,friendship,2020,"=HYPERLINK(""http://x"")"\n狛江市,長岡市,sister,1999,\n';

/** A built database copy with its own user store, as the server opens them. */
async function openStore(dir = copyDatabase().dir, store = 'atlas-user.duckdb'): Promise<AtlasDb> {
  return AtlasDb.open(join(dir, 'atlas.duckdb'), { userStore: join(dir, store), readers: 1 });
}
const userAgreements = async (db: AtlasDb) =>
  (await db.all(`SELECT id, a_code, b_code, kind FROM exchanges WHERE origin = 'user' ORDER BY id`)).map((r) => Object.values(r).join(' '));
const customIds = async (db: AtlasDb) => (await db.all<{ id: string }>(`SELECT id FROM regions WHERE type = 'custom' ORDER BY id`)).map((r) => r.id);

const story: Story = {
  id: 'my-talk',
  title: { ja: '私の発表', en: 'My talk' },
  summary: { ja: '狛江市と長岡市', en: 'Komae and Nagaoka' },
  steps: [
    {
      camera: { lon: 139.6, lat: 35.6, zoom: 7, pitch: 0, bearing: 0 },
      view: 'explore',
      state: {},
      highlight: ['13219'],
      arcs: [],
      caption: { ja: '狛江市' },
      source: '国勢調査 2020',
    },
  ],
};
let source: AtlasDb;
let backup: UserData;
let saved: RegionDetail;
beforeAll(async () => {
  source = await openStore();
  saved = await regionDetail(source, await saveCustomRegion(source, topology, { name: '=1+1 東備後案', memberCodes: ['34207', '34205', '34204'], centerCodes: ['34207'] }));
  await importExchanges(source, new TextEncoder().encode(csv), false);
  await createStory(source, story);
  backup = await exportUserData(source);
});
afterAll(() => source.close());

describe('user:export', () => {
  it('writes every saved grouping and imported agreement, as the user gave them', async () => {
    expect(backup).toMatchObject({ format: 'renkei-atlas-user-data', version: 1 });
    expect(backup.stories).toEqual([story]);
    expect(backup.customRegions).toEqual([
      { id: saved.id, name: '=1+1 東備後案', note: '', centerCodes: ['34207'], memberCodes: ['34204', '34205', '34207'], createdAt: saved.createdAt },
    ]);
    expect(backup.agreements.map((a) => [a.id, a.aCode, a.bCode, a.kind, a.sinceYear, a.note])).toEqual([
      ['u00001', '13112', '01400', 'friendship', 2020, '=HYPERLINK("http://x")'],
      ['u00002', '13219', '15202', 'sister', 1999, null],
    ]);
  });

  it('writes the agreements as a formula-safe CSV with the columns the upload reads', async () => {
    const lines = (await agreementsCsv(source, backup))
      .replace(/^\ufeff/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toBe('id,a_code,a_prefecture,a_name,b_code,b_prefecture,b_name,kind,year,agreement,note,source');
    expect(lines[1]).toMatch(/^u00001,13112,東京都,世田谷区,01400,北海道,倶知安町,friendship,2020,,"'=HYPERLINK\(""http:\/\/x""\)",user import /);
    expect(lines).toHaveLength(3);
  });
});

describe('user:import', () => {
  it('restores a backup into an empty store (totals recomputed), and a second time changes nothing', async () => {
    const db = await openStore();
    try {
      expect(await importUserData(db, backup)).toMatchObject({
        regions: { added: 1, unchanged: 0 },
        agreements: { added: 2, unchanged: 0 },
        stories: { added: 1, unchanged: 0 },
        unknownCodes: [],
      });
      expect(await getStory(db, 'my-talk')).toEqual(story);
      expect(await refreshCustomRegions(db, topology)).toMatchObject({ refreshed: 1 });
      const restored = await regionDetail(db, saved.id);
      expect(restored).toMatchObject({ name: saved.name, population: saved.population, areaKm2: saved.areaKm2, centerShare: saved.centerShare, memberCount: 3 });
      expect(restored.outline).toEqual(saved.outline);
      expect(await userAgreements(db)).toEqual(await userAgreements(source));
      expect(await importUserData(db, backup)).toMatchObject({ regions: { added: 0, unchanged: 1 }, agreements: { added: 0, unchanged: 2 } });
      expect(await userAgreements(db)).toHaveLength(2);
    } finally {
      await db.close();
    }
  });

  it('writes nothing when any record is invalid, naming each one', async () => {
    const db = await openStore();
    try {
      const bad = structuredClone(backup);
      bad.customRegions.push({ ...bad.customRegions[0]!, id: 'custom-bad', memberCodes: ['3420'], centerCodes: ['34207'] });
      bad.agreements[1]!.kind = 'twin' as never;
      const err = await importUserData(db, bad).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UserDataError);
      expect((err as UserDataError).problems).toEqual([
        'customRegions[1].memberCodes[0]: must be a 5-digit code such as "13112"',
        'customRegions[1].centerCodes: must all be members too',
        expect.stringMatching(/^agreements\[1\]\.kind: must be one of sister, /),
      ]);
      expect(await importUserData(db, { ...backup, format: 'other' }).catch((e: UserDataError) => e.problems)).toEqual([
        'format: must be "renkei-atlas-user-data" (is this a backup of the atlas\'s user data?)',
      ]);
      const twice = { ...backup, agreements: [...backup.agreements, { ...backup.agreements[0]!, id: 'u00009' }] };
      expect(await importUserData(db, twice).catch((e: UserDataError) => e.problems)).toEqual(['agreements[2]: repeats agreements[0] (01400-13112:friendship)']);
      expect(await customIds(db)).toEqual([]);
      expect(await userAgreements(db)).toEqual([]);
    } finally {
      await db.close();
    }
  });

  it('refuses a record that differs from the stored one under the same id, writing none of the file; --replace overwrites', async () => {
    const db = await openStore();
    try {
      await importUserData(db, { ...backup, agreements: [] });
      const changed = structuredClone(backup);
      changed.customRegions[0]!.name = '別の名前';
      const err = (await importUserData(db, changed).catch((e: unknown) => e)) as UserDataError;
      expect(err.problems).toEqual([`customRegions[0]: the store holds a different grouping with id ${saved.id} ("=1+1 東備後案"); restore with --replace to overwrite`]);
      expect(await userAgreements(db), 'the agreements of the refused file were not written').toEqual([]);
      expect(await importUserData(db, changed, { replace: true })).toMatchObject({ regions: { added: 1 }, agreements: { added: 2 } });
      expect((await db.one<{ name: string }>('SELECT name FROM regions WHERE id = $1', [saved.id]))?.name).toBe('別の名前');
    } finally {
      await db.close();
    }
  });
});

/** `npm run user:<command>` on the files of `dir`. */
function userData(command: 'export' | 'import', dir: string, store: string, ...args: string[]): Promise<{ status: number | null; output: string }> {
  const child = spawn('npm', ['run', '--silent', `user:${command}`, '--', ...args], {
    cwd: root,
    env: { ...process.env, ATLAS_DB: join(dir, 'atlas.duckdb'), ATLAS_USER_DB: join(dir, store) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  return new Promise((done) => child.on('exit', (status) => done({ status, output })));
}

describe('npm run user:export / user:import', () => {
  it('backs up a server’s user store and restores it into another, refusing while a server holds the store', { tags: ['process'], timeout: 240_000 }, async () => {
    const { dir, dbPath } = copyDatabase();
    const server = await startServer({ dbPath });
    const res = await fetch(`${server.url}/api/exchanges/import`, { method: 'POST', headers: { authorization: `Bearer ${server.token}`, 'content-type': 'text/csv' }, body: csv });
    expect(res.status).toBe(200);
    const file = join(dir, 'backup.json');
    const busy = await userData('export', dir, 'atlas-user.duckdb', file);
    expect(busy.status).not.toBe(0);
    expect(busy.output).toContain(`is in use by another process (PID ${server.child.pid}), probably the atlas server: stop it`);
    await server.stop();

    const exported = await userData('export', dir, 'atlas-user.duckdb', file);
    expect(exported.status, exported.output).toBe(0);
    expect(exported.output).toContain('wrote 0 saved groupings, 2 imported agreements, 0 stories and 0 own indicators');
    expect(existsSync(join(dir, 'backup-agreements.csv'))).toBe(true);
    const restored = await userData('import', dir, 'restored.duckdb', file);
    expect(restored.status, restored.output).toBe(0);
    expect(restored.output).toContain(
      'restored 0 saved groupings (0 already there), 2 agreements (0 already there), 0 stories (0 already there) and 0 own indicators (0 already there)',
    );

    writeFileSync(join(dir, 'broken.json'), JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), agreements: [{ id: 'u1' }] }));
    const refused = await userData('import', dir, 'restored.duckdb', join(dir, 'broken.json'));
    expect(refused.status).not.toBe(0);
    expect(refused.output).toContain('was not restored; nothing was written');
    expect(refused.output).toContain('agreements[0].aCode');

    const again = await startServer({ dbPath, env: { ATLAS_USER_DB: join(dir, 'restored.duckdb') } });
    try {
      const list = (await (await fetch(`${again.url}/api/exchanges?origin=user`)).json()) as ExchangeList;
      expect(list.items.map((x) => `${x.id} ${x.a.name}–${x.b.name}`)).toEqual(['u00001 世田谷区–倶知安町', 'u00002 狛江市–長岡市']);
    } finally {
      await again.stop();
    }
  });
});
