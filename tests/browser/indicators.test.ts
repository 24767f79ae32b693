import { describe, expect, it } from 'vitest';
import { openAtlas, saveScreenshot, useAtlasSession, waitForIdleMap } from '../helpers/browser.ts';

const session = useAtlasSession();

/** The fill colour the map holds for a municipality (feature state), or null. */
const colourOf = (page: import('playwright-core').Page, code: string) =>
  page.evaluate((id) => {
    const map = (window as unknown as { atlas: { map: { getFeatureState(f: object): { color?: string | null } } } }).atlas.map;
    return map.getFeatureState({ source: 'boundaries', sourceLayer: 'municipalities', id }).color ?? null;
  }, code);

describe('own indicators in headless Chromium', () => {
  it('uploads a CSV: report table, choropleth, correlation, and a total over 備後圏域', async () => {
    const page = await openAtlas(session.browser, session.server.url, `/?token=${session.server.token}`, { width: 1400, height: 900 });
    await page.click('#own-ind-upload summary');
    await page.setInputFiles('#ind-file', {
      name: 'beds.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('都道府県,市区町村,病床数\n広島県,福山市,100\n広島県,尾道市,50\n岡山県,笠岡市,20\n,川口村,7\n東京都,狛江市,5\n'),
    });
    await page.fill('#ind-unit', '床');
    await page.click('#ind-dry');
    // The row-level check: the unknown name as typed, the reason in Japanese, the resolver's suggestion.
    const report = page.locator('[data-testid="import-report-dialog"]');
    await report.waitFor({ state: 'visible' });
    const bad = report.locator('tr.error');
    expect(await bad.count()).toBe(1);
    expect(await bad.locator('td.typed').innerText()).toBe('川口村');
    expect(await bad.innerText()).toContain('長岡市');
    expect(await report.locator('tr.ok').count()).toBe(4);
    await saveScreenshot(page, 'indicator-report');
    await report.locator('[data-report-action="0"]').click();

    await page.waitForFunction(() => new URL(location.href).searchParams.get('ind')?.startsWith('ind-'));
    await page.waitForSelector('#legend [data-testid="own-legend"]');
    expect(await page.locator('#legend').innerText()).toContain('病床数');
    // The choropleth: the four places with a value are coloured, by class; others are left blank.
    const [fukuyama, komae, sapporo] = [await colourOf(page, '34207'), await colourOf(page, '13219'), await colourOf(page, '01100')];
    expect(fukuyama).toMatch(/^#[0-9a-f]{6}$/i);
    expect(komae).toMatch(/^#[0-9a-f]{6}$/i);
    expect(fukuyama).not.toBe(komae);
    expect(sapporo).toBeNull();
    await page.waitForSelector('[data-testid="own-correlation"]');
    expect(await page.locator('[data-testid="own-correlation"]').innerText()).toContain('n = 4');
    await waitForIdleMap(page);
    await saveScreenshot(page, 'indicator-choropleth');
    const ind = new URL(page.url()).searchParams.get('ind')!;
    await page.close();

    // 備後圏域: 福山市 100 + 尾道市 50 + 笠岡市 20 over its nine members.
    const region = await openAtlas(session.browser, session.server.url, `/?view=regions&region=ccr-34207&ind=${ind}`, { width: 1400, height: 900 });
    await region.waitForFunction(() => document.querySelector('[data-testid="own-total"]')?.textContent?.includes('合計'));
    const total = await region.locator('[data-testid="own-total"]').innerText();
    expect(total).toContain('合計 170 床');
    expect(total).toContain('値のある3市区町村');
    await saveScreenshot(region, 'indicator-region-total');
    await region.close();
  });
});
