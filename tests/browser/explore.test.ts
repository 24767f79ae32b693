import { describe, expect, it } from 'vitest';
import { mapPixels, openAtlas, saveScreenshot, useAtlasSession, waitForIdleMap } from '../helpers/browser.ts';

const session = useAtlasSession();

describe('explore view in headless Chromium', () => {
  it('draws a map that is not blank, with the attribution of every dataset', async () => {
    const page = await openAtlas(session.browser, session.server.url);
    const pixels = await mapPixels(page);
    expect(pixels.distinct).toBeGreaterThan(8);
    const footer = await page.locator('#attribution').innerText();
    expect(footer).toContain('国土数値情報');
    expect(footer).toContain('SSDSE');
    expect(footer).toContain('東京都');
    await saveScreenshot(page, 'explore-default');
    await page.close();
  });

  it("runs MapLibre's worker that the page head started (one worker, started before MapLibre ran)", async () => {
    const page = await session.browser.newPage({ viewport: { width: 1280, height: 800 } });
    // Counts the workers the page starts and notes when MapLibre's module had run (its global is set).
    await page.addInitScript(() => {
      const w = window as unknown as { workersStarted: number; maplibreBeforeWorker?: boolean; Worker: typeof Worker };
      const Native = w.Worker;
      w.workersStarted = 0;
      w.Worker = class extends Native {
        constructor(url: string | URL, options?: WorkerOptions) {
          super(url, options);
          w.workersStarted++;
          w.maplibreBeforeWorker ??= document.querySelector('.maplibregl-map') !== null;
        }
      };
    });
    await page.goto(`${session.server.url}/`);
    await page.waitForFunction(() => (window as unknown as { atlas?: { ready: boolean } }).atlas?.ready === true, null, { timeout: 90_000 });
    const started = await page.evaluate(() => {
      const w = window as unknown as { workersStarted: number; maplibreBeforeWorker: boolean; atlasWorker?: unknown };
      return { workersStarted: w.workersStarted, maplibreBeforeWorker: w.maplibreBeforeWorker, atlasWorker: w.atlasWorker };
    });
    expect(started.workersStarted).toBe(1);
    expect(started.maplibreBeforeWorker).toBe(false);
    expect(started.atlasWorker).toBeUndefined();
    await page.close();
  });

  it('changes colours when another metric is chosen', async () => {
    const page = await openAtlas(session.browser, session.server.url, '/?metric=density');
    const before = await mapPixels(page);
    await page.selectOption('#metric', 'share65plus');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('metric') === 'share65plus');
    await waitForIdleMap(page);
    const after = await mapPixels(page);
    const diff = Object.keys({ ...before.counts, ...after.counts }).reduce((s, k) => s + Math.abs((before.counts[k] ?? 0) - (after.counts[k] ?? 0)), 0);
    expect(diff).toBeGreaterThan(1000);
    await expect(page.locator('#legend').innerText()).resolves.toContain('高齢化率');
    await saveScreenshot(page, 'explore-share65plus');
    await page.close();
  });

  it('search by kana selects 世田谷区 with the keyboard and shows its population', async () => {
    const page = await openAtlas(session.browser, session.server.url);
    await page.click('#search');
    await page.keyboard.type('せたがや');
    await page.waitForSelector('#search-list li');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid="muni-name"]');
    expect(await page.locator('[data-testid="muni-name"]').innerText()).toBe('世田谷区');
    expect(await page.locator('[data-testid="muni-metrics"]').innerText()).toContain('943,664人');
    expect(new URL(page.url()).searchParams.get('sel')).toBe('13112');
    await waitForIdleMap(page);
    await saveScreenshot(page, 'search-setagaya');
    await page.close();
  });

  it('writes metric, selection and camera into the URL, and a new page opened on that URL restores them', async () => {
    const page = await openAtlas(session.browser, session.server.url);
    await page.selectOption('#metric', 'dayNightRatio');
    await page.selectOption('#method', 'jenks');
    await page.selectOption('#classes', '7');
    await page.click('#search');
    await page.keyboard.type('せたがや');
    await page.waitForSelector('#search-list li');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid="muni-name"]');
    await waitForIdleMap(page);
    await page.evaluate(() => (window as unknown as { atlas: { map: { jumpTo(o: object): void } } }).atlas.map.jumpTo({ center: [139.64, 35.64], zoom: 10 }));
    // The state the app wrote into the address, not the one it was opened with.
    await page.waitForFunction(() => {
      const p = new URL(location.href).searchParams;
      return (
        p.get('metric') === 'dayNightRatio' &&
        p.get('method') === 'jenks' &&
        p.get('classes') === '7' &&
        p.get('sel') === '13112' &&
        (p.get('c') ?? '').startsWith('139.64,35.64,10')
      );
    });
    const written = new URL(page.url());
    await page.close();

    const fresh = await openAtlas(session.browser, session.server.url, `${written.pathname}${written.search}`);
    expect(await fresh.locator('#metric').inputValue()).toBe('dayNightRatio');
    expect(await fresh.locator('#method').inputValue()).toBe('jenks');
    expect(await fresh.locator('#classes').inputValue()).toBe('7');
    await fresh.waitForSelector('[data-testid="muni-name"]');
    expect(await fresh.locator('[data-testid="muni-name"]').innerText()).toBe('世田谷区');
    const cam = await fresh.evaluate(() => {
      const m = (window as unknown as { atlas: { map: { getZoom(): number; getCenter(): { lng: number; lat: number } } } }).atlas.map;
      return { zoom: m.getZoom(), ...m.getCenter() };
    });
    expect(cam.zoom).toBeCloseTo(10, 1);
    expect(cam.lng).toBeCloseTo(139.64, 2);
    expect(cam.lat).toBeCloseTo(35.64, 2);
    await fresh.close();
  });

  it('switches to English', async () => {
    const page = await openAtlas(session.browser, session.server.url);
    await page.click('#lang');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    expect(await page.locator('#left-body h2').innerText()).toBe('Municipal indicators');
    expect(new URL(page.url()).searchParams.get('lang')).toBe('en');
    await page.close();
  });
});
