/**
 * Flows that aggregate, clicks that select, one tooltip at a time, pacts as networks, and views that keep their
 * place, at phone, laptop and projector sizes (headless Chromium). Screenshots go to tests/artifacts/.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openAtlas, saveScreenshot, useAtlasSession, waitForIdleMap } from '../helpers/browser.ts';

const session = useAtlasSession();
const sizes = { phone: { width: 390, height: 844 }, laptop: { width: 1400, height: 900 }, projector: { width: 1920, height: 1080 } } as const;

type Atlas = {
  map: { project(p: [number, number]): { x: number; y: number }; jumpTo(o: object): void; getZoom(): number };
  ctx: { atlas: { layerGroups: Map<string, { id: string; props: { data: unknown } }[]> } };
};

/** The exchanges view's flows as drawn: circles (nodes), flows per kind (each undirected tie drawn both ways). */
function drawnFlows(page: Page): Promise<{ nodes: number; flows: number; kinds: string[] }> {
  return page.evaluate(() => {
    const layers = (window as unknown as { atlas: Atlas }).atlas.ctx.atlas.layerGroups.get('exchanges') ?? [];
    const kinds = layers.filter((l) => !['xc-nodes', 'xc-counts', 'xc-network'].includes(l.id));
    const nodes = layers.find((l) => l.id === 'xc-nodes')?.props.data as unknown[] | undefined;
    return {
      nodes: nodes?.length ?? 0,
      flows: kinds.reduce((n, l) => n + ((l.props.data as { flows: unknown[] }).flows.length ?? 0) / 2, 0),
      kinds: kinds.map((l) => l.id),
    };
  });
}

/** Where a place lies on the page, in CSS pixels. */
const onPage = (page: Page, lonLat: [number, number]) =>
  page.evaluate((p) => {
    const at = (window as unknown as { atlas: Atlas }).atlas.map.project(p);
    const box = document.querySelector('#map')!.getBoundingClientRect();
    return { x: at.x + box.left, y: at.y + box.top };
  }, lonLat);

/**
 * A point on the page near a place where the map shows `muni` (any place when null) and the exchanges view has
 * nothing under the pointer (`want: 'none'`) or a flow line (`want: 'flow'`), searched outwards in 2 px steps.
 */
function findPoint(page: Page, near: [number, number], want: 'none' | 'flow', muni: string | null): Promise<{ x: number; y: number } | null> {
  return page.evaluate(
    ([lonLat, wanted, code]) => {
      type Atlas = {
        map: { project(p: [number, number]): { x: number; y: number }; queryRenderedFeatures(p: [number, number], o: object): { properties: { code: string } }[] };
        ctx: { viewById(id: string): { pointerTooltip?(p: { x: number; y: number }): unknown } };
      };
      const atlas = (window as unknown as { atlas: Atlas }).atlas;
      const view = atlas.ctx.viewById('exchanges')!;
      const box = document.querySelector('#map')!.getBoundingClientRect();
      const c = atlas.map.project(lonLat as [number, number]);
      // The mouse moves in whole pixels: a point counts when its neighbours (2 px off any flow, 1 px along one) answer the same.
      const flowAt = (x: number, y: number) => (view.pointerTooltip?.({ x, y }) as { markup: string } | null)?.markup.includes('–') ?? null;
      const around =
        wanted === 'none'
          ? [-2, 0, 2].flatMap((dx) => [-2, 0, 2].map((dy) => [dx, dy]))
          : [
              [0, 0],
              [1, 0],
              [-1, 0],
              [0, 1],
              [0, -1],
            ];
      for (let r = 0; r < 80; r += 2) {
        for (let dx = -r; dx <= r; dx += 2) {
          for (const dy of Math.abs(dx) === r ? Array.from({ length: r + 1 }, (_, i) => -r + 2 * i) : [-r, r]) {
            const x = Math.round(c.x) + dx;
            const y = Math.round(c.y) + dy;
            if (x < 0 || y < 0 || x > box.width || y > box.height) continue;
            const under = atlas.map.queryRenderedFeatures([x, y], { layers: ['muni-fill'] })[0]?.properties.code;
            if (code && under !== code) continue;
            // The view's own answer to "what is under the pointer": a flow's tooltip names both ends (–).
            const ok = around.every(([ex, ey]) => (wanted === 'none' ? flowAt(x + ex, y + ey) === null : flowAt(x + ex, y + ey) === true));
            if (ok) return { x: x + box.left, y: y + box.top };
          }
        }
      }
      return null;
    },
    [near, want, muni] as const,
  );
}

