import { describe, expect, it } from 'vitest';
import { openAtlas, saveScreenshot, useAtlasSession } from '../helpers/browser.ts';

const session = useAtlasSession();

describe('names everywhere (one search for the top bar and every picker; English mode in romaji)', () => {
  it('finds 茅ヶ崎市, 龍ヶ崎, setagaya and 檮原 from the search box', async () => {
    const page = await openAtlas(session.browser, session.server.url);
    for (const [typed, code] of [
      ['茅ヶ崎市', '14207'],
      ['龍ヶ崎', '08208'],
      ['setagaya', '13112'],
      ['檮原', '39405'],
    ]) {
      await page.fill('#search', '');
      await page.click('#search');
      await page.keyboard.type(typed);
      await page.waitForSelector('#search-list li');
      expect(await page.locator('#search-list li').first().getAttribute('data-code'), typed).toBe(code);
    }
    await page.close();
  });

  it('the disaster-aid origin picker takes kana like the search box', async () => {
    const page = await openAtlas(session.browser, session.server.url, '/?view=disaster');
    await page.click('#ds-origin');
    await page.keyboard.type('こまえ');
    await page.waitForSelector('#ds-origin-list li');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('origin') === '13219');
    expect(await page.inputValue('#ds-origin')).toBe('狛江市（東京都）');
    await page.close();
  });

  for (const size of [
    { width: 390, height: 844 },
    { width: 1400, height: 900 },
    { width: 1920, height: 1080 },
  ])
    it(`English mode names 13112 Setagaya, with its kanji beside, and labels the search in English (${size.width}×${size.height})`, async () => {
      const page = await openAtlas(session.browser, session.server.url, '/?lang=en&sel=13112', size);
      await page.waitForSelector('[data-testid="muni-name"]');
      expect(await page.locator('[data-testid="muni-name"]').innerText()).toContain('Setagaya');
      expect(await page.locator('#right .sub').first().innerText()).toContain('世田谷区');
      expect(await page.getAttribute('#search', 'aria-label')).toMatch(/^Search municipalities/);
      await page.click('#search');
      await page.keyboard.type('komae');
      await page.waitForSelector('#search-list li');
      expect(await page.locator('#search-list li').first().innerText()).toContain('Komae');
      await saveScreenshot(page, `names-english-${size.width}`);
      await page.close();
    });

  it('English mode names the exchanges in romaji: the selection, the places the flows join and the parties of a pact', async () => {
    const page = await openAtlas(session.browser, session.server.url, '/?lang=en&view=exchanges&sel=13219');
    await page.waitForFunction(() => document.querySelector('#xc-count')?.textContent?.includes('Komae-shi'));
    expect(await page.locator('#legend').innerText()).toContain('Komae-shi only');
    // The places the flows join carry the names their tooltips show.
    const names = await page.evaluate(() => {
      type Layers = { id: string; props: { data: { name?: string }[] } }[];
      const overlay = (window as unknown as { atlas: { ctx: { atlas: { overlay: { _props: { layers: Layers } } } } } }).atlas.ctx.atlas.overlay;
      return (overlay._props.layers.find((l) => l.id === 'xc-nodes')?.props.data ?? []).map((n) => n.name);
    });
    expect(names).toEqual(expect.arrayContaining(['Komae-shi', 'Nagaoka-shi']));
    await page.locator('#left [data-net]').first().click();
    await page.waitForSelector('[data-testid="network-title"]');
    expect(await page.locator('.xc-members').innerText()).toMatch(/-shi|-ku|-machi/);
    await page.close();
  });

  it('English mode names a region in romaji: its members, its commuting table and its outlook', async () => {
    const page = await openAtlas(session.browser, session.server.url, '/?lang=en&view=regions&region=ccr-34207');
    await page.waitForSelector('[data-testid="commuting-summary"]');
    expect(await page.locator('[data-testid="commuting-summary"]').innerText()).toContain('to Fukuyama-shi');
    const table = await page.locator('[data-testid="commuting-table"]').innerText();
    expect(table).toContain('Onomichi-shi');
    expect(table).not.toMatch(/[市町村]\s/);
    expect(await page.locator('#right').innerText()).toMatch(/Fukuyama central city region: [\d,]+ people/);
    await page.close();
  });
});
