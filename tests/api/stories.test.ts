import { describe, expect, it } from 'vitest';
import type { RegionDetail } from '../../domain/records/regions.ts';
import { type StoryAnswer, type StoryList, storyFromAnswer } from '../../domain/records/stories.ts';
import { json, testToken, useTestApp } from '../helpers/app.ts';
import { copyDatabase } from '../helpers/database.ts';
import { startServer } from '../helpers/server.ts';

const app = useTestApp();

const fmt = (n: number) => n.toLocaleString('en');

describe('GET /api/stories', () => {
  it('lists the five stories in presentation order with titles, summaries and step counts', async () => {
    const { status, body } = await json<StoryList>(app.request('/api/stories'));
    expect(status).toBe(200);
    expect(body.items.map((s) => s.id)).toEqual(['setagaya', 'komae-nagaoka', 'bingo', 'kankei-jinko', 'ibusuki-kutchan']);
    for (const s of body.items) {
      expect(s.title.ja && s.title.en && s.summary.ja && s.summary.en).toBeTruthy();
      expect(s.steps).toBeGreaterThanOrEqual(3);
    }
  });
});

describe('GET /api/stories/{id}', () => {
  it('returns the 狛江市–長岡市 story with its steps', async () => {
    const { status, body } = await json<StoryAnswer>(app.request('/api/stories/komae-nagaoka'));
    expect(status).toBe(200);
    expect(body.steps.length).toBe(6);
    expect(body.steps[0]).toMatchObject({ view: 'explore', highlight: ['13219', '15202'], arcs: [['13219', '15202']] });
    expect(body.steps[0].sources[0]).toMatchObject({ publisher: '総務省自治行政局過疎対策室', year: '2006' });
    expect(body.steps.find((s) => s.view === 'disaster')?.state).toEqual({ origin: '13219' });
  });

  it('the 備後 story shows the region as it is today (9 members with 竹原市) and dates the 2019 figures', async () => {
    const { body } = await json<StoryAnswer>(app.request('/api/stories/bingo'));
    const region = (await json<RegionDetail>(app.request('/api/regions/ccr-34207'))).body;
    const regionStep = body.steps.find((s) => s.state.region === 'ccr-34207')!;
    expect([...regionStep.highlight].sort()).toEqual([...region.memberCodes].sort());
    expect(regionStep.caption.ja).toContain('竹原市');
    expect(regionStep.caption.ja).toContain('9市町');
    // Today's totals in the summary are the panel's (2020 census); the 2,509 km² is labelled as the 002 document's.
    expect(body.summary.ja).toContain(fmt(region.population));
    expect(body.summary.ja).toContain(`${fmt(Math.round(region.areaKm2))} km²`);
    expect(body.summary.ja).toMatch(/資料002.*8市町.*2,509 km²/);
  });

  it('answers 404 for an unknown story and 400 for a malformed id, as JSON errors', async () => {
    const missing = await json(app.request('/api/stories/no-such-story'));
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('not_found');
    const bad = await json(app.request('/api/stories/Bad_ID!'));
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('id');
  });
});

