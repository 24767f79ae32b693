/** The 2050 outlook and truthfully labelled facts in the panels (issue 10, items 6 and 7), in headless Chromium. */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openAtlas, saveScreenshot, useAtlasSession } from '../helpers/browser.ts';

const session = useAtlasSession();
const fileName = /\d{3}_[0-9a-f]{16}\.txt|seeds\/|\.csv\b/;

async function panel(path: string, testId: string): Promise<Page> {
  const page = await openAtlas(session.browser, session.server.url, path, { width: 1280, height: 900 });
  await page.waitForSelector(`[data-testid="${testId}"]`, { timeout: 60_000 });
  return page;
}

describe('municipality panel', () => {
  it('shows 川場村 3,480 → 2,164 by 2050 with a chart of the age groups', async () => {
    const page = await panel('/?sel=10444', 'outlook-line');
    expect(await page.locator('[data-testid="outlook-line"]').innerText()).toMatch(/3,480人.*→.*2,164人/s);
    expect(await page.locator('[data-testid="outlook-chart"] rect').count()).toBe(21);
    await page.locator('[data-testid="outlook-chart"]').scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'facts-kawaba-outlook');
    await page.close();
  });

  it('says 双葉町’s projection exists only with the 浜通り group, showing the group’s figures as the group’s', async () => {
    const page = await panel('/?sel=07546', 'outlook-group');
    expect(await page.locator('[data-testid="outlook-group"]').innerText()).toContain('双葉町単独の推計は公表されていません');
    expect(await page.locator('[data-testid="outlook-line"]').innerText()).toMatch(/^浜通り地域: 452,508人/);
    await page.locator('[data-testid="outlook-group"]').scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'facts-futaba-outlook');
    await page.close();
  });

  it('marks the ended 定住自立圏 of 八戸市 apart from its current 連携中枢都市圏, and lists the 中核市 pact', async () => {
    const page = await panel('/?sel=02203', 'muni-regions');
    const ended = page.locator('[data-testid="muni-regions"] li[data-membership="ended"]');
    expect(await ended.innerText()).toMatch(/八戸圏域定住自立圏.*終了/s);
    expect(await ended.locator('a').evaluate((a) => getComputedStyle(a).textDecorationLine)).toBe('line-through');
    expect(await page.locator('[data-testid="muni-regions"] li[data-membership="active"]').first().innerText()).toContain('八戸圏域連携中枢都市圏');
    expect(await page.locator('[data-testid="muni-networks"]').innerText()).toContain('中核市災害相互応援協定');
    await page.locator('[data-testid="muni-regions"]').scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'facts-hachinohe-regions');
    await page.close();
  });
});

describe('region panel', () => {
  it('shows 備後圏域’s outlook summed over its members and cites its sources readably', async () => {
    const page = await panel('/?view=regions&region=ccr-34207', 'outlook-chart');
    expect(await page.locator('[data-testid="outlook-line"]').innerText()).toMatch(/^備後圏域連携中枢都市圏: /);
    const sources = await page.locator('[data-testid="region-sources"]').innerText();
    expect(sources.length).toBeGreaterThan(5);
    expect(sources).not.toMatch(fileName);
    await page.locator('[data-testid="outlook-chart"]').scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'facts-bingo-region');
    await page.close();
  });

  it('says 甘楽富岡 is known only by its centre and gives no totals as if complete', async () => {
    const page = await panel('/?view=regions&region=sz-10210', 'members-known');
    expect(await page.locator('[data-testid="members-known"]').innerText()).toContain('中心市しか判明していません');
    expect(await page.locator('[data-testid="region-totals"]').innerText()).toContain('合計なし');
    await saveScreenshot(page, 'facts-kanra-tomioka');
    await page.close();
  });

  it('marks 佐伯市 as planned in 大分都市広域圏', async () => {
    const page = await panel('/?view=regions&region=ccr-44201', 'region-members');
    expect(await page.locator('[data-testid="region-members"] tr[data-membership="planned"]').innerText()).toMatch(/佐伯市.*参加予定/s);
    await page.close();
  });

  it('cites a seed document by title and publisher, not by its file name', async () => {
    const page = await panel('/?view=regions&region=seed-002-kamo', 'region-sources');
    const sources = await page.locator('[data-testid="region-sources"]').innerText();
    expect(sources).toContain('総務省');
    expect(sources).not.toMatch(fileName);
    await page.close();
  });
});

describe('presentation captions', () => {
  it('cite their documents readably in the caption', async () => {
    const page = await panel('/?view=present&story=bingo&step=1', 'present-source');
    const source = await page.locator('[data-testid="present-source"]').innerText();
    expect(source).toContain('総務省');
    expect(source).not.toMatch(fileName);
    await page.close();
  });
});