/** The part of the map no panel, legend or credits cover (as the atlas measures it for framing). */
const visibleMap = (page: Page) =>
  page.evaluate(() => {
    const box = document.querySelector('#map')!.getBoundingClientRect();
    const covered = (sel: string) => {
      const el = document.querySelector<HTMLElement>(sel);
      // Not offsetParent: it is null for the phone's fixed details sheet.
      return el && !el.hidden && el.getClientRects().length > 0 ? el.getBoundingClientRect() : null;
    };
    const right = covered('#right');
    const phone = innerWidth <= 768;
    return {
      left: box.left,
      top: box.top,
      right: right && !phone ? right.left : box.right,
      bottom: right && phone ? right.top : box.bottom - (document.querySelector<HTMLElement>('#attribution')?.offsetHeight ?? 0),
    };
  });

const setagaya: [number, number] = [139.653, 35.646];
const komae: [number, number] = [139.578, 35.635];

describe.each(Object.entries(sizes))('flows and places at %s size', (name, size) => {
  it('clusters the national exchange map, selects 世田谷区 on a click and then draws only its flows', async () => {
    const page = await openAtlas(session.browser, session.server.url, '/?view=exchanges', size);
    await page.waitForFunction(() => document.querySelector('#xc-count')?.textContent?.includes('841'));
    await waitForIdleMap(page);
    const national = await drawnFlows(page);
    // 841 agreements between some 600 places, drawn as a few dozen clusters; pacts' pairs are not among them.
    expect(national.nodes).toBeGreaterThan(5);
    expect(national.nodes).toBeLessThan(120);
    expect(national.kinds).toContain('xc-disaster_aid');
    await saveScreenshot(page, `flows-${name}-national`);

    // Closer in, the clusters split.
    await page.evaluate((c) => (window as unknown as { atlas: Atlas }).atlas.map.jumpTo({ center: c, zoom: 10 }), setagaya);
    await waitForIdleMap(page);
    await page.waitForFunction((n) => {
      const layers = (window as unknown as { atlas: Atlas }).atlas.ctx.atlas.layerGroups.get('exchanges') ?? [];
      return ((layers.find((l) => l.id === 'xc-nodes')?.props.data as unknown[]) ?? []).length > n;
    }, national.nodes);

    // A click inside 世田谷区, off its circle and any flow line's exact pixel: the polygon wins.
    const at = (await findPoint(page, [139.625, 35.625], 'none', '13112'))!;
    expect(at).not.toBeNull();
    await page.mouse.move(at.x, at.y);
    await page.mouse.click(at.x, at.y);
    await page.waitForFunction(() => new URL(location.href).searchParams.get('sel') === '13112');
    await page.waitForFunction(() => document.querySelector('#xc-count')?.textContent?.includes('世田谷区'));
    const mine = await drawnFlows(page);
    const count = Number((await page.locator('#xc-count').innerText()).match(/表示中 (\d+)件/)![1]);
    // Only its own flows: one per partner and kind, every one of its agreements among them.
    expect(count).toBeGreaterThan(5);
    expect(mine.flows).toBeLessThanOrEqual(count);
    expect(mine.flows).toBeGreaterThan(count / 2);
    await waitForIdleMap(page);
    await saveScreenshot(page, `flows-${name}-setagaya`);
    await page.close();
  });

  it('shows one tooltip at a time: a flow’s alone over a flow, the municipality’s elsewhere', async () => {
    const page = await openAtlas(session.browser, session.server.url, '/?view=exchanges&sel=13219&c=139.3,36.4,7,0,0', size);
    await page.waitForFunction(() => document.querySelector('#xc-count')?.textContent?.includes('狛江市'));
    await waitForIdleMap(page);
    // Halfway from 狛江市 to 長岡市 (two agreements, two kinds), on a drawn flow line.
    const on = (await findPoint(page, [139.2, 36.5], 'flow', null))!;
    expect(on).not.toBeNull();
    await page.mouse.move(on.x, on.y);
    await page.waitForFunction(() => document.querySelector('#tooltip')?.textContent?.includes('–'));
    const found = await page.locator('#tooltip').innerText();
    expect(found).toMatch(/狛江市 – |– 狛江市/);
    expect(await page.locator('.deck-tooltip:visible').count()).toBe(0);
    expect(await page.locator('#tooltip').count()).toBe(1);
    // Over land away from the flows, the municipality's own tooltip.
    const land = (await findPoint(page, [139.1, 35.9], 'none', null))!;
    await page.mouse.move(land.x, land.y);
    await page.waitForFunction(() => !document.querySelector('#tooltip')?.textContent?.includes('–'));
    expect(await page.locator('#tooltip').innerText()).not.toContain('–');
    await page.close();
  });

  it('draws a pact as its parties, not as pairs: 中核市災害相互応援協定 with its 62 cities', async () => {
    const page = await openAtlas(session.browser, session.server.url, '/?view=exchanges', size);
    await page.waitForSelector('[data-net="net-core-cities"]');
    await page.locator('[data-net="net-core-cities"]').scrollIntoViewIfNeeded();
    await page.click('[data-net="net-core-cities"]');
    await page.waitForSelector('[data-testid="network-title"]');
    expect(await page.locator('[data-testid="network-title"]').innerText()).toBe('中核市災害相互応援協定');
    expect(await page.locator('.xc-members li').count()).toBe(62);
    const layers = await page.evaluate(() =>
      ((window as unknown as { atlas: Atlas }).atlas.ctx.atlas.layerGroups.get('exchanges') ?? []).map((l) => [l.id, (l.props.data as unknown[]).length]),
    );
    expect(layers).toEqual([['xc-network', 62]]);
    await waitForIdleMap(page);
    await saveScreenshot(page, `flows-${name}-core-cities`);
    await page.close();
  });

  it('after 備後 in Regions, choosing 狛江市 in Disaster aid frames 狛江市 and leaves no region panel', async () => {
    const page = await openAtlas(session.browser, session.server.url, '/?view=regions&region=ccr-34207', size);
    await page.waitForSelector('[data-testid="region-name"]');
    await waitForIdleMap(page);
    await page.click('#tabs button[data-view="disaster"]');
    await page.waitForSelector('#ds-origin');
    await page.click('#ds-origin');
    await page.keyboard.type('狛江市');
    await page.waitForSelector('#ds-origin-list li');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('origin') === '13219');
    await page.waitForSelector('[data-testid="disaster-ranking"] li');
    await waitForIdleMap(page);
    expect(await page.locator('[data-testid="region-panel"]').isVisible()).toBe(false);
    expect(await page.locator('#right').isVisible()).toBe(false);
    const p = await onPage(page, komae);
    const v = await visibleMap(page);
    // In the visible part of the map, and near its middle (within a fifth of its size).
    expect(p.x).toBeGreaterThan(v.left);
    expect(p.x).toBeLessThan(v.right);
    expect(p.y).toBeGreaterThan(v.top);
    expect(p.y).toBeLessThan(v.bottom);
    expect(Math.abs(p.x - (v.left + v.right) / 2)).toBeLessThan((v.right - v.left) / 5);
    expect(Math.abs(p.y - (v.top + v.bottom) / 2)).toBeLessThan((v.bottom - v.top) / 5);
    await saveScreenshot(page, `flows-${name}-regions-to-disaster`);
    await page.close();
  });
});
