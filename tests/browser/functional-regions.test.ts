/** Functional regions beside formal ones, and eligibility by MIC's rules, in the regions view (headless Chromium). */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openAtlas, saveScreenshot, useAtlasSession, waitForIdleMap } from '../helpers/browser.ts';

const session = useAtlasSession();

/** The deck.gl layers the regions view has drawn: id and number of data items (a flow layer's: its flows). */
function regionLayers(page: Page): Promise<{ id: string; n: number }[]> {
  return page.evaluate(() => {
    type Data = unknown[] | { flows?: unknown[] };
    const a = (window as unknown as { atlas: { ctx: { atlas: { layerGroups: Map<string, { id: string; props: { data: Data } }[]> } } } }).atlas;
    return (a.ctx.atlas.layerGroups.get('regions') ?? []).map((l) => ({ id: l.id, n: Array.isArray(l.props.data) ? l.props.data.length : (l.props.data.flows?.length ?? 1) }));
  });
}

describe('formal vs functional in the regions view', () => {
  it('備後圏域: each member’s commuting rate to 福山市, members outside the 10 % area, suburbs through members, and flows into 福山市', async () => {
    const page = await openAtlas(session.browser, session.server.url, '/?view=regions&region=ccr-34207', { width: 1400, height: 900 });
    await page.waitForSelector('[data-testid="commuting-table"]');
    const table = await page.locator('[data-testid="commuting-table"]').innerText();
    for (const line of ['笠岡市\t構成\t福山市へ 20.3%', '府中市\t構成\t福山市へ 23.5%', '井原市\t構成\t福山市へ 16.2%', '尾道市\t構成\t福山市へ 11.4%'])
      expect(table, line).toContain(line);
    expect(table).toMatch(/三原市\t構成\t10 %圏外 · 別の雇用圏の中心（三原市）/);
    expect(table).toMatch(/里庄町\t構成外\t笠岡市へ 21.0%（2次郊外）/);
    expect(await page.locator('[data-testid="commuting-summary"]').innerText()).toContain('構成9市町村のうち4が福山市へ通勤率10 %以上、4は10 %圏外');
    await page.waitForFunction(() => document.querySelector('[data-testid="flows-legend"]') !== null);
    // Four members and two further suburbs flow in; nobody outside the region sends 10 % to 福山市 itself.
    const flows = (await regionLayers(page)).filter((l) => l.id.startsWith('regions-commuting-'));
    expect(flows.map((l) => l.id).sort()).toEqual(['regions-commuting-further', 'regions-commuting-member']);
    expect(flows.reduce((sum, l) => sum + l.n, 0)).toBe(6);
    await waitForIdleMap(page);
    await saveScreenshot(page, 'regions-bingo-commuting');
    await page.locator('[data-testid="commuting"]').scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'regions-bingo-commuting-table');
    await page.close();
  });

  it('draws the 211 employment areas like other region types, and an area’s panel lists its suburbs by order', async () => {
    const page = await openAtlas(session.browser, session.server.url, '/?view=regions&rtype=employment_area&region=uea-34207');
    await page.waitForSelector('[data-testid="employment-suburbs"]');
    expect(await page.locator('#rlist button').count()).toBe(211);
    const suburbs = await page.locator('[data-testid="employment-suburbs"]').innerText();
    expect(suburbs).toContain('里庄町\t2\t笠岡市\t21.0%');
    expect(await page.locator('[data-testid="employment-area"]').innerText()).toContain('大都市雇用圏');
    await page.close();
  });

  it('a what-if grouping shows the same comparison, with the most populous member assumed as centre', async () => {
    const page = await openAtlas(session.browser, session.server.url, '/?view=regions&group=34207,34208,34204');
    await page.waitForSelector('[data-testid="whatif-commuting"]');
    await page.locator('[data-testid="whatif-commuting"] summary').click();
    const text = await page.locator('[data-testid="whatif-commuting"]').innerText();
    expect(text).toContain('中心は人口最大の構成市町村と仮定');
    expect(text).toMatch(/笠岡市\t構成外\t福山市へ 20.3%/);
    await page.close();
  });
});

describe('eligibility by MIC’s rules in the regions view', () => {
  it('says where each day/night figure comes from and the threshold it was held to', async () => {
    const page = await openAtlas(session.browser, session.server.url, '/?view=regions&elig=central_city_region');
    await page.waitForSelector('[data-testid="elig-counts"]');
    expect(await page.locator('[data-testid="elig-counts"]').innerText()).toMatch(/中心市 39（うち要件を満たさない 2）/);
    expect(await page.locator('#legend').innerText()).toContain('要確認');
    await page.locator('[data-testid="elig-failing"] button').first().click();
    await page.waitForSelector('[data-testid="daynight-used"]');
    expect(await page.locator('[data-testid="daynight-used"]').innerText()).toMatch(/従業常住比 2020）、基準 100% 以上/);
    // 山口市 and 宇部市 lead together (要綱第9); 宇部市's 従業常住比 0.990 misses the pair's 1以上.
    expect(await page.locator('[data-testid="candidate-panel"]').innerText()).toContain('宇部市');
    expect(await page.locator('[data-testid="criteria"]').innerText()).toMatch(/≈\t昼夜間人口比率（(本市|相手市)） 従業常住比 2020\t99\.0%/);
    await waitForIdleMap(page);
    await saveScreenshot(page, 'regions-eligibility-failing');
    await page.close();
  });
});
