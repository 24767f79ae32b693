import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { artifactsDir, openAtlas, saveScreenshot, useAtlasSession, waitForIdleMap } from '../helpers/browser.ts';

const session = useAtlasSession();

const param = (page: Page, key: string) => new URL(page.url()).searchParams.get(key);
const counter = (page: Page) => page.locator('[data-testid="present-counter"]').innerText();

/** Presses a key and waits until the URL shows step `n`. */
async function press(page: Page, key: string, n: number): Promise<void> {
  await page.keyboard.press(key);
  await page.waitForFunction((step) => new URL(location.href).searchParams.get('step') === String(step), n);
}

/** Saves a download to disk and returns its bytes. */
async function downloaded(page: Page, action: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), action()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), bytes: readFileSync(path) };
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** Distinct colours (5 bits per channel) of a PNG, decoded by the browser. */
function distinctColours(page: Page, bytes: Buffer): Promise<number> {
  return page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.width;
    c.height = img.height;
    const g = c.getContext('2d')!;
    g.drawImage(img, 0, 0);
    const d = g.getImageData(0, 0, c.width, c.height).data;
    const seen = new Set<number>();
    for (let i = 0; i < d.length; i += 4 * 11) seen.add(((d[i] >> 3) << 10) | ((d[i + 1] >> 3) << 5) | (d[i + 2] >> 3));
    return seen.size;
  }, bytes.toString('base64'));
}