const send = (method: string, path: string, body?: unknown, token: string | null = testToken) =>
  app.request(path, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

const camera = { lon: 139.6, lat: 35.6, zoom: 7, pitch: 0, bearing: 0 };
/** A presenter's three-step story: three views, captions (one Japanese only), a callout and an arrow. */
const myStory = (id = 'my-komae') => ({
  id,
  title: { ja: '狛江市と長岡市', en: 'Komae and Nagaoka' },
  summary: { ja: '災害時相互応援から始まった交流', en: 'An exchange that began with disaster aid' },
  steps: [
    { camera, view: 'explore', state: { metric: 'density' }, highlight: ['13219'], arcs: [], caption: { ja: '狛江市は人口密度の高い市です。' }, source: '国勢調査 2020' },
    {
      camera,
      view: 'exchanges',
      state: { sel: '13219' },
      highlight: ['13219', '15202'],
      arcs: [['13219', '15202']],
      caption: { ja: '旧川口町と協定を結びました。', en: 'It signed an agreement with former Kawaguchi.' },
      title: { ja: '協定' },
      source: '狛江市 資料',
      annotations: [
        { type: 'callout', code: '15202', text: { ja: '旧川口町（現 長岡市）' } },
        { type: 'arrow', from: '13219', to: '15202', label: { ja: '応援' } },
      ],
    },
    { camera, view: 'disaster', state: { origin: '13219' }, highlight: [], arcs: [], caption: { ja: '約210 km 離れています。' }, source: '連携アトラス' },
  ],
});

describe('presenters’ own stories', () => {
  it('saves a story with the token, lists and returns it, replaces it with steps reordered, and deletes it', async () => {
    const created = await json<StoryAnswer>(send('POST', '/api/stories', myStory()));
    expect(created.status).toBe(201);
    const list = await json<StoryList>(app.request('/api/stories'));
    expect(list.body.items.at(-1)).toMatchObject({ id: 'my-komae', origin: 'user', steps: 3 });
    expect(list.body.items[0]).toMatchObject({ id: 'setagaya', origin: 'seed' });
    const got = await json<StoryAnswer>(app.request('/api/stories/my-komae'));
    expect(got.body.steps[1].annotations).toHaveLength(2);

    const reordered = myStory();
    reordered.steps = [reordered.steps[1], reordered.steps[0], reordered.steps[2]];
    expect((await json(send('PUT', '/api/stories/my-komae', reordered))).status).toBe(200);
    const after = await json<StoryAnswer>(app.request('/api/stories/my-komae'));
    expect(after.body.steps.map((s) => s.view)).toEqual(['exchanges', 'explore', 'disaster']);

    expect((await json(send('DELETE', '/api/stories/my-komae'))).body).toEqual({ deleted: 'my-komae' });
    expect((await json(app.request('/api/stories/my-komae'))).status).toBe(404);
  });

  it('refuses writes without the token and stores nothing', async () => {
    const res = await json(send('POST', '/api/stories', myStory('no-token'), null));
    expect(res.status).toBe(401);
    expect((await json(app.request('/api/stories/no-token'))).status).toBe(404);
  });

  it('keeps seed stories read-only (403) and names a taken id (409)', async () => {
    const seed = storyFromAnswer((await json<StoryAnswer>(app.request('/api/stories/komae-nagaoka'))).body);
    expect(seed.steps[0]?.source).toBe('001_0c90d4750b6046d5.txt');
    const put = await json(send('PUT', '/api/stories/komae-nagaoka', seed));
    expect(put.status).toBe(403);
    expect(put.body.error.code).toBe('read_only');
    expect((await json(send('DELETE', '/api/stories/komae-nagaoka'))).status).toBe(403);
    const taken = await json(send('POST', '/api/stories', { ...myStory(), id: 'komae-nagaoka' }));
    expect(taken.status).toBe(409);
    expect(taken.body.error.message).toContain('komae-nagaoka');
  });

  it('names the field of bad input: an unknown code, a camera out of range, a caption too long', async () => {
    const bad = myStory('bad');
    bad.steps[1].annotations = [{ type: 'callout', code: '99999', text: { ja: 'x' } }];
    const unknown = await json(send('POST', '/api/stories', bad));
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toContain('steps[1].annotations[0].code');
    const far = myStory('far');
    far.steps[0].camera = { ...camera, lat: 80 };
    const camRes = await json(send('POST', '/api/stories', far));
    expect(camRes.status).toBe(400);
    expect(camRes.body.error.message).toMatch(/steps.*0.*camera.*lat/);
    const long = myStory('long');
    long.steps[0].caption = { ja: 'あ'.repeat(401) };
    expect((await json(send('POST', '/api/stories', long))).status).toBe(400);
    expect((await json(app.request('/api/stories/bad'))).status).toBe(404);
  });

  it('survives a server restart', async () => {
    const { dbPath } = copyDatabase();
    const first = await startServer({ dbPath });
    try {
      const res = await fetch(`${first.url}/api/stories`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${first.token}` },
        body: JSON.stringify(myStory('kept')),
      });
      expect(res.status).toBe(201);
    } finally {
      await first.stop();
    }
    const second = await startServer({ dbPath });
    try {
      const story = (await (await fetch(`${second.url}/api/stories/kept`)).json()) as StoryAnswer;
      expect(story.steps).toHaveLength(3);
    } finally {
      await second.stop();
    }
  });
});
