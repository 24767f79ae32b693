/**
 * The layout at phone, laptop and projector sizes: every view reachable, the map large enough, nothing
 * scrolling sideways, all of Japan on the first map, legend/scale bar/credits apart. Screenshots of every
 * view at each size are kept in tests/artifacts/ to be looked at.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openAtlas, saveScreenshot, useAtlasSession, waitForIdleMap } from '../helpers/browser.ts';

const session = useAtlasSession();
const sizes = { phone: { width: 390, height: 844 }, laptop: { width: 1400, height: 900 }, projector: { width: 1920, height: 1080 } } as const;

type Rect = { left: number; top: number; right: number; bottom: number; width: number; height: number };
const rect = (page: Page, selector: string) =>
  page.evaluate((s) => {
    const r = document.querySelector(s)!.getBoundingClientRect();
    return { left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height };
  }, selector) as Promise<Rect>;
/** The tab font size measured at each size by the first tests. */
const fonts: Partial<Record<keyof typeof sizes, number>> = {};
const overlaps = (a: Rect, b: Rect) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

describe.each(Object.entries(sizes))('layout at %s size', (name, size) => {
  it('reaches every view by its tab, keeps the map large and never scrolls sideways', async () => {
    const page = await openAtlas(session.browser, session.server.url, '/', size);
    const tabs = await page.locator('#tabs button').all();
    expect(tabs.length).toBe(6);
    for (const tab of tabs) {
      await tab.scrollIntoViewIfNeeded();
      const box = (await tab.boundingBox())!;
      expect(box.width, await tab.innerText()).toBeGreaterThan(30);
      await tab.click();
      const id = await tab.getAttribute('data-view');
      await page.waitForFunction((v) => (new URL(location.href).searchParams.get('view') ?? 'explore') === v, id);
      await waitForIdleMap(page);
      const [scrollW, innerW] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
      expect(scrollW, `${id}: page wider than the screen`).toBeLessThanOrEqual(innerW);
      const map = await rect(page, '#map');
      expect(map.height * map.width, `${id}: map area`).toBeGreaterThanOrEqual((size.width * size.height) / 2 - 1);
      await saveScreenshot(page, `layout-${name}-${id}`);
      if (id === 'explore') {
        const footer = await rect(page, '#attribution');
        expect(overlaps(await rect(page, '.maplibregl-ctrl-scale'), footer), 'scale bar under the credits').toBe(false);
        expect(overlaps(await rect(page, '#legend'), footer), 'legend under the credits').toBe(false);
      }
    }
    fonts[name as keyof typeof sizes] = await page.evaluate(() => Number.parseFloat(getComputedStyle(document.querySelector('#tabs button')!).fontSize));
    await page.close();
  });
});

describe('first map and projector type', () => {
  it('shows all 47 prefectures on the first map, 沖縄県 and 与那国 included', async () => {
    const page = await openAtlas(session.browser, session.server.url, '/', sizes.laptop);
    const inView = await page.evaluate(() => {
      const b = (window as unknown as { atlas: { map: { getBounds(): { contains(p: [number, number]): boolean } } } }).atlas.map.getBounds();
      return { naha: b.contains([127.68, 26.21]), yonaguni: b.contains([123.0, 24.47]), shiretoko: b.contains([145.2, 44.2]), chichijima: b.contains([142.19, 27.09]) };
    });
    expect(inView).toEqual({ naha: true, yonaguni: true, shiretoko: true, chichijima: true });
    await page.close();
  });

  it('sets larger type on a projector than on a laptop', () => {
    expect(fonts.projector).toBeGreaterThanOrEqual(16);
    expect(fonts.projector).toBeGreaterThan(fonts.laptop!);
  });

  it('folds the legend on a phone and opens it from its heading by keyboard', async () => {
    const page = await openAtlas(session.browser, session.server.url, '/', sizes.phone);
    expect(await page.locator('#legend').getAttribute('class')).toContain('collapsed');
    await page.locator('#legend h4').focus();
    await page.keyboard.press('Enter');
    expect(await page.locator('#legend').getAttribute('class')).not.toContain('collapsed');
    expect(await page.locator('#legend .row').first().isVisible()).toBe(true);
    await page.close();
  });

  it('closes the last view’s panel when switching views', async () => {
    const page = await openAtlas(session.browser, session.server.url, '/?view=regions&region=ccr-34207', sizes.laptop);
    await page.waitForSelector('#right:not([hidden])');
    await page.click('#tabs button[data-view="disaster"]');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('view') === 'disaster');
    await waitForIdleMap(page);
    expect(await page.locator('#right').isVisible()).toBe(false);
    await page.close();
  });
});