describe('presentation of a partnership story', () => {
  it('steps through 狛江市–長岡市 with the keyboard; each step has its own URL that reopens it', async () => {
    const page = await openAtlas(session.browser, session.server.url, '/?view=present');
    // Camera moves jump instead of flying (as for users who ask for reduced motion): the test checks steps, not animation.
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.click('button[data-story="komae-nagaoka"]');
    await page.waitForSelector('body.presenting [data-testid="present-counter"]');
    expect(await counter(page)).toBe('1 / 6');
    expect(param(page, 'story')).toBe('komae-nagaoka');
    expect(param(page, 'step')).toBe('1');
    expect(await page.locator('.topbar').isVisible()).toBe(false);

    await press(page, 'ArrowRight', 2);
    await press(page, 'Space', 3);
    await press(page, 'ArrowLeft', 2);
    await press(page, 'PageDown', 3);
    expect(await counter(page)).toBe('3 / 6');
    expect(await page.locator('[data-testid="present-caption"]').innerText()).toContain('寄りあいっこ');
    expect(param(page, 'metric')).toBe('share65plus');
    await press(page, 'End', 6);
    expect(param(page, 'origin')).toBe('13219');
    expect(param(page, 'metric')).toBeNull();
    await press(page, 'Home', 1);
    await press(page, 'ArrowRight', 2);
    await press(page, 'ArrowRight', 3);
    await waitForIdleMap(page);
    await saveScreenshot(page, 'present-komae-step3');

    // The link of step 3 opens straight at step 3, camera included.
    const link = page.url();
    const again = await openAtlas(session.browser, session.server.url, link.slice(session.server.url.length), { width: 1280, height: 800 });
    await again.waitForSelector('[data-testid="present-counter"]');
    expect(await counter(again)).toBe('3 / 6');
    expect(await again.locator('[data-testid="present-caption"]').innerText()).toContain('寄りあいっこ');
    const zoom = await again.evaluate(() => (window as unknown as { atlas: { map: { getZoom(): number } } }).atlas.map.getZoom());
    expect(zoom).toBeCloseTo(9.4, 1);
    await again.close();

    await page.keyboard.press('Escape');
    await page.waitForSelector('body:not(.presenting) button[data-story]');
    expect(param(page, 'story')).toBeNull();
    expect(param(page, 'view')).toBe('present');
    await page.close();
  }, 180_000);

  it("keeps the step's own camera in the URL while the camera flies to it", async () => {
    const page = await openAtlas(session.browser, session.server.url, '/?view=present&story=bingo&step=1');
    await page.waitForSelector('[data-testid="present-counter"]');
    await waitForIdleMap(page);
    const story = (await (await fetch(`${session.server.url}/api/stories/bingo`)).json()) as {
      steps: { camera: { lon: number; lat: number; zoom: number; pitch: number; bearing: number } }[];
    };
    const cam = (i: number) => Object.values(story.steps[i].camera).join(',');
    expect(param(page, 'c')).toBe(cam(0));
    await page.keyboard.press('ArrowRight');
    // Sampled through the flight: only the step cameras, never a point in between.
    const seen = new Set<string>();
    for (let i = 0; i < 25; i++) {
      seen.add(param(page, 'c') ?? '');
      await page.waitForTimeout(100);
    }
    await waitForIdleMap(page);
    seen.add(param(page, 'c') ?? '');
    expect([...seen].filter((c) => c !== cam(0))).toEqual([cam(1)]);
    expect(param(page, 'c')).toBe(cam(1));
    await page.close();
  }, 90_000);

  it('"Save image" gives a PNG that is not blank, at 2× in the presentation and 1× from the top bar', async () => {
    const page = await openAtlas(session.browser, session.server.url, '/?view=present&story=komae-nagaoka&step=1');
    await page.waitForSelector('[data-testid="present-counter"]');
    await waitForIdleMap(page);
    const size = await page.evaluate(() => {
      const el = document.getElementById('map')!;
      return { width: el.clientWidth, height: el.clientHeight };
    });
    const slide = await downloaded(page, () => page.click('.present-controls button[data-act="save"]'));
    expect(slide.name).toMatch(/@2x\.png$/);
    expect(pngSize(slide.bytes)).toEqual({ width: size.width * 2, height: size.height * 2 });
    expect(await distinctColours(page, slide.bytes)).toBeGreaterThan(30);
    mkdirSync(artifactsDir, { recursive: true });
    writeFileSync(join(artifactsDir, 'saved-komae-step1@2x.png'), slide.bytes);
    await saveScreenshot(page, 'present-komae-step1');
    await page.close();

    const explore = await openAtlas(session.browser, session.server.url, '/?metric=share65plus&c=139.2,36.5,6.5,0,0');
    const mapSize = await explore.evaluate(() => {
      const el = document.getElementById('map')!;
      return { width: el.clientWidth, height: el.clientHeight };
    });
    await explore.click('#save-image');
    const screen = await downloaded(explore, () => explore.click('.save-menu button[data-scale="1"]'));
    expect(pngSize(screen.bytes)).toEqual(mapSize);
    expect(await distinctColours(explore, screen.bytes)).toBeGreaterThan(30);
    writeFileSync(join(artifactsDir, 'saved-explore.png'), screen.bytes);
    await explore.close();
  }, 150_000);

  it('exports the explore list as CSV with a BOM and header, the selection as GeoJSON, and shows the share link', async () => {
    const page = await openAtlas(session.browser, session.server.url, '/?metric=share65plus&sel=13219');
    const csv = await downloaded(page, () => page.click('#export-csv'));
    const text = csv.bytes.toString('utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text.slice(1).split('\r\n')[0]).toBe('団体コード,都道府県,市区町村,高齢化率（65歳以上） (%)');
    expect(text).toContain('13112,東京都,世田谷区,');

    const geo = await downloaded(page, () => page.click('#export-geojson'));
    const collection = JSON.parse(geo.bytes.toString('utf8'));
    expect(collection.type).toBe('FeatureCollection');
    expect(collection.features.map((f: { properties: { code: string } }) => f.properties.code)).toEqual(['13219']);
    expect(collection.features[0].geometry.type).toMatch(/Polygon/);

    await page.click('#share');
    const href = await page.locator('#share-url').inputValue();
    expect(new URL(href).searchParams.get('metric')).toBe('share65plus');
    expect(new URL(href).searchParams.get('sel')).toBe('13219');
    expect(new URL(href).searchParams.get('c')).toMatch(/^[\d.]+,[\d.]+,[\d.]+,/);
    await saveScreenshot(page, 'share-link');
    await page.close();
  });
});
