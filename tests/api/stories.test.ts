import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegionDetail } from '../../domain/records/regions.ts';
import type { Story, StoryList } from '../../domain/records/stories.ts';
import { json, openTestApp } from '../helpers/app.ts';

let app: Hono;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ app, close } = await openTestApp());
});
afterAll(() => close());

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
    const { status, body } = await json<Story>(app.request('/api/stories/komae-nagaoka'));
    expect(status).toBe(200);
    expect(body.steps.length).toBe(6);
    expect(body.steps[0]).toMatchObject({ view: 'explore', highlight: ['13219', '15202'], arcs: [['13219', '15202']] });
    expect(body.steps[0].source).toBe('001_0c90d4750b6046d5.txt');
    expect(body.steps.find((s) => s.view === 'disaster')?.state).toEqual({ origin: '13219' });
  });

  it('the 備後 story shows the region as it is today (9 members with 竹原市) and dates the 2019 figures', async () => {
    const { body } = await json<Story>(app.request('/api/stories/bingo'));
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
