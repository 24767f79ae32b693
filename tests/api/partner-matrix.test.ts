import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ComplementRanking, DisasterRanking, PartnerMatrix } from '../../domain/records/partners.ts';
import { json, openTestApp } from '../helpers/app.ts';

let app: Hono;
let close: () => Promise<void>;
const tables: Record<string, PartnerMatrix> = {};
beforeAll(async () => {
  ({ app, close } = await openTestApp());
  for (const purpose of ['disaster', 'complement']) {
    const { status, body } = await json<PartnerMatrix>(app.request(`/api/partners/matrix?purpose=${purpose}&top=3`));
    expect(status).toBe(200);
    tables[purpose] = body;
  }
}, 240_000);
afterAll(() => close());

describe('GET /api/partners/matrix', () => {
  it("lists every municipality's best partners as its own ranking does, for both purposes", async () => {
    for (const purpose of ['disaster', 'complement'] as const) {
      const table = tables[purpose];
      expect(table.total).toBe(1741);
      expect(table.items).toHaveLength(1741);
      expect(table.items.every((m) => m.partners.length === 3 && !m.partners.some((p) => p.code === m.code))).toBe(true);
      for (const code of ['13219', '13112', '01400', '47382', '32528']) {
        const { body } = await json<DisasterRanking | ComplementRanking>(app.request(`/api/partners/${code}?purpose=${purpose}&limit=3`));
        const row = table.items.find((m) => m.code === code)!;
        expect(
          row.partners.map((p) => [p.code, p.score]),
          `${purpose} ${code}`,
        ).toEqual(body.items.map((i) => [i.code, i.score]));
      }
    }
  });

  it('flags pairs that choose each other, on both sides, and counts each once', () => {
    for (const table of Object.values(tables)) {
      const byCode = new Map(table.items.map((m) => [m.code, m]));
      let flagged = 0;
      for (const m of table.items) {
        for (const p of m.partners) {
          const back = byCode.get(p.code)!.partners.some((q) => q.code === m.code);
          expect(p.mutual, `${m.code}–${p.code}`).toBe(back);
          if (p.mutual) flagged++;
        }
      }
      expect(flagged).toBe(2 * table.mutualPairs);
      expect(table.mutualPairs).toBeGreaterThan(0);
    }
  });

  it('marks partners already tied by an agreement, as the ranking does', async () => {
    const table = tables.disaster;
    const tied = table.items.flatMap((m) => m.partners.filter((p) => p.tied).map((p) => [m.code, p.code]));
    expect(tied.length).toBeGreaterThan(0);
    const [a, b] = tied[0];
    const { body } = await json<DisasterRanking>(app.request(`/api/partners/${a}?purpose=disaster&limit=3`));
    expect(body.items.find((i) => i.code === b)!.existingTies.length).toBeGreaterThan(0);
  });

  it('takes the ranking parameters and refuses bad ones', async () => {
    expect((await json(app.request('/api/partners/matrix?top=0'))).status).toBe(400);
    expect((await json(app.request('/api/partners/matrix?purpose=complement&decayKm=50'))).status).toBe(400);
    const { status, body } = await json<PartnerMatrix>(app.request('/api/partners/matrix?purpose=disaster&top=1&reachMidKm=300'));
    expect(status).toBe(200);
    expect(body.params).toMatchObject({ reachMidKm: 300 });
    expect(body.items[0].partners).toHaveLength(1);
  });
});
