import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openAtlas, saveScreenshot, useAtlasSession, waitForIdleMap } from '../helpers/browser.ts';

const session = useAtlasSession();

/** The texts of a deck.gl text layer of the atlas overlay (MapboxOverlay keeps its props in `_props`). */
const layerTexts = (page: Page, id: string) =>
  page.evaluate((layerId) => {
    type Layers = { id: string; props: { data: unknown[]; getText: (d: unknown) => string } }[];
    const overlay = (window as unknown as { atlas: { ctx: { atlas: { overlay: { _props: { layers: Layers } } } } } }).atlas.ctx.atlas.overlay;
    const layer = overlay._props.layers.find((l) => l.id === layerId);
    return layer ? layer.props.data.map((d) => layer.props.getText(d)) : null;
  }, id);

describe('disaster-aid view on real hazard, in headless Chromium', () => {
  it('names the origin’s own hazard and explains the score with the new parameters (仙台市)', async () => {
    const page = await openAtlas(session.browser, session.server.url, '/?view=disaster&origin=04100&c=140.5,38.0,5.2,0,0');
    await page.waitForSelector('[data-testid="disaster-ranking"] li');
    const hazard = await page.locator('[data-testid="origin-hazard"]').innerText();
    expect(hazard).toMatch(/震度6弱以上: \d+(\.\d)?%/);
    expect(hazard).toContain('日本海溝・千島海溝');
    expect(hazard).toContain('派生値');
    // The list still starts above the fold.
    expect((await page.locator('[data-testid="disaster-ranking"] li').first().boundingBox())!.y).toBeLessThan(700);
    expect(await page.locator('[data-testid="disaster-ranking"] li').first().innerText()).toContain('震度6弱+ 30年');
    await page.click('[data-testid="how-it-works"] summary');
    expect(await page.locator('[data-testid="how-it-works"]').innerText()).toMatch(/J-SHIS 2024[\s\S]*離島[\s\S]*応急対策職員派遣制度/);
    await page.click('#ds-params summary');
    for (const k of ['ownHazardWeight', 'possibleZoneWeight', 'stormDecayKm', 'ferryPenaltyKm']) expect(await page.locator(`#p-${k}`).count(), k).toBe(1);
    await waitForIdleMap(page);
    await saveScreenshot(page, 'disaster-sendai');
  });

  it('says why a documented partner scores low, in the list and on the map (世田谷区–川場村: capacity)', async () => {
    const page = await openAtlas(session.browser, session.server.url, '/?view=disaster&origin=13112&c=139.3,36.2,6.4,0,0');
    await page.waitForSelector('[data-testid="existing"]');
    expect(await page.locator('[data-testid="existing"] summary').innerText()).toMatch(/既存の協定先 \d+団体（うち\d+団体は適性が低い/);
    await page.click('[data-testid="existing"] summary');
    const kawaba = page.locator('[data-testid="existing"] li[data-code="10444"]');
    expect(await kawaba.locator('[data-testid="reason"]').innerText()).toMatch(/応援力：人口3,480人は世田谷区の0\.4%/);
    const labels = await layerTexts(page, 'disaster-tie-labels');
    expect(labels!.some((l) => l.startsWith('川場村') && l.includes('応援力'))).toBe(true);
    await waitForIdleMap(page);
    await saveScreenshot(page, 'disaster-setagaya-ties');
  });

  it('shows the reason on the map in the presented story too', async () => {
    const page = await openAtlas(session.browser, session.server.url, '/?view=present&story=setagaya&step=4');
    await page.waitForFunction(() =>
      (window as unknown as { atlas: { ctx: { atlas: { overlay: { _props: { layers: { id: string }[] } } } } } }).atlas.ctx.atlas.overlay._props.layers.some(
        (l) => l.id === 'disaster-tie-labels',
      ),
    );
    expect((await layerTexts(page, 'disaster-tie-labels'))!.some((l) => l.startsWith('川場村'))).toBe(true);
    await waitForIdleMap(page);
    await saveScreenshot(page, 'disaster-story-setagaya');
  });

  it('reaches an island through its port and marks sea crossings (隠岐の島町)', async () => {
    const page = await openAtlas(session.browser, session.server.url, '/?view=disaster&origin=32528&c=133.5,35.6,6,0,0');
    await page.waitForSelector('[data-testid="disaster-ranking"] li');
    expect(await page.locator('[data-testid="origin-island"]').innerText()).toContain('松江市');
    expect(await page.locator('[data-testid="disaster-ranking"] li').first().innerText()).toContain('海を渡る');
    await waitForIdleMap(page);
    await saveScreenshot(page, 'disaster-okinoshima');
  });
});
