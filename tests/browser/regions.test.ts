import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { mapPixels, openAtlas, saveScreenshot, useAtlasSession, waitForIdleMap } from '../helpers/browser.ts';

const session = useAtlasSession();

/** Screen position of a municipality's representative point. */
async function screenPoint(page: Page, code: string): Promise<{ x: number; y: number }> {
  return page.evaluate((c) => {
    const a = (
      window as unknown as {
        atlas: { map: { project(p: [number, number]): { x: number; y: number }; getCanvas(): HTMLCanvasElement }; ctx: { munis: Map<string, { lon: number; lat: number }> } };
      }
    ).atlas;
    const m = a.ctx.munis.get(c)!;
    const p = a.map.project([m.lon, m.lat]);
    const r = a.map.getCanvas().getBoundingClientRect();
    return { x: r.left + p.x, y: r.top + p.y };
  }, code);
}

describe('regions view in headless Chromium', () => {
  it('draws every 連携中枢都市圏 outline with the coverage note, and clicking a region opens its panel', async () => {
    const page = await openAtlas(session.browser, session.server.url, '/?view=regions&c=133.3,34.6,8,0,0');
    await page.waitForSelector('#rlist button');
    await waitForIdleMap(page);
    const explore = await openAtlas(session.browser, session.server.url, '/?c=133.3,34.6,8,0,0&metric=density');
    const withRegions = await mapPixels(page);
    const without = await mapPixels(explore);
    await explore.close();
    // Region fills add colours the plain choropleth does not have.
    const diff = Object.keys({ ...withRegions.counts, ...without.counts }).reduce((s, k) => s + Math.abs((withRegions.counts[k] ?? 0) - (without.counts[k] ?? 0)), 0);
    expect(diff).toBeGreaterThan(5000);
    expect(await page.locator('#rlist button').count()).toBe(38);
    // List, legend and coverage note agree: 37 formed + 1 unconfirmed, against MIC's 38 regions, 40 cities, 376 municipalities.
    expect(await page.locator('#rcount').innerText()).toBe('(形成済み37 ＋ 未確認1)');
    expect(await page.locator('#rlist li.rgroup').allInnerTexts()).toEqual(['形成済み · 37', '未確認 · 1']);
    expect(await page.locator('#rlist li.off').count()).toBe(1);
    expect(await page.locator('[data-testid="regions-legend-count"]').innerText()).toContain('· 37');
    const legend = await page.locator('#legend').innerText();
    expect(legend).toContain('38圏域・宣言連携中枢都市40市・構成市町村 延べ376');
    expect(await page.locator('[data-testid="regions-coverage"]').innerText()).toContain('38のうち37圏域');
    await saveScreenshot(page, 'regions-central-city');

    const p = await screenPoint(page, '34207');
    await page.mouse.click(p.x, p.y);
    await page.waitForSelector('[data-testid="region-name"]');
    expect(await page.locator('[data-testid="region-name"]').innerText()).toBe('備後圏域連携中枢都市圏');
    expect(await page.locator('[data-testid="region-totals"]').innerText()).toContain('852,168人');
    expect(await page.locator('[data-testid="region-members"] tbody tr').count()).toBe(9);
    // Dates as YYYY-MM on one line; the full date stays in the title.
    expect(await page.locator('[data-testid="region-members"] td.joined').first().innerText()).toBe('2015-03');
    expect(await page.locator('[data-testid="region-members"] td.joined').first().getAttribute('title')).toBe('2015-03-25');
    expect(new URL(page.url()).searchParams.get('region')).toBe('ccr-34207');
    await waitForIdleMap(page);
    await saveScreenshot(page, 'regions-bingo-panel');
    await page.close();
  });

  it('shows the eligibility layer with cities that could lead a region but do not', async () => {
    const page = await openAtlas(session.browser, session.server.url, '/?view=regions&elig=central_city_region');
    await page.waitForSelector('[data-testid="elig-list"] button');
    expect(await page.locator('#legend').innerText()).toContain('要件を満たすが圏域なし');
    await page.locator('[data-testid="elig-list"] button').first().click();
    await page.waitForSelector('[data-testid="criteria"]');
    expect(await page.locator('[data-testid="candidate-panel"]').innerText()).toContain('要件を満たすが圏域なし');
    await waitForIdleMap(page);
    await saveScreenshot(page, 'regions-eligibility');
    await page.close();
  });

  it('a what-if group of three municipalities shows their summed population and can be saved', async () => {
    const page = await openAtlas(session.browser, session.server.url, `/?view=regions&group=34207,34205&c=133.2,34.5,8.5,0,0&token=${session.server.token}`);
    await page.waitForSelector('[data-testid="whatif-population"]');
    const p = await screenPoint(page, '34204');
    await page.mouse.click(p.x, p.y);
    await page.waitForFunction(() => new URL(location.href).searchParams.get('group') === '34207,34205,34204');
    expect(await page.locator('[data-testid="whatif-population"]').innerText()).toBe('682,673人');
    expect(await page.locator('[data-testid="whatif-criteria"]').innerText()).toContain('福山市');
    await page.fill('#gname', '備後東部案');
    await page.locator('#gname').dispatchEvent('change');
    await waitForIdleMap(page);
    await saveScreenshot(page, 'regions-whatif');
    await page.click('#whatif-save');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('rtype') === 'custom');
    await page.waitForSelector('[data-testid="region-name"]');
    expect(await page.locator('[data-testid="region-name"]').innerText()).toBe('備後東部案');
    expect(await page.locator('#rlist button').count()).toBe(1);
    await page.close();
  });

  it('without the token, saving explains how to get it', async () => {
    const page = await openAtlas(session.browser, session.server.url, '/?view=regions&group=34207&gname=x');
    await page.click('#whatif-save');
    expect(await page.locator('#whatif-msg').innerText()).toContain('token');
    await page.close();
  });
});
